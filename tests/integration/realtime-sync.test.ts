/** Editing together through one server: convergence, honest saving, unloading, compaction. */
import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import { enumSet, fieldText, readDraft, roomName } from '../../src/lib/collab/draft-doc';
import { readPresence, setFocus } from '../../src/lib/collab/presence';
import { roomUpdates } from '../../src/lib/server/db/schema';
import { loadDraftSnapshot } from '../../src/realtime/drafts';
import { testDatabase, type TestDatabase } from '../helpers/db';
import {
	client,
	draftRoom,
	saved,
	seedParty,
	startRealtime,
	until,
	type RunningRealtime,
	type SeededParty
} from '../helpers/realtime';
import type { RoomConnection } from '../../src/lib/collab/connect';

let database: TestDatabase;
let server: RunningRealtime;
let party: SeededParty;
const open: RoomConnection[] = [];

function connect(room: string, who = party.alice) {
	const connection = client(server.url, room, who);
	open.push(connection);
	return connection;
}

function text(connection: RoomConnection, field: string) {
	return fieldText(connection.doc, field)?.toString();
}

async function rowsOf(room: string) {
	return database.db.select().from(roomUpdates).where(eq(roomUpdates.room, room));
}

beforeAll(async () => {
	database = await testDatabase();
	party = await seedParty(database.db);
	server = await startRealtime(database.db, { limits: { idleUnloadMs: 150 } });
});

afterEach(() => {
	for (const connection of open.splice(0)) connection.destroy();
});

afterAll(async () => {
	await server?.close();
	await database?.dispose();
});

describe('two people editing one draft', () => {
	test('typing in the same field at the same moment keeps both texts', async () => {
		const a = connect(draftRoom(party));
		const b = connect(draftRoom(party), party.bob);
		await Promise.all([saved(a), saved(b)]);
		expect(text(a, 'nom')).toBe('Médiathèque 1');

		fieldText(a.doc, 'nom')!.insert(0, 'A-');
		fieldText(b.doc, 'nom')!.insert(0, 'B-');
		await until(
			() => [text(a, 'nom'), text(b, 'nom')],
			([x, y]) => x === y && x!.length === 'A-B-Médiathèque 1'.length
		);
		await Promise.all([saved(a), saved(b)]);

		expect(['A-B-Médiathèque 1', 'B-A-Médiathèque 1']).toContain(text(a, 'nom'));
		const stored = await loadDraftSnapshot(database.db, party.partyId, party.listingUids[0]);
		expect(stored?.values.nom).toBe(text(a, 'nom'));
	});

	test('editing different fields keeps both edits', async () => {
		const a = connect(draftRoom(party));
		const b = connect(draftRoom(party), party.bob);
		await Promise.all([saved(a), saved(b)]);

		const phone = fieldText(a.doc, 'telephone')!;
		phone.delete(0, phone.length);
		phone.insert(0, '0473111111');
		enumSet(b.doc, 'typologie')!.set('BIB', true);
		await until(
			() => [text(b, 'telephone'), enumSet(a.doc, 'typologie')!.has('BIB')],
			([phoneSeen, bib]) => phoneSeen === '0473111111' && bib === true
		);
		await Promise.all([saved(a), saved(b)]);

		const stored = await loadDraftSnapshot(database.db, party.partyId, party.listingUids[0]);
		expect(stored?.values.telephone).toBe('0473111111');
		expect(stored?.values.typologie).toEqual(['BIB', 'MUNI']);
	});
});

describe('saving is reported honestly', () => {
	test('"synchronisé" is shown only once the edit is in the database', async () => {
		const a = connect(draftRoom(party, 1));
		await saved(a);
		const statuses: string[] = [];
		a.onStatus((s) => statuses.push(s.label));

		fieldText(a.doc, 'adresse')!.insert(0, 'Bâtiment B, ');
		expect(a.status().pending).toBe(1);
		await saved(a);

		expect(statuses[0]).toBe('enregistrement — 1 modification en attente');
		expect(statuses.at(-1)).toBe('synchronisé');
		const rows = await rowsOf(draftRoom(party, 1));
		const doc = new Y.Doc();
		for (const row of rows) Y.applyUpdate(doc, new Uint8Array(row.update));
		expect(readDraft(doc)?.values.adresse).toBe('Bâtiment B, 2 place de Jaude');
	});

	test('edits made while disconnected are counted, then sent and confirmed', async () => {
		const a = connect(draftRoom(party, 1));
		await saved(a);
		a.provider.disconnect();
		await until(a.status, (s) => s.phase === 'offline');

		fieldText(a.doc, 'nom')!.insert(0, 'x');
		fieldText(a.doc, 'nom')!.insert(0, 'y');
		expect(a.status().label).toBe('hors ligne — 2 modifications en attente');

		a.provider.connect();
		await saved(a);
		const stored = await loadDraftSnapshot(database.db, party.partyId, party.listingUids[1]);
		expect(stored?.values.nom).toBe('yxMédiathèque 2');
	});
});

describe('rooms in memory', () => {
	test('a room nobody is in is unloaded, then reloaded intact', async () => {
		const room = roomName.draft(party.partyId, party.listingUids[1]);
		const a = connect(room);
		await saved(a);
		fieldText(a.doc, 'horaires')!.insert(0, 'Mo-Fr 09:00-12:00');
		await saved(a);
		a.destroy();
		await until(
			() => server.realtime.rooms().has(room),
			(loaded) => !loaded
		);

		const b = connect(room, party.bob);
		await saved(b);
		expect(text(b, 'horaires')).toBe('Mo-Fr 09:00-12:00');
		expect(text(b, 'nom')).toBe('yxMédiathèque 2');
	});

	test('compaction merges the rows of a room into one without changing the draft', async () => {
		const room = draftRoom(party);
		const a = connect(room);
		await saved(a);
		for (const word of ['un ', 'deux ', 'trois ']) {
			fieldText(a.doc, 'presentation_resume')!.insert(0, word);
			await saved(a);
		}
		const before = await loadDraftSnapshot(database.db, party.partyId, party.listingUids[0]);
		expect((await rowsOf(room)).length).toBeGreaterThanOrEqual(4);

		await server.realtime.compact(room);

		expect(await rowsOf(room)).toHaveLength(1);
		const after = await loadDraftSnapshot(database.db, party.partyId, party.listingUids[0]);
		expect(after).toEqual(before);
		expect(after?.values.presentation_resume).toBe('trois deux un');
	});
});

describe('presence in the party room', () => {
	test('others see who is on which field, under the name the server knows', async () => {
		const room = roomName.party(party.partyId);
		const a = connect(room);
		const b = connect(room, party.bob);
		await Promise.all([saved(a), saved(b)]);
		const forged = { id: 'someone-else', name: 'Faux nom', color: '#ff0000' };
		a.awareness.setLocalStateField('user', forged);
		setFocus(a.awareness, party.listingUids[0], 'telephone');

		const seen = await until(
			() => readPresence(b.awareness).find((p) => !p.self && p.listingUid),
			(p) => p?.field === 'telephone'
		);
		expect(seen!.user).toEqual({ id: party.alice.id, name: 'Alice', color: '#ff0000' });
		expect(seen!.listingUid).toBe(party.listingUids[0]);
	});

	test('closing a tab removes its presence for the others at once', async () => {
		const room = roomName.party(party.partyId);
		const a = connect(room);
		const b = connect(room, party.bob);
		await Promise.all([saved(a), saved(b)]);
		await until(
			() => readPresence(b.awareness).some((p) => p.clientId === a.doc.clientID),
			(present) => present
		);

		const started = Date.now();
		a.destroy();
		await until(
			() => readPresence(b.awareness).some((p) => p.clientId === a.doc.clientID),
			(present) => !present,
			2_000
		);
		expect(Date.now() - started).toBeLessThan(2_000);
	});
});
