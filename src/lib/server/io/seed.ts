/**
 * The bundled sample (src/lib/server/seed/) imported into an empty database at start, through
 * the ordinary import: analysed, then applied, leaving its batch and revisions like any file.
 */
import { sql } from 'drizzle-orm';
import type { Database } from '../db';
import { listings } from '../db/schema';
import { logger } from '../log';
import sample from '../seed/hinaura-puy-de-dome-2023.json?raw';
import { analyse, apply } from './import';

const log = logger('seed');

export const SAMPLE_FILENAME = 'hinaura-puy-de-dome-2023.json';
// Any constant works: it only has to be the same for every process sharing the database.
const SEED_LOCK = 5_318_008;

/**
 * Imports the sample when no listing exists yet; returns whether it did. Several processes
 * starting together on one PostgreSQL database take turns on a lock, so only one imports.
 */
export async function seedIfEmpty(db: Database): Promise<boolean> {
	return db.transaction(async (tx) => {
		await tx.execute(sql`select pg_advisory_xact_lock(${SEED_LOCK})`);
		const [any] = await tx.select({ uid: listings.uid }).from(listings).limit(1);
		if (any) return false;

		const bytes = new TextEncoder().encode(sample);
		const { batchId, report } = await analyse(tx, { filename: SAMPLE_FILENAME, bytes }, null);
		await apply(tx, batchId, null);
		log.info(`sample imported: ${report.counts.rows - report.counts.rejected} listings`);
		return true;
	});
}
