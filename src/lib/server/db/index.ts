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

export class DatabaseLockedError extends Error {
	constructor(dir: string, pid: number) {
		super(
			`La base embarquée ${dir} est déjà ouverte par le processus ${pid}. ` +
				`Arrêtez-le, ou utilisez DATABASE_URL (PostgreSQL) pour partager la base entre plusieurs processus.`
		);
		this.name = 'DatabaseLockedError';
	}
}

function isAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/**
 * PGlite has no lock of its own: two processes on one directory corrupt it silently.
 * A lock file holding the owner's pid turns that into a clear error; a stale one is taken over.
 */
function lockDirectory(dir: string): () => void {
	const lockPath = `${dir}.lock`;
	for (let attempt = 0; attempt < 2; attempt++) {
		try {
			const fd = openSync(lockPath, 'wx');
			writeSync(fd, String(process.pid));
			closeSync(fd);
			return () => rmSync(lockPath, { force: true });
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
			const pid = Number(readFileSync(lockPath, 'utf8'));
			if (pid && pid !== process.pid && isAlive(pid)) throw new DatabaseLockedError(dir, pid);
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
		const client = postgres(options.databaseUrl, { max: 10, onnotice: () => {} });
		const db = drizzle(client, { schema });
		await migrate(db, { migrationsFolder });
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
