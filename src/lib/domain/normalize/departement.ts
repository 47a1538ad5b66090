/**
 * The département (or overseas collectivity) a place is in, from its INSEE code or postcode.
 * Used to choose an overseas telephone prefix and the map area coordinates should fall in.
 */

/** Overseas codes: the first three digits of the INSEE code and of the postcode. */
export const OVERSEAS = {
	'971': 'Guadeloupe',
	'972': 'Martinique',
	'973': 'Guyane',
	'974': 'La Réunion',
	'975': 'Saint-Pierre-et-Miquelon',
	'976': 'Mayotte',
	'977': 'Saint-Barthélemy',
	'978': 'Saint-Martin',
	'986': 'Wallis-et-Futuna',
	'987': 'Polynésie française',
	'988': 'Nouvelle-Calédonie'
} as const;

export type OverseasCode = keyof typeof OVERSEAS;

export function isOverseas(departement: string | null): departement is OverseasCode {
	return departement !== null && departement in OVERSEAS;
}

/**
 * `2A`/`2B` for Corsica, three digits overseas, two digits elsewhere; null when neither code
 * gives it. The INSEE code wins: postcodes of Corsica do not follow the 2A/2B split exactly.
 */
export function departementOf(codePostal: string | null, codeInsee: string | null): string | null {
	if (codeInsee && /^(\d{2}|2[AB])\d{3}$/.test(codeInsee)) {
		return codeInsee.startsWith('97') || codeInsee.startsWith('98')
			? codeInsee.slice(0, 3)
			: codeInsee.slice(0, 2);
	}
	if (!codePostal || !/^\d{5}$/.test(codePostal)) return null;
	if (codePostal.startsWith('97') || codePostal.startsWith('98')) return codePostal.slice(0, 3);
	// Corse-du-Sud uses 200xx–201xx, Haute-Corse 202xx–206xx.
	if (codePostal.startsWith('20')) return Number(codePostal) < 20200 ? '2A' : '2B';
	return codePostal.slice(0, 2);
}
