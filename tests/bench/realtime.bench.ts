/**
 * Fan-out latency of one edit to 20 clients: through our server (auth done, update stored in
 * the database before it is relayed, snapshot sent back) against a bare websocket relay that
 * forwards every message at once, measured in the same run. Both sides apply the update to a
 * Yjs document in each receiving client, so the difference is the server's own cost.
 */
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, bench, describe } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import * as Y from 'yjs';
import type { RoomConnection } from '../../src/lib/collab/connect';
import { fieldText } from '../../src/lib/collab/draft-doc';
import { testDatabase, type TestDatabase } from '../helpers/db';
import {
	client,
	draftRoom,
	saved,
	seedParty,
	startRealtime,
	type RunningRealtime
} from '../helpers/realtime';

const CLIENTS = 20;
// Each Node provider listens for process exit.
process.setMaxListeners(CLIENTS + 10);

let database: TestDatabase;
let ours: RunningRealtime;
let connections: RoomConnection[] = [];
let relay: { server: Server; wss: WebSocketServer; sockets: WebSocket[]; docs: Y.Doc[] };

/** Resolves when every client but the first has applied one more update. */
function fanOut(docs: Y.Doc[]): Promise<void> {
	return new Promise((done) => {
		let waiting = docs.length - 1;
		const stops = docs.slice(1).map((doc) => {
			const seen = () => {
				doc.off('update', seen);
				if (--waiting === 0) done();
			};
			doc.on('update', seen);
			return seen;
		});
		void stops;
	});
}

async function startRelay() {
	const server = createServer();
	const wss = new WebSocketServer({ server });
	wss.on('connection', (ws) =>
		ws.on('message', (data) => {
			for (const other of wss.clients) if (other !== ws) other.send(data);
		})
	);
	await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
	const { port } = server.address() as { port: number };
	const docs: Y.Doc[] = [];
	const sockets = await Promise.all(
		Array.from({ length: CLIENTS }, (_, i) => {
			const doc = new Y.Doc();
			docs.push(doc);
			const ws = new WebSocket(`ws://127.0.0.1:${port}`);
			ws.on('message', (data: Buffer) => Y.applyUpdate(doc, new Uint8Array(data), 'remote'));
			if (i === 0) {
				doc.on('update', (u: Uint8Array, origin: unknown) => origin !== 'remote' && ws.send(u));
			}
			return new Promise<WebSocket>((done) => ws.on('open', () => done(ws)));
		})
	);
	return { server, wss, sockets, docs };
}

beforeAll(async () => {
	database = await testDatabase();
	const party = await seedParty(database.db);
	ours = await startRealtime(database.db);
	connections = Array.from({ length: CLIENTS }, (_, i) =>
		client(ours.url, draftRoom(party), i % 2 ? party.alice : party.bob)
	);
	await Promise.all(connections.map((c) => saved(c, 30_000)));
	relay = await startRelay();
}, 120_000);

afterAll(async () => {
	for (const connection of connections) connection.destroy();
	for (const ws of relay?.sockets ?? []) ws.close();
	relay?.wss.close();
	relay?.server.close();
	await ours?.close();
	await database?.dispose();
});

describe(`one edit reaching ${CLIENTS - 1} other clients`, () => {
	bench(
		'cartoparty server (stored, then relayed)',
		async () => {
			const arrived = fanOut(connections.map((c) => c.doc));
			fieldText(connections[0].doc, 'presentation_detail')!.insert(0, 'x');
			await arrived;
		},
		{ time: 3_000, warmupIterations: 5 }
	);

	bench(
		'bare websocket relay (baseline)',
		async () => {
			const arrived = fanOut(relay.docs);
			relay.docs[0].getText('presentation_detail').insert(0, 'x');
			await arrived;
		},
		{ time: 3_000, warmupIterations: 5 }
	);
});
