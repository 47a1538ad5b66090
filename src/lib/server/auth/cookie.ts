/** The session cookie, as pages set and clear it after login, first run, join and logout. */
import type { Cookies } from '@sveltejs/kit';
import type { Database } from '../db';
import * as session from './session';

/** `secure` follows the request: an http LAN address must still get its cookie. */
function options(url: URL) {
	return { path: '/', httpOnly: true, sameSite: 'lax', secure: url.protocol === 'https:' } as const;
}

export function set(cookies: Cookies, url: URL, token: string, expiresAt: Date): void {
	cookies.set(session.SESSION_COOKIE, token, { ...options(url), expires: expiresAt });
}

export function clear(cookies: Cookies, url: URL): void {
	cookies.delete(session.SESSION_COOKIE, options(url));
}

/** Opens a session for the user and hands its cookie to the browser. */
export async function signIn(db: Database, cookies: Cookies, url: URL, userId: string) {
	const token = session.generateToken();
	const created = await session.create(db, token, userId);
	set(cookies, url, token, created.expiresAt);
	return created;
}
