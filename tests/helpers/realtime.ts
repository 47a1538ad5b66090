/**
 * Test helpers for the collaboration server: seed a party, run the server in this process on
 * a free port or as separate Node processes, and connect real clients (the app's own
 * connectRoom, over `ws`) with a session cookie.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { existsSync, statSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Redis } from 'ioredis';
import WebSocket from 'ws';
import { connectRoom, type RoomConnection } from '../../src/lib/collab/connect';
import { roomName } from '../../src/lib/collab/draft-doc';
import { colorFor } from '../../src/lib/collab/presence';
import * as session from '../../src/lib/server/auth/session';
import type { Database } from '../../src/lib/server/db';
import {
	listings,
	parties,
	partyListings,
	partyMembers,
	users
} from '../../src/lib/server/db/schema';
import type { Limits } from '../../src/realtime/limits';
import { createRealtime, type RealtimeServer } from '../../src/realtime/server';

export const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';

export interface Person {
	id: string;
	name: string;
	cookie: string;
}

export interface SeededParty {
	partyId: string;
	/** Listings in the party's queue. */
	listingUids: string[];
	/** A listing that exists but is not in this party. */
	outsideListingUid: string;
	creator: Person;
	alice: Person;
	bob: Person;
	outsider: Person;
	removed: Person;
}

let counter = 0;

async function person(db: Database, name: string, role: 'coordinator' | 'guest'): Promise<Person> {
	counter++;
	const id = `user-${process.pid}-${counter}-${Math.random().toString(36).slice(2, 8)}`;
	const username = role === 'coordinator' ? id : null;
	await db.insert(users).values({ id, displayName: name, role, username });
	const token = session.generateToken();
	await session.create(db, token, id);
	return { id, name, cookie: `${session.SESSION_COOKIE}=${token}` };
}

/** A party with a creator, two participants, one outsider and one removed member. */
export async function seedParty(
	db: Database,
	options: { status?: 'open' | 'closed' } = {}
): Promise<SeededParty> {
	const creator = await person(db, 'Camille', 'coordinator');
	const alice = await person(db, 'Alice', 'guest');
	const bob = await person(db, 'Bob', 'guest');
	const outsider = await person(db, 'Oscar', 'guest');
	const removed = await person(db, 'Rémi', 'guest');

	const tag = `${process.pid}-${++counter}-${Math.random().toString(36).slice(2, 8)}`;
	const rows = await db
		.insert(listings)
		.values(
			[1, 2, 3].map((i) => ({
				id: `rt-${tag}-${i}`,
				nom: `Médiathèque ${i}`,
				commune: 'Clermont-Ferrand',
				code_postal: '63000',
				code_insee: '63113',
				adresse: `${i} place de Jaude`,
				telephone: '0473000000',
				typologie: ['MUNI'],
				date_maj: '2025-01-15'
			}))
		)
		.returning({ uid: listings.uid });

	const [party] = await db
		.insert(parties)
		.values({
			title: 'Carto party de test',
			territoryKind: 'commune',
			territoryCode: '63113',
			territoryName: 'Clermont-Ferrand',
			joinCode: crypto.randomUUID().replace(/-/g, '').slice(0, 16),
			status: options.status ?? 'open',
			createdBy: creator.id
		})
		.returning({ id: parties.id });

	await db.insert(partyMembers).values([
		{ partyId: party.id, userId: creator.id, role: 'facilitator' },
		{ partyId: party.id, userId: alice.id, role: 'participant' },
		{ partyId: party.id, userId: bob.id, role: 'participant' },
		{ partyId: party.id, userId: removed.id, role: 'participant', revokedAt: new Date() }
	]);
	await db.insert(partyListings).values(
		rows.slice(0, 2).map((row) => ({ partyId: party.id, listingUid: row.uid }))
	);

	return {
		partyId: party.id,
		listingUids: rows.slice(0, 2).map((row) => row.uid),
		outsideListingUid: rows[2].uid,
		creator,
		alice,
		bob,
		outsider,
		removed
	};
}

export function draftRoom(party: SeededParty, index = 0): string {
	return roomName.draft(party.partyId, party.listingUids[index]);
}

export interface RunningRealtime {
	url: string;
	port: number;
	realtime: RealtimeServer;
	close(): Promise<void>;
}

/** The server in this process, on a free port of 127.0.0.1. */
export async function startRealtime(
	db: Database,
	options: { limits?: Partial<Limits>; redisPrefix?: string } = {}
): Promise<RunningRealtime> {
	const realtime = createRealtime({
		db,
		redisUrl: options.redisPrefix ? REDIS_URL : null,
		redisPrefix: options.redisPrefix,
		limits: options.limits
	});
	const server: Server = createServer((_req, res) => res.writeHead(404).end());
	server.on('upgrade', (req, socket, head) => realtime.handleUpgrade(req, socket, head));
	await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
	const { port } = server.address() as { port: number };
	return {
		url: `ws://127.0.0.1:${port}/yjs`,
		port,
		realtime,
		async close() {
			await realtime.close();
			server.closeAllConnections();
			await new Promise((done) => server.close(done));
		}
	};
}

/** `ws`'s WebSocket with a session cookie (and an Origin, to test the origin check). */
export function socketClass(headers: Record<string, string>): typeof globalThis.WebSocket {
	class WithHeaders extends WebSocket {
		constructor(address: string, protocols?: string | string[]) {
			super(address, protocols, { headers });
		}
	}
	return WithHeaders as unknown as typeof globalThis.WebSocket;
}

/** The app's own client, connected from Node as a person. */
export function client(url: string, room: string, who: Person): RoomConnection {
	return connectRoom({
		room,
		url,
		offline: false,
		disableBc: true,
		user: { id: who.id, name: who.name, color: colorFor(who.id) },
		WebSocketPolyfill: socketClass({ cookie: who.cookie })
	});
}

/** Opens a raw socket and resolves with the close code the server sends. */
export function closeCodeOf(
	url: string,
	room: string,
	headers: Record<string, string>,
	afterOpen?: (ws: WebSocket) => void
): Promise<{ code: number; reason: string }> {
	return new Promise((done, fail) => {
		const ws = new WebSocket(`${url}/${room}`, { headers });
		ws.on('open', () => afterOpen?.(ws));
		ws.on('close', (code, reason) => done({ code, reason: reason.toString() }));
		ws.on('error', () => {});
		setTimeout(() => fail(new Error('no close within 10 s')), 10_000).unref();
	});
}

/** Polls until the check passes, or fails with the last value seen. */
export async function until<T>(
	read: () => T | Promise<T>,
	check: (value: T) => boolean,
	timeoutMs = 10_000
): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await read();
		if (check(value)) return value;
		if (Date.now() > deadline) {
			const last = JSON.stringify(value);
			throw new Error(`condition not met within ${timeoutMs} ms; last value: ${last}`);
		}
		await new Promise((r) => setTimeout(r, 20));
	}
}

/** Resolves once the client's status is 'synchronisé'. */
export function saved(connection: RoomConnection, timeoutMs = 10_000): Promise<void> {
	return Promise.race([
		connection.whenSaved(),
		new Promise<void>((_, fail) =>
			setTimeout(
				() => fail(new Error(`not saved: ${JSON.stringify(connection.status())}`)),
				timeoutMs
			).unref()
		)
	]);
}

/** A Redis channel prefix of its own for a test, and the removal of anything left under it. */
export function redisPrefix(): { prefix: string; clean(): Promise<void> } {
	const prefix = `cartoparty-test:${process.pid}:${Math.random().toString(36).slice(2, 10)}:`;
	return {
		prefix,
		async clean() {
			const redis = new Redis(REDIS_URL, { lazyConnect: true });
			await redis.connect();
			const keys = await redis.keys(`${prefix}*`);
			if (keys.length > 0) await redis.del(...keys);
			await redis.quit();
		}
	};
}

const ENTRY = 'tests/helpers/realtime-server.ts';
// Inside the repository so that the built file finds node_modules.
const OUT_DIR = resolve('node_modules/.cache/cartoparty-realtime-server');
const OUT = join(OUT_DIR, 'realtime-server.js');

function newest(path: string): number {
	const stat = statSync(path);
	if (!stat.isDirectory()) return stat.mtimeMs;
	return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newest(join(path, name))));
}

/** Node 20 runs no TypeScript: the server entry is bundled once, dependencies left external. */
export async function buildRealtimeServer(): Promise<string> {
	const fresh = existsSync(OUT) && statSync(OUT).mtimeMs > Math.max(newest('src'), newest(ENTRY));
	if (fresh) return OUT;
	const { build } = await import('vite');
	await build({
		configFile: false,
		logLevel: 'warn',
		resolve: { alias: { $lib: resolve('src/lib'), $realtime: resolve('src/realtime') } },
		build: {
			ssr: ENTRY,
			outDir: OUT_DIR,
			emptyOutDir: true,
			target: 'node20',
			rollupOptions: { output: { entryFileNames: 'realtime-server.js' } }
		}
	});
	return OUT;
}

export interface RealtimeProcess {
	url: string;
	port: number;
	child: ChildProcess;
	output(): string;
	/** SIGTERM (a clean stop) by default; SIGKILL for a crash. */
	stop(signal?: NodeJS.Signals): Promise<void>;
}

/** Starts a server process on PostgreSQL (and Redis when a prefix is given). */
export async function spawnRealtime(options: {
	databaseUrl: string;
	redisPrefix?: string;
	port?: number;
	limits?: Partial<Limits>;
}): Promise<RealtimeProcess> {
	const entry = await buildRealtimeServer();
	const env: Record<string, string> = {
		...(process.env as Record<string, string>),
		DATABASE_URL: options.databaseUrl,
		REDIS_URL: options.redisPrefix ? REDIS_URL : '',
		REDIS_PREFIX: options.redisPrefix ?? '',
		REALTIME_LIMITS: JSON.stringify(options.limits ?? {}),
		PORT: String(options.port ?? 0),
		LOG_LEVEL: 'warn'
	};
	const child = spawn(process.execPath, [entry], { env, stdio: ['ignore', 'pipe', 'pipe'] });
	let log = '';
	child.stderr!.on('data', (d) => (log += d));
	const port = await new Promise<number>((done, fail) => {
		const timer = setTimeout(() => fail(new Error(`server did not start:\n${log}`)), 30_000);
		child.stdout!.on('data', (d) => {
			log += d;
			const match = /READY (\d+)/.exec(log);
			if (match) {
				clearTimeout(timer);
				done(Number(match[1]));
			}
		});
		child.once('exit', () => fail(new Error(`server exited:\n${log}`)));
	});
	return {
		url: `ws://127.0.0.1:${port}/yjs`,
		port,
		child,
		output: () => log,
		stop: (signal = 'SIGTERM') =>
			new Promise<void>((done) => {
				if (child.exitCode !== null || child.signalCode !== null) return done();
				child.once('exit', () => done());
				child.kill(signal);
			})
	};
}
