/**
 * Importing a file of listings, in two steps a coordinator can see between:
 * - `analyse` reads the file, normalises every row, looks for duplicates and stores the report
 *   with the rows ready to write, as an `import_batches` row. Nothing reaches `listings`.
 * - `apply` (apply.ts) writes the batch in one transaction, or nothing.
 */
import { desc, eq, or, sql } from 'drizzle-orm';
import { columnOf, V01_COLUMNS } from '$lib/domain/standard/columns';
import { findDuplicates, type DedupeListing } from '$lib/domain/dedupe/find';
import type { ListingFields } from '$lib/domain/standard/fields';
import { error, quote, warning, type FieldIssue } from '$lib/domain/standard/issues';
import { personalDataIssues } from '$lib/domain/normalize/personal-data';
import { strayPositions } from '$lib/domain/normalize/stray';
import { isBlank } from '$lib/domain/normalize/text';
import { readRecord } from '$lib/domain/standard/read-record';
import { parisToday } from '$lib/i18n/date-time';
import { importBatches, listings, type Listing } from '../db/schema';
import { config } from '../env';
import { logger } from '../log';
import * as geo from '../territory';
import type { Executor } from '../users';
import { IoError } from './errors';
import { parseFile, type ParsedFile, type Upload } from './parse';
import {
	findingKinds,
	rowStatus,
	type DuplicateHint,
	type ImportReport,
	type RowReport
} from './report';
import { clip, kept, MAX_COLUMN_NAME, quotedShort } from './kept';
import { textSet } from './sql';
import { changesTo, findTargets } from './targets';

import { isBatchId } from './apply';

export { apply, discard, isBatchId, setRowSkipped, type ApplyResult } from './apply';

const log = logger('import');

/** A row as staged in the batch, ready to write. */
export interface StagedRow {
	row: number;
	fields: ListingFields;
	extra: Record<string, unknown>;
	/** Set aside by the coordinator before applying (a duplicate, say): not written. */
	skipped?: boolean;
}

export interface AnalyseOptions {
	/** Defaults to MAX_UPLOAD_BYTES. */
	maxBytes?: number;
	/** YYYY-MM-DD; defaults to today. */
	today?: string;
}

export interface Analysed {
	batchId: string;
	report: ImportReport;
}

/** Likely duplicates shown per row, best first. */
const DUPLICATES_PER_ROW = 3;

interface Work {
	parsed: ReadonlyArray<{ row: number }>;
	reports: RowReport[];
	staged: (StagedRow | null)[];
}

export async function analyse(
	db: Executor,
	upload: Upload,
	userId: string | null,
	options: AnalyseOptions = {}
): Promise<Analysed> {
	const started = performance.now();
	const file = parseFile(upload, options.maxBytes ?? config().maxUploadBytes);
	const columns = checkColumns(file);
	if (file.rows.length === 0) {
		throw new IoError(400, `${file.filename} ne contient aucune fiche (seulement l'en-tête).`);
	}

	const today = options.today ?? parisToday();
	const versions = { '0.1': 0, '1.x': 0 };
	const work: Work = { parsed: file.rows, reports: [], staged: [] };
	for (const { row, record } of file.rows) {
		const read = readRecord(record, { geo, today });
		versions[read.sourceVersion]++;
		const extra = kept(read.extra);
		const issues = [...read.issues, ...extra.issues];
		if (read.fields) issues.push(...personalDataIssues(read.fields));
		work.reports.push({
			row,
			id: clip(read.fields?.id ?? textOf(record.id)),
			nom: clip(read.fields?.nom ?? textOf(record.nom)),
			status: read.fields ? 'accepted' : 'rejected',
			issues: issues.map(quotedShort),
			duplicates: []
		});
		work.staged.push(read.fields ? { row, fields: read.fields, extra: extra.values } : null);
	}

	rejectRepeatedIds(work);
	const targets = await findTargets(db, accepted(work).map((s) => s.fields.id));
	planActions(work, targets);
	const updated = new Set([...targets.values()].map((t) => t.uid));
	await compareWithNeighbours(db, work, updated, file.notices);

	for (const report of work.reports) {
		report.status = rowStatus(report.status === 'rejected', report.issues);
	}
	const report = summarise(file, columns, versions, work.reports);
	const [batch] = await db
		.insert(importBatches)
		.values({
			filename: file.filename,
			format: file.format,
			report,
			rows: accepted(work),
			rowCount: file.rows.length,
			createdBy: userId
		})
		.returning({ id: importBatches.id });

	const seconds = ((performance.now() - started) / 1000).toFixed(1);
	log.info(`${file.filename}: ${file.rows.length} rows analysed in ${seconds} s, batch ${batch.id}`);
	return { batchId: batch.id, report };
}

/** A rejected row's id or name as it came, for the report. */
function textOf(value: unknown): string | null {
	if (typeof value !== 'string' && typeof value !== 'number') return null;
	return isBlank(value) ? null : String(value);
}

function accepted(work: Work): StagedRow[] {
	return work.staged.filter((s): s is StagedRow => s !== null);
}

const REQUIRED_COLUMNS = ['id', 'nom', 'adresse'];

/** Sorts the file's columns; refuses a file that lacks the columns no listing can do without. */
function checkColumns(file: ParsedFile) {
	const standard: string[] = [];
	const former: string[] = [];
	const unknown: string[] = [];
	const found = new Set<string>();
	for (const header of file.columns) {
		const column = columnOf(header);
		if (column === undefined) unknown.push(header);
		else if ((V01_COLUMNS as readonly string[]).includes(column)) former.push(header);
		else standard.push(header);
		if (column) found.add(column);
	}

	const missing = REQUIRED_COLUMNS.filter((c) => !found.has(c));
	if (!found.has('code_postal') && !found.has('code_insee')) missing.push('code_postal');
	if (missing.length > 0) {
		const shown = unknown.slice(0, 12).map(quote).join(', ');
		const more = unknown.length > 12 ? ` et ${unknown.length - 12} autres` : '';
		throw new IoError(
			400,
			`${file.filename} n'a pas les colonnes obligatoires du standard : ${missing.join(', ')}.` +
				(unknown.length ? ` Colonnes non reconnues : ${shown}${more}.` : '') +
				' Renommez les colonnes comme dans le standard (ligne d’en-tête), puis réessayez.'
		);
	}
	const named = unknown.filter((c) => c.length <= MAX_COLUMN_NAME);
	if (named.length > 0) {
		const names = named.map(quote).join(', ');
		file.notices.push(
			named.length === 1
				? `La colonne ${names}, inconnue du standard, est conservée telle quelle avec chaque fiche (elle n'est pas exportée).`
				: `Les colonnes ${names}, inconnues du standard, sont conservées telles quelles avec chaque fiche (elles ne sont pas exportées).`
		);
	}
	const unnamed = unknown.filter((c) => c.length > MAX_COLUMN_NAME);
	if (unnamed.length > 0) {
		const names = unnamed.map(quote).join(', ');
		file.notices.push(
			`${unnamed.length === 1 ? 'La colonne' : 'Les colonnes'} ${names} ` +
				`${unnamed.length === 1 ? 'n’est pas conservée' : 'ne sont pas conservées'} : un nom de plus de ` +
				`${MAX_COLUMN_NAME} caractères n’est pas un en-tête (une ligne de données a-t-elle pris sa place ?).`
		);
	}
	return { standard, former, unknown: unknown.map(clip) };
}

/** The standard's `id` is a primary key: a second row with the same id is refused. */
function rejectRepeatedIds(work: Work) {
	const first = new Map<string, number>();
	work.staged.forEach((staged, i) => {
		if (!staged) return;
		const before = first.get(staged.fields.id);
		if (before === undefined) return void first.set(staged.fields.id, staged.row);
		reject(
			work,
			i,
			error(
				'id',
				'id_en_double',
				`${quote(staged.fields.id)} est déjà l'identifiant de la ligne ${before} : cette ligne ne peut pas être importée.`
			)
		);
	});
}

function reject(work: Work, index: number, issue: FieldIssue) {
	work.staged[index] = null;
	work.reports[index].status = 'rejected';
	work.reports[index].issues.push(issue);
}

/** Create, update or leave unchanged; two rows may not update the same listing. */
function planActions(work: Work, targets: Map<string, Listing>) {
	const claimed = new Map<string, number>();
	work.staged.forEach((staged, i) => {
		if (!staged) return;
		const report = work.reports[i];
		const target = targets.get(staged.fields.id);
		if (!target) return void (report.action = 'create');
		const earlier = claimed.get(target.uid);
		if (earlier !== undefined) {
			reject(
				work,
				i,
				error(
					'id',
					'fiche_en_double',
					`${quote(staged.fields.id)} désigne la même fiche (${target.id}) que la ligne ${earlier} : cette ligne ne peut pas être importée.`
				)
			);
			return;
		}
		claimed.set(target.uid, staged.row);
		const changed = Object.keys(changesTo(target, staged.fields));
		report.action = changed.length > 0 ? 'update' : 'unchanged';
		if (changed.length > 0) report.changed = changed;
	});
}

/**
 * Compares the file's rows with each other and with the listings already stored in the same
 * postcodes or communes (except the ones the file updates: those are compared through their
 * incoming row): likely duplicates, and positions far from the other places of their commune.
 */
async function compareWithNeighbours(
	db: Executor,
	work: Work,
	updated: Set<string>,
	notices: string[]
) {
	const incoming: { index: number; fields: ListingFields }[] = [];
	work.staged.forEach((staged, index) => staged && incoming.push({ index, fields: staged.fields }));
	const fields = incoming.map((i) => i.fields);

	const within = findDuplicates(fields, fields, { within: true, perListing: DUPLICATES_PER_ROW });
	for (const pair of within.pairs) {
		const other = incoming[pair.existing];
		addHint(work, incoming[pair.incoming].index, {
			kind: 'file',
			row: work.parsed[other.index].row,
			id: other.fields.id,
			nom: other.fields.nom,
			score: pair.score,
			reasons: pair.reasons
		});
	}

	const existing = (await nearbyListings(db, fields)).filter((l) => !updated.has(l.uid));
	for (const stray of strayPositions(fields, existing)) {
		const { index, fields: listing } = incoming[stray.index];
		const km = Math.round(stray.metres / 1000);
		work.reports[index].issues.push(
			warning(
				'latitude',
				'loin_de_la_commune',
				`la position (${listing.latitude}, ${listing.longitude}) est à ${km} km du centre des ${stray.peers} autres lieux de la même commune (${listing.commune}) : à vérifier.`
			)
		);
	}
	const stored = findDuplicates(fields, existing, { perListing: DUPLICATES_PER_ROW });
	for (const pair of stored.pairs) {
		const listing = existing[pair.existing];
		addHint(work, incoming[pair.incoming].index, {
			kind: 'existing',
			uid: listing.uid,
			id: listing.id,
			nom: listing.nom,
			score: pair.score,
			reasons: pair.reasons
		});
	}

	const narrowed = Math.max(within.narrowed, stored.narrowed);
	if (narrowed > 0) {
		const rows = narrowed === 1 ? '1 ligne' : `${narrowed} lignes`;
		notices.push(
			`Doublons : ${rows} appartiennent à des communes où le fichier ou la base comptent beaucoup de fiches. ` +
				'Pour elles, la recherche s’est limitée aux fiches de la même rue, au même nom, ' +
				'au même SIRET ou téléphone, ou situées à moins de 300 m environ.'
		);
	}
}

function addHint(work: Work, index: number, hint: DuplicateHint) {
	const hints = work.reports[index].duplicates;
	hints.push(hint);
	// Equal scores in a stable order: stored listings come back from the database in any order.
	hints.sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
	if (hints.length > DUPLICATES_PER_ROW) hints.pop();
}

/** Stored listings sharing a postcode or an INSEE code with the incoming rows. */
async function nearbyListings(
	db: Executor,
	rows: readonly ListingFields[]
): Promise<(DedupeListing & { uid: string })[]> {
	if (rows.length === 0) return [];
	const postcodes = [...new Set(rows.map((r) => r.code_postal))];
	const communes = [...new Set(rows.flatMap((r) => (r.code_insee ? [r.code_insee] : [])))];
	return db
		.select({
			uid: listings.uid,
			id: listings.id,
			nom: listings.nom,
			adresse: listings.adresse,
			code_postal: listings.code_postal,
			code_insee: listings.code_insee,
			latitude: listings.latitude,
			longitude: listings.longitude,
			pivot: listings.pivot,
			telephone: listings.telephone,
			courriels: listings.courriels
		})
		.from(listings)
		.where(
			or(
				sql`${listings.code_postal} in ${textSet(postcodes)}`,
				sql`${listings.code_insee} in ${textSet(communes)}`
			)
		);
}

function summarise(
	file: ParsedFile,
	columns: ImportReport['columns'],
	versions: ImportReport['versions'],
	rows: RowReport[]
): ImportReport {
	const count = (test: (r: RowReport) => boolean) => rows.filter(test).length;
	const live = rows.filter((r) => r.status !== 'rejected');
	return {
		filename: file.filename,
		format: file.format,
		encoding: file.encoding,
		delimiter: file.delimiter,
		versions,
		columns,
		notices: file.notices,
		counts: {
			rows: rows.length,
			accepted: count((r) => r.status === 'accepted'),
			normalised: count((r) => r.status === 'normalised'),
			rejected: count((r) => r.status === 'rejected'),
			create: live.filter((r) => r.action === 'create').length,
			update: live.filter((r) => r.action === 'update').length,
			unchanged: live.filter((r) => r.action === 'unchanged').length,
			duplicates: count((r) => r.duplicates.length > 0),
			personalData: count((r) => r.issues.some((i) => i.code === 'personal_data'))
		},
		kinds: findingKinds(rows),
		rows: rows.filter(
			(r) =>
				r.status !== 'accepted' || r.issues.length || r.duplicates.length || r.action === 'update'
		)
	};
}

export interface BatchSummary {
	id: string;
	filename: string;
	format: string;
	status: 'analysed' | 'applied' | 'discarded';
	rowCount: number;
	createdAt: Date;
	appliedAt: Date | null;
}

const SUMMARY_COLUMNS = {
	id: importBatches.id,
	filename: importBatches.filename,
	format: importBatches.format,
	status: importBatches.status,
	rowCount: importBatches.rowCount,
	createdAt: importBatches.createdAt,
	appliedAt: importBatches.appliedAt
};

/** A batch with its report (not its staged rows), or undefined. */
export async function batch(
	db: Executor,
	id: string
): Promise<(BatchSummary & { report: ImportReport }) | undefined> {
	if (!isBatchId(id)) return undefined;
	const [row] = await db
		.select({ ...SUMMARY_COLUMNS, report: importBatches.report })
		.from(importBatches)
		.where(eq(importBatches.id, id));
	return row && { ...row, report: row.report as ImportReport };
}

/** The latest batches, newest first. */
export async function recent(db: Executor, limit = 20): Promise<BatchSummary[]> {
	return db
		.select(SUMMARY_COLUMNS)
		.from(importBatches)
		.orderBy(desc(importBatches.createdAt))
		.limit(limit);
}
