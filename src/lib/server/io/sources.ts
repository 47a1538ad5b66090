/**
 * Corrections to send back upstream. A listing whose `source` names another platform (a hub's
 * file, Dora, the Coop…) was imported from there; what coordinators approved since that import
 * is worth reporting to that platform, one file per source, one line per changed field.
 *
 * A field changed several times counts once, from the value the import gave to the value
 * approved last; a field brought back to the imported value (a revert) drops out.
 */
import { and, asc, inArray, isNotNull, ne, sql } from 'drizzle-orm';
import { fieldLabel } from '$lib/domain/standard/issues';
import { cellText } from '$lib/domain/normalize/text';
import { parisToday } from '$lib/i18n/date-time';
import { listingRevisions, listings } from '../db/schema';
import type { Territory } from '../territory';
import type { Executor } from '../users';
import { csvLine } from './csv';
import { slug, territoryWhere } from './export';
import { neutralise } from './spreadsheet';

export interface SourceChange {
	id: string;
	nom: string;
	commune: string;
	field: string;
	imported: unknown;
	approved: unknown;
	/** When the last approval of this field was committed. */
	at: Date;
}

/** The approved changes of each source's listings, sources in alphabetical order. */
export async function sourceChanges(
	db: Executor,
	territory: Territory | null
): Promise<Map<string, SourceChange[]>> {
	const afterImport = sql`${listingRevisions.id} > coalesce((
		select max(i.id) from listing_revisions i
		where i.listing_uid = ${listingRevisions.listingUid} and i.kind = 'import'), 0)`;
	const rows = await db
		.select({
			uid: listings.uid,
			id: listings.id,
			nom: listings.nom,
			commune: listings.commune,
			source: listings.source,
			changes: listingRevisions.changes,
			at: listingRevisions.createdAt
		})
		.from(listingRevisions)
		.innerJoin(listings, sql`${listings.uid} = ${listingRevisions.listingUid}`)
		.where(
			and(
				inArray(listingRevisions.kind, ['commit', 'revert']),
				isNotNull(listings.source),
				ne(listings.source, ''),
				afterImport,
				territoryWhere(territory)
			)
		)
		.orderBy(asc(listings.source), asc(listings.id), asc(listingRevisions.id));

	const bySource = new Map<string, Map<string, SourceChange>>();
	for (const row of rows) {
		const source = row.source as string;
		const changes = bySource.get(source) ?? new Map<string, SourceChange>();
		bySource.set(source, changes);
		for (const [field, { old, new: value }] of Object.entries(row.changes)) {
			// Every commit moves date_maj: the line's date says it better than a change would.
			if (field === 'date_maj') continue;
			const key = `${row.uid} ${field}`;
			const earlier = changes.get(key);
			changes.set(key, {
				id: row.id,
				nom: row.nom,
				commune: row.commune,
				field,
				imported: earlier ? earlier.imported : old,
				approved: value,
				at: row.at
			});
		}
	}

	const result = new Map<string, SourceChange[]>();
	for (const [source, changes] of bySource) {
		const net = [...changes.values()].filter((c) => cellText(c.imported) !== cellText(c.approved));
		if (net.length > 0) result.set(source, net);
	}
	return result;
}

const SOURCE_HEADER = [
	'id',
	'nom',
	'commune',
	'champ',
	'libelle',
	'valeur_importee',
	'valeur_validee',
	'date_validation'
];

/**
 * One source's changes as a CSV in the standard's conventions (UTF-8, comma, `|`). Whoever
 * receives it opens it in a spreadsheet: cells that would run as a formula are neutralised as
 * in the spreadsheet export (spreadsheet.ts), since the values come from participants.
 */
export function sourceChangesCsv(changes: readonly SourceChange[]): string {
	let out = csvLine(SOURCE_HEADER);
	for (const c of changes) {
		const cells = [
			c.id,
			c.nom,
			c.commune,
			c.field,
			fieldLabel(c.field),
			cellText(c.imported),
			cellText(c.approved),
			parisToday(c.at)
		];
		out += csvLine(cells.map(neutralise));
	}
	return out;
}

/** "dora" → "2025-03-01_dora_modifications-validees.csv". */
export function sourceFilename(source: string, today: string): string {
	return `${today}_${slug(source) || 'source'}_modifications-validees.csv`;
}
