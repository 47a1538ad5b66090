/**
 * Small text helpers shared by the normalisers: emptiness, cleaning, folding for comparison.
 * Regular expressions live at module level: these run on every cell of 30 000-row imports.
 */

const SPACES = /[\s\u00a0\u2007\u202f]+/g;
const ANY_SPACE = /[\u00a0\u2007\u202f]/g;
const TYPOGRAPHIC_APOSTROPHES = /[\u2018\u2019\u02bc\u00b4`]/g;
const DIACRITICS = /[\u0300-\u036f]/g;
const NOT_ALPHANUMERIC = /[^a-z0-9]+/g;

/** True for the values the standard reads as an empty cell (and for absent ones). */
export function isBlank(value: unknown): boolean {
	if (value === null || value === undefined) return true;
	if (typeof value === 'string') return value.trim() === '';
	if (Array.isArray(value)) return value.every(isBlank);
	return false;
}

/** A cell as text: numbers written plainly, arrays (JSON lists) joined with `|`. */
export function cellText(value: unknown): string {
	if (value === null || value === undefined) return '';
	if (Array.isArray(value))
		return value
			.map(cellText)
			.filter((v) => v !== '')
			.join('|');
	if (typeof value === 'number') return Number.isFinite(value) ? plainNumber(value) : '';
	return String(value);
}

/** A number without exponent notation (`1e-7` would break a CSV consumer's decimal parser). */
export function plainNumber(value: number): string {
	const text = String(value);
	if (!/e/i.test(text)) return text;
	return value.toFixed(12).replace(/\.?0+$/, '');
}

/** One line of text: NFC, non-breaking spaces made plain, runs of whitespace collapsed. */
export function cleanLine(value: string): string {
	return value.normalize('NFC').replace(SPACES, ' ').trim();
}

/** Multi-line text: NFC, line ends unified, odd spaces made plain, outer whitespace removed. */
export function cleanBlock(value: string): string {
	return value.normalize('NFC').replace(/\r\n?/g, '\n').replace(ANY_SPACE, ' ').trim();
}

/** Straight apostrophes and plain spaces, as the standard writes every enumerated value. */
export function straighten(value: string): string {
	return cleanLine(value.replace(TYPOGRAPHIC_APOSTROPHES, "'"));
}

/** A comparison key: no case, no accents, no punctuation, one space between words. */
export function fold(value: string): string {
	return value
		.normalize('NFD')
		.replace(DIACRITICS, '')
		.toLowerCase()
		.replace(/œ/g, 'oe')
		.replace(/æ/g, 'ae')
		.replace(NOT_ALPHANUMERIC, ' ')
		.trim();
}

/** Like `fold`, without spaces at all: "Saint-Étienne" and "ST ETIENNE" compare by this. */
export function compact(value: string): string {
	return fold(value).replace(/ /g, '');
}

/** Keeps the first occurrence of each value. */
export function unique<T>(values: readonly T[]): T[] {
	return [...new Set(values)];
}

const ENTITIES: Record<string, string> = {
	amp: '&',
	quot: '"',
	apos: "'",
	lt: '<',
	gt: '>',
	nbsp: ' ',
	'#39': "'"
};
const ENTITY = /&(amp|quot|apos|lt|gt|nbsp|#39);/g;

/** The few HTML entities seen in exported names ("Centre social &amp; culturel"). */
export function decodeEntities(text: string): string {
	return text.includes('&') ? text.replace(ENTITY, (_, name: string) => ENTITIES[name]) : text;
}

/** Edit distance (insertions, deletions, substitutions), two rows of memory. */
export function levenshtein(a: string, b: string): number {
	if (a === b) return 0;
	if (a.length === 0) return b.length;
	if (b.length === 0) return a.length;
	let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
	let current = new Array<number>(b.length + 1);
	for (let i = 1; i <= a.length; i++) {
		current[0] = i;
		for (let j = 1; j <= b.length; j++) {
			const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
			current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
		}
		[previous, current] = [current, previous];
	}
	return previous[b.length];
}
