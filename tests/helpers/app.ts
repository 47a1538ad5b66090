/**
 * Starts the built app (server.js: pages + websocket on one port) on a free port with its own
 * fresh database: a temporary PGlite directory, or a new PostgreSQL database when DATABASE_URL
 * is set. Builds the app first when the build is missing or stale.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPostgresDatabase } from './db';

export interface RunningApp {
	url: string;
	port: number;
	process: ChildProcess;
	output: () => string;
	stop(signal?: NodeJS.Signals): Promise<void>;
	/** Stops the server and removes its database. */
	dispose(): Promise<void>;
}

function newest(path: string): number {
	const stat = statSync(path);
	if (!stat.isDirectory()) return stat.mtimeMs;
	return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newest(join(path, name))));
}

let built = false;

/** Runs `npm run build` once per test process when sources are newer than the build. */
export function ensureBuilt() {
	if (built) return;
	const stale =
		!existsSync('build/handler.js') ||
		Math.max(newest('src'), newest('drizzle')) > statSync('build/handler.js').mtimeMs;
	if (stale) {
		const result = spawnSync('npm', ['run', 'build'], { encoding: 'utf8' });
		if (result.status !== 0) throw new Error(`Build failed:\n${result.stdout}\n${result.stderr}`);
	}
	built = true;
}

export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as { port: number };
			server.close(() => resolve(port));
		});
	});
}

export interface StartOptions {
	env?: Record<string, string>;
	/** Reuse a database from a previous start (to test restarts). */
	database?: { dataDir?: string; url?: string };
}

export async function startApp(options: StartOptions = {}): Promise<RunningApp & { database: { dataDir?: string; url?: string } }> {
	ensureBuilt();
	const port = await freePort();

	let database = options.database;
	let dropDatabase = async () => {};
	if (!database) {
		if (process.env.DATABASE_URL) {
			const created = await createPostgresDatabase();
			database = { url: created.url };
			dropDatabase = created.drop;
		} else {
			const dataDir = mkdtempSync(join(tmpdir(), 'cartoparty-app-'));
			database = { dataDir };
			dropDatabase = async () => rmSync(dataDir, { recursive: true, force: true });
		}
	}

	const env: Record<string, string> = {
		...(process.env as Record<string, string>),
		PORT: String(port),
		HOST: '127.0.0.1',
		ORIGIN: `http://127.0.0.1:${port}`,
		PUBLIC_TILE_URL: '',
		LOG_LEVEL: 'warn',
		...options.env
	};
	delete env.DATABASE_URL;
	if (database.url) env.DATABASE_URL = database.url;
	if (database.dataDir) env.DATA_DIR = database.dataDir;

	let log = '';
	const child = spawn(process.execPath, ['server.js'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
	child.stdout!.on('data', (d) => (log += d));
	child.stderr!.on('data', (d) => (log += d));

	const url = `http://127.0.0.1:${port}`;
	const deadline = Date.now() + 60_000;
	for (;;) {
		if (child.exitCode !== null) throw new Error(`Server exited early:\n${log}`);
		try {
			const response = await fetch(`${url}/api/health`);
			if (response.ok) break;
		} catch {
			// not listening yet
		}
		if (Date.now() > deadline) throw new Error(`Server did not start:\n${log}`);
		await new Promise((r) => setTimeout(r, 200));
	}

	const stop = (signal: NodeJS.Signals = 'SIGTERM') =>
		new Promise<void>((resolve) => {
			if (child.exitCode !== null || child.signalCode !== null) return resolve();
			child.once('exit', () => resolve());
			child.kill(signal);
		});

	return {
		url,
		port,
		process: child,
		database,
		output: () => log,
		stop,
		async dispose() {
			await stop();
			await dropDatabase();
		}
	};
}
