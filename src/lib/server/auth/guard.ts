/** Who may see a page: signed-in users, coordinators. Party membership is in parties/. */
import { error, redirect } from '@sveltejs/kit';
import type { SessionUser } from './session';

interface Asking {
	locals: App.Locals;
	url: URL;
}

/** A local path to come back to after login; anything else (`//host`, `https:`) goes home. */
export function safeRedirect(target: string | null | undefined): string {
	if (!target || !target.startsWith('/') || target.startsWith('//') || target.startsWith('/\\')) {
		return '/';
	}
	return target;
}

export function loginUrl(url: URL): string {
	return `/login?redirectTo=${encodeURIComponent(url.pathname + url.search)}`;
}

/** The signed-in user; anyone else is sent to the login page and brought back afterwards. */
export function requireUser({ locals, url }: Asking): SessionUser {
	if (!locals.user) redirect(303, loginUrl(url));
	return locals.user;
}

export function requireCoordinator(asking: Asking): SessionUser {
	const user = requireUser(asking);
	if (user.role !== 'coordinator') error(403, 'Cette page est réservée aux coordinateurs.');
	return user;
}
