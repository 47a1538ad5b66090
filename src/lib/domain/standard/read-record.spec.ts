import { describe, expect, test } from 'vitest';
import { commune, communesByPostcode } from '$lib/server/territory';
import type { GeoLookup } from '../normalize/geo';
import { readRecord, REJECTED } from './read-record';

const geo: GeoLookup = { commune, communesByPostcode };
const ctx = { geo, today: '2026-07-01' };

/** A row of paca_hub-du-sud_2023-05-16_standard-v0.1.json (v0.1). */
const PACA_V01 = {
	id: 'mediation-numerique-france-services-18',
	nom: 'France services Puget-Théniers',
	services:
		'Réaliser des démarches administratives avec un accompagnement;Favoriser mon insertion professionnelle',
	pivot: '00000000000000',
	commune: 'Puget-Théniers',
	code_postal: '06260',
	adresse: '1 Avenue Miss Pell',
	latitude: 43.9561527,
	longitude: 6.8931592,
	telephone: '+33493033115',
	courriel: 'contact@foyer-rural-cepage.com',
	publics_accueillis: 'Adultes;Familles/enfants;Jeunes (16-26 ans);Seniors (+ 65 ans)',
	conditions_acces: 'Gratuit : Je peux accéder gratuitement au lieu et à ses services',
	labels_nationaux: 'France Services',
	horaires: 'Mo-Fr 09:30-12:30,13:30-17:30',
	source: 'france-services',
	date_maj: '2020-01-01'
};

/** A row of national_conseillers-numeriques_2022-07_pre-standard.json (CNFS draft). */
const CNFS = {
	id: '62860768cdc04606eb14e5e2',
	nom: "Maison du Cotentin Saint-Pierre-l'Eglise",
	commune: 'SAINT-PIERRE-EGLISE',
	code_postal: '50330',
	adresse: '9 rue de la Boularderie',
	latitude: 49.667162,
	longitude: -1.394368,
	telephone: '0233231955',
	courriel: 'accueil.saintpierreeglise@lecotentin.fr',
	site_web: 'https://www.lecotentin.fr/node/143',
	source: 'conseiller-numerique',
	date_maj: '2022-05-19',
	services:
		'Prendre en main un smartphone ou une tablette, Prendre en main un ordinateur, Utiliser le numérique au quotidien, Approfondir ma culture numérique',
	conditions_access: 'Gratuit',
	labels_nationaux: 'CNFS, France Services'
};

describe('readRecord', () => {
	test('sets aside values over a limit, never cuts them, and rejects a row whose name is too long', () => {
		const emails = Array.from({ length: 11 }, (_, i) => `accueil${i}@mairie.fr`).join(';');
		const long = readRecord(
			{ ...CNFS, structure_parente: 'S'.repeat(251), courriels: emails },
			ctx
		);
		expect(long.fields?.structure_parente).toBeNull();
		expect(long.fields?.courriels).toEqual([]);
		expect(long.extra[REJECTED]).toMatchObject({ structure_parente: 'S'.repeat(251) });
		// CNFS's own address joins the eleven.
		expect(long.issues.filter((i) => i.severity === 'error').map((i) => i.message)).toEqual([
			'Courriels : 12 valeurs, 10 au plus.',
			'Structure parente : 251 caractères, 250 au plus (limite de cartoparty).'
		]);

		const name = readRecord({ ...CNFS, nom: 'N'.repeat(300) }, ctx);
		expect(name.fields).toBeNull();
		expect(name.issues.map((i) => i.code)).toContain('trop_long');
	});

	test('sets opening hours over their limit aside without parsing them', () => {
		const hours = 'Lu-Ve 9h-12h '.repeat(4000);
		const result = readRecord({ ...PACA_V01, horaires: hours }, ctx);

		expect(result.fields?.horaires).toBeNull();
		expect(result.extra[REJECTED]).toEqual({ horaires: hours });
		expect(result.issues.filter((i) => i.field === 'horaires').map((i) => i.code)).toEqual([
			'trop_long'
		]);
	});

	test('converts a v0.1 row to v1, reporting every change', () => {
		const result = readRecord(PACA_V01, ctx);
		expect(result.sourceVersion).toBe('0.1');
		expect(result.fields).toEqual({
			id: 'mediation-numerique-france-services-18',
			nom: 'France services Puget-Théniers',
			adresse: '1 Avenue Miss Pell',
			complement_adresse: null,
			source: 'france-services',
			structure_parente: null,
			presentation_resume: null,
			presentation_detail: null,
			code_postal: '06260',
			code_insee: '06099',
			commune: 'Puget-Théniers',
			pivot: null,
			latitude: 43.9561527,
			longitude: 6.8931592,
			telephone: '+33493033115',
			courriels: ['contact@foyer-rural-cepage.com'],
			site_web: [],
			horaires: 'Mo-Fr 09:30-12:30,13:30-17:30',
			date_maj: '2020-01-01',
			prise_rdv: null,
			fiche_acces_libre: null,
			typologie: [],
			itinerance: [],
			services: [
				'Aide aux démarches administratives',
				'Insertion professionnelle via le numérique'
			],
			publics_specifiquement_adresses: [],
			prise_en_charge_specifique: [],
			frais_a_charge: ['Gratuit'],
			dispositif_programmes_nationaux: ['France Services'],
			formations_labels: [],
			autres_formations_labels: [],
			modalites_acces: [],
			modalites_accompagnement: []
		});
		expect(result.extra).toEqual({});
		expect(result.issues.map((i) => [i.field, i.severity, i.code])).toEqual([
			['code_insee', 'warning', 'code_insee_deduit'],
			['pivot', 'warning', 'pivot_fictif'],
			['services', 'warning', 'enum_format'],
			['publics_specifiquement_adresses', 'warning', 'publics_tout_public'],
			['frais_a_charge', 'warning', 'enum_colonne'],
			['dispositif_programmes_nationaux', 'warning', 'enum_colonne']
		]);
	});

	test('reads the pre-standard CNFS shape: courriel, conditions_access and comma lists', () => {
		const result = readRecord(CNFS, ctx);
		expect(result.sourceVersion).toBe('0.1');
		expect(result.fields).toMatchObject({
			commune: 'Saint-Pierre-Église',
			code_insee: '50539',
			telephone: '+33233231955',
			courriels: ['accueil.saintpierreeglise@lecotentin.fr'],
			services: ['Maîtrise des outils numériques du quotidien', 'Compréhension du monde numérique'],
			frais_a_charge: ['Gratuit'],
			dispositif_programmes_nationaux: ['Conseillers numériques', 'France Services']
		});
	});

	test('keeps unknown columns and set-aside values in extra', () => {
		const result = readRecord(
			{
				...PACA_V01,
				telephone: '3230',
				services: 'Formation Alphabétisation',
				structure_porteuse: 'Mairie',
				cle_ban: '06099_0030_00001'
			},
			ctx
		);
		expect(result.fields?.telephone).toBeNull();
		expect(result.fields?.services).toEqual([]);
		expect(result.extra).toEqual({
			structure_porteuse: 'Mairie',
			[REJECTED]: { telephone: '3230', services: 'Formation Alphabétisation' }
		});
		expect(result.issues.filter((i) => i.severity === 'error').map((i) => i.code)).toEqual([
			'telephone_numero_court',
			'enum_inconnue'
		]);
		expect(result.issues.map((i) => i.code)).toContain('cle_ban');
	});

	test('takes control and text-direction characters out of known columns, saying which and where', () => {
		const result = readRecord(
			{
				...PACA_V01,
				nom: 'France services \u202EPuget-Théniers',
				adresse: '1 Avenue\u0007 Miss\u2066 Pell',
				courriel: 'contact@foyer-rural-cepage.com\u2069',
				horaires: 'Mo-Fr 09:30-12:30,13:30-17:30\u0000',
				commentaire_interne: 'à garder\u202E tel quel'
			},
			ctx
		);

		expect(result.fields).toMatchObject({
			nom: 'France services Puget-Théniers',
			adresse: '1 Avenue Miss Pell',
			courriels: ['contact@foyer-rural-cepage.com'],
			horaires: 'Mo-Fr 09:30-12:30,13:30-17:30'
		});
		// Issues follow the file's columns; a v0.1 column is named as the file names it.
		const removed = result.issues.filter((i) => i.code === 'caractere_retire');
		expect(removed.map((i) => [i.field, i.severity, i.message, i.before])).toEqual([
			[
				'nom',
				'warning',
				"Nom du lieu : caractère invisible retiré : U+202E (contrôle du sens d'écriture).",
				'France services [U+202E]Puget-Théniers'
			],
			[
				'adresse',
				'warning',
				"Adresse : caractères invisibles retirés : U+0007 (caractère de contrôle), U+2066 (contrôle du sens d'écriture).",
				'1 Avenue[U+0007] Miss[U+2066] Pell'
			],
			[
				'courriel',
				'warning',
				"courriel : caractère invisible retiré : U+2069 (contrôle du sens d'écriture).",
				'contact@foyer-rural-cepage.com[U+2069]'
			],
			[
				'horaires',
				'warning',
				"Horaires d'ouverture : caractère invisible retiré : U+0000 (caractère nul).",
				'Mo-Fr 09:30-12:30,13:30-17:30[U+0000]'
			]
		]);
		expect(result.issues.map((i) => i.code)).not.toContain('caractere_invalide');
		// Unknown columns are kept as they came: they are never published.
		expect(result.extra.commentaire_interne).toBe('à garder\u202E tel quel');
	});

	test('rejects a row whose required fields are missing or beyond repair', () => {
		const result = readRecord({ ...PACA_V01, nom: '  ', code_postal: 'inconnu' }, ctx);
		expect(result.fields).toBeNull();
		expect(result.issues.filter((i) => i.code === 'obligatoire').map((i) => i.message)).toEqual([
			'Nom du lieu : ce champ obligatoire est vide ou illisible : la ligne ne peut pas être importée.',
			'Code postal : ce champ obligatoire est vide ou illisible : la ligne ne peut pas être importée.'
		]);
	});

	test('keeps the national unknown date and marks a missing one the same way', () => {
		expect(
			readRecord({ ...PACA_V01, date_maj: '1970-01-01' }, ctx).issues.map((i) => i.code)
		).toContain('date_inconnue');
		const missing = readRecord({ ...PACA_V01, date_maj: '' }, ctx);
		expect(missing.fields?.date_maj).toBe('1970-01-01');
		expect(missing.issues.filter((i) => i.code === 'date_inconnue')).toHaveLength(1);
	});

	test('reads CSV text: postcode without its zero, decimal commas, headers with odd case', () => {
		const result = readRecord(
			{
				'\uFEFFid': 'structure-1',
				Nom: 'Médiathèque &amp; EPN',
				commune: 'NICE',
				'Code postal': '6000',
				adresse: ' 2 place  Garibaldi ',
				latitude: '43,7009',
				longitude: '7,2683',
				date_maj: '02/06/2022',
				services: 'Accès internet et matériel informatique',
				pivot: ''
			},
			ctx
		);
		expect(result.sourceVersion).toBe('1.x');
		expect(result.fields).toMatchObject({
			id: 'structure-1',
			nom: 'Médiathèque & EPN',
			commune: 'Nice',
			code_postal: '06000',
			code_insee: '06088',
			adresse: '2 place Garibaldi',
			latitude: 43.7009,
			longitude: 7.2683,
			date_maj: '2022-06-02',
			pivot: null
		});
		expect(result.issues.map((i) => i.code)).toContain('pivot_manquant');
		// The entity is reported; the spaces of the address are not.
		expect(result.issues.filter((i) => i.code === 'texte_nettoye')).toEqual([
			{
				field: 'nom',
				severity: 'warning',
				code: 'texte_nettoye',
				message: 'Nom du lieu : entités HTML remplacées par leurs caractères.',
				before: 'Médiathèque &amp; EPN',
				after: 'Médiathèque & EPN'
			}
		]);
	});

	test('reports nothing for a row that differs from the standard only in how it is written', () => {
		// As a spreadsheet exports it: fixed decimals, stray spaces, a repeated service, and
		// capitals in domain names.
		const result = readRecord(
			{
				id: 'mediatheque-jaude',
				nom: ' Médiathèque de Jaude ',
				commune: 'Clermont-Ferrand ',
				code_postal: '63000',
				code_insee: '63113',
				adresse: '9 place  Delille',
				latitude: '45.7772000',
				longitude: '3.0870000',
				pivot: '21630113500002',
				courriels: 'contact@Clermont-Ferrand.FR',
				site_web: 'https://Clermont-Ferrand.FR/mediatheques',
				services:
					'Aide aux démarches administratives | Aide aux démarches administratives|Loisirs et créations numériques',
				horaires: 'Tu-Sa 10:00-18:00 ',
				date_maj: '2024-05-02'
			},
			ctx
		);
		expect(result.fields).toMatchObject({
			nom: 'Médiathèque de Jaude',
			adresse: '9 place Delille',
			latitude: 45.7772,
			longitude: 3.087,
			courriels: ['contact@clermont-ferrand.fr'],
			site_web: ['https://clermont-ferrand.fr/mediatheques'],
			services: ['Aide aux démarches administratives', 'Loisirs et créations numériques'],
			horaires: 'Tu-Sa 10:00-18:00'
		});
		expect(result.issues).toEqual([]);
	});

	test('never applies a reading of free-text hours, but keeps the text and a suggestion', () => {
		const result = readRecord({ ...PACA_V01, horaires: 'Lundi au vendredi 9h-18h' }, ctx);
		expect(result.fields?.horaires).toBeNull();
		expect(result.extra[REJECTED]).toEqual({ horaires: 'Lundi au vendredi 9h-18h' });
		expect(result.issues.find((i) => i.field === 'horaires')?.suggestion).toBe('Mo-Fr 09:00-18:00');
	});
});
