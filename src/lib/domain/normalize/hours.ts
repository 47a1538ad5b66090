/**
 * Opening hours in OpenStreetMap `opening_hours` syntax, checked with the `opening_hours`
 * library (the one the national map uses), French public holidays, French messages.
 *
 * OSM rule semantics matter: in `Mo-Fr 09:00-12:00; We 14:00-17:00` the second rule *replaces*
 * Wednesday; only `, ` adds to a day. `Mo-Fr 09:00-12:00; 14:00-17:00` is valid but means
 * "every day 14:00-17:00" from the second rule on, so it gets a warning.
 */
import OpeningHours from 'opening_hours';
import { error, quote, rewritten, warning, type FieldIssue } from '../standard/issues';
import { suggestHoursFromFrench } from './hours-french';
import type { Normalized } from './result';
import { cellText, cleanLine, isBlank } from './text';

const FIELD = 'horaires';
const FRENCH_TIME = /\b(\d{1,2})h(\d{2})\b/gi;

/** A nominatim-like place: France, no region (so no school holidays, `SH`). */
export const FRANCE = { lat: 46.6, lon: 2.4, address: { country_code: 'fr', state: '' } };
const OPTIONS = {
	mode: 0,
	tag_key: 'opening_hours',
	map_value: false,
	warnings_severity: 4,
	locale: 'fr'
};

export type ParsedHours =
	| { valid: true; value: OpeningHours; pretty: string; warnings: string[] }
	| { valid: false; reason: string };

/** Parsing costs about half a millisecond and real files repeat a few values a lot. */
const cache = new Map<string, ParsedHours>();
const CACHE_LIMIT = 5000;

export function parseHours(text: string): ParsedHours {
	const cached = cache.get(text);
	if (cached) return cached;
	let parsed: ParsedHours;
	try {
		const value = new OpeningHours(text, FRANCE, OPTIONS);
		const warnings = value.getStructuredWarnings().map((w) => w.message);
		parsed = { valid: true, value, pretty: value.prettifyValue(), warnings };
	} catch (thrown) {
		parsed = { valid: false, reason: explain(String(thrown)) };
	}
	if (cache.size >= CACHE_LIMIT) cache.clear();
	cache.set(text, parsed);
	return parsed;
}

/**
 * The library throws strings like `Mo 08:45-12:00- <--- (Caractère inattendu…) Mo <--- (…)`:
 * keep the first explanation (its first sentence; it may hold brackets) and where it points.
 */
function explain(thrown: string): string {
	const arrow = thrown.indexOf('<--- (');
	if (arrow < 0) return thrown.split('. ')[0].trim();
	let depth = 0;
	let end = arrow + 5;
	for (; end < thrown.length; end++) {
		if (thrown[end] === '(') depth++;
		else if (thrown[end] === ')' && --depth === 0) break;
	}
	const reason = thrown
		.slice(arrow + 6, end)
		.split(/\.\s/)[0]
		.replace(/\s*\.?\s*$/, '');
	const before = thrown.slice(0, arrow).trim();
	const near = before.length > 30 ? `…${before.slice(-30)}` : before;
	return `${reason} (près de ${quote(near)})`;
}

/** Rules after the first that start with a time apply to every day and replace the others. */
export function replacesEveryDay(pretty: string): boolean {
	return pretty
		.split(/;\s*/)
		.slice(1)
		.some((rule) => /^\d/.test(rule));
}

/** The checks of an hours value for the edit form and the commit. */
export function hoursIssues(text: string): FieldIssue[] {
	const parsed = parseHours(text);
	if (!parsed.valid) {
		const suggestion = suggestHoursFromFrench(text)?.osm;
		return [
			error(FIELD, 'horaires_invalides', `syntaxe OpenStreetMap invalide : ${parsed.reason}.`, {
				...(suggestion ? { suggestion } : {})
			})
		];
	}
	const issues: FieldIssue[] = [];
	if (parsed.pretty !== text) {
		issues.push(
			warning(FIELD, 'horaires_ecriture', `s'écrit plutôt ${quote(parsed.pretty)}.`, {
				suggestion: parsed.pretty
			})
		);
	}
	if (replacesEveryDay(parsed.pretty)) {
		issues.push(
			warning(
				FIELD,
				'horaires_remplacement',
				`une règle sans jour après « ; » remplace les horaires de tous les jours ; pour ajouter une plage à un jour, séparez-la par une virgule.`
			)
		);
	}
	return issues;
}

/**
 * Reads an hours cell. A value the library reads is written its canonical way (reported);
 * free French text is never applied: it is set aside, with a suggestion for a person to confirm.
 */
export function normalizeHours(raw: unknown): Normalized<string | null> {
	if (isBlank(raw)) return { value: null, issues: [] };
	const original = cellText(raw);
	const text = cleanLine(original);
	// "Mo-Th 10h00-12h30": OSM syntax with French times, a spelling the library refuses.
	const parsed = parseHours(text);
	const respelled = parsed.valid ? parsed : parseHours(text.replace(FRENCH_TIME, '$1:$2'));
	if (respelled.valid) {
		const { pretty } = respelled;
		// Spaces around the value are not worth a report.
		if (pretty === text) return { value: pretty, issues: [] };
		const reason = `${quote(original)} réécrit ${quote(pretty)}.`;
		return {
			value: pretty,
			issues: [rewritten(FIELD, 'horaires_format', reason, original, pretty)]
		};
	}

	const suggestion = suggestHoursFromFrench(text)?.osm;
	const reason = suggestion
		? `${quote(text)} n'est pas au format OpenStreetMap ; proposition à vérifier : ${quote(suggestion)}.`
		: `${quote(text)} n'est pas au format OpenStreetMap : ${parsed.valid ? '' : parsed.reason}.`;
	const details = { before: text, after: null, ...(suggestion ? { suggestion } : {}) };
	return {
		value: null,
		issues: [error(FIELD, 'horaires_invalides', reason, details)],
		setAside: text
	};
}
