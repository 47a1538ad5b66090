/**
 * The import report: what happened to every row of a file, as stored with the batch, shown on
 * the report page, printed by the CLI and downloadable as CSV.
 *
 * A row is `rejected` when it cannot become a listing, `normalised` when at least one value was
 * rewritten into the standard's form or set aside, `accepted` otherwise (it may still carry
 * warnings worth a look, such as personal data).
 */
import { fieldLabel, type FieldIssue } from '$lib/domain/standard/issues';
import type { Encoding } from './decode';
import type { FileFormat } from './parse';
import { BOM, spreadsheetLine } from './spreadsheet';

export type RowStatus = 'accepted' | 'normalised' | 'rejected';
export type RowAction = 'create' | 'update' | 'unchanged';

export interface DuplicateHint {
	/** Another row of the same file, or a listing already in the database. */
	kind: 'file' | 'existing';
	/** The other row (kind 'file'). */
	row?: number;
	/** The existing listing (kind 'existing'). */
	uid?: string;
	id: string;
	nom: string;
	score: number;
	reasons: string[];
}

export interface RowReport {
	row: number;
	id: string | null;
	nom: string | null;
	status: RowStatus;
	action?: RowAction;
	/** Fields an update would change. */
	changed?: string[];
	issues: FieldIssue[];
	duplicates: DuplicateHint[];
	/** Set aside by the coordinator: not written when the batch is applied. */
	skipped?: boolean;
}

/** One kind of finding (a field and a code) and how many rows have it. */
export interface FindingKind {
	field: string;
	code: string;
	severity: 'error' | 'warning';
	/** A value was rewritten or set aside (as opposed to a remark). */
	fix: boolean;
	rows: number;
	/** The first message of this kind, to show what it means. */
	example: string;
}

export interface ReportCounts {
	rows: number;
	accepted: number;
	normalised: number;
	rejected: number;
	create: number;
	update: number;
	unchanged: number;
	/** Rows with at least one likely duplicate. */
	duplicates: number;
	/** Rows with personal data warnings. */
	personalData: number;
	/** Rows the coordinator set aside before applying. */
	skipped?: number;
}

export interface ImportReport {
	filename: string;
	format: FileFormat;
	encoding: Encoding;
	delimiter: string | null;
	/** Rows read as v0.1 and as v1.x of the standard. */
	versions: { '0.1': number; '1.x': number };
	columns: { standard: string[]; former: string[]; unknown: string[] };
	notices: string[];
	counts: ReportCounts;
	kinds: FindingKind[];
	/** Rows with something to say (issues, duplicates, rejection, an update), in file order. */
	rows: RowReport[];
	/** Filled in when the batch is applied. */
	applied?: { created: number; updated: number; unchanged: number; skipped?: number; at: string };
}

/** Whether an issue rewrote or set aside a value (rather than only remarking on it). */
export function isFix(issue: FieldIssue): boolean {
	return issue.severity === 'error' || 'after' in issue;
}

export function rowStatus(rejected: boolean, issues: readonly FieldIssue[]): RowStatus {
	if (rejected) return 'rejected';
	return issues.some(isFix) ? 'normalised' : 'accepted';
}

/** Counts rows per kind of finding, most frequent first. */
export function findingKinds(rows: readonly RowReport[]): FindingKind[] {
	const kinds = new Map<string, FindingKind>();
	for (const row of rows) {
		const seen = new Set<string>();
		for (const issue of row.issues) {
			const key = `${issue.field}\u0000${issue.code}`;
			if (seen.has(key)) continue;
			seen.add(key);
			const kind = kinds.get(key);
			if (kind) kind.rows++;
			else {
				kinds.set(key, {
					field: issue.field,
					code: issue.code,
					severity: issue.severity,
					fix: isFix(issue),
					rows: 1,
					example: issue.message
				});
			}
		}
	}
	return [...kinds.values()].sort((a, b) => b.rows - a.rows || a.code.localeCompare(b.code));
}

export const STATUS_LABELS: Record<RowStatus, string> = {
	accepted: 'acceptée',
	normalised: 'normalisée',
	rejected: 'rejetée'
};

export const ACTION_LABELS: Record<RowAction, string> = {
	create: 'création',
	update: 'mise à jour',
	unchanged: 'inchangée'
};

const REPORT_HEADER = [
	'ligne',
	'id',
	'nom',
	'statut',
	'action',
	'champ',
	'gravite',
	'code',
	'message',
	'avant',
	'apres'
];

function valueText(value: unknown): string {
	if (value === undefined || value === null) return '';
	if (Array.isArray(value)) return value.join('|');
	return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** One line per finding (and per likely duplicate), for a spreadsheet. */
export function reportCsv(report: ImportReport): string {
	let out = BOM + spreadsheetLine(REPORT_HEADER);
	for (const row of report.rows) {
		const start = [
			String(row.row),
			row.id ?? '',
			row.nom ?? '',
			STATUS_LABELS[row.status],
			row.action ? ACTION_LABELS[row.action] : ''
		];
		for (const issue of row.issues) {
			out += spreadsheetLine([
				...start,
				issue.field,
				issue.severity === 'error' ? 'erreur' : 'avertissement',
				issue.code,
				issue.message,
				valueText(issue.before),
				valueText(issue.after)
			]);
		}
		if (row.changed?.length) {
			const labels = row.changed.map(fieldLabel).join(', ');
			out += spreadsheetLine([
				...start,
				row.changed.join('|'),
				'information',
				'mise_a_jour',
				`Champs modifiés par l'import : ${labels}.`,
				'',
				''
			]);
		}
		for (const hint of row.duplicates) {
			out += spreadsheetLine([
				...start,
				'',
				'avertissement',
				'doublon_probable',
				duplicateText(hint, report.format),
				'',
				''
			]);
		}
	}
	return out;
}

/** « Doublon probable de la ligne 12 du fichier « Médiathèque » (score 85 : même adresse, …). » */
export function duplicateText(hint: DuplicateHint, format: FileFormat): string {
	const other =
		hint.kind === 'file'
			? `${format === 'csv' ? 'de la ligne' : "de l'élément"} ${hint.row} du fichier`
			: `de la fiche existante ${hint.id}`;
	const why = hint.reasons.join(', ');
	return `Doublon probable ${other} « ${hint.nom} » (score ${hint.score} : ${why}).`;
}
