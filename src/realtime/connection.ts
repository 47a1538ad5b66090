/**
 * One accepted socket in one room: reads the y-websocket protocol, holds messages until the
 * room is loaded, enforces the per-socket limits, and hands updates to the writer.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import type { WebSocket } from 'ws';
import {
	CLOSE,
	MESSAGE_ACCESS,
	MESSAGE_AWARENESS,
	MESSAGE_QUERY_AWARENESS,
	MESSAGE_SYNC
} from '../lib/collab/protocol';
import { logger } from '../lib/server/log';
import type { Grant } from './access';
import { draftUpdateRefusal, onlyDeletes } from './draft-guard';
import { decodeAwareness, encodeAwareness, sanitizeState } from './awareness';
import { RateLimiter, type Limits } from './limits';
import { awarenessMessage, type Member, type Room } from './room';

const log = logger('realtime');

/** Yjs's encoding of an update that changes nothing (no structs, no deletions). */
const EMPTY_UPDATE_LENGTH = 2;

export interface ConnectionContext {
	limits: Limits;
	/** Queues an update for storage; it is applied and relayed once stored. */
	persist(connection: Connection, update: Uint8Array): void;
}

export class Connection implements Member {
	started = false;
	alive = true;
	closed = false;
	readonly clients = new Set<number>();
	private queue: Uint8Array[] = [];
	private queuedBytes = 0;
	private readonly rate: RateLimiter;

	constructor(
		readonly ws: WebSocket,
		readonly grant: Grant,
		readonly room: Room,
		private readonly context: ConnectionContext
	) {
		this.rate = new RateLimiter(context.limits.messagesPerSecond, context.limits.messageBurst);
	}

	get userId() {
		return this.grant.user.id;
	}

	get readOnly() {
		return this.grant.readOnly;
	}

	send(message: Uint8Array) {
		if (this.closed || this.ws.readyState !== this.ws.OPEN) return;
		if (this.ws.bufferedAmount > this.context.limits.maxBufferedBytes) {
			log.debug(`${this.room.name}: a socket of user ${this.userId} reads too slowly, cut off`);
			this.closed = true;
			this.ws.terminate();
			return;
		}
		this.ws.send(message);
	}

	close(code: number, reason = '') {
		if (this.closed) return;
		this.closed = true;
		this.ws.close(code, reason);
	}

	receive(data: Uint8Array) {
		if (this.closed) return;
		const { limits } = this.context;
		if (!this.rate.take()) return this.close(CLOSE.rateLimited, 'rate');
		if (data.byteLength > limits.maxFrameBytes) return this.close(CLOSE.tooLarge, 'frame');
		if (!this.started) {
			this.queuedBytes += data.byteLength;
			if (this.queuedBytes > limits.maxQueuedBytes) return this.close(CLOSE.tooLarge, 'queue');
			this.queue.push(data);
			return;
		}
		this.handle(data);
	}

	/** The room is loaded: greet the client, then read what it sent meanwhile. */
	start() {
		if (this.closed) return;
		this.started = true;
		const encoder = encoding.createEncoder();
		encoding.writeVarUint(encoder, MESSAGE_SYNC);
		syncProtocol.writeSyncStep1(encoder, this.room.doc);
		this.send(encoding.toUint8Array(encoder));
		if (this.readOnly) this.sendAccess();
		const present = [...this.room.awareness.getStates().keys()];
		if (present.length > 0) this.send(awarenessMessage(this.room.awareness, present));

		const queued = this.queue;
		this.queue = [];
		this.queuedBytes = 0;
		for (const data of queued) this.handle(data);
	}

	setReadOnly(readOnly: boolean) {
		if (this.grant.readOnly === readOnly) return;
		this.grant.readOnly = readOnly;
		this.sendAccess();
	}

	private sendAccess() {
		const encoder = encoding.createEncoder();
		encoding.writeVarUint(encoder, MESSAGE_ACCESS);
		encoding.writeVarUint(encoder, this.readOnly ? 1 : 0);
		this.send(encoding.toUint8Array(encoder));
	}

	private handle(data: Uint8Array) {
		if (this.closed) return;
		try {
			const decoder = decoding.createDecoder(data);
			const type = decoding.readVarUint(decoder);
			if (type === MESSAGE_SYNC) this.sync(decoder);
			else if (type === MESSAGE_AWARENESS) this.presence(decoding.readVarUint8Array(decoder));
			else if (type === MESSAGE_QUERY_AWARENESS) {
				const present = [...this.room.awareness.getStates().keys()];
				this.send(awarenessMessage(this.room.awareness, present));
			}
			// Auth messages and unknown types are ignored, as y-websocket clients expect.
		} catch {
			this.close(CLOSE.malformed, 'message');
		}
	}

	private sync(decoder: decoding.Decoder) {
		const kind = decoding.readVarUint(decoder);
		if (kind === syncProtocol.messageYjsSyncStep1) {
			const encoder = encoding.createEncoder();
			encoding.writeVarUint(encoder, MESSAGE_SYNC);
			syncProtocol.writeSyncStep2(encoder, this.room.doc, decoding.readVarUint8Array(decoder));
			this.send(encoding.toUint8Array(encoder));
			this.send(this.room.persistedMessage());
			return;
		}
		if (kind !== syncProtocol.messageYjsSyncStep2 && kind !== syncProtocol.messageYjsUpdate) {
			throw new Error(`unknown sync message ${kind}`);
		}
		const update = decoding.readVarUint8Array(decoder);
		if (this.readOnly) return this.sendAccess();
		if (update.byteLength <= EMPTY_UPDATE_LENGTH) return this.room.scheduleAck();
		// A full room still takes deletions: they are how it gets smaller again.
		const full = this.room.bytes + update.byteLength > this.context.limits.maxDocBytes;
		if (full && !onlyDeletes(update)) return this.close(CLOSE.tooLarge, 'document');
		// Reads the whole update (an unreadable one must never reach the database) and checks
		// that it only edits inside the draft's fields.
		const refusal = this.room.isDraft
			? draftUpdateRefusal(this.room.doc, update)
			: 'the party room holds presence only';
		if (refusal) {
			log.warn(`${this.room.name}: update from user ${this.userId} refused: ${refusal}`);
			return this.close(CLOSE.forbiddenWrite, 'write');
		}
		if (!this.room.applyCheck.applies(update)) {
			log.warn(`${this.room.name}: update from user ${this.userId} does not apply`);
			return this.close(CLOSE.malformed, 'update');
		}
		this.room.bytes += update.byteLength;
		this.context.persist(this, update);
	}

	private presence(update: Uint8Array) {
		if (update.byteLength > this.context.limits.maxAwarenessBytes) {
			return this.close(CLOSE.tooLarge, 'awareness');
		}
		const owners = this.room.owners;
		const accepted = decodeAwareness(update).filter((entry) => {
			const owner = owners.get(entry.clientId);
			// A client id already spoken for by someone else's live socket is not taken over;
			// the same user's new socket (a reconnection) takes it over.
			if (owner && owner !== this && !owner.closed && owner.userId !== this.userId) return false;
			owners.set(entry.clientId, this);
			if (owner && owner !== this) owner.clients.delete(entry.clientId);
			this.clients.add(entry.clientId);
			if (entry.state) entry.state = sanitizeState(entry.state, this.grant.user);
			return true;
		});
		if (accepted.length === 0) return;
		awarenessProtocol.applyAwarenessUpdate(this.room.awareness, encodeAwareness(accepted), this);
	}

	/** Leaves the room; its presence disappears for everyone at once. */
	detach() {
		this.closed = true;
		this.room.remove(this);
	}
}
