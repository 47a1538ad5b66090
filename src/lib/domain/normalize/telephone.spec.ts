import { describe, expect, test } from 'vitest';
import { normalizeTelephone } from './telephone';

const value = (raw: unknown, departement: string | null = null) =>
	normalizeTelephone(raw, departement).value;

describe('normalizeTelephone', () => {
	test('keeps a number already in the standard form without any remark', () => {
		expect(normalizeTelephone('+33180059880', '51')).toEqual({ value: '+33180059880', issues: [] });
	});

	test('rewrites national numbers written with spaces, dots or dashes', () => {
		expect(value('04 50 56 87 49')).toBe('+33450568749');
		expect(value('04.73.12.34.56')).toBe('+33473123456');
		expect(value('0233231955')).toBe('+33233231955');
		expect(value('+33 (0)4 73 12 34 56')).toBe('+33473123456');
	});

	test('restores the national 0 lost by a spreadsheet', () => {
		expect(value(473123456)).toBe('+33473123456');
	});

	test('drops the national 0 written after the country code', () => {
		expect(value('+330475350073')).toBe('+33475350073');
		expect(value('+2620262334565')).toBe('+262262334565');
		expect(value('+0147985927')).toBe('+33147985927');
	});

	test('takes the overseas prefix from the national number itself', () => {
		expect(value('0590 41 74 97', '971')).toBe('+590590417497');
		expect(value('0694 02 09 05', '973')).toBe('+594694020905');
		expect(value('0596 67 59 13')).toBe('+596596675913');
		expect(value('0262 33 45 65', '974')).toBe('+262262334565');
		expect(value('0594341747')).toBe('+594594341747');
		expect(value('+33 5 94 34 17 47')).toBe('+594594341747');
	});

	test('writes Mayotte with +262, including old six-digit +269 numbers', () => {
		expect(value('0269 61 10 10', '976')).toBe('+262269611010');
		expect(value('0639 12 34 56', '976')).toBe('+262639123456');
		expect(value('+269662010', '976')).toBe('+262269662010');
	});

	test('takes the prefix of local numbers from the département', () => {
		expect(value('41 23 45', '975')).toBe('+508412345');
		expect(value('72 12 34', '986')).toBe('+681721234');
		expect(value('40 12 34 56', '987')).toBe('+68940123456');
		expect(value('27 12 34', '988')).toBe('+687271234');
	});

	test('reports the rewrite with the value before and after', () => {
		expect(normalizeTelephone('04 73 12 34 56', '63').issues).toEqual([
			{
				field: 'telephone',
				severity: 'warning',
				code: 'telephone_format',
				message: 'Téléphone : « 04 73 12 34 56 » réécrit au format international « +33473123456 ».',
				before: '04 73 12 34 56',
				after: '+33473123456'
			}
		]);
	});

	test('removes text around the number and says so', () => {
		const result = normalizeTelephone('Tél. : 04 73 12 34 56 (accueil)', '63');
		expect(result.value).toBe('+33473123456');
		expect(result.issues.map((i) => i.code)).toEqual(['telephone_texte']);
	});

	test('keeps the first of several numbers and sets the others aside', () => {
		const result = normalizeTelephone('04 73 12 34 56 / 06 12 34 56 78', '63');
		expect(result.value).toBe('+33473123456');
		expect(result.setAside).toBe('+33612345678');
		expect(result.issues.map((i) => i.code)).toEqual(['telephone_format', 'telephone_plusieurs']);
		expect(value('04 73 12 34 56 - 04 73 12 34 57')).toBe('+33473123456');
	});

	test('sets short numbers aside with an explanation', () => {
		const result = normalizeTelephone('3230', '63');
		expect(result.value).toBeNull();
		expect(result.setAside).toBe('3230');
		expect(result.issues).toEqual([
			expect.objectContaining({ severity: 'error', code: 'telephone_numero_court', before: '3230' })
		]);
		expect(normalizeTelephone('3960 (prix d’un appel local)', '75').issues[0].code).toBe(
			'telephone_numero_court'
		);
	});

	test('prefers a real number over a short one in the same cell', () => {
		const result = normalizeTelephone('3230 ou 04 73 12 34 56', '63');
		expect(result.value).toBe('+33473123456');
		expect(result.setAside).toBe('3230');
	});

	test('rejects fake, foreign and truncated numbers', () => {
		expect(normalizeTelephone('0000000000', null).issues[0].code).toBe('telephone_factice');
		expect(normalizeTelephone('+32 2 123 45 67', null).issues[0].code).toBe('telephone_etranger');
		expect(normalizeTelephone('04 73 12', null).issues[0].code).toBe('telephone_invalide');
		expect(normalizeTelephone('+3322820252000', null).issues[0].message).toBe(
			"Téléphone : « +3322820252000 » n'est pas un numéro reconnu (11 chiffres après l'indicatif +33)."
		);
		expect(normalizeTelephone('+332', null).value).toBeNull();
		expect(value('0033 4 73 12 34 56')).toBe('+33473123456');
		expect(normalizeTelephone('+', null)).toEqual({
			value: null,
			setAside: '+',
			issues: [expect.objectContaining({ code: 'telephone_invalide' })]
		});
	});

	test('treats an empty cell as no number', () => {
		expect(normalizeTelephone('  ', null)).toEqual({ value: null, issues: [] });
	});
});
