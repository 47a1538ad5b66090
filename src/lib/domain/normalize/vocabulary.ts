/**
 * The words of the standard's enumerated fields, as found in real files: v1 values, v0.1
 * labels (STANDARD.md §4.3) and the v0.1 → v1 mapping ANCT applied (§4.4, checked against the
 * PACA files of 2023-05-16 and 2023-05-17, which hold the same places before and after).
 *
 * Matching is by `fold` (no case, accents, punctuation, apostrophe style), so "Comprehension",
 * "Étapes numériques(La Poste)" and "GRATUIT" need no entry of their own. A v0.1 label
 * "Short : long explanation" also matches by its short part.
 */
import {
	DISPOSITIF_PROGRAMMES_NATIONAUX,
	FORMATIONS_LABELS,
	FRAIS_A_CHARGE,
	ITINERANCE,
	MODALITES_ACCES,
	MODALITES_ACCOMPAGNEMENT,
	PRISE_EN_CHARGE_SPECIFIQUE,
	PUBLICS_SPECIFIQUEMENT_ADRESSES,
	SERVICES,
	TYPOLOGIES
} from '../standard/fields';

/** One value in one field of v1. */
export type Target = [field: string, value: string];

/** A group of columns whose values are read with one vocabulary. */
export interface Vocabulary {
	/** Label → the v1 values it stands for (none: a label v1 has no room for). */
	entries: Record<string, Target[]>;
	/** Where a value outside the vocabulary goes: refused, kept (open list) or moved to free text. */
	unknown: 'refuse' | 'keep' | 'autres_formations_labels';
}

const own = (field: string, values: readonly string[]) =>
	Object.fromEntries(values.map((v) => [v, [[field, v]] as Target[]]));

const SERVICE = (index: number): Target[] => [['services', SERVICES[index]]];

const services: Vocabulary = {
	unknown: 'refuse',
	entries: {
		...own('services', SERVICES),
		'Devenir autonome dans les démarches administratives': SERVICE(0),
		'Réaliser des démarches administratives avec un accompagnement': SERVICE(0),
		'Accompagner les démarches de santé': SERVICE(0),
		'Prendre en main un smartphone ou une tablette': SERVICE(1),
		'Prendre en main un ordinateur': SERVICE(1),
		'Utiliser le numérique au quotidien': SERVICE(1),
		'Favoriser mon insertion professionnelle': SERVICE(2),
		'Créer et développer mon entreprise': SERVICE(2),
		"Soutenir la parentalité et l'éducation avec le numérique": SERVICE(4),
		'Créer avec le numérique': SERVICE(5),
		'Approfondir ma culture numérique': SERVICE(6),
		'Promouvoir la citoyenneté numérique': SERVICE(6),
		'Accéder à une connexion internet': SERVICE(7),
		'Accéder à du matériel': SERVICE(7),
		"S'équiper en matériel informatique": SERVICE(8)
	}
};

/** v0.1 `publics_accueillis` was split into two v1 fields. */
const publics: Vocabulary = {
	unknown: 'refuse',
	entries: {
		...own('publics_specifiquement_adresses', PUBLICS_SPECIFIQUEMENT_ADRESSES),
		...own('prise_en_charge_specifique', PRISE_EN_CHARGE_SPECIFIQUE),
		'Seniors (+ 65 ans)': [['publics_specifiquement_adresses', 'Seniors']],
		'Familles/enfants': [['publics_specifiquement_adresses', 'Familles et/ou enfants']],
		'Jeunes (16-26 ans)': [['publics_specifiquement_adresses', 'Jeunes']],
		'Uniquement femmes': [['publics_specifiquement_adresses', 'Femmes']],
		// "Adultes" means "everyone": see ALL_PUBLICS in enums.ts.
		Adultes: [],
		'Public langues étrangères': [['prise_en_charge_specifique', 'Langues étrangères (autres)']],
		'Handicaps psychiques': [['prise_en_charge_specifique', 'Handicaps mentaux']],
		"Personnes en situation d'illettrisme": [['prise_en_charge_specifique', 'Illettrisme']]
	}
};

const frais: Vocabulary = {
	unknown: 'refuse',
	entries: {
		...own('frais_a_charge', FRAIS_A_CHARGE),
		Adhésion: [['frais_a_charge', 'Payant']],
		// No v1 field says whether the Pass numérique is accepted.
		'Accepte le Pass numérique': []
	}
};

const DISPOSITIF = (value: (typeof DISPOSITIF_PROGRAMMES_NATIONAUX)[number]): Target[] => [
	['dispositif_programmes_nationaux', value]
];

/** v0.1 `labels_nationaux` was split into programmes and labels; the rest is free text. */
const labels: Vocabulary = {
	unknown: 'autres_formations_labels',
	entries: {
		...own('dispositif_programmes_nationaux', DISPOSITIF_PROGRAMMES_NATIONAUX),
		...own('formations_labels', FORMATIONS_LABELS),
		CNFS: DISPOSITIF('Conseillers numériques'),
		'Conseiller numérique': DISPOSITIF('Conseillers numériques'),
		'Conseillers numériques France Services': DISPOSITIF('Conseillers numériques'),
		'Grandes écoles du numérique': DISPOSITIF('Grande école du numérique'),
		'Point relais CAF': DISPOSITIF("Point d'accès numérique CAF"),
		'Point numérique CAF': DISPOSITIF("Point d'accès numérique CAF"),
		SudLabs: [['formations_labels', 'SUD LABS (PACA)']]
	}
};

const accompagnement: Vocabulary = {
	unknown: 'refuse',
	entries: {
		...own('modalites_accompagnement', MODALITES_ACCOMPAGNEMENT),
		Seul: [['modalites_accompagnement', 'En autonomie']],
		"Avec de l'aide": [['modalites_accompagnement', 'Accompagnement individuel']],
		'A ma place': [['modalites_accompagnement', 'Accompagnement individuel']],
		'Dans un atelier': [['modalites_accompagnement', 'Dans un atelier collectif']],
		// The long label of the v1 description; only the short form passes the pattern.
		'À distance (par téléphone ou en visioconférence)': [['modalites_accompagnement', 'À distance']]
	}
};

const acces: Vocabulary = { unknown: 'refuse', entries: own('modalites_acces', MODALITES_ACCES) };
const itinerance: Vocabulary = { unknown: 'refuse', entries: own('itinerance', ITINERANCE) };

const typologie: Vocabulary = {
	unknown: 'keep',
	entries: { ...own('typologie', TYPOLOGIES), COMMUNE: [['typologie', 'MUNI']] }
};

/** How each column, v1 or v0.1, is read. */
export const VOCABULARIES: Record<string, Vocabulary> = {
	services,
	publics_specifiquement_adresses: publics,
	prise_en_charge_specifique: publics,
	publics_accueillis: publics,
	frais_a_charge: frais,
	conditions_acces: frais,
	conditions_access: frais,
	dispositif_programmes_nationaux: labels,
	formations_labels: labels,
	labels_nationaux: labels,
	autres_formations_labels: labels,
	labels_autres: labels,
	modalites_accompagnement: accompagnement,
	modalites_acces: acces,
	itinerance,
	typologie
};
