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
		expect(read('380000', null, 'Grenoble').value).toEqual({
			code_postal: '38000',
			code_insee: '38185',
			commune: 'Grenoble'
		});
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
