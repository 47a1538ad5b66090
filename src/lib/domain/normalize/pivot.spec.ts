import { describe, expect, test } from 'vitest';
import { isValidSiret, normalizePivot } from './pivot';

describe('normalizePivot', () => {
	test('keeps a SIRET and an RNA number as they are', () => {
		expect(normalizePivot('77556026100015')).toEqual({ value: '77556026100015', issues: [] });
		expect(normalizePivot('W751234567')).toEqual({ value: 'W751234567', issues: [] });
	});

	test('reads the national placeholder as a missing value, with a remark and no rewrite', () => {
		// Exports write the placeholder back: what is published does not change.
		expect(normalizePivot('00000000000000')).toEqual({
			value: null,
			issues: [
				{
					field: 'pivot',
					severity: 'warning',
					code: 'pivot_fictif',
					message:
						'SIRET ou RNA : « 00000000000000 » est la valeur de remplissage nationale, pas un identifiant : indiquez le SIRET du lieu ou de sa structure (ou son numéro RNA).'
				}
			]
		});
	});

	test('rejects a SIRET mangled into scientific notation by a spreadsheet', () => {
		const result = normalizePivot('7.7556E+13');
		expect(result.value).toBeNull();
		expect(result.setAside).toBe('7.7556E+13');
		expect(result.issues[0]).toMatchObject({ severity: 'error', code: 'pivot_tableur' });
	});

	test('removes spaces and dots and finds a SIRET inside text', () => {
		expect(normalizePivot('775 560 261 00015').value).toBe('77556026100015');
		expect(normalizePivot('34106240403159/APE:8790B')).toMatchObject({
			value: '34106240403159',
			issues: [
				{ code: 'pivot_format', before: '34106240403159/APE:8790B', after: '34106240403159' }
			]
		});
		expect(normalizePivot('w751234567').value).toBe('W751234567');
	});

	test('restores the leading zero of a SIRET stored as a number when the checksum agrees', () => {
		expect(normalizePivot('0552013500004').value).toBe('00552013500004');
		expect(normalizePivot('2000739000010').value).toBe('2000739000010');
	});

	test('rejects what is not an identifier', () => {
		expect(normalizePivot('BibliothèquedeDzoumogne').issues[0].code).toBe('pivot_invalide');
		expect(normalizePivot('306663717000248').setAside).toBe('306663717000248');
		expect(normalizePivot('689330').issues[0].code).toBe('pivot_invalide');
	});
});

describe('isValidSiret', () => {
	test('checks the Luhn key', () => {
		expect(isValidSiret('43493312300029')).toBe(true);
		expect(isValidSiret('77567267221138')).toBe(false);
		expect(isValidSiret('4349331230002')).toBe(false);
	});

	test("accepts La Poste's establishments by their own rule", () => {
		expect(isValidSiret('35600000068539')).toBe(true);
		expect(isValidSiret('35600000000048')).toBe(true);
		expect(isValidSiret('35600000068538')).toBe(false);
	});
});
