/**
 * What the party page needs beyond the parties service: marking a listing as being worked on,
 * and the open listing as published now.
 */
import { and, eq } from 'drizzle-orm';
import type { ListingFields } from '$lib/domain/standard/fields';
import type { Database } from './db';
import { partyListings } from './db/schema';
import * as listings from './listings';

/**
 * Marks a listing of the party "in progress" when someone opens it. Only a listing still to do
 * moves: one already proposed or reviewed keeps its status. Returns whether it moved; false
 * also when the listing is not in the party's queue.
 */
export async function markInProgress(
	db: Database,
	partyId: string,
	listingUid: string
): Promise<boolean> {
	const moved = await db
		.update(partyListings)
		.set({ status: 'in_progress', updatedAt: new Date() })
		.where(
			and(
				eq(partyListings.partyId, partyId),
				eq(partyListings.listingUid, listingUid),
				eq(partyListings.status, 'todo')
			)
		)
		.returning({ uid: partyListings.listingUid });
	return moved.length > 0;
}

/** Whether the listing is in the party's queue (anything else is refused by the page's actions). */
export async function isQueued(
	db: Database,
	partyId: string,
	listingUid: string
): Promise<boolean> {
	const [row] = await db
		.select({ uid: partyListings.listingUid })
		.from(partyListings)
		.where(and(eq(partyListings.partyId, partyId), eq(partyListings.listingUid, listingUid)));
	return Boolean(row);
}

export interface Published {
	uid: string;
	version: number;
	fields: ListingFields;
}

/**
 * A listing's fields as published now. A draft keeps the values it was seeded with, so the
 * editor compares the draft with these, not with the draft's seed.
 */
export async function published(db: Database, uid: string): Promise<Published | null> {
	const row = await listings.byUid(db, uid);
	return row ? { uid: row.uid, version: row.version, fields: listings.toFields(row) } : null;
}
