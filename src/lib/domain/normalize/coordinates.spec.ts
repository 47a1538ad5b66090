import { describe, expect, test } from 'vitest';
import { areaOf, normalizeCoordinates } from './coordinates';

describe('normalizeCoordinates', () => {
	test('keeps numbers in the right area without any remark', () => {
		expect(normalizeCoordinates(43.289439, 5.496495, '13')).toEqual({
			value: { latitude: 43.289439, longitude: 5.496495 },
			issues: []
		});
		expect(normalizeCoordinates(-12.846357, 45.116305, '976').issues).toEqual([]);
		expect(normalizeCoordinates(4.726352, -52.326325, '973').issues).toEqual([]);
	});

	test('reads text with decimal commas', () => {
		expect(normalizeCoordinates('43,52609', '5,41423', '13')).toEqual({
			value: { latitude: 43.52609, longitude: 5.41423 },
			issues: [
				{
					field: 'latitude',
					severity: 'warning',
					code: 'coordonnees_format',
					message: 'Latitude : « 43,52609, 5,41423 » réécrites « 43.52609, 5.41423 ».',
					before: '43,52609, 5,41423',
					after: '43.52609, 5.41423'
				}
			]
		});
		expect(normalizeCoordinates('46.1060711578546', '5.8260084241619', '01').issues).toEqual([]);
	});

	test('reports a comma in one cell only, and nothing for the same number written longer', () => {
		expect(normalizeCoordinates('45,7772', 3.087, '63').issues).toEqual([
			{
				field: 'latitude',
				severity: 'warning',
				code: 'coordonnees_format',
				message: 'Latitude : « 45,7772, 3.087 » réécrites « 45.7772, 3.087 ».',
				before: '45,7772, 3.087',
				after: '45.7772, 3.087'
			}
		]);
		// Spreadsheets export fixed decimals: the number is the same, nothing is fixed.
		expect(normalizeCoordinates('45.7772000', '3.0870000', '63')).toEqual({
			value: { latitude: 45.7772, longitude: 3.087 },
			issues: []
		});
		expect(normalizeCoordinates(' +45.7772 ', '03.087', '63')).toEqual({
			value: { latitude: 45.7772, longitude: 3.087 },
			issues: []
		});
	});

	test('treats 0, 0 as no position', () => {
		const result = normalizeCoordinates(0, 0, '63');
		expect(result.value).toEqual({ latitude: null, longitude: null });
		expect(result.issues.map((i) => i.code)).toEqual(['coordonnees_nulles']);
	});

	test('swaps latitude and longitude when only the swap lands where the address is', () => {
		const result = normalizeCoordinates(5.496495, 43.289439, '13');
		expect(result.value).toEqual({ latitude: 43.289439, longitude: 5.496495 });
		expect(result.issues[0]).toMatchObject({
			code: 'coordonnees_inversees',
			before: '5.496495, 43.289439',
			after: '43.289439, 5.496495'
		});
		expect(normalizeCoordinates(55.5244, -20.9478, '974').value).toEqual({
			latitude: -20.9478,
			longitude: 55.5244
		});
	});

	test('warns about points in another part of France or abroad, keeping them', () => {
		expect(normalizeCoordinates(14.710188, -61.004829, '973').issues[0].message).toBe(
			"Latitude : le point est en Martinique, mais l'adresse en Guyane."
		);
		expect(normalizeCoordinates(40.4168, -3.7038, '64').issues[0].code).toBe(
			'coordonnees_hors_france'
		);
		expect(normalizeCoordinates(40.4168, -3.7038, '64').value.latitude).toBe(40.4168);
	});

	test('sets aside projected, partial and non-numeric coordinates', () => {
		expect(normalizeCoordinates(6_520_000, 650_000, '75')).toMatchObject({
			value: { latitude: null, longitude: null },
			setAside: '6520000, 650000',
			issues: [{ severity: 'error', code: 'coordonnees_hors_limites' }]
		});
		expect(normalizeCoordinates(45.1, null, '38').issues[0].code).toBe('coordonnees_incompletes');
		expect(normalizeCoordinates('45°N', '5°E', '38').issues[0].code).toBe('coordonnees_invalides');
		expect(normalizeCoordinates('', null, '38')).toEqual({
			value: { latitude: null, longitude: null },
			issues: []
		});
	});
});

describe('areaOf', () => {
	test('places overseas points in their territory', () => {
		expect(areaOf(-22.27, 166.45)?.where).toBe('en Nouvelle-Calédonie');
		expect(areaOf(46.78, -56.17)?.where).toBe('à Saint-Pierre-et-Miquelon');
		expect(areaOf(-17.53, -149.56)?.where).toBe('en Polynésie française');
		expect(areaOf(0, 0)).toBeUndefined();
	});
});
