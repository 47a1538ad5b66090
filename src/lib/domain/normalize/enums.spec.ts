import { describe, expect, test } from 'vitest';
import { normalizeEnumCells } from './enums';

const read = (column: string, raw: unknown, version?: '1.0.1' | '1.0.2') =>
	normalizeEnumCells([{ column, raw }], version);

describe('normalizeEnumCells', () => {
	test('keeps exact v1 values silently', () => {
		expect(
			read('services', 'Aide aux démarches administratives|Loisirs et créations numériques')
		).toEqual({
			values: {
				services: ['Aide aux démarches administratives', 'Loisirs et créations numériques']
			},
			issues: [],
			setAside: {}
		});
	});

	test('reports nothing when only the separator, spaces or a repeated value differ', () => {
		// A row of the PACA v1 file, and a v0.1 typology as the standard's example writes it.
		expect(
			read(
				'services',
				'Aide aux démarches administratives|Aide aux démarches administratives | Loisirs et créations numériques'
			)
		).toEqual({
			values: {
				services: ['Aide aux démarches administratives', 'Loisirs et créations numériques']
			},
			issues: [],
			setAside: {}
		});
		expect(read('typologie', 'TIERS_LIEUX;ASSO')).toEqual({
			values: { typologie: ['TIERS_LIEUX', 'ASSO'] },
			issues: [],
			setAside: {}
		});
	});

	test('repairs apostrophes, case, missing accents, NBSP and separators', () => {
		const result = read(
			'modalites_acces',
			'ce lieu n’accueille pas de public ; Se\u00a0présenter;TELEPHONER'
		);
		expect(result.values).toEqual({
			modalites_acces: ["Ce lieu n'accueille pas de public", 'Se présenter', 'Téléphoner']
		});
		expect(result.issues).toEqual([
			{
				field: 'modalites_acces',
				severity: 'warning',
				code: 'enum_format',
				message:
					"Modalités d'accès : « ce lieu n’accueille pas de public ; Se\u00a0présenter;TELEPHONER » réécrit « Ce lieu n'accueille pas de public | Se présenter | Téléphoner ».",
				before: 'ce lieu n’accueille pas de public ; Se\u00a0présenter;TELEPHONER',
				after: ["Ce lieu n'accueille pas de public", 'Se présenter', 'Téléphoner']
			}
		]);
		expect(read('services', 'Comprehension du monde numerique').values.services).toEqual([
			'Compréhension du monde numérique'
		]);
	});

	test('maps v0.1 services as the national conversion of the PACA file did', () => {
		expect(
			read(
				'services',
				'Prendre en main un smartphone ou une tablette;Prendre en main un ordinateur;Utiliser le numérique au quotidien;Approfondir ma culture numérique'
			).values
		).toEqual({
			services: ['Maîtrise des outils numériques du quotidien', 'Compréhension du monde numérique']
		});
		expect(
			read(
				'services',
				"S'équiper en matériel informatique;Soutenir la parentalité et l'éducation avec le numérique"
			).values
		).toEqual({
			services: [
				'Acquisition de matériel informatique à prix solidaire',
				'Parentalité et éducation avec le numérique'
			]
		});
	});

	test('splits the pre-standard comma lists', () => {
		expect(
			read(
				'services',
				'Prendre en main un smartphone ou une tablette, Prendre en main un ordinateur, Approfondir ma culture numérique'
			).values.services
		).toEqual(['Maîtrise des outils numériques du quotidien', 'Compréhension du monde numérique']);
	});

	test('reads long v0.1 labels by their short part, commas included', () => {
		expect(
			read(
				'conditions_acces',
				"Gratuit sous condition : La gratuité est conditionnée à des critères (situation familiale, convention avec un organisme social...);Adhésion : L'accès au lieu et/ou à ses services nécessite d'y adhérer"
			).values
		).toEqual({ frais_a_charge: ['Gratuit sous condition', 'Payant'] });
		expect(
			read(
				'modalites_accompagnement',
				"Dans un atelier : j'apprends collectivement à utiliser le numérique;Avec de l'aide : je suis accompagné seul dans l'usage du numérique"
			).values
		).toEqual({
			modalites_accompagnement: ['Dans un atelier collectif', 'Accompagnement individuel']
		});
	});

	test('splits v0.1 publics into publics and specific needs', () => {
		const result = read(
			'publics_accueillis',
			"Seniors (+ 65 ans);Surdité;Handicaps mentaux : déficiences limitant les activités d'une personne;Personnes en situation d'illettrisme;Déficience visuelle"
		);
		expect(result.values).toEqual({
			publics_specifiquement_adresses: ['Seniors'],
			prise_en_charge_specifique: [
				'Surdité',
				'Handicaps mentaux',
				'Illettrisme',
				'Déficience visuelle'
			]
		});
		expect(result.issues.map((i) => [i.field, i.code])).toEqual([
			['publics_specifiquement_adresses', 'enum_colonne'],
			['prise_en_charge_specifique', 'enum_colonne']
		]);
	});

	test('reads "Adultes" as everyone: no specific public, needs kept', () => {
		const result = read('publics_accueillis', 'Adultes;Jeunes (16-26 ans);Surdité');
		expect(result.values).toEqual({ prise_en_charge_specifique: ['Surdité'] });
		expect(result.issues[0]).toMatchObject({ code: 'publics_tout_public', after: [] });
		expect(read('publics_accueillis', 'Jeunes (16-26 ans)').values).toEqual({
			publics_specifiquement_adresses: ['Jeunes']
		});
	});

	test('moves v0.1 national labels to programmes, labels or free text', () => {
		const result = read('labels_nationaux', 'CNFS;France Services;APTIC;Fabriques de Territoire');
		expect(result.values).toEqual({
			dispositif_programmes_nationaux: ['Conseillers numériques', 'France Services'],
			autres_formations_labels: ['APTIC'],
			formations_labels: ['Fabriques de Territoire']
		});
		expect(read('labels_autres', 'SudLabs;Nièvre médiation numérique').values).toEqual({
			formations_labels: ['SUD LABS (PACA)'],
			autres_formations_labels: ['Nièvre médiation numérique']
		});
	});

	test('accepts the unspaced La Poste label of the 1.0.2 pattern and writes the spaced one', () => {
		expect(read('formations_labels', 'Étapes numériques(La Poste)').values).toEqual({
			formations_labels: ['Étapes numériques (La Poste)']
		});
		expect(read('formations_labels', 'Étapes numériques (La Poste)', '1.0.1').values).toEqual({
			autres_formations_labels: ['Étapes numériques (La Poste)']
		});
	});

	test('reports labels that v1 has no room for, and sets them aside', () => {
		const result = read(
			'conditions_acces',
			"Gratuit : Je peux accéder gratuitement au lieu et à ses services;Accepte le Pass numérique : Il est possible d'utiliser un Pass numérique pour accéder au lieu"
		);
		expect(result.values).toEqual({ frais_a_charge: ['Gratuit'] });
		expect(result.setAside).toEqual({
			conditions_acces:
				"Accepte le Pass numérique : Il est possible d'utiliser un Pass numérique pour accéder au lieu"
		});
		expect(result.issues.map((i) => [i.field, i.severity, i.code])).toEqual([
			['frais_a_charge', 'warning', 'enum_colonne'],
			['frais_a_charge', 'warning', 'enum_sans_equivalent']
		]);
	});

	test('refuses unknown values of a closed list and keeps unknown typology codes', () => {
		const result = read('services', 'Formation Alphabétisation|Loisirs et créations numériques');
		expect(result.values).toEqual({ services: ['Loisirs et créations numériques'] });
		expect(result.setAside).toEqual({ services: 'Formation Alphabétisation' });
		expect(result.issues[1]).toEqual({
			field: 'services',
			severity: 'error',
			code: 'enum_inconnue',
			message:
				"Services : « Formation Alphabétisation » n'est pas une valeur de la liste « Services » du standard.",
			before: 'Formation Alphabétisation',
			after: null
		});
		expect(read('typologie', 'TIERS_LIEUX;asso;COMMUNE;XYZ').values).toEqual({
			typologie: ['TIERS_LIEUX', 'ASSO', 'MUNI', 'XYZ']
		});
	});

	test('merges cells of a mixed file that feed the same field', () => {
		const result = normalizeEnumCells([
			{ column: 'dispositif_programmes_nationaux', raw: 'Aidants Connect' },
			{ column: 'labels_nationaux', raw: 'CNFS;Aidants Connect' }
		]);
		expect(result.values).toEqual({
			dispositif_programmes_nationaux: ['Aidants Connect', 'Conseillers numériques']
		});
	});
});
