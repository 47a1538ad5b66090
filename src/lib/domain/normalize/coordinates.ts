/**
 * Latitude and longitude (WGS84): decimal commas, 0/0 placeholders, swapped values, points
 * outside France or in another part of France than the postcode says.
 * Points far from the other places of their commune are found at import (stray.ts): that
 * needs the whole file.
 */
import { error, quote, rewritten, warning, type FieldIssue } from '../standard/issues';
import { isOverseas } from './departement';
import { cellText, isBlank, plainNumber } from './text';

export interface Coordinates {
	latitude: number | null;
	longitude: number | null;
}

interface Area {
	/** Where, in a French sentence: "en Guyane", "à Mayotte". */
	where: string;
	/** Départements whose places should fall in this area. */
	departements: readonly string[];
	lat: [number, number];
	lon: [number, number];
}

/** Generous boxes around each part of France, enough to catch swaps and wrong territories. */
const AREAS: readonly Area[] = [
	{ where: 'en France métropolitaine', departements: [], lat: [41.2, 51.2], lon: [-5.3, 9.7] },
	{
		where: 'en Guadeloupe',
		departements: ['971', '977', '978'],
		lat: [15.8, 18.2],
		lon: [-63.2, -60.9]
	},
	{ where: 'en Martinique', departements: ['972'], lat: [14.35, 14.9], lon: [-61.3, -60.75] },
	{ where: 'en Guyane', departements: ['973'], lat: [2, 6], lon: [-54.7, -51.5] },
	{ where: 'à La Réunion', departements: ['974'], lat: [-21.45, -20.8], lon: [55.15, 55.9] },
	{
		where: 'à Saint-Pierre-et-Miquelon',
		departements: ['975'],
		lat: [46.7, 47.2],
		lon: [-56.5, -56]
	},
	{ where: 'à Mayotte', departements: ['976'], lat: [-13.1, -12.5], lon: [44.9, 45.35] },
	{ where: 'à Wallis-et-Futuna', departements: ['986'], lat: [-14.5, -13.1], lon: [-178.3, -176] },
	{ where: 'en Polynésie française', departements: ['987'], lat: [-28, -7.5], lon: [-155, -134] },
	{ where: 'en Nouvelle-Calédonie', departements: ['988'], lat: [-23, -19], lon: [163, 169] }
];

const DECIMAL = /^[+-]?\d+(?:\.\d+)?$/;

/** The part of France a point falls in, if any. */
export function areaOf(latitude: number, longitude: number): Area | undefined {
	return AREAS.find(
		(a) =>
			latitude >= a.lat[0] && latitude <= a.lat[1] && longitude >= a.lon[0] && longitude <= a.lon[1]
	);
}

/** The area a département's places belong to. */
function expectedArea(departement: string | null): Area | undefined {
	if (departement === null) return undefined;
	if (!isOverseas(departement)) return AREAS[0];
	return AREAS.find((a) => a.departements.includes(departement));
}

/**
 * A cell that is not a number as the standard writes one (a decimal comma, spaces between
 * digits). "45.7772000" is: storing it as 45.7772 changes the text, not the number.
 */
function needsRewrite(raw: unknown): boolean {
	return typeof raw === 'string' && !DECIMAL.test(raw.trim());
}

/** A coordinate cell as a number: decimal commas and spaces accepted. */
export function readNumber(raw: unknown): number | null | undefined {
	if (isBlank(raw)) return null;
	if (typeof raw === 'number') return Number.isFinite(raw) ? raw : undefined;
	const text = cellText(raw).trim().replace(/\s/g, '').replace(',', '.');
	return DECIMAL.test(text) ? Number(text) : undefined;
}

export function normalizeCoordinates(
	rawLatitude: unknown,
	rawLongitude: unknown,
	departement: string | null
): { value: Coordinates; issues: FieldIssue[]; setAside?: string } {
	const none = { latitude: null, longitude: null };
	const latitude = readNumber(rawLatitude);
	const longitude = readNumber(rawLongitude);
	const given = `${cellText(rawLatitude)}, ${cellText(rawLongitude)}`;
	const issues: FieldIssue[] = [];

	if (latitude === undefined || longitude === undefined) {
		const reason = `${quote(given)} ne sont pas des nombres décimaux.`;
		return {
			value: none,
			issues: [error('latitude', 'coordonnees_invalides', reason)],
			setAside: given
		};
	}
	if (latitude === null && longitude === null) return { value: none, issues };
	if (latitude === null || longitude === null) {
		const reason = `il manque la latitude ou la longitude (${quote(given)}) : position ignorée.`;
		return {
			value: none,
			issues: [error('latitude', 'coordonnees_incompletes', reason)],
			setAside: given
		};
	}
	if (latitude === 0 && longitude === 0) {
		const reason = '0, 0 est une valeur de remplissage, pas une position : position laissée vide.';
		return {
			value: none,
			issues: [rewritten('latitude', 'coordonnees_nulles', reason, given, null)]
		};
	}
	if (Math.abs(latitude) > 90 || Math.abs(longitude) > 180) {
		const projected = Math.abs(latitude) > 1000 || Math.abs(longitude) > 1000;
		const reason = projected
			? `${quote(given)} ressemblent à des coordonnées projetées (Lambert 93 ?), pas à des degrés WGS84.`
			: `${quote(given)} sont hors des limites (latitude ±90, longitude ±180).`;
		return {
			value: none,
			issues: [error('latitude', 'coordonnees_hors_limites', reason)],
			setAside: given
		};
	}

	const value = place(latitude, longitude, departement, issues);
	const text = `${plainNumber(value.latitude as number)}, ${plainNumber(value.longitude as number)}`;
	if (issues.length === 0 && (needsRewrite(rawLatitude) || needsRewrite(rawLongitude))) {
		issues.push(
			rewritten(
				'latitude',
				'coordonnees_format',
				`${quote(given)} réécrites ${quote(text)}.`,
				given,
				text
			)
		);
	}
	return { value, issues };
}

/** Checks the area, swapping latitude and longitude when only the swap lands in France. */
function place(
	latitude: number,
	longitude: number,
	departement: string | null,
	issues: FieldIssue[]
): Coordinates {
	const expected = expectedArea(departement);
	const area = areaOf(latitude, longitude);
	const swapped = areaOf(longitude, latitude);
	const given = `${latitude}, ${longitude}`;
	const fits = (a: Area | undefined) => (expected ? a === expected : a !== undefined);

	if (fits(area)) return { latitude, longitude };
	if (fits(swapped)) {
		issues.push(
			rewritten(
				'latitude',
				'coordonnees_inversees',
				'latitude et longitude étaient inversées.',
				given,
				`${longitude}, ${latitude}`
			)
		);
		return { latitude: longitude, longitude: latitude };
	}
	if (area && expected) {
		issues.push(
			warning(
				'latitude',
				'coordonnees_incoherentes',
				`le point est ${area.where}, mais l'adresse ${expected.where}.`
			)
		);
	} else {
		issues.push(
			warning('latitude', 'coordonnees_hors_france', `le point ${quote(given)} est hors de France.`)
		);
	}
	return { latitude, longitude };
}

/** The area checks of a stored position (edit form, commit): reported, nothing changed. */
export function positionIssues(
	latitude: number,
	longitude: number,
	departement: string | null
): FieldIssue[] {
	const issues: FieldIssue[] = [];
	place(latitude, longitude, departement, issues);
	return issues.map((issue) =>
		issue.code === 'coordonnees_inversees'
			? warning('latitude', issue.code, 'latitude et longitude semblent inversées.')
			: issue
	);
}
