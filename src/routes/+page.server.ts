import { redirect } from '@sveltejs/kit';
import * as parties from '$lib/server/parties';
import { hasCoordinator } from '$lib/server/users';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	if (!locals.user) {
		if (!(await hasCoordinator(locals.db))) redirect(303, '/setup');
		return { parties: [] };
	}
	return { parties: await parties.list(locals.db, locals.user.id) };
};
