/** Reading listings. Writes go through `commit.ts` (one transaction, version check, revision). */
import { and, asc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import { FIELD_NAMES, type ListingFields } from '$lib/domain/standard/fields';
import type { Database } from '../db';
import { listings, type Listing } from '../db/schema';
import type { Territory } from '../territory';

/** The standard's fields of a stored listing. */
export function toFields(row: Listing): ListingFields {
	const fields = {} as Record<string, unknown>;
	for (const name of FIELD_NAMES) fields[name] = row[name as keyof Listing] ?? null;
	return fields as unknown as ListingFields;
}

export async function byUid(db: Database, uid: string): Promise<Listing | undefined> {
	const [row] = await db.select().from(listings).where(eq(listings.uid, uid));
	return row;
}

/**
 * Listings of a territory: by INSEE code, or by postcode for listings that have none
 * (a commune's postcodes can be shared with neighbours, so the INSEE code wins when present).
 */
export function territoryCondition(territory: Territory) {
	return or(
		inArray(listings.code_insee, territory.communes),
		and(isNull(listings.code_insee), inArray(listings.code_postal, territory.postcodes))
	);
}

export async function inTerritory(db: Database, territory: Territory): Promise<Listing[]> {
	return db
		.select()
		.from(listings)
		.where(territoryCondition(territory))
		.orderBy(asc(listings.nom));
}

export async function count(db: Database): Promise<number> {
	const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(listings);
	return row.n;
}
