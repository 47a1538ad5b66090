import { describe, expect, test } from 'vitest';
import * as password from './password';

describe('passwords', () => {
	test('a hash verifies its own password and no other', async () => {
		const hash = await password.hash('correct horse battery');

		expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
		expect(await password.verify(hash, 'correct horse battery')).toBe(true);
		expect(await password.verify(hash, 'correct horse batterY')).toBe(false);
	});

	test('the same password hashes differently each time (random salt)', async () => {
		expect(await password.hash('correct horse battery')).not.toBe(
			await password.hash('correct horse battery')
		);
	});

	test('a malformed stored hash fails the check instead of throwing', async () => {
		expect(await password.verify('not a hash', 'whatever password')).toBe(false);
	});

	test('new passwords need 10 to 256 characters', () => {
		expect(password.problem('123456789')).toBe(
			'Le mot de passe doit contenir au moins 10 caractères.'
		);
		expect(password.problem('1234567890')).toBeNull();
		expect(password.problem('x'.repeat(257))).toBe(
			'Le mot de passe doit contenir au plus 256 caractères.'
		);
	});
});
