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
