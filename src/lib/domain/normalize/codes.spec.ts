import { describe, expect, test } from 'vitest';
import { commune, communesByPostcode } from '$lib/server/territory';
import { normalizeLocation } from './codes';
import { NO_GEO, type GeoLookup } from './geo';

const geo: GeoLookup = { commune, communesByPostcode };

const read = (code_postal: unknown, code_insee: unknown, name: unknown, lookup = geo) =>
	normalizeLocation({ code_postal, code_insee, commune: name }, lookup);

describe('normalizeLocation', () => {
	test('accepts a consistent location without any remark', () => {
		expect(read('13500', '13056', 'Martigues')).toEqual({
			value: { code_postal: '13500', code_insee: '13056', commune: 'Martigues' },
			issues: [],
			setAside: {}
		});
	});

	test('reports nothing when only spaces around the values are removed', () => {
		expect(read(' 13500 ', '13056', ' Martigues\u00a0 ')).toEqual({
			value: { code_postal: '13500', code_insee: '13056', commune: 'Martigues' },
			issues: [],
			setAside: {}
		});
	});

	test('restores the leading zero of postcodes stored as numbers', () => {
		const result = read(6000, null, 'Nice');
		expect(result.value).toEqual({ code_postal: '06000', code_insee: '06088', commune: 'Nice' });
		expect(result.issues.map((i) => [i.code, i.before, i.after])).toEqual([
			['code_postal_format', '6000', '06000'],
			['code_insee_deduit', null, '06088']
		]);
	});

	test('derives the INSEE code from the postcode and the commune name in any spelling', () => {
		expect(read('74360', null, 'ABONDANCE').value).toEqual({
			code_postal: '74360',
			code_insee: '74001',
			commune: 'Abondance'
		});
		expect(read('42160', null, 'ANDREZIEUX BOUTHEON').value.code_insee).toBe('42005');
		expect(read('13011', null, 'MARSEILLE 11').value).toEqual({
			code_postal: '13011',
			code_insee: '13211',
			commune: 'Marseille 11e Arrondissement'
		});
		expect(read('13007', null, 'Marseille').value.code_insee).toBe('13055');
	});

	test('reads a close name as the only commune of the postcode it can be', () => {
		const result = read('74400', null, 'CHAMONIX');
		expect(result.value).toEqual({
			code_postal: '74400',
			code_insee: '74056',
			commune: 'Chamonix-Mont-Blanc'
		});
		expect(result.issues[1]).toMatchObject({
			code: 'commune_corrigee',
			message:
				'Commune : lue comme « Chamonix-Mont-Blanc », la commune du code postal au nom le plus proche.',
			before: 'CHAMONIX',
			after: 'Chamonix-Mont-Blanc'
		});
		expect(read('18000', null, 'BOUIRGES').value.commune).toBe('Bourges');
		expect(read('38800', null, 'Pont de Claix').value.commune).toBe('Le Pont-de-Claix');
		expect(read('12850', null, '0NET LE CHATEAU').value.commune).toBe('Onet-le-Château');
	});

	test('reports a commune name that the postcode does not know, and derives nothing', () => {
		const result = read('63000', null, 'Riom');
		expect(result.value.code_insee).toBeNull();
		expect(result.issues).toEqual([
			expect.objectContaining({
				field: 'commune',
				severity: 'warning',
				code: 'commune_incoherente',
				message:
					'Commune : « Riom » ne fait pas partie des communes du code postal 63000 (Clermont-Ferrand) : code INSEE non déduit.'
			})
		]);
	});

	test('checks a given INSEE code against the postcode and the name', () => {
		expect(read('13692', '13056', 'Martigues').issues.map((i) => i.code)).toEqual([
			'code_postal_incoherent'
		]);
		expect(read('84000', '84031', 'Avignon').issues.map((i) => i.code)).toEqual([
			'code_postal_incoherent',
			'commune_incoherente'
		]);
		expect(read('13015', '13215', 'Marseille').issues).toEqual([]);
	});

	test('removes CEDEX and repairs a postcode with one digit too many', () => {
		expect(read('30252Cedex', null, 'Sommières').issues.map((i) => [i.code, i.after])).toEqual([
			['code_postal_format', '30252'],
			['code_postal_inconnu', undefined]
		]);
		const grenoble = read('380000', null, 'Grenoble');
		expect(grenoble.value).toEqual({
			code_postal: '38000',
			code_insee: '38185',
			commune: 'Grenoble'
		});
		expect(grenoble.issues[0]).toEqual({
			field: 'code_postal',
			severity: 'warning',
			code: 'code_postal_chiffre',
			message:
				'Code postal : « 380000 » a 6 chiffres : lu comme « 38000 », le seul code postal de Grenoble à un chiffre près.',
			before: '380000',
			after: '38000'
		});
	});

	test('completes a four-digit postcode with the digit its INSEE code says is missing', () => {
		const result = read('6310', '63113', 'Clermont-Ferrand');
		expect(result).toEqual({
			value: { code_postal: '63100', code_insee: '63113', commune: 'Clermont-Ferrand' },
			issues: [
				{
					field: 'code_postal',
					severity: 'warning',
					code: 'code_postal_chiffre',
					message:
						'Code postal : « 6310 » n\'a que 4 chiffres : lu comme « 63100 », le seul code postal de Clermont-Ferrand à un chiffre près.',
					before: '6310',
					after: '63100'
				}
			],
			setAside: {}
		});
		// A number read from a spreadsheet gives the same repair.
		expect(read(6310, 63113, 'Clermont-Ferrand').value.code_postal).toBe('63100');
	});

	test('completes a four-digit postcode from the commune name when no INSEE code is given', () => {
		const result = read('6310', null, 'CLERMONT FERRAND');
		expect(result.value).toEqual({
			code_postal: '63100',
			code_insee: '63113',
			commune: 'Clermont-Ferrand'
		});
		expect(result.issues.map((i) => [i.code, i.before, i.after])).toEqual([
			['code_postal_chiffre', '6310', '63100'],
			['code_insee_deduit', null, '63113'],
			['commune_orthographe', 'CLERMONT FERRAND', 'Clermont-Ferrand']
		]);
	});

	test('names the candidates and chooses none when a missing digit can be read two ways', () => {
		const result = read('6300', '63113', 'Clermont-Ferrand');
		expect(result.value).toEqual({
			code_postal: null,
			code_insee: '63113',
			commune: 'Clermont-Ferrand'
		});
		expect(result.setAside).toEqual({ code_postal: '6300' });
		expect(result.issues).toEqual([
			{
				field: 'code_postal',
				severity: 'error',
				code: 'code_postal_ambigu',
				message:
					'Code postal : « 6300 » n\'a que 4 chiffres et peut se lire 63000 ou 63100, codes postaux de Clermont-Ferrand : indiquez le bon.',
				before: '6300',
				after: null
			}
		]);
	});

	test('keeps reading four digits as a lost leading zero when the commune allows it or says nothing', () => {
		expect(read('1000', '01053', 'Bourg-en-Bresse').issues.map((i) => [i.code, i.after])).toEqual([
			['code_postal_format', '01000']
		]);
		// No commune to check against: the number reading is all there is.
		expect(read('6310', null, null).value.code_postal).toBe('06310');
		// An INSEE code the name contradicts decides nothing: both are reported as they were.
		const mixed = read('6310', '63113', 'Riom');
		expect(mixed.value.code_postal).toBe('06310');
		expect(mixed.issues.map((i) => i.code)).toEqual([
			'code_postal_format',
			'code_postal_incoherent',
			'commune_incoherente'
		]);
	});

	test('reads Corsican INSEE codes written with the old numbering', () => {
		expect(read('20000', '20004', 'Ajaccio').value.code_insee).toBe('2A004');
		expect(read('20200', '2b033', 'Bastia').value.code_insee).toBe('2B033');
	});

	test('knows overseas communes and fills a missing commune from its INSEE code', () => {
		expect(read('97600', null, 'Mamoudzou').value.code_insee).toBe('97611');
		expect(read(null, '98818', null).value).toEqual({
			code_postal: '98800',
			code_insee: '98818',
			commune: 'Nouméa'
		});
	});

	test('replaces the code of a former commune by the current one', () => {
		const result = read('74960', '74093', 'Cran-Gevrier');
		expect(result.value).toEqual({
			code_postal: '74960',
			code_insee: '74010',
			commune: 'Cran-Gevrier'
		});
		expect(result.issues.map((i) => [i.code, i.message])).toEqual([
			[
				'code_insee_ancienne_commune',
				"Code INSEE : « 74093 » est celui de l'ancienne commune Cran-Gevrier : remplacé par celui de la commune actuelle."
			]
		]);
	});

	test('sets aside codes that cannot be repaired', () => {
		const result = read('ABC', '123', 'Reims');
		expect(result.value).toEqual({ code_postal: null, code_insee: null, commune: 'Reims' });
		expect(result.setAside).toEqual({ code_postal: 'ABC', code_insee: '123' });
		expect(result.issues.map((i) => [i.severity, i.code])).toEqual([
			['error', 'code_postal_invalide'],
			['error', 'code_insee_invalide']
		]);
	});

	test('without a commune table, only repairs the form of the codes', () => {
		expect(read(1000, 1053, 'BOURG EN BRESSE', NO_GEO).value).toEqual({
			code_postal: '01000',
			code_insee: '01053',
			commune: 'BOURG EN BRESSE'
		});
	});
});
