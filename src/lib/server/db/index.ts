/**
 * The database: embedded PGlite by default, PostgreSQL when DATABASE_URL is set. Both run the
 * SQL migrations committed in drizzle/ when opened, and both are seen through one Drizzle type.
 */
import { mkdirSync, openSync, readFileSync, rmSync, writeSync, closeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import * as schema from './schema';
import { logger } from '../log';

export { schema };
export type Database = PostgresJsDatabase<typeof schema>;

export interface DatabaseHandle {
	db: Database;
	kind: 'pglite' | 'postgres';
	close(): Promise<void>;
}

export interface DatabaseOptions {
	/** PostgreSQL URL, or null for PGlite. */
	databaseUrl: string | null;
	/** PGlite data directory, or 'memory' for a throwaway in-memory database (tests). */
	dataDir: string | 'memory';
	/** Folder of the SQL migrations; defaults to ./drizzle in the working directory. */
	migrationsFolder?: string;
}

const log = logger('db');
// Any constant works: it only has to be the same for every process sharing the database.
const MIGRATION_LOCK = 7_340_021;

export class DatabaseLockedError extends Error {
	constructor(dir: string, pid: number) {
		super(
			`La base embarquée ${dir} est déjà ouverte par le processus ${pid}. ` +
				`Arrêtez-le, ou utilisez DATABASE_URL (PostgreSQL) pour partager la base entre plusieurs processus.`
		);
		this.name = 'DatabaseLockedError';
	}
}

/**
 * A process's start time (clock ticks since boot) and whether it is a zombie, from Linux's
 * /proc; null where there is no /proc or no such process.
 */
function processInfo(pid: number): { start: string; zombie: boolean } | null {
	try {
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		// The command name, in parentheses, may hold spaces: fields are counted after it.
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		return { start: fields[19], zombie: fields[0] === 'Z' };
	} catch {
		return null;
	}
}

const HAS_PROC = processInfo(process.pid) !== null;

/**
 * Whether the lock's owner still runs. A process killed with SIGKILL stays a zombie until its
 * parent reaps it, and its pid may later be given to another program: on Linux both count as
 * gone, by the process state and the start time written in the lock.
 */
function ownerAlive(pid: number, start: string | undefined): boolean {
	if (HAS_PROC) {
		const info = processInfo(pid);
		if (!info || info.zombie) return false;
		return start === undefined || info.start === start;
	}
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/**
 * PGlite has no lock of its own: two processes on one directory corrupt it silently.
 * A lock file holding the owner's pid (and start time) turns that into a clear error; a stale
 * one is taken over.
 */
function lockDirectory(dir: string): () => void {
	const lockPath = `${dir}.lock`;
	const owner = [process.pid, processInfo(process.pid)?.start].filter(Boolean).join(' ');
	for (let attempt = 0; attempt < 2; attempt++) {
		try {
			const fd = openSync(lockPath, 'wx');
			writeSync(fd, owner);
			closeSync(fd);
			return () => rmSync(lockPath, { force: true });
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
			const [pidText, start] = readFileSync(lockPath, 'utf8').trim().split(' ');
			const pid = Number(pidText);
			if (pid && pid !== process.pid && ownerAlive(pid, start)) {
				throw new DatabaseLockedError(dir, pid);
			}
			rmSync(lockPath, { force: true });
		}
	}
	throw new Error(`Could not take the lock ${lockPath}`);
}

export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
	const migrationsFolder = options.migrationsFolder ?? resolve('drizzle');

	if (options.databaseUrl) {
		const { default: postgres } = await import('postgres');
		const { drizzle } = await import('drizzle-orm/postgres-js');
		const { migrate } = await import('drizzle-orm/postgres-js/migrator');
		// Migrations run on one connection holding a lock, so that processes starting together
		// on a new database take turns instead of creating the same tables at once.
		const single = postgres(options.databaseUrl, { max: 1, onnotice: () => {} });
		try {
			await single`select pg_advisory_lock(${MIGRATION_LOCK})`;
			await migrate(drizzle(single, { schema }), { migrationsFolder });
		} finally {
			await single.end({ timeout: 5 });
		}
		const client = postgres(options.databaseUrl, { max: 10, onnotice: () => {} });
		const db = drizzle(client, { schema });
		log.info('PostgreSQL ready');
		return { db, kind: 'postgres', close: () => client.end({ timeout: 5 }) };
	}

	const { PGlite } = await import('@electric-sql/pglite');
	const { drizzle } = await import('drizzle-orm/pglite');
	const { migrate } = await import('drizzle-orm/pglite/migrator');

	let client: InstanceType<typeof PGlite>;
	let unlock = () => {};
	if (options.dataDir === 'memory') {
		client = new PGlite();
	} else {
		// PGlite creates only the last segment of its path.
		mkdirSync(options.dataDir, { recursive: true });
		const dir = join(options.dataDir, 'pglite');
		unlock = lockDirectory(dir);
		client = new PGlite(dir);
	}
	const pglite = drizzle(client, { schema });
	try {
		await migrate(pglite, { migrationsFolder });
	} catch (error) {
		await client.close();
		unlock();
		throw error;
	}
	log.info(`PGlite ready (${options.dataDir})`);
	return {
		// One type for the app: the query builder API is the same for both drivers.
		db: pglite as unknown as Database,
		kind: 'pglite',
		close: async () => {
			await client.close();
			unlock();
		}
	};
}
