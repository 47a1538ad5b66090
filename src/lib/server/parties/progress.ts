/** Where a party stands: how many listings are left, in progress, proposed, reviewed. */
import { asc, eq } from 'drizzle-orm';
import type { Database } from '../db';
import { LISTING_STATUSES, listings, partyListings, type PartyListingStatus } from '../db/schema';
import { isPartyId } from './party';

export interface QueuedListing {
	uid: string;
	nom: string;
	commune: string;
	latitude: number | null;
	longitude: number | null;
	status: PartyListingStatus;
	updatedAt: Date;
}

export interface Progress {
	counts: Record<PartyListingStatus, number> & { total: number };
	/** In alphabetical order of name, then commune. */
	listings: QueuedListing[];
}

function queue(db: Database, partyId: string) {
	return db
		.select({
			uid: listings.uid,
			nom: listings.nom,
			commune: listings.commune,
			latitude: listings.latitude,
			longitude: listings.longitude,
			status: partyListings.status,
			updatedAt: partyListings.updatedAt
		})
		.from(partyListings)
		.innerJoin(listings, eq(listings.uid, partyListings.listingUid))
		.where(eq(partyListings.partyId, partyId))
		.orderBy(asc(listings.nom), asc(listings.commune), asc(listings.uid));
}

/** Counts per status and the queue itself; an unknown party has an empty queue. */
export async function progress(db: Database, partyId: string): Promise<Progress> {
	const rows: QueuedListing[] = isPartyId(partyId) ? await queue(db, partyId) : [];

	const counts = { total: rows.length } as Progress['counts'];
	for (const status of LISTING_STATUSES) counts[status] = 0;
	for (const row of rows) counts[row.status]++;
	return { counts, listings: rows };
}
