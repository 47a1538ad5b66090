/** Password login for coordinators, rate-limited per client address and username. */
import type { Database } from '../db';
import { authenticate, normalizeUsername } from '../users';
import { minutes, RateLimiter } from './rate-limit';
import type { SessionUser } from './session';

/** Five tries per quarter of an hour: enough for typos, far too few to guess a password. */
export const loginLimiter = new RateLimiter({ max: 5, windowMs: 15 * 60_000 });

/** One message for an unknown user and a wrong password, so that neither is revealed. */
export const WRONG_CREDENTIALS = 'Identifiant ou mot de passe incorrect.';

export type LoginResult =
	| { ok: true; user: SessionUser }
	| { ok: false; status: 400 | 429; message: string };

export async function attempt(
	db: Database,
	input: { address: string; username: string; password: string },
	limiter = loginLimiter
): Promise<LoginResult> {
	// Usernames are short (see users.ts); a longer one is bounded here so that the limiter's
	// keys cannot grow with what a client sends.
	const key = `${input.address.slice(0, 64)}|${normalizeUsername(input.username.slice(0, 256)).slice(0, 64)}`;
	const verdict = limiter.consume(key);
	if (!verdict.allowed) {
		const wait = minutes(verdict.retryAfterMs);
		const unit = wait > 1 ? 'minutes' : 'minute';
		return {
			ok: false,
			status: 429,
			message: `Trop de tentatives de connexion. Réessayez dans ${wait} ${unit}.`
		};
	}

	const user = await authenticate(db, input.username, input.password);
	if (!user) return { ok: false, status: 400, message: WRONG_CREDENTIALS };
	limiter.reset(key);
	return { ok: true, user };
}
