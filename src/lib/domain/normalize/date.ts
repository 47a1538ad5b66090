/**
 * `date_maj`, the date a record was last updated, as ISO `YYYY-MM-DD`.
 *
 * An unknown date is written `1970-01-01`, the national pipeline's convention (it writes the
 * epoch when a source has no date). We never invent a date: a record without one keeps the
 * convention and a warning, and the app sets the real date when a person confirms the record.
 */
import { error, quote, rewritten, warning, type FieldIssue } from '../standard/issues';
import type { Normalized } from './result';
import { cellText, isBlank } from './text';

const FIELD = 'date_maj';
export const UNKNOWN_DATE = '1970-01-01';

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_WITH_TIME =
	/^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const FRENCH = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[ T]\d{1,2}[:h]\d{2}(?::\d{2})?)?$/;
const UNIX_SECONDS = /^\d{10}$/;

export function isUnknownDate(date: string): boolean {
	return date === UNKNOWN_DATE;
}

/** True for a real calendar date written `YYYY-MM-DD`. */
export function isIsoDate(text: string): boolean {
	const match = ISO.exec(text);
	if (!match) return false;
	const [year, month, day] = match.slice(1).map(Number);
	const date = new Date(Date.UTC(year, month - 1, day));
	return (
		date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
	);
}

/** Reads the formats seen in sources: ISO with or without time, `DD/MM/YYYY`, Unix seconds. */
export function normalizeDate(raw: unknown, today: string): Normalized<string> {
	if (isBlank(raw)) {
		return {
			value: UNKNOWN_DATE,
			issues: [
				rewritten(
					FIELD,
					'date_inconnue',
					`date absente : la fiche est marquée « date inconnue » (${UNKNOWN_DATE}) jusqu'à sa prochaine vérification.`,
					null,
					UNKNOWN_DATE
				)
			]
		};
	}
	const text = cellText(raw).trim();
	const value = parse(text);
	if (value === undefined) {
		return {
			value: UNKNOWN_DATE,
			issues: [
				error(
					FIELD,
					'date_invalide',
					`${quote(text)} n'est pas une date lisible : la fiche est marquée « date inconnue ».`,
					{
						before: text,
						after: UNKNOWN_DATE
					}
				)
			],
			setAside: text
		};
	}

	const issues: FieldIssue[] = [];
	if (value !== text)
		issues.push(
			rewritten(FIELD, 'date_format', `${quote(text)} réécrite ${quote(value)}.`, text, value)
		);
	if (value > today) {
		issues.push(
			warning(FIELD, 'date_future', `${quote(value)} est dans le futur (aujourd'hui : ${today}).`)
		);
	}
	return { value, issues };
}

function parse(text: string): string | undefined {
	let parts: [string, string, string] | undefined;
	const iso = ISO_WITH_TIME.exec(text);
	const french = FRENCH.exec(text);
	if (iso) parts = [iso[1], iso[2], iso[3]];
	else if (french) parts = [french[3], french[2], french[1]];
	else if (UNIX_SECONDS.test(text)) return new Date(Number(text) * 1000).toISOString().slice(0, 10);
	if (!parts) return undefined;
	const date = `${parts[0]}-${parts[1].padStart(2, '0')}-${parts[2].padStart(2, '0')}`;
	return isIsoDate(date) ? date : undefined;
}
