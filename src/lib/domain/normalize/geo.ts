/**
 * What the domain needs to know about French communes, injected so that it stays pure: the
 * server passes the functions of `src/lib/server/territory` (decoupage-administratif), the
 * browser may pass `NO_GEO` and get the checks that need no table.
 */
import { fold } from './text';

export interface GeoCommune {
	/** INSEE (COG) code. */
	code: string;
	nom: string;
	codesPostaux: string[];
	departement: string;
	/** 'commune-actuelle', 'commune-deleguee', 'commune-associee' or 'arrondissement-municipal'. */
	type: string;
	/** For a former commune: the current commune it belongs to. */
	chefLieu?: string;
	/** For a city district of Paris, Lyon or Marseille: its commune. */
	commune?: string;
}

export interface GeoLookup {
	communesByPostcode(codePostal: string): readonly GeoCommune[];
	commune(code: string): GeoCommune | undefined;
}

/** A lookup that knows no commune: only the checks that need no table run. */
export const NO_GEO: GeoLookup = {
	communesByPostcode: () => [],
	commune: () => undefined
};

const ABBREVIATIONS: Record<string, string> = { st: 'saint', ste: 'sainte', sts: 'saints' };
const ARTICLES = new Set(['le', 'la', 'les', 'l']);
const DISTRICT_SUFFIX = /(\d+)(?:er|e|eme|ieme)?(?:arrondissement|arr)?$/;

/**
 * A comparison key for commune names: no case, accents, punctuation or spaces; "St" read as
 * "Saint"; "CEDEX" and what follows dropped; "Marseille 11e Arrondissement", "MARSEILLE 11"
 * and "Marseille 11ème" all read as `marseille11`.
 */
export function communeKey(name: string): string {
	const words = fold(name).split(' ');
	const cedex = words.indexOf('cedex');
	const kept = (cedex >= 0 ? words.slice(0, cedex) : words).map((w) => ABBREVIATIONS[w] ?? w);
	// "Le Pont-de-Claix" and "Pont de Claix": a leading article does not tell communes apart.
	if (kept.length > 1 && ARTICLES.has(kept[0])) kept.shift();
	return kept.join('').replace(DISTRICT_SUFFIX, '$1');
}

/** The name is the commune's, its city's (for a district) or one of its former communes'. */
export function namesCommune(found: GeoCommune, name: string, geo: GeoLookup): boolean {
	const key = communeKey(name);
	if (communeKey(found.nom) === key) return true;
	const city = found.commune ? geo.commune(found.commune) : undefined;
	if (city && communeKey(city.nom) === key) return true;
	const neighbours = postcodesOf(found).flatMap((cp) => geo.communesByPostcode(cp));
	return neighbours.some(
		(c) => communeKey(c.nom) === key && (c.chefLieu === found.code || c.commune === found.code)
	);
}

/** Former communes carry no postcode in decoupage-administratif (`null`). */
export function postcodesOf(commune: GeoCommune): readonly string[] {
	return commune.codesPostaux ?? [];
}
