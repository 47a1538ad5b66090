import { describe, expect, test } from 'vitest';
import type { ListingFields } from './fields';
import { toStandardRecord, validateField, validateListing } from './validate';

/** The row of the standard's own `exemple-valide.csv` (v1.0.2), in our internal form. */
const EXAMPLE: ListingFields = {
	id: 'structure-1',
	pivot: '43493312300029',
	nom: 'Anonymal',
	commune: 'Reims',
	code_postal: '51100',
	code_insee: '51454',
	adresse: '12 BIS RUE DE LECLERCQ',
	complement_adresse: "Le patio du bois de l'Aulne",
	latitude: 43.52609,
	longitude: 5.41423,
	typologie: ['TIERS_LIEUX', 'ASSO'],
	telephone: '+33180059880',
	courriels: ['contact@laquincaillerie.tl', 'responsable@laquincaillerie.tl'],
	site_web: ['https://www.laquincaillerie.tl/', 'https://m.facebook.com/laquincaillerienumerique/'],
	horaires: 'Mo-Fr 09:00-12:00,14:00-18:30; Sa 08:30-12:00',
	presentation_resume:
		'Notre association propose des formations aux outils numériques à destination des personnes âgées.',
	presentation_detail:
		"Notre parcours d'initiation permet l'acquisition de compétences numériques de base.",
	source: 'Hubik',
	itinerance: ['Itinérant'],
	structure_parente: 'SIRET de la ville pour une bibliothèque.',
	date_maj: '2024-04-02',
	services: [
		'Maîtrise des outils numériques du quotidien',
		'Insertion professionnelle via le numérique',
		'Loisirs et créations numériques'
	],
	publics_specifiquement_adresses: ['Jeunes', 'Femmes'],
	prise_en_charge_specifique: ['Surdité', 'Illettrisme', 'Langues étrangères (anglais)'],
	frais_a_charge: ['Gratuit sous condition', 'Payant'],
	dispositif_programmes_nationaux: ['Aidants Connect', 'Conseillers numériques', 'La Croix Rouge'],
	formations_labels: ['Formé à « Mon Espace Santé »', 'Arnia/MedNum BFC (Bourgogne-Franche-Comté)'],
	autres_formations_labels: ['Label et la bête'],
	modalites_acces: ['Se présenter', 'Téléphoner'],
	modalites_accompagnement: [
		'Dans un atelier collectif',
		'À distance',
		'En autonomie',
		'Accompagnement individuel'
	],
	fiche_acces_libre:
		'https://acceslibre.beta.gouv.fr/app/29-lampaul-plouarzel/a/bibliotheque-mediatheque/erp/mediatheque-13/',
	prise_rdv: 'https://www.rdv-solidarites.fr/'
};

describe('validateListing', () => {
	test("finds nothing wrong with the standard's valid example", () => {
		expect(validateListing(EXAMPLE)).toEqual([]);
	});

	test('refuses a listing without its required fields', () => {
		const issues = validateListing({ ...EXAMPLE, nom: '', adresse: '', pivot: null });
		expect(issues.map((i) => [i.field, i.severity, i.code])).toEqual([
			['pivot', 'warning', 'pivot_manquant'],
			['nom', 'error', 'obligatoire'],
			['adresse', 'error', 'obligatoire']
		]);
	});

	test('warns that the national platform ignores several fields when services is empty', () => {
		const issues = validateListing({ ...EXAMPLE, services: [] });
		expect(issues).toEqual([
			{
				field: 'services',
				severity: 'warning',
				code: 'services_vide',
				message:
					"Services : sans service indiqué, la plateforme nationale considère le lieu comme fermé au public et ignore : Publics spécifiquement adressés, Prise en charge spécifique, Frais à charge, Itinérance, Modalités d'accompagnement."
			}
		]);
		expect(
			validateListing({
				...EXAMPLE,
				modalites_acces: ["Ce lieu n'accueille pas de public"]
			}).map((i) => i.code)
		).toEqual(['acces_contradictoire']);
	});

	test('checks coordinates as a pair and against the area of the postcode', () => {
		expect(validateListing({ ...EXAMPLE, longitude: null }).map((i) => i.code)).toEqual([
			'coordonnees_incompletes'
		]);
		expect(validateListing({ ...EXAMPLE, latitude: 5.41423, longitude: 43.52609 })).toEqual([
			expect.objectContaining({ code: 'coordonnees_inversees', severity: 'warning' })
		]);
		expect(
			validateListing({ ...EXAMPLE, code_postal: '97300', code_insee: '97302' }).map(
				(i) => i.message
			)
		).toEqual(["Latitude : le point est en France métropolitaine, mais l'adresse en Guyane."]);
	});
});

describe('validateField', () => {
	test('checks anchored patterns, not the schema regexes that match anywhere', () => {
		expect(validateField('frais_a_charge', ['xx|Gratuit'])).toEqual([
			expect.objectContaining({ severity: 'error', code: 'separateur' })
		]);
		expect(validateField('frais_a_charge', ['Gratuit ', 'gratuit']).map((i) => i.code)).toEqual([
			'espaces',
			'enum_inconnue'
		]);
		expect(validateField('code_postal', '6000')[0].message).toBe(
			'Code postal : « 6000 » ne respecte pas le format du standard.'
		);
		expect(validateField('code_insee', '2A004')).toEqual([]);
		expect(validateField('code_insee', '20004')[0].code).toBe('format');
	});

	test('knows which labels each version admits', () => {
		expect(validateField('formations_labels', ['Étapes numériques (La Poste)'], '1.0.2')).toEqual(
			[]
		);
		expect(
			validateField('formations_labels', ['Étapes numériques (La Poste)'], '1.0.1')[0].message
		).toBe(
			"Formations et labels : « Étapes numériques (La Poste) » n'est pas une valeur admise par le standard 1.0.1."
		);
	});

	test('treats unknown typology codes as warnings, the list being open', () => {
		expect(validateField('typologie', ['COMMUNE'])).toEqual([
			expect.objectContaining({ severity: 'warning', code: 'typologie_inconnue' })
		]);
	});

	test('checks the telephone pattern and the French number length', () => {
		expect(validateField('telephone', '0473123456')[0].code).toBe('format');
		expect(validateField('telephone', '+3321276098')[0].code).toBe('telephone_longueur');
		expect(validateField('telephone', '+590590417497')).toEqual([]);
	});

	test('checks identifiers: SIRET key, La Poste, SIREN, RNA', () => {
		expect(validateField('pivot', '77567267221138')[0].code).toBe('siret_cle');
		expect(validateField('pivot', '35600000068539')).toEqual([]);
		expect(validateField('pivot', '775560261')[0].code).toBe('siren');
		expect(validateField('pivot', 'W751234567')).toEqual([]);
		expect(validateField('pivot', '689330')[0].severity).toBe('error');
	});

	test('checks lengths, dates, ranges, addresses and hours', () => {
		expect(validateField('presentation_resume', 'é'.repeat(281))[0].message).toBe(
			'Présentation courte : 281 caractères, 280 au plus.'
		);
		expect(validateField('presentation_resume', 'é'.repeat(280))).toEqual([]);
		// Where the standard sets no limit, cartoparty does, and says it is its own.
		expect(validateField('nom', 'M'.repeat(251))[0].message).toBe(
			'Nom du lieu : 251 caractères, 250 au plus (limite de cartoparty).'
		);
		expect(validateField('nom', 'M'.repeat(250))).toEqual([]);
		expect(validateField('presentation_detail', 'x'.repeat(10_001))[0].code).toBe('trop_long');
		expect(validateField('courriels', [`${'a'.repeat(250)}@b.fr`])[0].code).toBe('trop_long');
		const eleven = Array.from({ length: 11 }, (_, i) => `contact${i}@exemple.fr`);
		expect(validateField('courriels', eleven)[0].message).toBe(
			'Courriels : 11 valeurs, 10 au plus.'
		);
		expect(validateField('date_maj', '2023-02-30')[0].code).toBe('date_invalide');
		expect(validateField('date_maj', '1970-01-01')[0]).toMatchObject({
			severity: 'warning',
			code: 'date_inconnue'
		});
		expect(validateField('latitude', 91)[0].code).toBe('hors_limites');
		expect(validateField('courriels', ['médiathèque@bray-dunes.fr'])[0].code).toBe(
			'courriel_invalide'
		);
		expect(validateField('site_web', ['www.cyber.fr'])[0].code).toBe('url_invalide');
		expect(validateField('fiche_acces_libre', 'https://example.org/x')[0].code).toBe('acceslibre');
		expect(validateField('horaires', 'Mo 08:45-12:00-13:45')[0].code).toBe('horaires_invalides');
	});

	test('warns about characters the national platform refuses in communes and addresses', () => {
		expect(validateField('commune', 'Saint-Denis (La Réunion)')[0].code).toBe('caracteres_refuses');
		expect(validateField('commune', "L'Isle-sur-la-Sorgue")).toEqual([]);
		expect(validateField('adresse', '12 BIS RUE DE LECLERCQ')).toEqual([]);
		expect(validateField('adresse', '3 rue du Port #2')[0].code).toBe('caracteres_refuses');
	});

	test('refuses control and text-direction characters, naming the character and what precedes it', () => {
		expect(validateField('nom', 'Médiathèque \u202Efdp.exe')).toEqual([
			expect.objectContaining({
				severity: 'error',
				code: 'caractere_invalide',
				message:
					"Nom du lieu : caractère invisible refusé après « Médiathèque  » : U+202E (contrôle du sens d'écriture). Retirez-le, au besoin en retapant la valeur."
			})
		]);
		expect(validateField('adresse', '\u00003 rue du Port')[0].message).toBe(
			'Adresse : caractère invisible refusé au début de la valeur : U+0000 (caractère nul). Retirez-le, au besoin en retapant la valeur.'
		);
		const long = `${'a'.repeat(40)}\u0007`;
		expect(validateField('presentation_detail', long)[0].message).toContain(
			`après « …${'a'.repeat(30)} » : U+0007 (caractère de contrôle)`
		);
		// The text before is never cut in the middle of a character.
		const emojis = validateField('nom', `${'😀'.repeat(20)}a\u202E`)[0].message;
		expect(emojis).toContain(`après « …${'😀'.repeat(14)}a »`);
		for (const character of ['\u202A', '\u202D', '\u2066', '\u2069', '\u007F', '\u0085', '\r']) {
			expect(validateField('presentation_detail', `a${character}b`)[0]?.code).toBe('caractere_invalide');
		}
		// A typology code is an open list: the character is refused, not merely unknown.
		expect(validateField('typologie', ['BIB\u2067'])[0]).toMatchObject({
			severity: 'error',
			code: 'caractere_invalide'
		});
		expect(validateField('courriels', ['contact@exemple.fr\u202C'])[0].code).toBe('caractere_invalide');
	});

	test('lets line breaks and tabs through in multi-line fields only', () => {
		expect(validateField('presentation_detail', 'Ateliers :\n\t- initiation')).toEqual([]);
		expect(validateField('presentation_resume', 'Ateliers\nlibres')).toEqual([]);
		expect(validateField('autres_formations_labels', ['Label\tlocal'])).toEqual([]);
		expect(validateField('nom', 'Médiathèque\tde Jaude')[0].message).toContain('U+0009 (tabulation)');
		expect(validateField('horaires', 'Mo-Fr 09:00-12:00\nSa 10:00-12:00')[0].message).toContain(
			'U+000A (retour à la ligne)'
		);
	});

	test('refuses values of the wrong shape and unknown fields', () => {
		expect(validateField('services', 'Aide aux démarches administratives')[0].code).toBe('type');
		expect(validateField('latitude', '45.1')[0].code).toBe('type');
		expect(validateField('cle_ban', 'x')[0].code).toBe('champ_inconnu');
	});
});

describe('toStandardRecord', () => {
	test('writes the 32 columns in schema order with | joins and plain decimals', () => {
		const record = toStandardRecord({
			...EXAMPLE,
			latitude: 43.1,
			longitude: 0.0000001,
			complement_adresse: null
		});
		expect(Object.keys(record)).toHaveLength(32);
		expect(Object.keys(record).slice(0, 6)).toEqual([
			'id',
			'pivot',
			'nom',
			'commune',
			'code_postal',
			'code_insee'
		]);
		expect(record.typologie).toBe('TIERS_LIEUX|ASSO');
		expect(record.latitude).toBe('43.1');
		expect(record.longitude).toBe('0.0000001');
		expect(record.complement_adresse).toBe('');
		expect(Object.keys(record).at(-1)).toBe('prise_rdv');
	});

	test('writes a missing pivot empty, or as the placeholder when asked', () => {
		expect(toStandardRecord({ ...EXAMPLE, pivot: null }).pivot).toBe('');
		expect(
			toStandardRecord({ ...EXAMPLE, pivot: null }, { missingPivot: '00000000000000' }).pivot
		).toBe('00000000000000');
	});
});
