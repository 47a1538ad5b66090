/**
 * The process-wide database handle. It lives on globalThis because the SvelteKit bundle, the
 * websocket server and Vite's dev module graph may each load this module, and an embedded
 * PGlite directory must be opened exactly once per process.
 */
import { config } from '../env';
import { openDatabase, type Database, type DatabaseHandle } from './index';

const KEY = Symbol.for('cartoparty.database');
type Holder = { [KEY]?: Promise<DatabaseHandle> };
const holder = globalThis as Holder;

export function processDatabase(): Promise<DatabaseHandle> {
	holder[KEY] ??= (async () => {
		const { databaseUrl, dataDir } = config();
		return openDatabase({ databaseUrl, dataDir });
	})();
	return holder[KEY];
}

export async function db(): Promise<Database> {
	return (await processDatabase()).db;
}

export async function closeProcessDatabase(): Promise<void> {
	const handle = holder[KEY];
	if (!handle) return;
	delete holder[KEY];
	await (await handle).close();
}
