/**
 * The process-wide realtime server, kept on globalThis so that the SvelteKit bundle, the Node
 * entry (server.js) and Vite's dev plugin all reach the same instance.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';

export interface Realtime {
	handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
	close(): Promise<void>;
}

const KEY = Symbol.for('cartoparty.realtime');
type Holder = { [KEY]?: Promise<Realtime> };
const holder = globalThis as Holder;

export function processRealtime(): Promise<Realtime> {
	// TODO: placeholder until the collaboration server lands; refuses every upgrade.
	holder[KEY] ??= Promise.resolve({
		handleUpgrade: (_req, socket) => socket.destroy(),
		close: async () => {}
	});
	return holder[KEY];
}
