/**
 * One collaboration room in memory: its document (only ever holding what is stored in the
 * database), its presence, and the sockets in it. A room answers nobody before it is loaded.
 */
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { parseRoom } from '../lib/collab/draft-doc';
import {
	MESSAGE_AWARENESS,
	MESSAGE_PERSISTED,
	MESSAGE_SYNC
} from '../lib/collab/protocol';
import type { Database } from '../lib/server/db';
import { BUS_AWARENESS, BUS_QUERY_AWARENESS, BUS_UPDATE, type Bus } from './bus';
import { ApplyCheck } from './draft-guard';
import { loadRoom } from './store';

const SUBSCRIBE_WAIT_MS = 2_000;

/**
 * Origin of changes another process already stored (received through Redis, or read back
 * from the database): relayed to this process's sockets, neither stored nor published again.
 */
export const FROM_BUS = Symbol('bus');
/** Origin of the loaded state. */
const FROM_DATABASE = Symbol('database');

/** What a room needs from a socket. */
export interface Member {
	started: boolean;
	closed: boolean;
	userId: string;
	/** Awareness client ids this socket speaks for. */
	clients: Set<number>;
	send(message: Uint8Array): void;
}

export function syncUpdateMessage(update: Uint8Array): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MESSAGE_SYNC);
	syncProtocol.writeUpdate(encoder, update);
	return encoding.toUint8Array(encoder);
}

export function awarenessMessage(awareness: awarenessProtocol.Awareness, clients: number[]) {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
	encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, clients));
	return encoding.toUint8Array(encoder);
}

export class Room {
	readonly doc = new Y.Doc();
	readonly awareness = new awarenessProtocol.Awareness(this.doc);
	readonly members = new Set<Member>();
	/** Which socket speaks for each awareness client id. */
	readonly owners = new Map<number, Member>();
	state: 'loading' | 'ready' | 'failed' = 'loading';
	/** A listing draft (edited through its fields) rather than a party's presence room. */
	readonly isDraft: boolean;
	/** Tries participants' updates on a shadow of `doc` before they are stored. */
	readonly applyCheck = new ApplyCheck(this.doc);
	readonly ready: Promise<void>;
	/** Rows and bytes stored for the room, as far as this process knows. */
	rows = 0;
	bytes = 0;
	rowsSinceCompaction = 0;
	unloadTimer: NodeJS.Timeout | null = null;

	private backlog: [number, Uint8Array][] | null = [];
	private ackScheduled = false;

	constructor(
		readonly name: string,
		db: Database,
		private readonly bus: Bus | null
	) {
		this.isDraft = parseRoom(name)?.kind === 'draft';
		this.awareness.setLocalState(null);
		this.doc.on('update', (update: Uint8Array, origin: unknown) => this.relay(update, origin));
		this.awareness.on('update', (change: AwarenessChange, origin: unknown) =>
			this.relayPresence(change, origin)
		);
		this.ready = this.load(db);
	}

	private async load(db: Database) {
		// Subscribe first: what other processes store while we read is buffered, not lost.
		// With Redis unreachable the room still opens; the bus catches up once it is back.
		if (this.bus) {
			const subscribed = this.bus.subscribe(this.name, (kind, payload) => this.fromBus(kind, payload));
			await Promise.race([subscribed, new Promise((r) => setTimeout(r, SUBSCRIBE_WAIT_MS))]);
		}
		const loaded = await loadRoom(db, this.name);
		Y.applyUpdate(this.doc, Y.encodeStateAsUpdate(loaded.doc), FROM_DATABASE);
		loaded.doc.destroy();
		this.rows = loaded.rows;
		this.bytes = loaded.bytes;
		this.state = 'ready';
		const backlog = this.backlog ?? [];
		this.backlog = null;
		for (const [kind, payload] of backlog) this.fromBus(kind, payload);
		this.bus?.publish(this.name, BUS_QUERY_AWARENESS, new Uint8Array());
	}

	private fromBus(kind: number, payload: Uint8Array) {
		if (this.backlog) {
			this.backlog.push([kind, payload]);
			return;
		}
		if (kind === BUS_UPDATE) Y.applyUpdate(this.doc, payload, FROM_BUS);
		else if (kind === BUS_AWARENESS) {
			awarenessProtocol.applyAwarenessUpdate(this.awareness, payload, FROM_BUS);
		} else if (kind === BUS_QUERY_AWARENESS) {
			const local = [...this.members].flatMap((m) => [...m.clients]);
			if (local.length === 0) return;
			const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, local);
			this.bus?.publish(this.name, BUS_AWARENESS, update);
		}
	}

	/** Sends stored changes to every other socket, and to the other processes. */
	private relay(update: Uint8Array, origin: unknown) {
		if (origin === FROM_DATABASE) return;
		const message = syncUpdateMessage(update);
		for (const member of this.members) {
			if (member.started && member !== origin) member.send(message);
		}
		if (origin !== FROM_BUS) this.bus?.publish(this.name, BUS_UPDATE, update);
		this.scheduleAck();
	}

	/** Presence goes to every socket, the sender included: it is the sender's keep-alive. */
	private relayPresence(change: AwarenessChange, origin: unknown) {
		const clients = [...change.added, ...change.updated, ...change.removed];
		if (clients.length === 0) return;
		const message = awarenessMessage(this.awareness, clients);
		for (const member of this.members) if (member.started) member.send(message);
		if (origin !== FROM_BUS) {
			const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, clients);
			this.bus?.publish(this.name, BUS_AWARENESS, update);
		}
	}

	/** The stored state, as the snapshot every socket compares its own edits with. */
	persistedMessage(): Uint8Array {
		const encoder = encoding.createEncoder();
		encoding.writeVarUint(encoder, MESSAGE_PERSISTED);
		encoding.writeVarUint8Array(encoder, Y.encodeSnapshot(Y.snapshot(this.doc)));
		return encoding.toUint8Array(encoder);
	}

	/** Tells every socket, once per turn of the event loop, what is stored. */
	scheduleAck() {
		if (this.ackScheduled) return;
		this.ackScheduled = true;
		setImmediate(() => {
			this.ackScheduled = false;
			if (this.state !== 'ready') return;
			const message = this.persistedMessage();
			for (const member of this.members) if (member.started) member.send(message);
		});
	}

	/** Removes a socket and, at once, the presence it spoke for. */
	remove(member: Member) {
		this.members.delete(member);
		for (const id of member.clients) if (this.owners.get(id) === member) this.owners.delete(id);
		const gone = [...member.clients].filter((id) => this.awareness.states.has(id));
		if (gone.length > 0) awarenessProtocol.removeAwarenessStates(this.awareness, gone, null);
	}

	destroy() {
		if (this.unloadTimer) clearTimeout(this.unloadTimer);
		this.awareness.destroy();
		this.applyCheck.destroy();
		this.doc.destroy();
	}
}

interface AwarenessChange {
	added: number[];
	updated: number[];
	removed: number[];
}
