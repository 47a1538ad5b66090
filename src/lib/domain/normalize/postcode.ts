/**
 * Postcodes as written in real files: spaces, CEDEX mentions, and codes one digit short or over
 * ("6310" for 63100, "380000" for 38000), read against the commune the row names.
 */
import { error, quote, rewritten } from '../standard/issues';
import type { Location, NormalizedLocation } from './codes';
import { communeKey, namesCommune, postcodesOf, type GeoLookup } from './geo';
import { cellText, isBlank } from './text';

const CEDEX = /\s*cedex.*$/i;

/** A postcode cell as written, and its digits once spaces and any CEDEX mention are gone. */
export interface PostcodeText {
	text: string;
	code: string;
}

export function readPostcode(raw: unknown, out: NormalizedLocation): PostcodeText | null {
	if (isBlank(raw)) return null;
	const text = cellText(raw).trim();
	const code = text.replace(CEDEX, '').replace(/\s/g, '');
	if (/^\d{4,6}$/.test(code)) return { text, code };

	out.setAside.code_postal = text;
	const reason = `${quote(text)} n'est pas un code postal (5 chiffres).`;
	const details = { before: text, after: null };
	out.issues.push(error('code_postal', 'code_postal_invalide', reason, details));
	return null;
}

/**
 * Five digits are kept. Four or six are one digit short or over: the reading that is a
 * postcode of the commune (its INSEE code, or else its name) is taken when there is only one;
 * several are reported and none is chosen. Four digits with no commune to check against, or
 * none fitting it, are read as a number that lost its leading zero ("6000" for Nice).
 */
export function settlePostcode(
	{ text, code }: PostcodeText,
	value: Location,
	geo: GeoLookup,
	out: NormalizedLocation
): string | null {
	if (code.length === 5) {
		if (code !== text) {
			const reason = CEDEX.test(text)
				? `mention CEDEX retirée : ${quote(code)} est un code CEDEX si ce n'est pas celui de la commune.`
				: `${quote(text)} réécrit ${quote(code)}.`;
			out.issues.push(rewritten('code_postal', 'code_postal_format', reason, text, code));
		}
		return code;
	}

	const short = code.length === 4;
	const owner = postcodeOwner(value, geo);
	const readings = oneDigitAway(code, short).filter((c) => owner?.fits(c));
	const zero = `0${code}`;
	if (short && (readings.length === 0 || readings.includes(zero))) {
		const reason = `zéro initial rétabli : ${quote(zero)} (le code avait été enregistré comme un nombre).`;
		out.issues.push(rewritten('code_postal', 'code_postal_format', reason, text, zero));
		return zero;
	}
	const digits = short ? "n'a que 4 chiffres" : 'a 6 chiffres';
	if (readings.length === 1 && owner) {
		const [found] = readings;
		const reason = `${quote(text)} ${digits} : lu comme ${quote(found)}, le seul code postal de ${owner.name(found)} à un chiffre près.`;
		out.issues.push(rewritten('code_postal', 'code_postal_chiffre', reason, text, found));
		return found;
	}

	out.setAside.code_postal = text;
	const ambiguous = readings.length > 1 && owner;
	const reason = ambiguous
		? `${quote(text)} ${digits} et peut se lire ${candidatesText(readings, owner)} : indiquez le bon.`
		: `${quote(text)} n'est pas un code postal (5 chiffres).`;
	const kind = ambiguous ? 'code_postal_ambigu' : 'code_postal_invalide';
	out.issues.push(error('code_postal', kind, reason, { before: text, after: null }));
	return null;
}

/** The five-digit codes one inserted (`short`) or removed digit away from `code`. */
function oneDigitAway(code: string, short: boolean): string[] {
	const found = new Set<string>();
	for (let i = 0; i <= code.length; i++) {
		if (short) for (const d of '0123456789') found.add(code.slice(0, i) + d + code.slice(i));
		else if (i < code.length) found.add(code.slice(0, i) + code.slice(i + 1));
	}
	return [...found].sort();
}

interface PostcodeOwner {
	fits(postcode: string): boolean;
	/** The commune a fitting postcode belongs to, for messages. */
	name(postcode: string): string;
}

/**
 * What a postcode must belong to: the commune of a known INSEE code that the commune name, if
 * any, agrees with; failing an INSEE code, a commune of that postcode bearing exactly the name.
 */
function postcodeOwner(value: Location, geo: GeoLookup): PostcodeOwner | undefined {
	const found = value.code_insee ? geo.commune(value.code_insee) : undefined;
	if (found) {
		const current = (found.chefLieu && geo.commune(found.chefLieu)) || found;
		const agrees =
			!value.commune ||
			namesCommune(found, value.commune, geo) ||
			namesCommune(current, value.commune, geo);
		if (!agrees) return undefined;
		const postcodes = [...postcodesOf(current), ...postcodesOf(found)];
		return { fits: (c) => postcodes.includes(c), name: () => current.nom };
	}
	if (value.code_insee || !value.commune) return undefined;
	const key = communeKey(value.commune);
	const named = (c: string) => geo.communesByPostcode(c).find((x) => communeKey(x.nom) === key);
	return { fits: (c) => named(c) !== undefined, name: (c) => named(c)?.nom ?? '' };
}

/** « 63000 ou 63100, codes postaux de Clermont-Ferrand », or each code with its commune. */
function candidatesText(postcodes: string[], owner: PostcodeOwner): string {
	const names = new Set(postcodes.map((c) => owner.name(c)));
	if (names.size === 1) return `${orList(postcodes)}, codes postaux de ${[...names][0]}`;
	return orList(postcodes.map((c) => `${c} (${owner.name(c)})`));
}

function orList(items: string[]): string {
	return `${items.slice(0, -1).join(', ')} ou ${items.at(-1)}`;
}
