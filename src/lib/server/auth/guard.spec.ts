import { isHttpError, isRedirect } from '@sveltejs/kit';
import { describe, expect, test } from 'vitest';
import { requireCoordinator, requireUser, safeRedirect } from './guard';
import type { SessionUser } from './session';

const guest: SessionUser = { id: 'g', displayName: 'Léa', role: 'guest', username: null };
const coordinator: SessionUser = {
	id: 'c',
	displayName: 'Camille',
	role: 'coordinator',
	username: 'camille'
};

function asking(user: SessionUser | null, path = '/parties?q=63') {
	return { locals: { user } as App.Locals, url: new URL(`http://127.0.0.1${path}`) };
}

function thrown(fn: () => unknown): unknown {
	try {
		fn();
	} catch (error) {
		return error;
	}
	throw new Error('nothing was thrown');
}

describe('guards', () => {
	test('a signed-out visitor is sent to the login page and brought back afterwards', () => {
		const error = thrown(() => requireUser(asking(null)));

		expect(isRedirect(error) && error.location).toBe('/login?redirectTo=%2Fparties%3Fq%3D63');
	});

	test('coordinator pages refuse guests with a French 403 and let coordinators in', () => {
		const error = thrown(() => requireCoordinator(asking(guest)));

		expect(isHttpError(error) && [error.status, error.body.message]).toEqual([
			403,
			'Cette page est réservée aux coordinateurs.'
		]);
		expect(requireCoordinator(asking(coordinator))).toBe(coordinator);
	});

	test('only local paths are followed after login', () => {
		expect(
			['/parties/1', '//evil.example', '/\\evil.example', 'https://evil.example', '', null].map(
				safeRedirect
			)
		).toEqual(['/parties/1', '/', '/', '/', '/', '/']);
	});
});
