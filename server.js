// Production entry: one Node process serves the SvelteKit app and the collaboration
// websocket on the same port. Run `npm run build` first.
import { createServer } from 'node:http';

// adapter-node assumes https unless told otherwise; this server speaks plain http, so unless an
// ORIGIN is set, the protocol is read from X-Forwarded-Proto (set by a TLS proxy) or is http.
process.env.PROTOCOL_HEADER ||= process.env.ORIGIN ? '' : 'x-forwarded-proto';
// Imports can be large; the app applies its own MAX_UPLOAD_BYTES check.
process.env.BODY_SIZE_LIMIT ||= String(Number(process.env.MAX_UPLOAD_BYTES || 50 * 1024 * 1024) + 1024 * 1024);
const { handler } = await import('./build/handler.js');

const REALTIME = Symbol.for('cartoparty.realtime');
const port = Number(process.env.PORT || 3000);
const host = process.env.HOST || '0.0.0.0';

const server = createServer((req, res) => {
	if (process.env.PROTOCOL_HEADER === 'x-forwarded-proto') req.headers['x-forwarded-proto'] ||= 'http';
	handler(req, res, () => {
		res.statusCode = 404;
		res.end('Not found');
	});
});

// handler.js has run the app's `init` hook, which opened the database and the realtime server.
const realtime = await globalThis[REALTIME];
server.on('upgrade', (req, socket, head) => realtime.handleUpgrade(req, socket, head));

server.listen(port, host, () => {
	const address = server.address();
	console.log(`cartoparty listening on http://${host === '0.0.0.0' ? 'localhost' : host}:${address.port}`);
});

let stopping = false;
async function shutdown() {
	if (stopping) return;
	stopping = true;
	await realtime.close();
	server.closeAllConnections();
	server.close();
	// Lets the app close the database (adapter-node's own entry emits the same event).
	process.emit('sveltekit:shutdown', 'SIGTERM');
}
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
