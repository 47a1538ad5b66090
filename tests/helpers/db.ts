/**
 * A fresh database per test file: an in-memory PGlite by default, or, when DATABASE_URL is
 * set, a new PostgreSQL database with a unique name on that server, dropped afterwards.
 */
import postgres from 'postgres';
import { openDatabase, type DatabaseHandle } from '../../src/lib/server/db';

export interface TestDatabase extends DatabaseHandle {
	/** URL of the fresh PostgreSQL database, or null on PGlite. */
	url: string | null;
	/** Closes and drops it. */
	dispose(): Promise<void>;
}

export const usingPostgres = Boolean(process.env.DATABASE_URL);

/** Creates an empty PostgreSQL database and returns its URL; the caller drops it. */
export async function createPostgresDatabase(
	adminUrl = process.env.DATABASE_URL!
): Promise<{ url: string; drop(): Promise<void> }> {
	const name = `cartoparty_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
	const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
	await admin.unsafe(`create database "${name}"`);
	await admin.end();
	const url = new URL(adminUrl);
	url.pathname = `/${name}`;
	return {
		url: url.toString(),
		async drop() {
			const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
			await admin.unsafe(`drop database if exists "${name}" with (force)`);
			await admin.end();
		}
	};
}

export async function testDatabase(): Promise<TestDatabase> {
	if (!usingPostgres) {
		const handle = await openDatabase({ databaseUrl: null, dataDir: 'memory' });
		return { ...handle, url: null, dispose: () => handle.close() };
	}
	const created = await createPostgresDatabase();
	const handle = await openDatabase({ databaseUrl: created.url, dataDir: 'memory' });
	return {
		...handle,
		url: created.url,
		async dispose() {
			await handle.close();
			await created.drop();
		}
	};
}
