/**
 * Where a place is: `code_postal`, `code_insee` and `commune`, read together because each one
 * repairs or checks the others through the injected commune table (`GeoLookup`).
 */
import { error, quote, rewritten, warning, type FieldIssue } from '../standard/issues';
import { departementOf } from './departement';
import {
	communeKey,
	namesCommune,
	NO_GEO,
	postcodesOf,
	type GeoCommune,
	type GeoLookup
} from './geo';
import { readPostcode, settlePostcode } from './postcode';
import { cellText, cleanLine, isBlank, levenshtein } from './text';

export interface Location {
	code_postal: string | null;
	code_insee: string | null;
	commune: string | null;
}

export interface NormalizedLocation {
	value: Location;
	issues: FieldIssue[];
	/** Input that could not be used, by field. */
	setAside: Partial<Record<keyof Location, string>>;
}

const INSEE = /^([013-9]\d|2[AB1-9])\d{3}$/;
const FORMER = new Set(['commune-deleguee', 'commune-associee']);

export function normalizeLocation(
	raw: Record<keyof Location, unknown>,
	geo: GeoLookup
): NormalizedLocation {
	const out: NormalizedLocation = {
		value: { code_postal: null, code_insee: null, commune: null },
		issues: [],
		setAside: {}
	};
	const value = out.value;
	value.commune = readCommune(raw.commune);
	const postcode = readPostcode(raw.code_postal, out);
	value.code_insee = readInsee(raw.code_insee, postcode?.code ?? null, geo, out);
	value.code_postal = postcode && settlePostcode(postcode, value, geo, out);
	if (geo === NO_GEO) return out;

	const deduced = !value.code_insee;
	const reference = deduced ? deduceInsee(value, geo, out) : checkInsee(value, geo, out);
	if (!reference) return out;

	const { commune } = value;
	const exact = commune !== null && communeKey(commune) === communeKey(reference.nom);
	// A given INSEE code may come with its city's name ("Marseille" for 13215): keep it.
	if (commune && commune !== reference.nom && (exact || deduced)) {
		value.commune = reference.nom;
		out.issues.push(
			rewritten(
				'commune',
				exact ? 'commune_orthographe' : 'commune_corrigee',
				exact
					? 'écrite comme au code officiel géographique.'
					: `lue comme ${quote(reference.nom)}, la commune du code postal au nom le plus proche.`,
				commune,
				reference.nom
			)
		);
	}
	if (!commune) {
		value.commune = reference.nom;
		out.issues.push(
			rewritten(
				'commune',
				'commune_deduite',
				`déduite du code INSEE : ${quote(reference.nom)}.`,
				null,
				reference.nom
			)
		);
	}
	if (!value.code_postal && postcodesOf(reference).length === 1) {
		const [codePostal] = postcodesOf(reference);
		value.code_postal = codePostal;
		out.issues.push(
			rewritten(
				'code_postal',
				'code_postal_deduit',
				`déduit du code INSEE : ${quote(codePostal)}.`,
				null,
				codePostal
			)
		);
	}
	return out;
}

function readCommune(raw: unknown): string | null {
	if (isBlank(raw)) return null;
	// Spaces only: the name is the same, nothing worth reporting.
	return cleanLine(cellText(raw));
}

function readInsee(
	raw: unknown,
	codePostal: string | null,
	geo: GeoLookup,
	out: NormalizedLocation
) {
	if (isBlank(raw)) return null;
	const text = cellText(raw).trim();
	let code = text.replace(/\s/g, '').toUpperCase();
	if (/^\d{4}$/.test(code)) code = `0${code}`;
	if (/^20\d{3}$/.test(code)) {
		// Corsica before 1976 numbering: 20004 is 2A004 (Ajaccio).
		const candidates = ['2A', '2B'].map((d) => d + code.slice(2));
		const known = candidates.filter((c) => geo.commune(c));
		const departement = departementOf(codePostal, null);
		code = known.length === 1 ? known[0] : departement === '2B' ? candidates[1] : candidates[0];
	}
	if (!INSEE.test(code)) {
		out.setAside.code_insee = text;
		out.issues.push(
			error(
				'code_insee',
				'code_insee_invalide',
				`${quote(text)} n'est pas un code INSEE de commune.`,
				{ before: text, after: null }
			)
		);
		return null;
	}
	if (code !== text) {
		out.issues.push(
			rewritten(
				'code_insee',
				'code_insee_format',
				`${quote(text)} réécrit ${quote(code)}.`,
				text,
				code
			)
		);
	}
	return code;
}

/** Checks a given INSEE code against the table, the postcode and the commune name. */
function checkInsee(
	value: Location,
	geo: GeoLookup,
	out: NormalizedLocation
): GeoCommune | undefined {
	const code = value.code_insee as string;
	const found = geo.commune(code);
	if (!found) {
		out.issues.push(
			warning(
				'code_insee',
				'code_insee_inconnu',
				`${quote(code)} n'est pas un code de commune connu.`
			)
		);
		return undefined;
	}
	if (FORMER.has(found.type) && found.chefLieu) {
		value.code_insee = found.chefLieu;
		out.issues.push(
			rewritten(
				'code_insee',
				'code_insee_ancienne_commune',
				`${quote(code)} est celui de l'ancienne commune ${found.nom} : remplacé par celui de la commune actuelle.`,
				code,
				found.chefLieu
			)
		);
	}
	const current = (found.chefLieu && geo.commune(found.chefLieu)) || found;
	if (value.code_postal && !postcodesOf(current).includes(value.code_postal)) {
		out.issues.push(
			warning(
				'code_postal',
				'code_postal_incoherent',
				`${value.code_postal} n'est pas un code postal de ${current.nom} (${postcodesOf(current).join(', ')}) ; pour un code CEDEX, indiquez celui de la commune.`
			)
		);
	}
	if (
		value.commune &&
		!namesCommune(found, value.commune, geo) &&
		!namesCommune(current, value.commune, geo)
	) {
		out.issues.push(
			warning(
				'commune',
				'commune_incoherente',
				`${quote(value.commune)} ne correspond pas au code INSEE ${code} (${found.nom}).`
			)
		);
		return undefined;
	}
	return found;
}

/** Finds the INSEE code from the postcode and the commune name, when they agree. */
function deduceInsee(
	value: Location,
	geo: GeoLookup,
	out: NormalizedLocation
): GeoCommune | undefined {
	if (!value.code_postal) return undefined;
	const candidates = geo.communesByPostcode(value.code_postal);
	if (candidates.length === 0) {
		out.issues.push(
			warning(
				'code_postal',
				'code_postal_inconnu',
				`${quote(value.code_postal)} ne correspond à aucune commune (code CEDEX ?).`
			)
		);
		return undefined;
	}
	const current = candidates.filter((c) => c.type === 'commune-actuelle');
	const found = value.commune
		? byName(candidates, value.commune)
		: current.length === 1
			? current[0]
			: undefined;
	if (!found) {
		if (value.commune) {
			out.issues.push(
				warning(
					'commune',
					'commune_incoherente',
					`${quote(value.commune)} ne fait pas partie des communes du code postal ${value.code_postal} (${current.map((c) => c.nom).join(', ')}) : code INSEE non déduit.`
				)
			);
		}
		return undefined;
	}
	const code = FORMER.has(found.type) && found.chefLieu ? found.chefLieu : found.code;
	value.code_insee = code;
	out.issues.push(
		rewritten(
			'code_insee',
			'code_insee_deduit',
			`déduit du code postal et de la commune : ${quote(code)}.`,
			null,
			code
		)
	);
	return found;
}

/**
 * The commune of a postcode bearing this name; a current commune wins over a former one.
 * Failing an exact match, the only current commune of the postcode whose name is close:
 * one starts with the other ("CHAMONIX", "Vorey sur Arzon") or one or two letters differ
 * ("BOUIRGES", "Les Molettes").
 */
export function byName(candidates: readonly GeoCommune[], name: string): GeoCommune | undefined {
	const key = communeKey(name);
	const matches = candidates.filter((c) => communeKey(c.nom) === key);
	if (matches.length > 0) return matches.find((c) => c.type === 'commune-actuelle') ?? matches[0];
	if (key.length < 4) return undefined;
	const close = candidates.filter((c) => {
		if (FORMER.has(c.type)) return false;
		const other = communeKey(c.nom);
		if (other.startsWith(key) || key.startsWith(other)) return true;
		return levenshtein(key, other) <= (key.length >= 8 ? 2 : 1);
	});
	return close.length === 1 ? close[0] : undefined;
}
