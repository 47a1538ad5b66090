/**
 * The collaboration server: authenticates websocket upgrades on /yjs/<room>, keeps loaded
 * rooms, stores every update before relaying it, shares rooms with other processes through
 * Redis, and cuts off sockets that lose their right to a party.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import * as Y from 'yjs';
import { WebSocketServer, type WebSocket } from 'ws';
import { CLOSE } from '../lib/collab/protocol';
import type { Database } from '../lib/server/db';
import { logger } from '../lib/server/log';
import { authorize, recheck, type Decision, type Grant } from './access';
import { createBus, type Bus } from './bus';
import { Connection, type ConnectionContext } from './connection';
import { DEFAULT_LIMITS, type Limits } from './limits';
import type { Realtime, RevokeTarget } from './process';
import { liveInstances } from './registry';
import { FROM_BUS, Room } from './room';
import { compactRoom, loadRoom, recentUpdates } from './store';
import { Writer } from './writer';

const log = logger('realtime');

export interface RealtimeOptions {
	db: Database;
	/** Redis shares rooms between processes; null for a single process. */
	redisUrl: string | null;
	/** Prefix of the Redis channels, so that several deployments (or tests) share one Redis. */
	redisPrefix?: string;
	/** Origins allowed besides the request's own host (e.g. the public ORIGIN behind a proxy). */
	allowedOrigins?: string[];
	limits?: Partial<Limits>;
}

export interface RealtimeServer extends Realtime {
	readonly limits: Limits;
	/** Reads again the rights of every connected socket, and acts on them. */
	recheck(): Promise<void>;
	/** Merges a room's stored rows into one. */
	compact(room: string): Promise<void>;
	/** Loaded rooms and their socket counts. */
	rooms(): Map<string, number>;
}

interface Stored {
	room: string;
	update: Uint8Array;
	connection: Connection;
}

export function createRealtime(options: RealtimeOptions): RealtimeServer {
	const { db } = options;
	const limits: Limits = { ...DEFAULT_LIMITS, ...options.limits };
	const allowedOrigins = options.allowedOrigins ?? [];
	const bus: Bus | null = options.redisUrl
		? createBus(options.redisUrl, options.redisPrefix ?? 'cartoparty:')
		: null;
	const rooms = new Map<string, Room>();
	const connections = new Set<Connection>();
	const compactions = new Set<Promise<void>>();
	// ws's own hard cap sits above ours so that our limit answers with our close code.
	const wss = new WebSocketServer({ noServer: true, maxPayload: limits.maxFrameBytes * 2 });
	let pendingUpgrades = 0;
	let closing = false;

	const writer = new Writer<Stored>(db, stored, failed);
	const context: ConnectionContext = {
		limits,
		persist: (connection, update) => writer.push({ room: connection.room.name, update, connection })
	};

	function stored(batch: Stored[]) {
		const touched = new Set<Room>();
		for (const { connection, update } of batch) {
			const room = connection.room;
			if (room.state !== 'ready') continue;
			if (!touched.has(room)) {
				room.rows++;
				room.rowsSinceCompaction++;
				touched.add(room);
			}
			try {
				Y.applyUpdate(room.doc, update, connection);
			} catch (error) {
				// Checked before storing, so this is a bug; the row stays for the next load to tell.
				log.error(`could not apply a stored update in ${room.name}`, error);
			}
		}
		for (const room of touched) {
			room.scheduleAck();
			if (room.rowsSinceCompaction >= limits.compactAfterRows) startCompaction(room.name);
		}
	}

	function failed(batch: Stored[], error: unknown) {
		log.error(`could not store ${batch.length} update(s); their sockets must send them again`, error);
		for (const { connection, update } of batch) {
			connection.room.bytes -= update.byteLength;
			connection.close(CLOSE.serverError, 'store');
		}
	}

	function startCompaction(name: string) {
		const room = rooms.get(name);
		if (room) room.rowsSinceCompaction = 0;
		const task = compact(name)
			.catch((error) => log.error(`compaction of ${name} failed; its rows are untouched`, error))
			.finally(() => compactions.delete(task));
		compactions.add(task);
	}

	async function compact(name: string) {
		const result = await compactRoom(db, name);
		const room = rooms.get(name);
		if (room) {
			room.rows = result.rows;
			room.bytes = result.bytes;
		}
	}

	function room(name: string): Room {
		let found = rooms.get(name);
		if (found) {
			if (found.unloadTimer) clearTimeout(found.unloadTimer);
			found.unloadTimer = null;
			return found;
		}
		found = new Room(name, db, bus);
		rooms.set(name, found);
		const created = found;
		created.ready.catch((error) => {
			log.error(`could not load room ${name}; its sockets are closed and nothing is written`, error);
			created.state = 'failed';
			dropRoom(created);
			for (const member of [...created.members]) {
				(member as Connection).close(CLOSE.serverError, 'load');
			}
		});
		return created;
	}

	function dropRoom(target: Room) {
		if (rooms.get(target.name) !== target) return;
		rooms.delete(target.name);
		// Unsubscribing in the same turn as the delete keeps Redis commands in order if the room
		// is opened again right after.
		bus?.unsubscribe(target.name).catch(() => {});
		target.destroy();
	}

	function scheduleUnload(target: Room) {
		if (target.members.size > 0 || target.unloadTimer || closing) return;
		target.unloadTimer = setTimeout(() => void unload(target), limits.idleUnloadMs);
	}

	async function unload(target: Room) {
		target.unloadTimer = null;
		await writer.flush();
		if (target.members.size > 0 || rooms.get(target.name) !== target) return;
		const shouldCompact = target.state === 'ready' && target.rows > 1;
		dropRoom(target);
		if (shouldCompact) startCompaction(target.name);
		log.debug(`unloaded ${target.name}`);
	}

	function accept(ws: WebSocket, grant: Grant) {
		const userId = grant.user.id;
		let open = 0;
		for (const other of connections) if (!other.closed && other.userId === userId) open++;
		if (open >= limits.maxSocketsPerUser) {
			log.warn(`user ${userId} already has ${open} sockets open: one more refused`);
			return ws.close(CLOSE.rateLimited, 'sockets');
		}
		const target = room(grant.room);
		const connection = new Connection(ws, grant, target, context);
		connections.add(connection);
		target.members.add(connection);

		ws.on('message', (data: Buffer) => connection.receive(new Uint8Array(data)));
		ws.on('pong', () => (connection.alive = true));
		ws.on('error', (error) => log.debug(`socket error in ${grant.room}: ${error.message}`));
		ws.on('close', () => {
			connections.delete(connection);
			connection.detach();
			scheduleUnload(target);
		});
		target.ready.then(
			() => connection.start(),
			() => connection.close(CLOSE.serverError, 'load')
		);
	}

	function reject(socket: Duplex, status: string) {
		socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
	}

	async function handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer) {
		const url = new URL(req.url ?? '/', 'http://localhost');
		if (!url.pathname.startsWith('/yjs/')) return socket.destroy();
		if (closing || pendingUpgrades >= limits.maxPendingUpgrades) {
			return reject(socket, '503 Service Unavailable');
		}
		socket.on('error', () => {});

		pendingUpgrades++;
		let decision: Decision;
		try {
			const name = roomFromPath(url.pathname);
			decision =
				name === null
					? { ok: false, code: CLOSE.unknownRoom, reason: 'room' }
					: await authorize(db, req, name, allowedOrigins);
		} catch (error) {
			log.error(`could not check an upgrade to ${url.pathname}`, error);
			decision = { ok: false, code: CLOSE.serverError, reason: 'auth' };
		} finally {
			pendingUpgrades--;
		}
		if (socket.destroyed) return;
		if (closing) return reject(socket, '503 Service Unavailable');

		// The upgrade completes even for a refusal: browsers cannot read the HTTP status of a
		// refused upgrade, but they do see a close code.
		wss.handleUpgrade(req, socket, head, (ws) => {
			if (decision.ok) accept(ws, decision.grant);
			else ws.close(decision.code, decision.reason);
		});
	}

	const pinger = setInterval(() => {
		for (const connection of connections) {
			if (!connection.alive) {
				connection.ws.terminate();
				continue;
			}
			connection.alive = false;
			connection.ws.ping();
		}
	}, limits.pingIntervalMs);

	let rechecking: Promise<void> | null = null;
	async function recheckAll() {
		const open = [...connections].filter((c) => !c.closed);
		const verdicts = await recheck(
			db,
			open.map((c) => c.grant)
		);
		open.forEach((connection, i) => {
			const verdict = verdicts[i];
			if ('close' in verdict) connection.close(verdict.close, 'recheck');
			else connection.setReadOnly(verdict.readOnly);
		});
	}
	function runRecheck(): Promise<void> {
		rechecking ??= recheckAll()
			.catch((error) => log.warn('could not re-check the connected users', error))
			.finally(() => (rechecking = null));
		return rechecking;
	}
	const rechecker = setInterval(() => void runRecheck(), limits.recheckIntervalMs);

	// Rows are read back over three periods, so that a slow commit is not missed.
	const catchUpTimer = bus
		? setInterval(() => void catchUpRecent(limits.catchUpIntervalMs * 3), limits.catchUpIntervalMs)
		: null;
	async function catchUpRecent(withinMs: number) {
		const loaded = [...rooms.values()].filter((r) => r.state === 'ready');
		try {
			const rows = await recentUpdates(
				db,
				loaded.map((r) => r.name),
				withinMs
			);
			for (const row of rows) {
				const target = rooms.get(row.room);
				if (target?.state === 'ready') {
					Y.applyUpdate(target.doc, new Uint8Array(row.update), FROM_BUS);
				}
			}
		} catch (error) {
			log.warn('could not read back recent updates', error);
		}
	}

	bus?.onReconnect(() => {
		// Pub/sub messages sent while we were disconnected are gone: read the rooms again.
		for (const loaded of rooms.values()) void catchUp(loaded);
	});
	async function catchUp(target: Room) {
		try {
			const fresh = await loadRoom(db, target.name);
			if (target.state !== 'ready') return;
			// Already stored: relayed to this process's sockets, not published again.
			Y.applyUpdate(target.doc, Y.encodeStateAsUpdate(fresh.doc), FROM_BUS);
			fresh.doc.destroy();
		} catch (error) {
			log.warn(`could not catch up ${target.name} after a Redis reconnection`, error);
		}
	}

	const server: RealtimeServer = {
		limits,
		handleUpgrade(req, socket, head) {
			void handleUpgrade(req, socket, head);
		},
		async revoke(target: RevokeTarget) {
			if (target.userId) {
				for (const connection of connections) {
					if (connection.grant.partyId === target.partyId && connection.userId === target.userId) {
						connection.close(CLOSE.revoked, 'revoked');
					}
				}
			}
			await runRecheck();
		},
		recheck: runRecheck,
		flush: () => writer.flush(),
		async compact(name) {
			await compact(name);
		},
		rooms() {
			return new Map([...rooms].map(([name, r]) => [name, r.members.size]));
		},
		async close() {
			if (closing) return;
			closing = true;
			liveInstances().delete(server);
			clearInterval(pinger);
			clearInterval(rechecker);
			if (catchUpTimer) clearInterval(catchUpTimer);
			await writer.flush();
			for (const connection of connections) connection.close(CLOSE.goingAway, 'shutdown');
			await closedOrTimeout([...wss.clients], 1000);
			await rechecking;
			await Promise.allSettled([...compactions]);
			for (const loaded of [...rooms.values()]) dropRoom(loaded);
			await bus?.close();
			await new Promise<void>((resolve) => wss.close(() => resolve()));
			for (const ws of wss.clients) ws.terminate();
		}
	};
	liveInstances().add(server);
	return server;
}

/** Waits for sockets to finish their closing handshake, then cuts the rest. */
async function closedOrTimeout(sockets: WebSocket[], ms: number) {
	const open = sockets.filter((ws) => ws.readyState !== ws.CLOSED);
	const closed = Promise.all(open.map((ws) => new Promise((r) => ws.once('close', r))));
	await Promise.race([closed, new Promise((r) => setTimeout(r, ms))]);
	for (const ws of open) if (ws.readyState !== ws.CLOSED) ws.terminate();
}

function roomFromPath(pathname: string): string | null {
	try {
		return decodeURIComponent(pathname.slice('/yjs/'.length));
	} catch {
		return null;
	}
}
