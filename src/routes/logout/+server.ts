import { error, redirect } from '@sveltejs/kit';
import * as cookie from '$lib/server/auth/cookie';
import * as session from '$lib/server/auth/session';
import type { RequestHandler } from './$types';

/**
 * POST only: a link or an image must not be able to sign someone out. SvelteKit checks the
 * origin of form posts only; a bodiless POST from another site is refused here.
 */
export const POST: RequestHandler = async ({ locals, cookies, url, request }) => {
	if (request.headers.get('origin') !== url.origin) error(403, 'Déconnexion refusée : requête venue d’un autre site.');
	if (locals.session) await session.invalidate(locals.db, locals.session.id);
	cookie.clear(cookies, url);
	redirect(303, '/');
};
