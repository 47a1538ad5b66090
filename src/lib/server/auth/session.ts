/**
 * Cookie sessions kept in our own table, as the SvelteKit "lucia" add-on lays them out: the
 * cookie holds a random token, the table holds its SHA-256, sessions slide over 30 days.
 */
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import { eq } from 'drizzle-orm';
import type { Database } from '../db';
import { sessions, users, type Session, type User } from '../db/schema';

const DAY_MS = 24 * 60 * 60 * 1000;
const SESSION_LIFETIME_MS = 30 * DAY_MS;
const RENEW_WHEN_LEFT_MS = 15 * DAY_MS;

export const SESSION_COOKIE = 'cartoparty-session';

export type SessionUser = Pick<User, 'id' | 'displayName' | 'role' | 'username'>;
export interface ValidSession {
	session: Session;
	user: SessionUser;
}

export function generateToken(): string {
	const bytes = crypto.getRandomValues(new Uint8Array(20));
	return encodeBase32LowerCaseNoPadding(bytes);
}

export function sessionIdFromToken(token: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

export async function create(db: Database, token: string, userId: string): Promise<Session> {
	const session: Session = {
		id: sessionIdFromToken(token),
		userId,
		expiresAt: new Date(Date.now() + SESSION_LIFETIME_MS)
	};
	await db.insert(sessions).values(session);
	return session;
}

/** The session and its user, or null when the token is unknown or expired. */
export async function validate(db: Database, token: string): Promise<ValidSession | null> {
	const id = sessionIdFromToken(token);
	const [row] = await db
		.select({
			session: sessions,
			user: { id: users.id, displayName: users.displayName, role: users.role, username: users.username }
		})
		.from(sessions)
		.innerJoin(users, eq(sessions.userId, users.id))
		.where(eq(sessions.id, id));
	if (!row) return null;

	const { session, user } = row;
	if (Date.now() >= session.expiresAt.getTime()) {
		await db.delete(sessions).where(eq(sessions.id, id));
		return null;
	}
	if (Date.now() >= session.expiresAt.getTime() - RENEW_WHEN_LEFT_MS) {
		session.expiresAt = new Date(Date.now() + SESSION_LIFETIME_MS);
		await db.update(sessions).set({ expiresAt: session.expiresAt }).where(eq(sessions.id, id));
	}
	return { session, user };
}

export async function invalidate(db: Database, sessionId: string): Promise<void> {
	await db.delete(sessions).where(eq(sessions.id, sessionId));
}

/** Reads the session token from a raw Cookie header (the websocket upgrade has no Kit cookies). */
export function tokenFromCookieHeader(header: string | undefined): string | null {
	if (!header) return null;
	for (const part of header.split(';')) {
		const [name, ...rest] = part.trim().split('=');
		if (name === SESSION_COOKIE) return decodeURIComponent(rest.join('='));
	}
	return null;
}
