/** Rights that change while people are connected: removal, closing a party, logouts, limits. */
import { and, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import WebSocket from 'ws';
import type { RoomConnection } from '../../src/lib/collab/connect';
import { fieldText, metaMap, roomName } from '../../src/lib/collab/draft-doc';
import { CLOSE, MESSAGE_QUERY_AWARENESS } from '../../src/lib/collab/protocol';
import { parties, partyMembers, roomUpdates, sessions } from '../../src/lib/server/db/schema';
import { testDatabase, type TestDatabase } from '../helpers/db';
import {
	client,
	closeCodeOf,
	draftRoom,
	saved,
	seedParty,
	startRealtime,
	until,
	type RunningRealtime,
	type SeededParty
} from '../helpers/realtime';

let database: TestDatabase;
let server: RunningRealtime;
const open: RoomConnection[] = [];

function connect(room: string, who: SeededParty['alice']) {
	const connection = client(server.url, room, who);
	open.push(connection);
	return connection;
}

function closeCode(connection: RoomConnection): Promise<number> {
	return new Promise((done) =>
		connection.provider.on('connection-close', (event) => event && done(event.code))
	);
}

async function rowCount(room: string) {
	const rows = await database.db.select().from(roomUpdates).where(eq(roomUpdates.room, room));
	return rows.length;
}

beforeAll(async () => {
	database = await testDatabase();
	server = await startRealtime(database.db, {
		limits: { pingIntervalMs: 300, messagesPerSecond: 5, messageBurst: 40, maxSocketsPerUser: 4 }
	});
});

afterEach(() => {
	for (const connection of open.splice(0)) connection.destroy();
});

afterAll(async () => {
	await server?.close();
	await database?.dispose();
});

describe('removing a participant', () => {
	test('cuts them off within 5 s even when only the database says so', async () => {
		const party = await seedParty(database.db);
		const alice = connect(draftRoom(party), party.alice);
		const bob = connect(draftRoom(party), party.bob);
		await Promise.all([saved(alice), saved(bob)]);
		const code = closeCode(alice);

		const started = Date.now();
		await database.db
			.update(partyMembers)
			.set({ revokedAt: new Date() })
			.where(and(eq(partyMembers.partyId, party.partyId), eq(partyMembers.userId, party.alice.id)));

		expect(await code).toBe(CLOSE.revoked);
		expect(Date.now() - started).toBeLessThan(5_000);
		const status = await until(alice.status, (s) => s.phase === 'refused');
		expect(status.message).toBe('Vous ne faites plus partie de cette carto party.');
		expect(bob.provider.wsconnected).toBe(true);
	});

	test('cuts them off at once when the server is told', async () => {
		const party = await seedParty(database.db);
		const alice = connect(roomName.party(party.partyId), party.alice);
		await saved(alice);
		const code = closeCode(alice);

		const started = Date.now();
		await server.realtime.revoke({ partyId: party.partyId, userId: party.alice.id });

		expect(await code).toBe(CLOSE.revoked);
		expect(Date.now() - started).toBeLessThan(500);
	});

	test('a deleted session (logout) is cut off too', async () => {
		const party = await seedParty(database.db);
		const alice = connect(draftRoom(party), party.alice);
		await saved(alice);
		const code = closeCode(alice);

		await database.db.delete(sessions).where(eq(sessions.userId, party.alice.id));

		expect(await code).toBe(CLOSE.notSignedIn);
	});
});

describe('what a participant may write', () => {
	test('an update that rewrites the draft’s base is refused with 4423 and never stored', async () => {
		const party = await seedParty(database.db);
		const mallory = connect(draftRoom(party), party.alice);
		const bob = connect(draftRoom(party), party.bob);
		await Promise.all([saved(mallory), saved(bob)]);
		fieldText(mallory.doc, 'nom')!.insert(0, 'La ');
		await saved(mallory);
		const code = closeCode(mallory);

		metaMap(mallory.doc).set('baseVersion', 99);

		expect(await code).toBe(CLOSE.forbiddenWrite);
		const status = await until(mallory.status, (s) => s.phase === 'refused');
		expect(status.message).toMatch(/^Modification refusée/);
		// The edit inside a field went through; the base did not, for anyone.
		expect(await rowCount(draftRoom(party))).toBe(2);
		await until(
			() => fieldText(bob.doc, 'nom')?.toString(),
			(nom) => nom === 'La Médiathèque 1'
		);
		expect(metaMap(bob.doc).get('baseVersion')).toBe(1);
		expect(bob.provider.wsconnected).toBe(true);
	});
});

describe('a closed party', () => {
	test('can be read but not edited', async () => {
		const party = await seedParty(database.db, { status: 'closed' });
		const alice = connect(draftRoom(party), party.alice);
		const status = await until(alice.status, (s) => s.phase === 'read-only');
		expect(status.label).toBe('lecture seule');
		expect(status.message).toBe('La carto party est close : les fiches sont en lecture seule.');
		await until(
			() => fieldText(alice.doc, 'nom')?.toString(),
			(nom) => nom === 'Médiathèque 1'
		);

		fieldText(alice.doc, 'nom')!.insert(0, 'interdit ');
		await new Promise((r) => setTimeout(r, 300));

		expect(await rowCount(draftRoom(party))).toBe(1);
		expect(alice.status().phase).toBe('read-only');
	});

	test('turns editors read-only when it closes, and writable when it reopens', async () => {
		const party = await seedParty(database.db);
		const alice = connect(draftRoom(party), party.alice);
		await saved(alice);

		await database.db.update(parties).set({ status: 'closed' }).where(eq(parties.id, party.partyId));
		await server.realtime.revoke({ partyId: party.partyId });
		await until(alice.status, (s) => s.phase === 'read-only', 1_000);
		fieldText(alice.doc, 'nom')!.insert(0, 'trop tard ');
		await new Promise((r) => setTimeout(r, 300));
		expect(await rowCount(draftRoom(party))).toBe(1);

		await database.db.update(parties).set({ status: 'open' }).where(eq(parties.id, party.partyId));
		await until(alice.status, (s) => s.phase !== 'read-only', 5_000);
		// The edit refused while closed is still in the tab; a reconnection sends it.
		alice.provider.disconnect();
		alice.provider.connect();
		await saved(alice);
		expect(await rowCount(draftRoom(party))).toBe(2);
	});
});

describe('per-socket limits', () => {
	test('a socket that does not answer pings is terminated', async () => {
		const party = await seedParty(database.db);
		const ws = new WebSocket(`${server.url}/${draftRoom(party)}`, {
			headers: { cookie: party.alice.cookie },
			autoPong: false
		});
		const started = Date.now();
		const code = await new Promise<number>((done) => ws.on('close', (c) => done(c)));
		expect(code).toBe(1006);
		expect(Date.now() - started).toBeLessThan(1_500);
	});

	test('a socket sending faster than allowed is closed with 4429', async () => {
		const party = await seedParty(database.db);
		const flood = (ws: WebSocket) => {
			for (let i = 0; i < 100; i++) ws.send(new Uint8Array([MESSAGE_QUERY_AWARENESS]));
		};
		const result = await closeCodeOf(
			server.url,
			draftRoom(party),
			{ cookie: party.alice.cookie },
			flood
		);
		expect(result.code).toBe(CLOSE.rateLimited);
	});

	test('one user may keep a bounded number of sockets open; the next one is closed with 4429', async () => {
		const party = await seedParty(database.db);
		const tabs = Array.from({ length: 4 }, () => connect(draftRoom(party), party.bob));
		await Promise.all(tabs.map((tab) => saved(tab)));

		const result = await closeCodeOf(server.url, draftRoom(party), { cookie: party.bob.cookie });

		expect(result.code).toBe(CLOSE.rateLimited);
		const alice = await closeCodeOf(server.url, draftRoom(party), { cookie: party.alice.cookie }, (ws) =>
			setTimeout(() => ws.close(1000), 300)
		);
		expect(alice.code).toBe(1000);
	});
});
