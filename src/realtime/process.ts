/**
 * The process-wide realtime server, kept on globalThis so that the SvelteKit bundle, the Node
 * entry (server.js) and Vite's dev plugin all reach the same instance.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { db } from '../lib/server/db/process';
import { config } from '../lib/server/env';

export interface RevokeTarget {
	partyId: string;
	/** Only this user's sockets; without it, every socket of the party is checked again. */
	userId?: string;
}

export interface Realtime {
	handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
	/** Closes the user's sockets in the party (4410), then re-reads the rights of the others. */
	revoke(target: RevokeTarget): Promise<void>;
	/** Resolves when every update received so far is stored. */
	flush(): Promise<void>;
	/** Stores what is pending, closes every socket and leaves Redis. */
	close(): Promise<void>;
}

const KEY = Symbol.for('cartoparty.realtime');
type Holder = { [KEY]?: Promise<Realtime> };
const holder = globalThis as Holder;

export function processRealtime(): Promise<Realtime> {
	holder[KEY] ??= (async () => {
		const { createRealtime } = await import('./server');
		const { redisUrl } = config();
		const origin = process.env.ORIGIN;
		const realtime = createRealtime({
			db: await db(),
			redisUrl,
			allowedOrigins: origin ? [origin] : []
		});
		const close = realtime.close;
		realtime.close = async () => {
			if (holder[KEY] && (await holder[KEY]) === realtime) delete holder[KEY];
			await close();
		};
		return realtime;
	})();
	return holder[KEY];
}

/**
 * The process's realtime server if one was started, without starting one: services that
 * only need to notify it (revocations) must not open a server in a CLI or a test.
 */
export function runningRealtime(): Promise<Realtime> | null {
	return holder[KEY] ?? null;
}
