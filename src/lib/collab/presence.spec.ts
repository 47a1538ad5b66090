import { describe, expect, test } from 'vitest';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { colorFor, othersOn, readPresence, setFocus, setUser } from './presence';

function person(id: string, name: string) {
	const awareness = new Awareness(new Y.Doc());
	setUser(awareness, { id, name, color: colorFor(id) });
	return awareness;
}

function share(from: Awareness, to: Awareness) {
	applyAwarenessUpdate(to, encodeAwarenessUpdate(from, [from.clientID]), 'remote');
}

describe('party presence', () => {
	test('lists everyone by name with the listing and field they are on', () => {
		const zoe = person('u-zoe', 'Zoé');
		const alice = person('u-alice', 'Alice');
		setFocus(alice, 'listing-1', 'telephone');
		share(alice, zoe);

		const list = readPresence(zoe);
		expect(list.map((p) => [p.user.name, p.listingUid, p.field, p.self])).toEqual([
			['Alice', 'listing-1', 'telephone', false],
			['Zoé', null, null, true]
		]);
		zoe.destroy();
		alice.destroy();
	});

	test('others on a listing count each person once, without this tab', () => {
		const me = person('u-me', 'Moi');
		const tab1 = person('u-bob', 'Bob');
		const tab2 = person('u-bob', 'Bob');
		for (const a of [tab1, tab2, me]) setFocus(a, 'listing-1', 'nom');
		share(tab1, me);
		share(tab2, me);

		expect(othersOn(readPresence(me), 'listing-1').map((p) => p.user.name)).toEqual(['Bob']);
		expect(othersOn(readPresence(me), 'listing-2')).toEqual([]);
		for (const a of [tab1, tab2, me]) a.destroy();
	});

	test('a user keeps the same colour everywhere', () => {
		expect(colorFor('u-alice')).toBe(colorFor('u-alice'));
		expect(colorFor('u-alice')).toMatch(/^#[0-9a-f]{6}$/);
	});
});
