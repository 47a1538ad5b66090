import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import * as login from '../../src/lib/server/auth/login';
import { RateLimiter } from '../../src/lib/server/auth/rate-limit';
import { users } from '../../src/lib/server/db/schema';
import * as accounts from '../../src/lib/server/users';
import { testDatabase, type TestDatabase } from '../helpers/db';

let handle: TestDatabase;

beforeAll(async () => {
	handle = await testDatabase();
});
afterAll(() => handle?.dispose());

const first = { username: ' Admin ', displayName: 'Alex Martin', password: 'premier mot de passe' };

describe('first run', () => {
	test('the first coordinator is created once; later attempts create nothing', async () => {
		expect(await accounts.hasCoordinator(handle.db)).toBe(false);

		const created = await accounts.createFirstCoordinator(handle.db, first);
		const again = await accounts.createFirstCoordinator(handle.db, {
			...first,
			username: 'intrus'
		});

		expect(created).toMatchObject({
			username: 'admin',
			displayName: 'Alex Martin',
			role: 'coordinator'
		});
		expect(again).toBeNull();
		expect(await accounts.hasCoordinator(handle.db)).toBe(true);
		expect((await accounts.coordinators(handle.db)).map((u) => u.username)).toEqual(['admin']);
	});

	test('two first-run forms sent at once create a single coordinator', async () => {
		const fresh = await testDatabase();
		try {
			const results = await Promise.all([
				accounts.createFirstCoordinator(fresh.db, { ...first, username: 'premier' }),
				accounts.createFirstCoordinator(fresh.db, { ...first, username: 'second' })
			]);

			expect(results.filter(Boolean)).toHaveLength(1);
			expect(await accounts.coordinators(fresh.db)).toHaveLength(1);
		} finally {
			await fresh.dispose();
		}
	});

	test('the password is stored hashed, never in clear', async () => {
		const [row] = await handle.db.select().from(users).where(eq(users.username, 'admin'));

		expect(row.passwordHash).toMatch(/^\$argon2id\$/);
		expect(row.passwordHash).not.toContain(first.password);
	});
});

describe('coordinator accounts', () => {
	test('fields are checked, each with a message naming it', async () => {
		const create = (patch: Partial<accounts.NewCoordinator>) =>
			accounts.createCoordinator(handle.db, { ...first, username: 'valide', ...patch });

		await expect(create({ username: 'a b' })).rejects.toMatchObject({ field: 'username' });
		await expect(create({ username: 'é' })).rejects.toMatchObject({ field: 'username' });
		await expect(create({ displayName: ' ' })).rejects.toMatchObject({ field: 'displayName' });
		await expect(create({ password: 'court' })).rejects.toMatchObject({
			field: 'password',
			message: 'Le mot de passe doit contenir au moins 10 caractères.'
		});
		await expect(create({ username: 'ADMIN' })).rejects.toMatchObject({
			field: 'username',
			message: 'L’identifiant « admin » est déjà pris.'
		});
	});

	test('two simultaneous requests for one username create one account', async () => {
		const results = await Promise.allSettled([
			accounts.createCoordinator(handle.db, { ...first, username: 'jumeau' }),
			accounts.createCoordinator(handle.db, { ...first, username: 'jumeau' })
		]);

		expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
		const rows = await handle.db.select().from(users).where(eq(users.username, 'jumeau'));
		expect(rows).toHaveLength(1);
	});

	test('a guest has no password and cannot log in', async () => {
		const guest = await accounts.createGuest(handle.db, 'Invité');

		expect(guest.role).toBe('guest');
		expect(await accounts.authenticate(handle.db, guest.id, '')).toBeNull();
	});
});

describe('login', () => {
	test('the right password signs in, whatever the case of the username', async () => {
		const result = await login.attempt(
			handle.db,
			{ address: '192.0.2.1', username: 'ADMIN', password: first.password },
			new RateLimiter({ max: 5, windowMs: 60_000 })
		);

		expect(result).toMatchObject({ ok: true, user: { username: 'admin' } });
	});

	test('an unknown user and a wrong password get the same message', async () => {
		const limiter = new RateLimiter({ max: 5, windowMs: 60_000 });
		const unknown = await login.attempt(
			handle.db,
			{ address: '192.0.2.1', username: 'personne', password: first.password },
			limiter
		);
		const wrong = await login.attempt(
			handle.db,
			{ address: '192.0.2.1', username: 'admin', password: 'mauvais mot de passe' },
			limiter
		);

		expect(unknown).toEqual({ ok: false, status: 400, message: login.WRONG_CREDENTIALS });
		expect(wrong).toEqual(unknown);
	});

	test('after five failures from one address the right password is refused too, until the wait ends', async () => {
		const clock = { now: 0 };
		const limiter = new RateLimiter({ max: 5, windowMs: 15 * 60_000, now: () => clock.now });
		const tryWith = (password: string, address = '192.0.2.7') =>
			login.attempt(handle.db, { address, username: 'admin', password }, limiter);

		for (let i = 0; i < 5; i++) expect((await tryWith('mauvais mot de passe')).ok).toBe(false);
		const blocked = await tryWith(first.password);
		const otherAddress = await tryWith(first.password, '192.0.2.8');
		clock.now += 15 * 60_000;
		const later = await tryWith(first.password);

		expect(blocked).toEqual({
			ok: false,
			status: 429,
			message: 'Trop de tentatives de connexion. Réessayez dans 15 minutes.'
		});
		expect(otherAddress.ok).toBe(true);
		expect(later.ok).toBe(true);
	});

	test('huge usernames share one bounded key instead of filling memory', async () => {
		const limiter = new RateLimiter({ max: 5, windowMs: 60_000 });
		const huge = (i: number) => `${'x'.repeat(1_000_000)}${i}`;
		const results = [];
		for (let i = 0; i < 6; i++) {
			results.push(
				await login.attempt(handle.db, { address: '192.0.2.10', username: huge(i), password: 'p' }, limiter)
			);
		}
		expect(results.slice(0, 5).map((r) => r.ok === false && r.status)).toEqual([400, 400, 400, 400, 400]);
		expect(results[5]).toMatchObject({ ok: false, status: 429 });
	});

	test('a successful login clears the count of earlier failures', async () => {
		const limiter = new RateLimiter({ max: 3, windowMs: 60_000 });
		const tryWith = (password: string) =>
			login.attempt(handle.db, { address: '192.0.2.9', username: 'admin', password }, limiter);

		await tryWith('mauvais mot de passe');
		await tryWith('mauvais mot de passe');
		expect((await tryWith(first.password)).ok).toBe(true);
		await tryWith('mauvais mot de passe');
		await tryWith('mauvais mot de passe');

		expect((await tryWith(first.password)).ok).toBe(true);
	});
});
