import type { Database } from '../db';

/** Imports the bundled sample listings when the database has none. */
export async function seedIfEmpty(_db: Database): Promise<void> {
	// TODO: placeholder until the importer lands.
}
