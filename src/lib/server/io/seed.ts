/**
 * The bundled sample (src/lib/server/seed/) imported into an empty database at start, through
 * the ordinary import: analysed, then applied, leaving its batch and revisions like any file.
 */
import { and, eq, inArray, isNull, notExists, sql } from 'drizzle-orm';
import type { Database } from '../db';
import type { Executor } from '../users';
import { importBatches, listings, partyListings, proposals } from '../db/schema';
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

/** How many listings of the sample are still as it brought them (none once edited or used). */
export async function sampleListingCount(db: Executor): Promise<number> {
	return (await untouchedSample(db)).length;
}

/**
 * Deletes the sample's listings that nobody has touched: still at their first version, in no
 * party, with no proposal. For a hub that starts with its own file rather than the demo.
 * Returns how many were deleted.
 */
export async function removeSample(db: Database): Promise<number> {
	return db.transaction(async (tx) => {
		const uids = await untouchedSample(tx);
		if (uids.length === 0) return 0;
		await tx.delete(listings).where(inArray(listings.uid, uids));
		log.info(`sample removed: ${uids.length} listings`);
		return uids.length;
	});
}

/** The sample's listing ids, as its rows give them. */
function sampleIds(): string[] {
	return (JSON.parse(sample) as { id?: unknown }[]).map((row) => String(row.id ?? '').trim());
}

async function untouchedSample(db: Executor): Promise<string[]> {
	const [seeded] = await db
		.select({ id: importBatches.id })
		.from(importBatches)
		.where(
			and(
				eq(importBatches.filename, SAMPLE_FILENAME),
				eq(importBatches.status, 'applied'),
				isNull(importBatches.createdBy)
			)
		)
		.limit(1);
	if (!seeded) return [];
	const ids = sampleIds();
	const rows = await db
		.select({ uid: listings.uid })
		.from(listings)
		.where(
			and(
				inArray(listings.id, ids),
				eq(listings.version, 1),
				notExists(db.select().from(partyListings).where(eq(partyListings.listingUid, listings.uid))),
				notExists(db.select().from(proposals).where(eq(proposals.listingUid, listings.uid)))
			)
		);
	return rows.map((r) => r.uid);
}
