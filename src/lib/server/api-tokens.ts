/**
 * Tokens that let a script read the export API without a browser session
 * (`Authorization: Bearer <token>`). A coordinator creates one on the export page and sees it
 * once; like sessions, the table keeps only its SHA-256, so a leaked database leaks no token.
 */
import { desc, eq } from 'drizzle-orm';
import { INVISIBLE_MESSAGE, invisibleCharacter } from '$lib/domain/standard/characters';
import type { Database } from './db';
import { apiTokens, users } from './db/schema';
import { generateToken, sessionIdFromToken, type SessionUser } from './auth/session';

export const LABEL_MAX = 80;
/** A prefix that makes the token recognisable in a script or a secret scanner. */
const PREFIX = 'cpt_';

export class TokenError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'TokenError';
	}
}

export interface TokenSummary {
	id: string;
	label: string;
	createdBy: string;
	createdAt: Date;
	lastUsedAt: Date | null;
}

/** Creates a token and returns it in clear, the only time it exists outside its holder. */
export async function create(
	db: Database,
	userId: string,
	rawLabel: string
): Promise<{ token: string; id: string }> {
	const label = rawLabel.replace(/\s+/g, ' ').trim();
	if (!label) throw new TokenError('Donnez un nom au jeton (par exemple « script data.gouv.fr »).');
	if ([...label].length > LABEL_MAX) {
		throw new TokenError(`Le nom du jeton doit faire au plus ${LABEL_MAX} caractères.`);
	}
	if (invisibleCharacter(label, false)) throw new TokenError(`Le nom du jeton ${INVISIBLE_MESSAGE}`);
	const token = PREFIX + generateToken();
	const id = sessionIdFromToken(token);
	await db.insert(apiTokens).values({ id, label, createdBy: userId });
	return { token, id };
}

export async function list(db: Database): Promise<TokenSummary[]> {
	return db
		.select({
			id: apiTokens.id,
			label: apiTokens.label,
			createdBy: users.displayName,
			createdAt: apiTokens.createdAt,
			lastUsedAt: apiTokens.lastUsedAt
		})
		.from(apiTokens)
		.innerJoin(users, eq(users.id, apiTokens.createdBy))
		.orderBy(desc(apiTokens.createdAt));
}

export async function revoke(db: Database, id: string): Promise<boolean> {
	const removed = await db
		.delete(apiTokens)
		.where(eq(apiTokens.id, id))
		.returning({ id: apiTokens.id });
	return removed.length > 0;
}

/** The token's row when the token is known, after noting its use; null otherwise. */
export async function verify(
	db: Database,
	token: string
): Promise<{ id: string; createdBy: string } | null> {
	if (!token.startsWith(PREFIX)) return null;
	const [row] = await db
		.update(apiTokens)
		.set({ lastUsedAt: new Date() })
		.where(eq(apiTokens.id, sessionIdFromToken(token)))
		.returning({ id: apiTokens.id, createdBy: apiTokens.createdBy });
	return row ?? null;
}

/** The token of an `Authorization: Bearer …` header, or null. */
export function bearerToken(header: string | null): string | null {
	const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
	return match ? match[1] : null;
}

export type ExportAccess = { by: 'session' | 'token'; userId: string };

/**
 * Who may read the export API: a signed-in coordinator, or a script with a valid token.
 * Null means neither, and the endpoint answers 401.
 */
export async function exportAccess(
	db: Database,
	user: SessionUser | null,
	authorization: string | null
): Promise<ExportAccess | null> {
	if (user?.role === 'coordinator') return { by: 'session', userId: user.id };
	const token = bearerToken(authorization);
	if (!token) return null;
	const row = await verify(db, token);
	return row ? { by: 'token', userId: row.createdBy } : null;
}

export const UNAUTHORIZED_MESSAGE =
	"Authentification requise : connectez-vous comme coordinateur, ou envoyez un jeton d'API dans l'en-tête « Authorization: Bearer <jeton> » (jetons créés sur la page Export).";
