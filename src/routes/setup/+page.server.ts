import { redirect } from '@sveltejs/kit';
import * as cookie from '$lib/server/auth/cookie';
import { removeSample, sampleListingCount } from '$lib/server/io/seed';
import { createFirstCoordinator, hasCoordinator } from '$lib/server/users';
import { readAccount, refused } from './account';
import type { Actions, PageServerLoad } from './$types';

/** First run only: once a coordinator exists, this page is gone. */
export const load: PageServerLoad = async ({ locals }) => {
	if (await hasCoordinator(locals.db)) {
		redirect(303, locals.user?.role === 'coordinator' ? '/setup/users' : '/login');
	}
	return { sample: await sampleListingCount(locals.db) };
};

export const actions: Actions = {
	default: async ({ locals, request, cookies, url }) => {
		const form = await request.formData();
		const input = readAccount(form);

		let user;
		try {
			user = await createFirstCoordinator(locals.db, input);
		} catch (error) {
			return refused(error, input);
		}
		if (!user) redirect(303, '/login');
		// Unticked box: the hub starts from its own file, without the demonstration listings.
		if (form.has('sampleShown') && !form.has('keepSample')) await removeSample(locals.db);

		await cookie.signIn(locals.db, cookies, url, user.id);
		redirect(303, '/parties');
	}
};
