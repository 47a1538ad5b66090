import { describe, expect, test } from 'vitest';
import { streetAddress } from './address';
import { distanceMetres } from './distance';
import { scorePair, type DedupeFields } from './score';
import { nameForms, nameSimilarity, ratio } from './similarity';

const place = (overrides: Partial<DedupeFields>): DedupeFields => ({
	nom: '',
	adresse: '',
	latitude: null,
	longitude: null,
	pivot: null,
	telephone: null,
	courriels: [],
	...overrides
});

describe('scorePair', () => {
	test('scores a France Services desk and its host at the same address as duplicates', () => {
		expect(
			scorePair(
				place({
					nom: 'France services Villemarie Carpentras',
					adresse: '73 Rue Pierre Parrocel',
					latitude: 44.0536,
					longitude: 5.0481
				}),
				place({
					nom: 'Villemarie Espace Social et Culturel',
					adresse: '73 RUE PIERRE PARROCEL',
					latitude: 44.0536,
					longitude: 5.0481
				})
			)
		).toEqual({ score: 100, reasons: ['même adresse', 'à 0 m', 'noms différents'] });
	});

	test('adds identifiers and contacts shared by both listings', () => {
		const a = place({
			nom: 'MAM Nice Centre',
			adresse: '5 avenue max gallo',
			telephone: '+33489047210',
			pivot: '22060001900017',
			courriels: ['mam@departement06.fr']
		});
		const b = place({
			...a,
			nom: 'Maison du département de Nice centre',
			adresse: '6 avenue Max Gallo'
		});
		expect(scorePair(a, b).reasons).toEqual([
			'même rue, numéros différents (5 et 6)',
			'noms différents',
			'même SIRET',
			'même téléphone',
			'même courriel'
		]);
		expect(scorePair(a, b).score).toBe(100);
	});

	test('keeps apart places of the same name far from each other', () => {
		const result = scorePair(
			place({
				nom: 'Médiathèque',
				adresse: '60 Rue Véran Rousset',
				latitude: 43.837,
				longitude: 5.038
			}),
			place({ nom: 'Médiathèque', adresse: '2 place de la Mairie', latitude: 43.9, longitude: 5.2 })
		);
		expect(result).toEqual({ score: 20, reasons: ['à 14,8 km', 'noms presque identiques'] });
	});
});

describe('streetAddress', () => {
	test('spells out abbreviations and separates the house number', () => {
		expect(streetAddress('27 B AV DE LA TRILLADE')).toEqual({
			number: '27',
			street: 'avenue trillade'
		});
		expect(streetAddress('27 Avenue de la Trillade')).toEqual({
			number: '27',
			street: 'avenue trillade'
		});
		expect(streetAddress('96 Voie la canebiere')).toEqual({ number: '96', street: 'canebiere' });
		expect(streetAddress('00 Place Jean Léa')).toEqual({ number: null, street: 'place jean lea' });
		expect(streetAddress('1 CRS DU VIEUX MOULIN')).toEqual({
			number: '1',
			street: 'cours vieux moulin'
		});
	});
});

describe('similarity', () => {
	test('ratio is twice the common subsequence over the total length', () => {
		expect(ratio('abcd', 'abcd')).toBe(1);
		expect(ratio('abcd', 'abxd')).toBe(0.75);
		expect(ratio('', '')).toBe(0);
	});

	test('names compare folded, with words sorted and without spaces', () => {
		expect(nameSimilarity(nameForms('UTOP LAB'), nameForms('Utoplab'))).toBe(1);
		expect(
			nameSimilarity(nameForms('Tiers-lieu Sainte-Marthe'), nameForms('Sainte Marthe tiers lieu'))
		).toBe(1);
		expect(nameSimilarity(nameForms('Pôle Emploi'), nameForms('POLE EMPLOI'))).toBe(1);
	});
});

describe('distanceMetres', () => {
	test('measures great-circle distances and knows when a position is missing', () => {
		const paris = { latitude: 48.8566, longitude: 2.3522 };
		const lyon = { latitude: 45.764, longitude: 4.8357 };
		expect(Math.round(distanceMetres(paris, lyon) as number)).toBe(391_499);
		expect(distanceMetres(paris, { latitude: null, longitude: null })).toBeNull();
	});
});
