/**
 * The La MedNum standard ("lieux de médiation numérique"), v1.0.1 and v1.0.2, described once.
 *
 * Import, the edit form's live checks, the server's check before a commit and the export all
 * read this module. Values are written exactly as the official schema spells them (straight
 * apostrophe, plain spaces, « » with ordinary spaces inside).
 *
 * Deliberate departures from the official schema files, each one documented where it applies:
 * - Enumeration patterns in the schema are not anchored at the start (`xx|Gratuit` passes a
 *   plain JS RegExp test); we never use those regexes and check set membership instead.
 * - v1.0.2's `formations_labels` pattern spells "Étapes numériques(La Poste)" without the space
 *   while its description and the national library use "Étapes numériques (La Poste)". We
 *   accept both on input and always write the spaced form (see FORMATIONS_LABELS_ALIASES).
 */

export const STANDARD_VERSIONS = ['1.0.1', '1.0.2'] as const;
export type StandardVersion = (typeof STANDARD_VERSIONS)[number];
export const EXPORT_VERSION: StandardVersion = '1.0.2';

export const ITINERANCE = ['Itinérant', 'Fixe'] as const;

export const SERVICES = [
	'Aide aux démarches administratives',
	'Maîtrise des outils numériques du quotidien',
	'Insertion professionnelle via le numérique',
	'Utilisation sécurisée du numérique',
	'Parentalité et éducation avec le numérique',
	'Loisirs et créations numériques',
	'Compréhension du monde numérique',
	'Accès internet et matériel informatique',
	'Acquisition de matériel informatique à prix solidaire'
] as const;

export const PUBLICS_SPECIFIQUEMENT_ADRESSES = [
	'Jeunes',
	'Étudiants',
	'Familles et/ou enfants',
	'Seniors',
	'Femmes'
] as const;

export const PRISE_EN_CHARGE_SPECIFIQUE = [
	'Surdité',
	'Handicaps moteurs',
	'Handicaps mentaux',
	'Illettrisme',
	'Langues étrangères (anglais)',
	'Langues étrangères (autres)',
	'Déficience visuelle'
] as const;

export const FRAIS_A_CHARGE = ['Gratuit', 'Gratuit sous condition', 'Payant'] as const;

export const DISPOSITIF_PROGRAMMES_NATIONAUX = [
	'Aidants Connect',
	'Bibliothèques numérique de référence',
	'Certification PIX',
	'Conseillers numériques',
	'Emmaüs Connect',
	'France Services',
	'Grande école du numérique',
	'La Croix Rouge',
	"Point d'accès numérique CAF",
	'Promeneurs du net',
	'Relais numérique (Emmaüs Connect)'
] as const;

const FORMATIONS_LABELS_1_0_1 = [
	'Formé à « Mon Espace Santé »',
	'Formé à « DUPLEX » (illettrisme)',
	'Arnia/MedNum BFC (Bourgogne-Franche-Comté)',
	'Collectif ressources et acteurs réemploi (Normandie)',
	'Fabriques de Territoire',
	'Les Éclaireurs du numérique (Drôme)',
	'Mes Papiers (Métropole de Lyon)',
	'ORDI 3.0',
	'SUD LABS (PACA)'
] as const;

/** v1.0.2 adds "Étapes numériques (La Poste)", written here with the space its description uses. */
export const FORMATIONS_LABELS = [
	'Formé à « Mon Espace Santé »',
	'Formé à « DUPLEX » (illettrisme)',
	'Arnia/MedNum BFC (Bourgogne-Franche-Comté)',
	'Collectif ressources et acteurs réemploi (Normandie)',
	'Étapes numériques (La Poste)',
	'Fabriques de Territoire',
	'Les Éclaireurs du numérique (Drôme)',
	'Mes Papiers (Métropole de Lyon)',
	'ORDI 3.0',
	'SUD LABS (PACA)'
] as const;

/** Spellings read as a known label: the official v1.0.2 pattern's form, without the space. */
export const FORMATIONS_LABELS_ALIASES: Record<string, string> = {
	'Étapes numériques(La Poste)': 'Étapes numériques (La Poste)'
};

export const MODALITES_ACCES = [
	'Se présenter',
	'Téléphoner',
	'Contacter par mail',
	'Prendre un RDV en ligne',
	"Ce lieu n'accueille pas de public",
	'Envoyer un mail avec une fiche de prescription'
] as const;

export const MODALITES_ACCOMPAGNEMENT = [
	'En autonomie',
	'Accompagnement individuel',
	'Dans un atelier collectif',
	'À distance'
] as const;

/**
 * Structure typology codes (data·inclusion's list, as accepted by the national library in 2025).
 * The schema itself has no pattern for this field, so an unknown code is a warning, not an error.
 */
export const TYPOLOGIES = [
	'ACI', 'ACIPHC', 'AFPA', 'AI', 'ASE', 'ASSO', 'ASSO_CHOMEUR', 'Autre', 'AVIP', 'BIB', 'CAARUD',
	'CADA', 'CAF', 'CAP_EMPLOI', 'CAVA', 'CC', 'CCAS', 'CCONS', 'CD', 'CDAS', 'CFP', 'CHRS', 'CHU',
	'CIAS', 'CIDFF', 'CITMET', 'CMP', 'CMS', 'CPAM', 'CPH', 'CS', 'CSAPA', 'CSC', 'DEETS', 'DEPT',
	'DIPLP', 'E2C', 'EA', 'EATT', 'EI', 'EITI', 'ENM', 'EPCI', 'EPI', 'EPIDE', 'EPN', 'ES', 'ESAT',
	'ESS', 'ETTI', 'EVS', 'FABLAB', 'FABRIQUE', 'FAIS', 'FT', 'GEIQ', 'HUDA', 'LA_POSTE', 'MDE',
	'MDH', 'MDEF', 'MDPH', 'MDS', 'MJC', 'ML', 'MQ', 'MSA', 'MSAP', 'MUNI', 'OACAS', 'ODC', 'OF',
	'OIL', 'OPCS', 'PAD', 'PENSION', 'PI', 'PIJ_BIJ', 'PIMMS', 'PJJ', 'PLIE', 'PREF', 'PREVENTION',
	'REG', 'RELAIS_LECTURE', 'RESSOURCERIE', 'RFS', 'RS_FJT', 'SCP', 'SPIP', 'TIERS_LIEUX', 'UDAF'
] as const;

export type FieldKind =
	| 'text' // free single-line or multi-line text
	| 'code' // a string with a strict pattern (pivot, codes, telephone)
	| 'number' // latitude, longitude
	| 'date' // ISO YYYY-MM-DD
	| 'enum' // `|`-separated values from a closed list
	| 'list' // `|`-separated free values (e-mails, URLs, labels)
	| 'url'
	| 'hours'; // OSM opening_hours

export interface FieldSpec {
	/** Column name in the standard, also our property name. */
	name: string;
	/** French label shown in the UI. */
	label: string;
	kind: FieldKind;
	required: boolean;
	/** Several values, written joined with `|` in the standard's files. */
	multiple: boolean;
	/** Allowed values of an `enum` field (for the export version). */
	values?: readonly string[];
	/** Values outside `values` are warnings rather than errors (typologie). */
	openEnum?: boolean;
	/** Anchored pattern for a single value, as the official schema gives it. */
	pattern?: RegExp;
	/** The standard's own limit (characters). */
	maxLength?: number;
	/**
	 * cartoparty's limit (characters per value) where the standard sets none: a listing field
	 * is a line or a paragraph, and an unbounded one lets a single cell or keystroke flood
	 * every export and every participant's screen.
	 */
	cap?: number;
	/** cartoparty's limit on the number of values of a free list. */
	maxValues?: number;
}

const field = (spec: Omit<FieldSpec, 'multiple' | 'required'> & Partial<FieldSpec>): FieldSpec => ({
	required: false,
	multiple: spec.kind === 'enum' || spec.kind === 'list',
	...spec
});

/** The 32 fields of v1.0.x, in schema order (the column order of every export). */
export const FIELDS: readonly FieldSpec[] = [
	field({ name: 'id', label: 'Identifiant', kind: 'text', required: true, cap: 200 }),
	field({ name: 'pivot', label: 'SIRET ou RNA', kind: 'code', required: true, pattern: /^[a-zA-Z0-9]{9,14}$/ }),
	field({ name: 'nom', label: 'Nom du lieu', kind: 'text', required: true, cap: 250 }),
	field({ name: 'commune', label: 'Commune', kind: 'text', required: true, cap: 100 }),
	field({ name: 'code_postal', label: 'Code postal', kind: 'code', required: true, pattern: /^\d{5}$/ }),
	field({ name: 'code_insee', label: 'Code INSEE', kind: 'code', pattern: /^([013-9]\d|2[AB1-9])\d{3}$/ }),
	field({ name: 'adresse', label: 'Adresse', kind: 'text', required: true, cap: 250 }),
	field({ name: 'complement_adresse', label: "Complément d'adresse", kind: 'text', cap: 250 }),
	field({ name: 'latitude', label: 'Latitude', kind: 'number' }),
	field({ name: 'longitude', label: 'Longitude', kind: 'number' }),
	field({ name: 'typologie', label: 'Typologie', kind: 'enum', values: TYPOLOGIES, openEnum: true }),
	field({
		name: 'telephone',
		label: 'Téléphone',
		kind: 'code',
		pattern: /^(\+33|\+590|\+594|\+262|\+596|\+269|\+687|\+689|\+508|\+681)(\d){6,9}$/
	}),
	field({ name: 'courriels', label: 'Courriels', kind: 'list', cap: 254, maxValues: 10 }),
	field({ name: 'site_web', label: 'Sites web', kind: 'list', cap: 2000, maxValues: 10 }),
	field({ name: 'horaires', label: "Horaires d'ouverture", kind: 'hours', cap: 1000 }),
	field({ name: 'presentation_resume', label: 'Présentation courte', kind: 'text', maxLength: 280 }),
	field({ name: 'presentation_detail', label: 'Présentation détaillée', kind: 'text', cap: 10_000 }),
	field({ name: 'source', label: 'Source', kind: 'text', cap: 250 }),
	field({ name: 'itinerance', label: 'Itinérance', kind: 'enum', values: ITINERANCE }),
	field({ name: 'structure_parente', label: 'Structure parente', kind: 'text', cap: 250 }),
	field({ name: 'date_maj', label: 'Date de mise à jour', kind: 'date', required: true }),
	field({ name: 'services', label: 'Services', kind: 'enum', values: SERVICES }),
	field({
		name: 'publics_specifiquement_adresses',
		label: 'Publics spécifiquement adressés',
		kind: 'enum',
		values: PUBLICS_SPECIFIQUEMENT_ADRESSES
	}),
	field({
		name: 'prise_en_charge_specifique',
		label: 'Prise en charge spécifique',
		kind: 'enum',
		values: PRISE_EN_CHARGE_SPECIFIQUE
	}),
	field({ name: 'frais_a_charge', label: 'Frais à charge', kind: 'enum', values: FRAIS_A_CHARGE }),
	field({
		name: 'dispositif_programmes_nationaux',
		label: 'Dispositifs et programmes nationaux',
		kind: 'enum',
		values: DISPOSITIF_PROGRAMMES_NATIONAUX
	}),
	field({ name: 'formations_labels', label: 'Formations et labels', kind: 'enum', values: FORMATIONS_LABELS }),
	field({ name: 'autres_formations_labels', label: 'Autres formations et labels', kind: 'list', cap: 250, maxValues: 20 }),
	field({ name: 'modalites_acces', label: "Modalités d'accès", kind: 'enum', values: MODALITES_ACCES }),
	field({
		name: 'modalites_accompagnement',
		label: "Modalités d'accompagnement",
		kind: 'enum',
		values: MODALITES_ACCOMPAGNEMENT
	}),
	field({ name: 'fiche_acces_libre', label: 'Fiche Acceslibre', kind: 'url', cap: 2000 }),
	field({ name: 'prise_rdv', label: 'Prise de rendez-vous en ligne', kind: 'url', cap: 2000 })
];

export type FieldName = (typeof FIELDS)[number]['name'];
export const FIELD_NAMES: readonly string[] = FIELDS.map((f) => f.name);
export const FIELD_BY_NAME: ReadonlyMap<string, FieldSpec> = new Map(FIELDS.map((f) => [f.name, f]));

/** Allowed values of an enum field for a given version of the standard. */
export function enumValues(spec: FieldSpec, version: StandardVersion = EXPORT_VERSION) {
	if (spec.name === 'formations_labels' && version === '1.0.1') return FORMATIONS_LABELS_1_0_1;
	return spec.values ?? [];
}

/**
 * A listing in our own form: the standard's fields, with multi-valued ones as arrays and
 * coordinates as numbers. `null` means "empty" (the standard's empty cell).
 */
export interface ListingFields {
	id: string;
	pivot: string | null;
	nom: string;
	commune: string;
	code_postal: string;
	code_insee: string | null;
	adresse: string;
	complement_adresse: string | null;
	latitude: number | null;
	longitude: number | null;
	typologie: string[];
	telephone: string | null;
	courriels: string[];
	site_web: string[];
	horaires: string | null;
	presentation_resume: string | null;
	presentation_detail: string | null;
	source: string | null;
	itinerance: string[];
	structure_parente: string | null;
	date_maj: string;
	services: string[];
	publics_specifiquement_adresses: string[];
	prise_en_charge_specifique: string[];
	frais_a_charge: string[];
	dispositif_programmes_nationaux: string[];
	formations_labels: string[];
	autres_formations_labels: string[];
	modalites_acces: string[];
	modalites_accompagnement: string[];
	fiche_acces_libre: string | null;
	prise_rdv: string | null;
}

/** Fields a participant may change (the internal `id` and `date_maj` are ours to set). */
export const EDITABLE_FIELDS: readonly (keyof ListingFields)[] = FIELDS.map(
	(f) => f.name as keyof ListingFields
).filter((name) => name !== 'id' && name !== 'date_maj');

export type FieldValue = string | number | string[] | null;
