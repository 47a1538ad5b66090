/**
 * A bare collaboration server process for tests that need several processes or a crash:
 * an HTTP server on a free port hosting createRealtime, nothing else. Built by
 * tests/helpers/realtime.ts and run with plain Node. Prints `READY <port>` when listening.
 *
 * Environment: DATABASE_URL (required), REDIS_URL, REDIS_PREFIX, REALTIME_LIMITS (JSON).
 */
import { createServer } from 'node:http';
import { openDatabase } from '../../src/lib/server/db';
import { createRealtime } from '../../src/realtime/server';

const handle = await openDatabase({ databaseUrl: process.env.DATABASE_URL!, dataDir: 'memory' });
const realtime = createRealtime({
	db: handle.db,
	redisUrl: process.env.REDIS_URL || null,
	redisPrefix: process.env.REDIS_PREFIX,
	limits: JSON.parse(process.env.REALTIME_LIMITS || '{}')
});

const server = createServer((_req, res) => {
	res.statusCode = 404;
	res.end();
});
server.on('upgrade', (req, socket, head) => realtime.handleUpgrade(req, socket, head));
server.listen(Number(process.env.PORT || 0), '127.0.0.1', () => {
	const address = server.address() as { port: number };
	console.log(`READY ${address.port}`);
});

process.on('SIGTERM', async () => {
	await realtime.close();
	server.closeAllConnections();
	server.close();
	await handle.close();
	process.exit(0);
});
