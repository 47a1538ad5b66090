/**
 * Writing an analysed batch: new listings inserted, matching ones updated (version bumped),
 * one `listing_revisions` row of kind 'import' per listing written, all in one transaction.
 *
 * Each of the three writes is one statement whatever the number of rows: the rows travel as a
 * single jsonb parameter expanded by `jsonb_populate_recordset` (a multi-row VALUES would need
 * one parameter per cell, and PostgreSQL stops at 65 535 per statement).
 */
import { eq, sql, type SQL } from 'drizzle-orm';
import type { ListingFields } from '$lib/domain/standard/fields';
import { formatDate } from '$lib/i18n/date-time';
import { importBatches, type FieldChanges, type Listing } from '../db/schema';
import { toFields } from '../listings';
import { logger } from '../log';
import type { Executor } from '../users';
import { IoError } from './errors';
import type { StagedRow } from './import';
import type { ImportReport } from './report';
import { jsonb, query } from './sql';
import { fieldChanges, findTargets, WRITTEN_FIELDS } from './targets';

const log = logger('import');

export interface ApplyResult {
	created: number;
	updated: number;
	unchanged: number;
	/** Rows the coordinator set aside. */
	skipped: number;
}

interface Revision {
	listing_uid: string;
	version: number;
	changes: FieldChanges;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isBatchId(id: string): boolean {
	return UUID.test(id);
}

/** The batch, locked for this transaction; refused unless it is still waiting to be applied. */
async function waitingBatch(tx: Executor, batchId: string) {
	const [batch] = isBatchId(batchId)
		? await tx.select().from(importBatches).where(eq(importBatches.id, batchId)).for('update')
		: [];
	if (!batch) throw new IoError(404, 'Import introuvable.');
	if (batch.status === 'applied') {
		const when = batch.appliedAt ? ` (le ${formatDate(batch.appliedAt)})` : '';
		throw new IoError(
			409,
			`Cet import a déjà été appliqué${when} : il ne peut pas l'être deux fois.`
		);
	}
	if (batch.status === 'discarded') {
		throw new IoError(409, 'Cet import a été abandonné : importez le fichier à nouveau.');
	}
	return batch;
}

/**
 * Applies an analysed batch. Matching is done again here, on locked rows: listings may have
 * been created or changed since the analysis. A failure anywhere changes nothing.
 */
export async function apply(
	db: Executor,
	batchId: string,
	userId: string | null
): Promise<ApplyResult> {
	const started = performance.now();
	const result = await db.transaction(async (tx) => {
		const batch = await waitingBatch(tx, batchId);
		const staged = batch.rows as StagedRow[];
		const rows = staged.filter((r) => !r.skipped);
		const targets = await findTargets(tx, rows.map((r) => r.fields.id), true);

		const inserts: Record<string, unknown>[] = [];
		const updates: Record<string, unknown>[] = [];
		const revisions: Revision[] = [];
		for (const { fields, extra } of rows) {
			const target = targets.get(fields.id);
			if (!target) {
				const uid = crypto.randomUUID();
				inserts.push(columns(fields, { uid, id: fields.id, version: 1, source_ids: [fields.id], extra }));
				revisions.push({ listing_uid: uid, version: 1, changes: fieldChanges(null, fields) });
				continue;
			}
			const changes = fieldChanges(toFields(target), fields);
			if (Object.keys(changes).length === 0) continue;
			const version = target.version + 1;
			updates.push(columns(fields, updatedKeys(target, fields, extra, version)));
			revisions.push({ listing_uid: target.uid, version, changes });
		}

		if (updates.length > 0) await updateListings(tx, updates);
		if (inserts.length > 0) await insertListings(tx, inserts);
		if (revisions.length > 0) await insertRevisions(tx, revisions, userId);

		const outcome = {
			created: inserts.length,
			updated: updates.length,
			unchanged: rows.length - inserts.length - updates.length,
			skipped: staged.length - rows.length
		};
		const report: ImportReport = {
			...(batch.report as ImportReport),
			applied: { ...outcome, at: new Date().toISOString() }
		};
		// The staged rows now live in `listings`; the report stays for the record.
		await tx
			.update(importBatches)
			.set({ status: 'applied', appliedAt: sql`now()`, rows: [], report })
			.where(eq(importBatches.id, batch.id));
		return outcome;
	});
	const seconds = ((performance.now() - started) / 1000).toFixed(1);
	log.info(`batch ${batchId} applied in ${seconds} s: ${JSON.stringify(result)}`);
	return result;
}

/** Keeps the listing's identity and aliases; the incoming id joins the aliases. */
function updatedKeys(
	target: Listing,
	fields: ListingFields,
	extra: Record<string, unknown>,
	version: number
) {
	const aliases = target.sourceIds.includes(fields.id)
		? target.sourceIds
		: [...target.sourceIds, fields.id];
	return { uid: target.uid, version, source_ids: aliases, extra: { ...target.extra, ...extra } };
}

/** A listing as the JSON object `jsonb_populate_recordset` reads: SQL column names as keys. */
function columns(fields: ListingFields, keys: Record<string, unknown>): Record<string, unknown> {
	const row: Record<string, unknown> = { ...keys };
	const source = fields as unknown as Record<string, unknown>;
	for (const name of WRITTEN_FIELDS) row[name] = source[name] ?? null;
	return row;
}

const names = (list: readonly string[]) => sql.join(list.map((n) => sql.identifier(n)), sql`, `);

async function insertListings(tx: Executor, rows: Record<string, unknown>[]) {
	const list = names(['uid', 'id', 'version', 'source_ids', 'extra', ...WRITTEN_FIELDS]);
	await tx.execute(sql`
		insert into listings (${list})
		select ${list} from jsonb_populate_recordset(null::listings, ${jsonb(rows)})`);
}

async function updateListings(tx: Executor, rows: Record<string, unknown>[]) {
	const set: SQL[] = ['version', 'source_ids', 'extra', ...WRITTEN_FIELDS].map(
		(name) => sql`${sql.identifier(name)} = r.${sql.identifier(name)}`
	);
	await tx.execute(sql`
		update listings as l set ${sql.join(set, sql`, `)}, updated_at = now()
		from jsonb_populate_recordset(null::listings, ${jsonb(rows)}) as r
		where l.uid = r.uid`);
}

async function insertRevisions(tx: Executor, rows: Revision[], userId: string | null) {
	await query(
		tx,
		sql`
		insert into listing_revisions (listing_uid, version, kind, author_id, changes)
		select r.listing_uid, r.version, 'import', ${userId}::text, r.changes
		from jsonb_to_recordset(${jsonb(rows)}) as r(listing_uid uuid, version integer, changes jsonb)`
	);
}

/** Drops an analysed batch: its staged rows are deleted, its report kept. */
/**
 * Sets a row of an analysed batch aside, or takes it back: a set-aside row is not written when
 * the batch is applied (a likely duplicate the coordinator does not want, say). The report
 * keeps the row and says it was set aside.
 */
export async function setRowSkipped(
	db: Executor,
	batchId: string,
	row: number,
	skipped: boolean
): Promise<void> {
	await db.transaction(async (tx) => {
		const batch = await waitingBatch(tx, batchId);
		const rows = batch.rows as StagedRow[];
		const target = rows.find((r) => r.row === row);
		if (!target) {
			throw new IoError(404, `La ligne ${row} n’est pas une ligne importable de ce fichier.`);
		}
		target.skipped = skipped || undefined;
		const report = batch.report as ImportReport;
		for (const shown of report.rows) if (shown.row === row) shown.skipped = skipped || undefined;
		report.counts.skipped = rows.filter((r) => r.skipped).length;
		await tx.update(importBatches).set({ rows, report }).where(eq(importBatches.id, batchId));
	});
}

export async function discard(db: Executor, batchId: string): Promise<void> {
	await db.transaction(async (tx) => {
		await waitingBatch(tx, batchId);
		await tx
			.update(importBatches)
			.set({ status: 'discarded', rows: [] })
			.where(eq(importBatches.id, batchId));
	});
}
