/**
 * Several server processes sharing PostgreSQL and Redis, and a process killed outright:
 * real Node processes, started from a bundled server entry.
 */
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import type { RoomConnection } from '../../src/lib/collab/connect';
import { fieldText, roomName } from '../../src/lib/collab/draft-doc';
import { readPresence } from '../../src/lib/collab/presence';
import { openDatabase, type DatabaseHandle } from '../../src/lib/server/db';
import { loadDraftSnapshot } from '../../src/realtime/drafts';
import { createPostgresDatabase } from '../helpers/db';
import {
	client,
	draftRoom,
	redisPrefix,
	saved,
	seedParty,
	spawnRealtime,
	until,
	type RealtimeProcess,
	type SeededParty
} from '../helpers/realtime';

const ADMIN_URL = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

let created: Awaited<ReturnType<typeof createPostgresDatabase>>;
let handle: DatabaseHandle;
let party: SeededParty;
const redis = redisPrefix();
const processes: RealtimeProcess[] = [];
const open: RoomConnection[] = [];

async function spawn(port?: number) {
	const started = await spawnRealtime({ databaseUrl: created.url, redisPrefix: redis.prefix, port });
	processes.push(started);
	return started;
}

function connect(url: string, room: string, who = party.alice) {
	const connection = client(url, room, who);
	open.push(connection);
	return connection;
}

beforeAll(async () => {
	created = await createPostgresDatabase(ADMIN_URL);
	handle = await openDatabase({ databaseUrl: created.url, dataDir: 'memory' });
	party = await seedParty(handle.db);
});

afterEach(async () => {
	for (const connection of open.splice(0)) connection.destroy();
	await Promise.all(processes.splice(0).map((p) => p.stop()));
});

afterAll(async () => {
	await handle?.close();
	await created?.drop();
	await redis.clean();
});

describe('two server processes', () => {
	test('relay edits and presence between their clients, which converge', async () => {
		const [one, two] = await Promise.all([spawn(), spawn()]);
		const room = draftRoom(party);
		const alice = connect(one.url, room);
		const bob = connect(two.url, room, party.bob);
		await Promise.all([saved(alice), saved(bob)]);

		fieldText(alice.doc, 'nom')!.insert(0, 'A-');
		fieldText(bob.doc, 'nom')!.insert(0, 'B-');
		fieldText(bob.doc, 'telephone')!.insert(10, ' poste 2');
		// "Saved" is about a tab's own edits; what others typed arrives on its own time.
		await until(
			() => [fieldText(alice.doc, 'nom')!.toString(), fieldText(bob.doc, 'nom')!.toString()],
			([a, b]) => a === b && a.length === 'A-B-Médiathèque 1'.length
		);
		await until(
			() => fieldText(alice.doc, 'telephone')!.toString(),
			(phone) => phone === '0473000000 poste 2'
		);
		await Promise.all([saved(alice), saved(bob)]);

		const stored = await loadDraftSnapshot(handle.db, party.partyId, party.listingUids[0]);
		expect(stored?.values.nom).toBe(fieldText(alice.doc, 'nom')!.toString());
		expect(stored?.values.telephone).toBe('0473000000 poste 2');

		const presenceRoom = roomName.party(party.partyId);
		const alicePresence = connect(one.url, presenceRoom);
		const bobPresence = connect(two.url, presenceRoom, party.bob);
		const names = await until(
			() => readPresence(bobPresence.awareness).map((p) => p.user.name),
			(list) => list.length === 2
		);
		expect(names).toEqual(['Alice', 'Bob']);
		alicePresence.destroy();
		await until(
			() => readPresence(bobPresence.awareness).length,
			(count) => count === 1,
			3_000
		);
	});
});

describe('a server process killed with SIGKILL', () => {
	test('loses nothing it had confirmed, and its clients send the rest once it is back', async () => {
		const first = await spawn();
		const room = draftRoom(party, 1);
		const alice = connect(first.url, room);
		await saved(alice);
		fieldText(alice.doc, 'horaires')!.insert(0, 'Mo-Fr 09:00-18:00');
		await saved(alice);

		await first.stop('SIGKILL');
		const afterKill = await loadDraftSnapshot(handle.db, party.partyId, party.listingUids[1]);
		expect(afterKill?.values.horaires).toBe('Mo-Fr 09:00-18:00');

		await until(alice.status, (s) => s.phase === 'offline');
		fieldText(alice.doc, 'presentation_resume')!.insert(0, 'Ateliers numériques');
		expect(alice.status().label).toBe('hors ligne — 1 modification en attente');

		// Same port: the client reconnects by itself.
		const again = await spawn(first.port);
		await saved(alice, 15_000);
		const bob = connect(again.url, room, party.bob);
		await saved(bob);
		expect(fieldText(bob.doc, 'horaires')!.toString()).toBe('Mo-Fr 09:00-18:00');
		expect(fieldText(bob.doc, 'presentation_resume')!.toString()).toBe('Ateliers numériques');
	});
});
