import { describe, expect, test } from 'vitest';
import { decodeAwareness, encodeAwareness, sanitizeState } from './awareness';

const ALICE = { id: 'u-alice', displayName: 'Alice' };
const LISTING = '6ffeaad3-2532-4d34-bcd1-0aaf7aab21c4';

describe('presence from a socket', () => {
	test('shows the signed-in user, whatever the browser claimed', () => {
		const state = sanitizeState(
			{ user: { id: 'u-admin', name: 'Admin', color: '#00aa00' }, listingUid: LISTING, field: 'nom' },
			ALICE
		);
		expect(state).toEqual({
			user: { id: 'u-alice', name: 'Alice', color: '#00aa00' },
			listingUid: LISTING,
			field: 'nom'
		});
	});

	test('drops a colour, listing or field that is not of the expected shape', () => {
		const state = sanitizeState(
			{ user: { color: 'red;background:url(x)' }, listingUid: '../etc', field: '<b>' },
			ALICE
		);
		expect(state).toEqual({ user: { id: 'u-alice', name: 'Alice', color: null } });
	});

	test('relays a known field name only, and nothing a client adds besides', () => {
		const state = sanitizeState(
			{ user: {}, listingUid: LISTING, field: '__proto__', cursor: { x: 1 }, big: 'x'.repeat(100) },
			ALICE
		);
		expect(state).toEqual({ user: { id: 'u-alice', name: 'Alice', color: null }, listingUid: LISTING });
		expect(sanitizeState({ user: {}, field: 'horaires' }, ALICE).field).toBe('horaires');
	});

	test('keeps a cleared focus (null)', () => {
		const state = sanitizeState({ user: {}, listingUid: null, field: null }, ALICE);
		expect(state.listingUid).toBeNull();
		expect(state.field).toBeNull();
	});

	test('decodes what it encodes, and refuses a state that is not an object', () => {
		const entries = [{ clientId: 7, clock: 3, state: { user: { id: 'x' } } }];
		expect(decodeAwareness(encodeAwareness(entries))).toEqual(entries);
		const list = encodeAwareness([{ clientId: 1, clock: 1, state: [] as unknown as null }]);
		expect(() => decodeAwareness(list)).toThrow('awareness state is not an object');
	});
});
