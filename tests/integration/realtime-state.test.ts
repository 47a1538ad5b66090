/** The rune wrapper components use, against a real server. */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { fieldText, roomName } from '../../src/lib/collab/draft-doc';
import { DraftState } from '../../src/lib/collab/draft-state.svelte';
import { colorFor } from '../../src/lib/collab/presence';
import { testDatabase, type TestDatabase } from '../helpers/db';
import {
	draftRoom,
	seedParty,
	socketClass,
	startRealtime,
	until,
	type Person,
	type RunningRealtime,
	type SeededParty
} from '../helpers/realtime';

let database: TestDatabase;
let server: RunningRealtime;
let party: SeededParty;

function state(room: string, who: Person) {
	return new DraftState({
		room,
		url: server.url,
		offline: false,
		user: { id: who.id, name: who.name, color: colorFor(who.id) },
		WebSocketPolyfill: socketClass({ cookie: who.cookie })
	});
}

beforeAll(async () => {
	database = await testDatabase();
	party = await seedParty(database.db);
	server = await startRealtime(database.db);
});

afterAll(async () => {
	await server?.close();
	await database?.dispose();
});

test('status, pending count, presence and undo follow the room', async () => {
	const alice = state(draftRoom(party), party.alice);
	const bob = state(draftRoom(party), party.bob);
	await until(() => [alice.status.phase, bob.status.phase], (p) => p.every((x) => x === 'synced'));
	expect(alice.editable).toBe(true);

	fieldText(alice.doc, 'nom')!.insert(0, 'Nouvelle ');
	expect(alice.pending).toBe(1);
	await until(() => alice.status.label, (label) => label === 'synchronisé');
	expect(alice.pending).toBe(0);

	bob.setFocus(party.listingUids[0], 'telephone');
	const seen = await until(
		() => alice.presence.find((p) => !p.self),
		(p) => p?.field === 'telephone'
	);
	expect(seen!.user.name).toBe('Bob');

	alice.undo();
	await until(
		() => fieldText(bob.doc, 'nom')!.toString(),
		(nom) => nom === 'Médiathèque 1'
	);
	alice.destroy();
	bob.destroy();
});

test('a closed party makes the state read-only and not editable', async () => {
	const closed = await seedParty(database.db, { status: 'closed' });
	const alice = state(roomName.party(closed.partyId), closed.alice);
	await until(() => alice.status.phase, (phase) => phase === 'read-only');
	expect(alice.editable).toBe(false);
	alice.destroy();
});
