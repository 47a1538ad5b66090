/**
 * What an analysed batch keeps of each row beyond its fields, and how its report quotes values.
 * Every listing page and export reads `extra`, and the report is stored, shown and downloaded:
 * neither may carry a 40 MB cell. The listing holds what it keeps whole; the report quotes.
 */
import { cut, warning, type FieldIssue } from '$lib/domain/standard/issues';
import { isBlank } from '$lib/domain/normalize/text';
import { REJECTED } from '$lib/domain/standard/read-record';

/**
 * Longest value kept in a listing's `extra` (from an unknown column, or set aside from a field
 * of the standard), in characters (lists and objects counted as JSON); longer ones are dropped
 * with a warning. Nothing useful is that long.
 */
export const MAX_KEPT_CHARACTERS = 10_000;
/** Longest value the report quotes as it was or as it became; the listing holds it whole. */
const REPORT_VALUE_MAX = 1_000;
/** An unknown column with a longer name is no header (a row of data in its place?): not kept. */
export const MAX_COLUMN_NAME = 200;

/**
 * What a row keeps in `extra`: its unknown columns, without the empty cells every CSV row has,
 * and its values set aside; a value over MAX_KEPT_CHARACTERS is dropped, with a warning.
 */
export function kept(extra: Record<string, unknown>): {
	values: Record<string, unknown>;
	issues: FieldIssue[];
} {
	const issues: FieldIssue[] = [];
	const limit = count(MAX_KEPT_CHARACTERS);
	const keep = (from: object, reason: (size: string) => string) => {
		const out: Record<string, unknown> = {};
		for (const [name, value] of Object.entries(from)) {
			if (isBlank(value) || name.length > MAX_COLUMN_NAME) continue;
			const size = characters(value);
			if (size <= MAX_KEPT_CHARACTERS) out[name] = value;
			else issues.push(notKept(name, value, reason(count(size))));
		}
		return out;
	};

	const { [REJECTED]: rejected, ...unknown } = extra;
	const values = keep(
		unknown,
		(size) =>
			`valeur de ${size} caractères, non conservée : des colonnes inconnues du standard, ` +
			`seules les valeurs de ${limit} caractères au plus sont gardées avec la fiche.`
	);
	const setAside = keep(
		rejected ?? {},
		(size) =>
			`valeur mise de côté de ${size} caractères, non conservée : au-delà de ${limit} ` +
			'caractères, elle n’est pas gardée avec la fiche.'
	);
	if (Object.keys(setAside).length > 0) values[REJECTED] = setAside;
	return { values, issues };
}

function characters(value: unknown): number {
	return typeof value === 'string' ? value.length : JSON.stringify(value).length;
}

const count = (n: number) => n.toLocaleString('fr-FR');

function notKept(field: string, value: unknown, reason: string): FieldIssue {
	const text = typeof value === 'string' ? value : JSON.stringify(value);
	const before = `${cut(text, 79)}…`;
	return warning(field, 'valeur_non_conservee', reason, { before, after: null });
}

/** The report quotes values, it does not hold them: long ones are cut, with « … ». */
export function quotedShort(issue: FieldIssue): FieldIssue {
	const short = { ...issue };
	if ('before' in issue) short.before = clipValue(issue.before);
	if ('after' in issue) short.after = clipValue(issue.after);
	return short;
}

function clipValue(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(clipValue);
	return typeof value === 'string' ? clip(value) : value;
}

export function clip<T extends string | null>(text: T): T {
	if (text === null || text.length <= REPORT_VALUE_MAX) return text;
	return `${cut(text, REPORT_VALUE_MAX - 1)}…` as T;
}
