/** Loading rooms safely: a failed load writes nothing, a draft is seeded once. */
import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import type { RoomConnection } from '../../src/lib/collab/connect';
import { fieldText, enumSet } from '../../src/lib/collab/draft-doc';
import { CLOSE } from '../../src/lib/collab/protocol';
import { roomUpdates } from '../../src/lib/server/db/schema';
import { loadDraftSnapshot } from '../../src/realtime/drafts';
import { testDatabase, type TestDatabase } from '../helpers/db';
import {
	client,
	draftRoom,
	redisPrefix,
	saved,
	seedParty,
	startRealtime,
	until,
	type RunningRealtime
} from '../helpers/realtime';

let database: TestDatabase;
let server: RunningRealtime;
const open: RoomConnection[] = [];

function connect(url: string, room: string, who: Parameters<typeof client>[2]) {
	const connection = client(url, room, who);
	open.push(connection);
	return connection;
}

async function rowsOf(room: string) {
	return database.db.select().from(roomUpdates).where(eq(roomUpdates.room, room));
}

beforeAll(async () => {
	database = await testDatabase();
	server = await startRealtime(database.db, { limits: { idleUnloadMs: 100 } });
});

afterEach(() => {
	for (const connection of open.splice(0)) connection.destroy();
});

afterAll(async () => {
	await server?.close();
	await database?.dispose();
});

describe('a room that cannot be loaded', () => {
	test('closes its sockets with 4500, writes nothing, and loses no edit once repaired', async () => {
		const party = await seedParty(database.db);
		const room = draftRoom(party);
		const alice = connect(server.url, room, party.alice);
		await saved(alice);
		fieldText(alice.doc, 'nom')!.insert(0, 'Grande ');
		await saved(alice);
		alice.provider.disconnect();
		await until(() => server.realtime.rooms().has(room), (loaded) => !loaded);

		// A row Yjs cannot read makes the next load fail.
		const [corrupt] = await database.db
			.insert(roomUpdates)
			.values({ room, update: Buffer.from([1, 2, 3, 4, 5]) })
			.returning({ id: roomUpdates.id });
		const rowsBefore = (await rowsOf(room)).map((row) => row.id).sort();

		fieldText(alice.doc, 'adresse')!.insert(0, 'Hall 2, ');
		const codes: number[] = [];
		alice.provider.on('connection-close', (event) => event && codes.push(event.code));
		alice.provider.connect();
		const bob = connect(server.url, room, party.bob);
		await until(() => codes, (seen) => seen.includes(CLOSE.serverError));

		expect((await rowsOf(room)).map((row) => row.id).sort()).toEqual(rowsBefore);
		expect(alice.status().pending).toBe(1);
		expect(fieldText(bob.doc, 'nom')).toBeUndefined();

		await database.db.delete(roomUpdates).where(eq(roomUpdates.id, corrupt.id));
		await Promise.all([saved(alice, 15_000), saved(bob, 15_000)]);
		await until(
			() => fieldText(bob.doc, 'adresse')?.toString(),
			(adresse) => adresse === 'Hall 2, 1 place de Jaude'
		);
		const stored = await loadDraftSnapshot(database.db, party.partyId, party.listingUids[0]);
		expect(stored?.values.nom).toBe('Grande Médiathèque 1');
		expect(stored?.values.adresse).toBe('Hall 2, 1 place de Jaude');
	});
});

describe('a draft nobody has opened yet', () => {
	test('opened at once through two processes is seeded once and keeps every edit', async () => {
		const redis = redisPrefix();
		const one = await startRealtime(database.db, { redisPrefix: redis.prefix });
		const two = await startRealtime(database.db, { redisPrefix: redis.prefix });
		try {
			const party = await seedParty(database.db);
			const room = draftRoom(party);
			const alice = connect(one.url, room, party.alice);
			const bob = connect(two.url, room, party.bob);
			await Promise.all([saved(alice), saved(bob)]);

			fieldText(alice.doc, 'nom')!.insert(0, 'Petite ');
			enumSet(bob.doc, 'typologie')!.set('BIB', true);
			await until(
				() => [fieldText(bob.doc, 'nom')?.toString(), enumSet(alice.doc, 'typologie')?.has('BIB')],
				([nom, bib]) => nom === 'Petite Médiathèque 1' && bib === true
			);
			await Promise.all([saved(alice), saved(bob)]);

			const stored = await loadDraftSnapshot(database.db, party.partyId, party.listingUids[0]);
			expect(stored?.values.nom).toBe('Petite Médiathèque 1');
			expect(stored?.values.typologie).toEqual(['BIB', 'MUNI']);
			expect(stored?.values.telephone).toBe('0473000000');
			expect(stored?.values.adresse).toBe('1 place de Jaude');
			// The seed row, then one row per edit: the second opener found the draft seeded.
			expect(await rowsOf(room)).toHaveLength(3);
		} finally {
			await one.close();
			await two.close();
			await redis.clean();
		}
	});
});

describe('an update stored by a process that died before publishing it', () => {
	test('still reaches the other processes, read back from the database', async () => {
		const redis = redisPrefix();
		const survivor = await startRealtime(database.db, {
			redisPrefix: redis.prefix,
			limits: { catchUpIntervalMs: 200 }
		});
		try {
			const party = await seedParty(database.db);
			const room = draftRoom(party);
			const bob = connect(survivor.url, room, party.bob);
			await saved(bob);

			// What the dead process stored: an edit on top of the draft, never published.
			const elsewhere = new Y.Doc();
			Y.applyUpdate(elsewhere, Y.encodeStateAsUpdate(bob.doc));
			const before = Y.encodeStateVector(elsewhere);
			fieldText(elsewhere, 'commune')!.insert(0, 'Ville de ');
			const update = Y.encodeStateAsUpdate(elsewhere, before);
			await database.db.insert(roomUpdates).values({ room, update: Buffer.from(update) });

			const commune = await until(
				() => fieldText(bob.doc, 'commune')?.toString(),
				(value) => value === 'Ville de Clermont-Ferrand',
				3_000
			);
			expect(commune).toBe('Ville de Clermont-Ferrand');
		} finally {
			await survivor.close();
			await redis.clean();
		}
	});
});

