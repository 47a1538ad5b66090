/**
 * Opening hours in OpenStreetMap `opening_hours` syntax, checked with the `opening_hours`
 * library (the one the national map uses), French public holidays, French messages.
 *
 * OSM rule semantics matter: in `Mo-Fr 09:00-12:00; We 14:00-17:00` the second rule *replaces*
 * Wednesday; only `, ` adds to a day. `Mo-Fr 09:00-12:00; 14:00-17:00` is valid but means
 * "every day 14:00-17:00" from the second rule on, so it gets a warning.
 */
import OpeningHours from 'opening_hours';
import { FIELD_BY_NAME } from '../standard/fields';
import { error, lengthIssue, quote, rewritten, warning, type FieldIssue } from '../standard/issues';
import { suggestHoursFromFrench } from './hours-french';
import type { Normalized } from './result';
import { cellText, cleanLine, isBlank } from './text';

const FIELD = 'horaires';
const SPEC = FIELD_BY_NAME.get(FIELD)!;
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
	/** `reason` is French and follows "format …": « non reconnu près de « Mo 9 » (…) ». */
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
		parsed = { valid: false, reason: explain(String(thrown), () => englishReason(text)) };
	}
	if (cache.size >= CACHE_LIMIT) cache.clear();
	cache.set(text, parsed);
	return parsed;
}

/**
 * What the library says in English: where its French says the same, it has no translation.
 * A second parse (about 0.4 ms), so only asked for reasons not recognised otherwise.
 */
function englishReason(text: string): string {
	try {
		new OpeningHours(text, FRANCE, { ...OPTIONS, locale: 'en' });
		return '';
	} catch (thrown) {
		return firstExplanation(String(thrown))?.reason ?? '';
	}
}

/**
 * The library throws strings like `Mo 08:45-12:00- <--- (Caractère inattendu…) Mo <--- (…)`:
 * the text up to where it stopped, and its first explanation (which may hold brackets).
 */
function firstExplanation(thrown: string): { before: string; reason: string } | null {
	const arrow = thrown.indexOf('<--- (');
	if (arrow < 0) return null;
	let depth = 0;
	let end = arrow + 5;
	for (; end < thrown.length; end++) {
		if (thrown[end] === '(') depth++;
		else if (thrown[end] === ')' && --depth === 0) break;
	}
	return { before: thrown.slice(0, arrow).trim(), reason: thrown.slice(arrow + 6, end).trim() };
}

const UNEXPECTED = /^Caractère inattendu : "(.*?)"/;
/** Day and month names the library refuses, in a message it only has in English. */
const FOREIGN_TOKEN = /^Token "(.+?)" is (?:ambiguous|not valid)/;
const DAYS_HINT = 'les jours s’écrivent en abrégé anglais : Mo, Tu, We, Th, Fr, Sa, Su';
const MONTHS_HINT = 'les mois s’écrivent en abrégé anglais : Jan, Feb, Mar…';
/** `SH` needs a school zone, which a French place's hours cannot give the library. */
const SCHOOL_HOLIDAYS = /\bSH\b/;
const SCHOOL_HINT =
	'les vacances scolaires « SH » dépendent de la zone : écrivez leurs dates, par exemple « Jul 14-Aug 31 off »';

/** Where the library stopped and, when it can say why in French, why; never English. */
function explain(thrown: string, english: () => string): string {
	const first = firstExplanation(thrown);
	// Without a position the library is reporting its own failure, in words for developers.
	if (!first) return SCHOOL_HOLIDAYS.test(thrown) ? `non reconnu (${SCHOOL_HINT})` : 'non reconnu';

	const { before, reason } = first;
	const foreign = FOREIGN_TOKEN.exec(reason);
	if (foreign) {
		const hint = reason.includes('(Mo, Tu') ? DAYS_HINT : MONTHS_HINT;
		return `non reconnu près de ${quote(foreign[1])} (${hint})`;
	}

	const near = before.length > 30 ? `…${before.slice(-30)}` : before;
	const where = near === '' ? 'dès le début' : `près de ${quote(near)}`;
	const detail = frenchDetail(reason, near, english);
	return detail ? `non reconnu ${where} (${detail})` : `non reconnu ${where}`;
}

/** The library's French explanation, first sentence, lower case, French quotation marks. */
function frenchDetail(reason: string, near: string, english: () => string): string | null {
	const unexpected = UNEXPECTED.exec(reason);
	if (unexpected) {
		const token = unexpected[1];
		if (token === 'number') return 'nombre inattendu';
		return near.includes(token) ? `caractère ${quote(token)} inattendu` : null;
	}
	if (reason === english()) return null;
	const sentence = reason
		.split(/\.\s/)[0]
		.replace(/\s*\.?\s*$/, '')
		.replace(/"([^"]*)"/g, '« $1 »');
	return sentence.charAt(0).toLocaleLowerCase('fr') + sentence.slice(1);
}

/** "Mo-Th 10h00-12h30": OSM syntax with French times, a spelling the library refuses. */
function respelled(text: string): string | null {
	const french = text.replace(FRENCH_TIME, '$1:$2');
	if (french === text) return null;
	const parsed = parseHours(french);
	return parsed.valid ? parsed.pretty : null;
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
		const suggestion = respelled(text) ?? suggestHoursFromFrench(text)?.osm;
		const proposal = suggestion ? ` Proposition d’après le texte : ${quote(suggestion)}.` : '';
		return [
			error(FIELD, 'horaires_invalides', `format ${parsed.reason}.${proposal}`, {
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
	// Parsing takes time that grows faster than the text (about 1 s for 10 000 characters,
	// 9 s for 40 000): a value over the field's limit is set aside unparsed.
	const tooLong = lengthIssue(SPEC, text);
	if (tooLong) {
		return { value: null, issues: [{ ...tooLong, before: original, after: null }], setAside: original };
	}
	const parsed = parseHours(text);
	const pretty = parsed.valid ? parsed.pretty : respelled(text);
	if (pretty) {
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
		: `${quote(text)} : format OpenStreetMap ${parsed.valid ? '' : parsed.reason}.`;
	const details = { before: text, after: null, ...(suggestion ? { suggestion } : {}) };
	return {
		value: null,
		issues: [error(FIELD, 'horaires_invalides', reason, details)],
		setAside: text
	};
}
