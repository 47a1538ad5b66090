/**
 * What the edit form says under a field: the standard's checks and, when the importer's
 * normalisers read a usable value in what was typed ("04 73 12 34 56", "mailto:…",
 * "www.…"), that value as a suggestion. The form offers it as a button; nothing here or there
 * rewrites what the person typed without being asked.
 */
import { departementOf } from '../normalize/departement';
import { normalizeEmails, tidyEmail, EMAIL } from '../normalize/email';
import { normalizeTelephone } from '../normalize/telephone';
import { unique } from '../normalize/text';
import { normalizeUrl, normalizeUrls } from '../normalize/url';
import type { FieldValue, ListingFields } from './fields';
import { hasErrors, type FieldIssue } from './issues';
import { validateField } from './validate';

/** Where the place is: the département decides some overseas telephone prefixes. */
export type Place = Pick<ListingFields, 'code_postal' | 'code_insee'>;

export function formIssues(name: string, value: FieldValue, place: Place): FieldIssue[] {
	const issues = validateField(name, value);
	if (issues.length === 0 || issues.some((issue) => issue.suggestion !== undefined)) {
		return issues;
	}
	const tidy = tidied(name, value, place);
	if (tidy === null || hasErrors(validateField(name, tidy))) return issues;

	// The suggestion goes with the first error (or remark): the one that explains it.
	const at = Math.max(
		issues.findIndex((issue) => issue.severity === 'error'),
		0
	);
	return issues.map((issue, i) => (i === at ? { ...issue, suggestion: tidy } : issue));
}

/** The value the normalisers read in what was typed, when it differs and nothing is lost. */
export function tidied(name: string, value: FieldValue, place: Place): FieldValue {
	let tidy: FieldValue = null;
	if (name === 'telephone' && typeof value === 'string') {
		const read = normalizeTelephone(value, departementOf(place.code_postal, place.code_insee));
		tidy = read.setAside === undefined ? read.value : null;
	} else if ((name === 'fiche_acces_libre' || name === 'prise_rdv') && typeof value === 'string') {
		const read = normalizeUrl(value, name);
		tidy = read.setAside === undefined ? read.value : null;
	} else if ((name === 'courriels' || name === 'site_web') && Array.isArray(value)) {
		tidy = tidiedList(name, value);
	}
	return tidy !== null && !sameValue(tidy, value) ? tidy : null;
}

/** Each line read as the importer reads a cell; null as soon as one line cannot be used. */
function tidiedList(name: 'courriels' | 'site_web', lines: string[]): string[] | null {
	const tidy: string[] = [];
	for (const line of lines) {
		const read = name === 'courriels' ? normalizeEmails(line) : normalizeUrls(line, name);
		if (read.setAside === undefined) {
			tidy.push(...read.value);
			continue;
		}
		// "contact @ mairie .fr": one address typed with spaces inside.
		const joined = name === 'courriels' ? tidyEmail(line.replace(/\s+/g, '')) : '';
		if (!EMAIL.test(joined)) return null;
		tidy.push(joined);
	}
	return unique(tidy);
}

function sameValue(a: FieldValue, b: FieldValue): boolean {
	return Array.isArray(a) && Array.isArray(b) ? a.join('\n') === b.join('\n') : a === b;
}
