/**
 * Which existing listing an imported row updates, and what it would change. A row matches a
 * listing on the standard's `id`, or on one of the identifiers the listing had in earlier
 * files (`sourceIds`): national ids change when records are merged, our listings keep them
 * as aliases.
 */
import { sql } from 'drizzle-orm';
import { FIELD_NAMES, type ListingFields } from '$lib/domain/standard/fields';
import { listings, type FieldChanges, type Listing } from '../db/schema';
import { toFields } from '../listings';
import type { Executor } from '../users';
import { jsonb } from './sql';

/** The fields an import writes: every field of the standard but the identifier. */
export const WRITTEN_FIELDS = FIELD_NAMES.filter((name) => name !== 'id');

/**
 * The listing each incoming id matches, by id first, then by alias. With `lock`, the rows are
 * locked until the end of the transaction, so that no commit slips in between.
 */
export async function findTargets(
	db: Executor,
	ids: readonly string[],
	lock = false
): Promise<Map<string, Listing>> {
	const targets = new Map<string, Listing>();
	if (ids.length === 0) return targets;
	// Joins rather than `id in (…) or source_ids && array(…)`: the array overlap cannot use an
	// index and compares every listing's aliases with every incoming id (minutes at 30 000).
	const matching = sql`(
		with wanted as (select value as id from jsonb_array_elements_text(${jsonb(ids)}))
		select l.uid from listings l join wanted w on w.id = l.id
		union
		select l.uid from listings l
		cross join lateral unnest(l.source_ids) as a(alias)
		join wanted w on w.id = a.alias)`;
	const query = db.select().from(listings).where(sql`${listings.uid} in ${matching}`);
	const rows = lock ? await query.for('update') : await query;

	const wanted = new Set(ids);
	for (const row of rows) if (wanted.has(row.id)) targets.set(row.id, row);
	for (const row of rows) {
		for (const alias of row.sourceIds) {
			if (wanted.has(alias) && !targets.has(alias)) targets.set(alias, row);
		}
	}
	return targets;
}

function same(a: unknown, b: unknown): boolean {
	if (Array.isArray(a) && Array.isArray(b)) {
		return a.length === b.length && a.every((value, i) => value === b[i]);
	}
	return (a ?? null) === (b ?? null);
}

function isEmpty(value: unknown): boolean {
	return value === null || value === undefined || (Array.isArray(value) && value.length === 0);
}

/**
 * Field-by-field changes from `before` (null for a new listing) to `after`, as stored in
 * `listing_revisions.changes`. A new listing lists its non-empty fields.
 */
export function fieldChanges(before: ListingFields | null, after: ListingFields): FieldChanges {
	const changes: FieldChanges = {};
	const old = before as unknown as Record<string, unknown> | null;
	const next = after as unknown as Record<string, unknown>;
	for (const name of WRITTEN_FIELDS) {
		const from = old ? (old[name] ?? null) : null;
		const to = next[name] ?? null;
		if (old ? !same(from, to) : !isEmpty(to)) changes[name] = { old: from, new: to };
	}
	return changes;
}

/** The changes an incoming row would make to a stored listing. */
export function changesTo(listing: Listing, incoming: ListingFields): FieldChanges {
	return fieldChanges(toFields(listing), incoming);
}
