/**
 * What changed since a past export of a territory: listings added, changed (with the fields
 * their revisions touched) and removed. Re-users of the open data read it to update their
 * copy; a hub reads it before publishing to see what the carto parties changed.
 */
import { and, desc, eq, sql } from 'drizzle-orm';
import { FIELD_NAMES } from '$lib/domain/standard/fields';
import { fieldLabel } from '$lib/domain/standard/issues';
import { exportsLog, listings } from '../db/schema';
import type { Territory } from '../territory';
import type { Executor } from '../users';
import { IoError } from './errors';
import { sameTerritory, territoryKey, territoryWhere } from './export';
import { BOM, spreadsheetLine } from './spreadsheet';
import { jsonb, query, textSet } from './sql';

const FIELD_ORDER = new Map(FIELD_NAMES.map((name, i) => [name, i]));

export interface ChangelogEntry {
	uid: string;
	/** Standard id; null for a listing deleted since. */
	id: string | null;
	nom: string | null;
	commune: string | null;
	/** For a changed listing: the fields its revisions touched, in schema order. */
	fields?: string[];
}

export interface Changelog {
	since: { id: number; format: string; createdAt: Date; rowCount: number } | null;
	added: ChangelogEntry[];
	changed: ChangelogEntry[];
	removed: ChangelogEntry[];
}

/**
 * Changes since the export `sinceId` (it must be of the same territory), or since the latest
 * export of the territory. With no past export, every listing counts as added.
 */
export async function changelog(
	db: Executor,
	territory: Territory | null,
	sinceId?: number
): Promise<Changelog> {
	const key = territoryKey(territory);
	const [since] = await db
		.select()
		.from(exportsLog)
		.where(and(sameTerritory(key), sinceId === undefined ? undefined : eq(exportsLog.id, sinceId)))
		.orderBy(desc(exportsLog.id))
		.limit(1);
	if (sinceId !== undefined && !since) {
		throw new IoError(404, `Export n° ${sinceId} introuvable pour ce territoire.`);
	}

	const current = await db
		.select({
			uid: listings.uid,
			id: listings.id,
			nom: listings.nom,
			commune: listings.commune,
			version: listings.version
		})
		.from(listings)
		.where(territoryWhere(territory))
		.orderBy(listings.id);
	const before = since?.versions ?? {};
	const added = current.filter((l) => before[l.uid] === undefined);
	const moved = current.filter((l) => before[l.uid] !== undefined && l.version > before[l.uid]);
	const present = new Set(current.map((l) => l.uid));
	const gone = Object.keys(before).filter((uid) => !present.has(uid));

	const exported = Object.fromEntries(moved.map((l) => [l.uid, before[l.uid]]));
	const touched = await touchedFields(db, exported);
	return {
		since: since
			? { id: since.id, format: since.format, createdAt: since.createdAt, rowCount: since.rowCount }
			: null,
		added: added.map(entry),
		changed: moved.map((l) => ({ ...entry(l), fields: touched.get(l.uid) ?? [] })),
		removed: await removedEntries(db, gone)
	};
}

function entry(l: { uid: string; id: string; nom: string; commune: string }): ChangelogEntry {
	return { uid: l.uid, id: l.id, nom: l.nom, commune: l.commune };
}

/** Fields changed by the revisions after each listing's exported version. */
async function touchedFields(db: Executor, after: Record<string, number>) {
	const touched = new Map<string, string[]>();
	if (Object.keys(after).length === 0) return touched;
	const rows = await query<{ uid: string; fields: string[] }>(
		db,
		sql`
		select r.listing_uid as uid, array_agg(distinct k.key) as fields
		from listing_revisions r
		join jsonb_each_text(${jsonb(after)}) as v on v.key::uuid = r.listing_uid
		cross join lateral jsonb_object_keys(r.changes) as k(key)
		where r.version > v.value::integer
		group by r.listing_uid`
	);
	const order = (name: string) => FIELD_ORDER.get(name) ?? Number.MAX_SAFE_INTEGER;
	for (const row of rows) touched.set(row.uid, [...row.fields].sort((a, b) => order(a) - order(b)));
	return touched;
}

/** Listings of the past export that are not in the territory any more: deleted, or moved. */
async function removedEntries(db: Executor, uids: string[]): Promise<ChangelogEntry[]> {
	if (uids.length === 0) return [];
	const still = await db
		.select({ uid: listings.uid, id: listings.id, nom: listings.nom, commune: listings.commune })
		.from(listings)
		.where(sql`${listings.uid}::text in ${textSet(uids)}`);
	const known = new Map(still.map((l) => [l.uid, entry(l)]));
	return uids.map((uid) => known.get(uid) ?? { uid, id: null, nom: null, commune: null });
}

const KIND_LABELS = { added: 'ajoutée', changed: 'modifiée', removed: 'retirée' } as const;

/** The changelog as a spreadsheet: one line per listing. */
export function changelogCsv(log: Changelog): string {
	let out = BOM + spreadsheetLine(['changement', 'id', 'nom', 'commune', 'champs_modifies']);
	for (const kind of ['added', 'changed', 'removed'] as const) {
		for (const e of log[kind]) {
			const fields = (e.fields ?? []).map(fieldLabel).join(', ');
			const nom = e.nom ?? 'fiche supprimée';
			out += spreadsheetLine([KIND_LABELS[kind], e.id ?? e.uid, nom, e.commune ?? '', fields]);
		}
	}
	return out;
}
