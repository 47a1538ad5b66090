import { fail, redirect } from '@sveltejs/kit';
import * as cookie from '$lib/server/auth/cookie';
import { safeRedirect } from '$lib/server/auth/guard';
import * as login from '$lib/server/auth/login';
import * as session from '$lib/server/auth/session';
import { hasCoordinator } from '$lib/server/users';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	if (!(await hasCoordinator(locals.db))) redirect(303, '/setup');
	if (locals.user?.role === 'coordinator') {
		redirect(303, safeRedirect(url.searchParams.get('redirectTo')));
	}
};

export const actions: Actions = {
	default: async ({ locals, request, cookies, url, getClientAddress }) => {
		const form = await request.formData();
		const username = String(form.get('username') ?? '');
		const password = String(form.get('password') ?? '');

		// TODO: behind a reverse proxy every client shares its address unless ADDRESS_HEADER is
		// set (adapter-node); the limit then applies per username across all clients.
		const result = await login.attempt(locals.db, {
			address: getClientAddress(),
			username,
			password
		});
		if (!result.ok) return fail(result.status, { message: result.message, username });

		// A guest session on this browser is replaced, not kept alongside.
		if (locals.session) await session.invalidate(locals.db, locals.session.id);
		await cookie.signIn(locals.db, cookies, url, result.user.id);
		redirect(303, safeRedirect(url.searchParams.get('redirectTo')));
	}
};
