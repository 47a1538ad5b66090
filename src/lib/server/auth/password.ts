/**
 * Coordinator passwords, hashed with argon2id. The library's defaults (19 MiB, 2 passes, one
 * thread) are the OWASP minimum for argon2id, and the hash string records them, so raising
 * them later keeps old hashes verifiable.
 */
import { hash as argon2Hash, verify as argon2Verify } from '@node-rs/argon2';

export const MIN_LENGTH = 10;
/** argon2 accepts more, but a bound keeps a huge body from costing a hash. */
export const MAX_LENGTH = 256;

/** Why a new password is refused, in French, or null when it is acceptable. */
export function problem(password: string): string | null {
	if (password.length < MIN_LENGTH) {
		return `Le mot de passe doit contenir au moins ${MIN_LENGTH} caractères.`;
	}
	if (password.length > MAX_LENGTH) {
		return `Le mot de passe doit contenir au plus ${MAX_LENGTH} caractères.`;
	}
	return null;
}

export function hash(password: string): Promise<string> {
	return argon2Hash(password);
}

export async function verify(passwordHash: string, password: string): Promise<boolean> {
	if (password.length > MAX_LENGTH) return false;
	try {
		return await argon2Verify(passwordHash, password);
	} catch {
		// A malformed stored hash is a failed check, not a crash of the login page.
		return false;
	}
}

let decoy: Promise<string> | undefined;

/**
 * Spends the time of one verification when the username is unknown, so that response times
 * do not tell which usernames exist.
 */
export async function verifyDecoy(password: string): Promise<false> {
	decoy ??= hash('decoy password never used');
	await verify(await decoy, password);
	return false;
}
