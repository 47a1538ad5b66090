/** Who may open a room: every refusal reason gets its own close code, before any data flows. */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { roomName } from '../../src/lib/collab/draft-doc';
import { CLOSE } from '../../src/lib/collab/protocol';
import { roomUpdates } from '../../src/lib/server/db/schema';
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
let party: SeededParty;

beforeAll(async () => {
	database = await testDatabase();
	party = await seedParty(database.db);
	server = await startRealtime(database.db, { limits: { maxFrameBytes: 64 * 1024 } });
});

afterAll(async () => {
	await server?.close();
	await database?.dispose();
});

describe('an upgrade is refused with its own close code', () => {
	test('without a session cookie: 4401', async () => {
		const result = await closeCodeOf(server.url, draftRoom(party), {});
		expect(result.code).toBe(CLOSE.notSignedIn);
	});

	test('with a cookie whose session does not exist: 4401', async () => {
		const result = await closeCodeOf(server.url, draftRoom(party), {
			cookie: 'cartoparty-session=nothere'
		});
		expect(result.code).toBe(CLOSE.notSignedIn);
	});

	test('for someone who is not a member of the party: 4403', async () => {
		const result = await closeCodeOf(server.url, draftRoom(party), {
			cookie: party.outsider.cookie
		});
		expect(result.code).toBe(CLOSE.notMember);
	});

	test('for a removed member: 4410', async () => {
		const result = await closeCodeOf(server.url, roomName.party(party.partyId), {
			cookie: party.removed.cookie
		});
		expect(result.code).toBe(CLOSE.revoked);
	});

	test('for a room name that is not ours: 4404', async () => {
		const result = await closeCodeOf(server.url, 'some-room', { cookie: party.alice.cookie });
		expect(result.code).toBe(CLOSE.unknownRoom);
	});

	test('for a room name that is not even valid URL encoding: 4404', async () => {
		const result = await closeCodeOf(server.url, 'party.%E0%A4%A', { cookie: party.alice.cookie });
		expect(result.code).toBe(CLOSE.unknownRoom);
	});

	test('for an unknown party: 4404', async () => {
		const room = roomName.party('00000000-0000-4000-8000-000000000000');
		const result = await closeCodeOf(server.url, room, { cookie: party.alice.cookie });
		expect(result.code).toBe(CLOSE.unknownRoom);
	});

	test('for a listing outside the party: 4404', async () => {
		const room = roomName.draft(party.partyId, party.outsideListingUid);
		const result = await closeCodeOf(server.url, room, { cookie: party.alice.cookie });
		expect(result.code).toBe(CLOSE.unknownRoom);
	});

	test('from a page of another site: 4400', async () => {
		const result = await closeCodeOf(server.url, draftRoom(party), {
			cookie: party.alice.cookie,
			origin: 'https://evil.example'
		});
		expect(result.code).toBe(CLOSE.badOrigin);
	});

	test('a page of the same host is let in', async () => {
		const result = await closeCodeOf(
			server.url,
			draftRoom(party),
			{ cookie: party.alice.cookie, origin: `http://127.0.0.1:${server.port}` },
			(ws) => ws.close(1000)
		);
		expect(result.code).toBe(1000);
	});

	test('a frame over the size limit closes the socket with 4413', async () => {
		const result = await closeCodeOf(
			server.url,
			draftRoom(party),
			{ cookie: party.alice.cookie },
			(ws) => ws.send(new Uint8Array(65 * 1024))
		);
		expect(result.code).toBe(CLOSE.tooLarge);
	});

	test('an unreadable update closes the socket with 4422 and stores nothing', async () => {
		// Sync message, "update", then a length-prefixed update that is not Yjs.
		const garbage = new Uint8Array([0, 2, 5, 200, 200, 200, 200, 200]);
		const result = await closeCodeOf(
			server.url,
			draftRoom(party, 1),
			{ cookie: party.alice.cookie },
			(ws) => ws.send(garbage)
		);
		expect(result.code).toBe(CLOSE.malformed);
		const rows = await database.db
			.select()
			.from(roomUpdates)
			.where(eq(roomUpdates.room, draftRoom(party, 1)));
		// Only the seed written when the room was opened.
		expect(rows).toHaveLength(1);
	});
});

describe('the client turns refusals into French messages', () => {
	test('a non-member sees why, and the client stops trying', async () => {
		const connection = client(server.url, draftRoom(party), party.outsider);
		const status = await until(connection.status, (s) => s.phase === 'refused');
		expect(status.message).toBe('Vous ne faites pas partie de cette carto party.');
		expect(connection.provider.shouldConnect).toBe(false);
		connection.destroy();
	});

	test('a member is let in and reaches "synchronisé"', async () => {
		const connection = client(server.url, draftRoom(party), party.alice);
		await saved(connection);
		expect(connection.status().label).toBe('synchronisé');
		connection.destroy();
	});
});
