import { redirect } from '@sveltejs/kit';
import * as cookie from '$lib/server/auth/cookie';
import * as session from '$lib/server/auth/session';
import type { RequestHandler } from './$types';

/** POST only: a link or an image must not be able to sign someone out. */
export const POST: RequestHandler = async ({ locals, cookies, url }) => {
	if (locals.session) await session.invalidate(locals.db, locals.session.id);
	cookie.clear(cookies, url);
	redirect(303, '/');
};
