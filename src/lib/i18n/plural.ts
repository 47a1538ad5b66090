/**
 * French plurals for counts shown to people. French takes the singular below two: « 0 fiche
 * créée », « 1 fiche créée », « 2 fiches créées ».
 */

const numbers = new Intl.NumberFormat('fr-FR');

/** The word that agrees with `count`: `plural(3, 'fiche', 'fiches')` is « fiches ». */
export function plural(count: number, one: string, many: string): string {
	return Math.abs(count) < 2 ? one : many;
}

/** The count written the French way, then its word: « 1 234 fiches » (narrow no-break space). */
export function count(value: number, one: string, many: string): string {
	return `${numbers.format(value)} ${plural(value, one, many)}`;
}
