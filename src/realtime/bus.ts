/**
 * Relays rooms between server processes through Redis pub/sub, one channel per room. A
 * process publishes only what it has already stored (updates) or what needs no storing
 * (presence); Redis delivers nothing durable, so a lost message is caught up from the database.
 */
import { Redis } from 'ioredis';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { logger } from '../lib/server/log';

const log = logger('realtime/bus');

export const BUS_UPDATE = 0;
export const BUS_AWARENESS = 1;
/** Asks the other processes to publish the presence of their sockets in the room. */
export const BUS_QUERY_AWARENESS = 2;

export type BusHandler = (kind: number, payload: Uint8Array) => void;

export interface Bus {
	/** Never rejects: a failure is logged, and Redis re-subscribes when it comes back. */
	subscribe(room: string, handler: BusHandler): Promise<void>;
	unsubscribe(room: string): Promise<void>;
	publish(room: string, kind: number, payload: Uint8Array): void;
	/** Called after the subscriber connection came back: messages may have been lost. */
	onReconnect(listener: () => void): void;
	close(): Promise<void>;
}

export function createBus(url: string, prefix: string): Bus {
	const sender = crypto.randomUUID();
	const options = { lazyConnect: false, maxRetriesPerRequest: null };
	const publisher = new Redis(url, options);
	const subscriber = new Redis(url, options);
	const handlers = new Map<string, BusHandler>();
	const reconnectListeners: (() => void)[] = [];
	const channel = (room: string) => `${prefix}yjs:${room}`;
	let lost = false;
	let closed = false;

	for (const client of [publisher, subscriber]) {
		client.on('error', (error) => log.warn(`redis: ${error.message}`));
	}
	subscriber.on('close', () => (lost = true));
	subscriber.on('ready', () => {
		if (!lost) return;
		lost = false;
		for (const listener of reconnectListeners) listener();
	});

	// ioredis writes SUBSCRIBE as soon as the socket connects, before its own ready check
	// (INFO), which subscriber mode then refuses: the connection is dropped and the channel is
	// not subscribed again. Channel changes therefore wait for `ready`, one at a time, in order.
	let channelChanges: Promise<void> = Promise.resolve();
	function whenReady(): Promise<void> {
		if (subscriber.status === 'ready' || subscriber.status === 'end') return Promise.resolve();
		return new Promise((resolve) => {
			const done = () => {
				subscriber.off('ready', done);
				subscriber.off('end', done);
				resolve();
			};
			subscriber.on('ready', done);
			subscriber.on('end', done);
		});
	}
	function changeChannels(change: () => Promise<unknown>): Promise<void> {
		channelChanges = channelChanges
			.then(whenReady)
			.then(() => (closed ? undefined : change()))
			.then(
				() => {},
				(error: Error) => log.warn(`redis: could not change subscriptions: ${error.message}`)
			);
		return channelChanges;
	}

	subscriber.on('messageBuffer', (channelName: Buffer, message: Buffer) => {
		const room = channelName.toString().slice(channel('').length);
		const handler = handlers.get(room);
		if (!handler) return;
		try {
			const decoder = decoding.createDecoder(new Uint8Array(message));
			const kind = decoding.readVarUint(decoder);
			if (decoding.readVarString(decoder) === sender) return;
			handler(kind, decoding.readVarUint8Array(decoder));
		} catch (error) {
			log.warn(`unreadable message on ${room}`, error);
		}
	});

	return {
		async subscribe(room, handler) {
			handlers.set(room, handler);
			await changeChannels(() => subscriber.subscribe(channel(room)));
		},
		async unsubscribe(room) {
			handlers.delete(room);
			await changeChannels(() => subscriber.unsubscribe(channel(room)));
		},
		publish(room, kind, payload) {
			const encoder = encoding.createEncoder();
			encoding.writeVarUint(encoder, kind);
			encoding.writeVarString(encoder, sender);
			encoding.writeVarUint8Array(encoder, payload);
			publisher
				.publish(channel(room), Buffer.from(encoding.toUint8Array(encoder)))
				.catch((error: Error) => log.warn(`could not publish on ${room}: ${error.message}`));
		},
		onReconnect(listener) {
			reconnectListeners.push(listener);
		},
		async close() {
			closed = true;
			handlers.clear();
			// QUIT is refused in subscriber mode; a subscriber has nothing left to send anyway.
			subscriber.disconnect();
			await publisher.quit().catch(() => publisher.disconnect());
		}
	};
}
