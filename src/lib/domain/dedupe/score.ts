/**
 * How likely two listings are the same place, from 0 to 100, with the reasons in French for
 * the person who decides. Calibrated on the PACA hub files (see docs/duplicates.md): most
 * duplicates there share an address under a different name (a France Services desk and the
 * association that hosts it), so the address weighs more than the name.
 *
 * Points: same number and street 55 (same street, one number missing 35; other number 15);
 * positions under 50 m 25, 150 m 15, 500 m 5, over 2 km −30; name similarity up to 40, and 10
 * more when names are nearly identical (0.9); same SIRET 25, same telephone 25, a shared
 * e-mail 15. The total is kept between 0 and 100.
 */
import type { ListingFields } from '../standard/fields';
import { streetAddress, type StreetAddress } from './address';
import { distanceMetres } from './distance';
import { nameForms, nameSimilarity, ratio, type NameForms } from './similarity';

export type DedupeFields = Pick<
	ListingFields,
	'nom' | 'adresse' | 'latitude' | 'longitude' | 'pivot' | 'telephone' | 'courriels'
>;

export interface PairScore {
	score: number;
	reasons: string[];
}

const STREET_MATCH = 0.85;

/** What two listings have in common, before it is turned into points and words. */
interface Comparison {
	street: 'same' | 'other_number' | 'no_number' | 'different';
	numbers: [string | null, string | null];
	metres: number | null;
	names: number;
	pivot: boolean;
	telephone: boolean;
	email: boolean;
}

/** Folded names and parsed addresses, computed once per listing object, not once per pair. */
const prepared = new WeakMap<DedupeFields, { name: NameForms; address: StreetAddress }>();

export function prepare(listing: DedupeFields) {
	let forms = prepared.get(listing);
	if (!forms) {
		forms = { name: nameForms(listing.nom), address: streetAddress(listing.adresse) };
		prepared.set(listing, forms);
	}
	return forms;
}

/**
 * Compares two listings. With a `threshold`, the name comparison (the costly part) is
 * skipped when even identical names could not reach it; `names` is then -1.
 */
export function compare(a: DedupeFields, b: DedupeFields, threshold = 0): Comparison {
	const first = prepare(a);
	const second = prepare(b);
	const x = first.address;
	const y = second.address;
	let street: Comparison['street'] = 'different';
	if (sameStreet(x.street, y.street)) {
		if (x.number && y.number) street = x.number === y.number ? 'same' : 'other_number';
		else street = 'no_number';
	}
	const comparison: Comparison = {
		street,
		numbers: [x.number, y.number],
		metres: distanceMetres(a, b),
		names: 1,
		pivot: a.pivot !== null && a.pivot === b.pivot,
		telephone: a.telephone !== null && a.telephone === b.telephone,
		email: a.courriels.some((email) => b.courriels.includes(email))
	};
	comparison.names = points(comparison) < threshold ? -1 : nameSimilarity(first.name, second.name);
	return comparison;
}

const STREET_POINTS = { same: 55, other_number: 15, no_number: 35, different: 0 };

export function points(c: Comparison): number {
	let score = STREET_POINTS[c.street];
	if (c.metres !== null) {
		if (c.metres < 50) score += 25;
		else if (c.metres < 150) score += 15;
		else if (c.metres < 500) score += 5;
		else if (c.metres > 2000) score -= 30;
	}
	if (c.names < 0) return 0;
	score += 40 * c.names + (c.names >= 0.9 ? 10 : 0);
	if (c.pivot) score += 25;
	if (c.telephone) score += 25;
	if (c.email) score += 15;
	return Math.round(Math.max(0, Math.min(100, score)));
}

export function reasons(c: Comparison): string[] {
	const list: string[] = [];
	if (c.street === 'same') list.push('même adresse');
	else if (c.street === 'other_number') {
		list.push(`même rue, numéros différents (${c.numbers[0]} et ${c.numbers[1]})`);
	} else if (c.street === 'no_number') list.push('même rue (numéro manquant)');
	if (c.metres !== null) list.push(`à ${formatDistance(c.metres)}`);
	list.push(
		c.names >= 0.9 ? 'noms presque identiques' : c.names >= 0.6 ? 'noms proches' : 'noms différents'
	);
	if (c.pivot) list.push('même SIRET');
	if (c.telephone) list.push('même téléphone');
	if (c.email) list.push('même courriel');
	return list;
}

export function scorePair(a: DedupeFields, b: DedupeFields): PairScore {
	const comparison = compare(a, b);
	return { score: points(comparison), reasons: reasons(comparison) };
}

/** Close spellings, or one street name followed by more ("avenue mistral ancienne gendarmerie"). */
function sameStreet(x: string, y: string): boolean {
	if (x === '' || y === '') return false;
	const [short, long] = x.length <= y.length ? [x, y] : [y, x];
	return (short.length >= 6 && long.startsWith(`${short} `)) || ratio(x, y) >= STREET_MATCH;
}

function formatDistance(metres: number): string {
	if (metres < 1000) return `${Math.round(metres)} m`;
	return `${(metres / 1000).toFixed(1).replace('.', ',')} km`;
}
