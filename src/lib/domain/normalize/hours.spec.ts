import { describe, expect, test } from 'vitest';
import { hoursIssues, normalizeHours, parseHours } from './hours';

describe('normalizeHours', () => {
	test('keeps a canonical value without any remark', () => {
		expect(normalizeHours('Mo-Fr 09:00-12:00,14:00-18:30; Sa 08:30-12:00')).toEqual({
			value: 'Mo-Fr 09:00-12:00,14:00-18:30; Sa 08:30-12:00',
			issues: []
		});
		expect(normalizeHours(' Mo-Fr 09:00-12:00\u00a0')).toEqual({
			value: 'Mo-Fr 09:00-12:00',
			issues: []
		});
	});

	test('writes values the library reads in their canonical form, reported', () => {
		expect(normalizeHours('Mo 14-17')).toEqual({
			value: 'Mo 14:00-17:00',
			issues: [
				{
					field: 'horaires',
					severity: 'warning',
					code: 'horaires_format',
					message: "Horaires d'ouverture : « Mo 14-17 » réécrit « Mo 14:00-17:00 ».",
					before: 'Mo 14-17',
					after: 'Mo 14:00-17:00'
				}
			]
		});
		expect(normalizeHours('Mo-Sun 10:00-18:00').value).toBe('Mo-Su 10:00-18:00');
		expect(normalizeHours('Mo-Th 10h00-12h30,13h30-17h00; Fr 09h30-12h30').value).toBe(
			'Mo-Th 10:00-12:30,13:30-17:00; Fr 09:30-12:30'
		);
		expect(normalizeHours('Mo-Fr 9:00-12:00 ; Sa 10:00-12:00').value).toBe(
			'Mo-Fr 09:00-12:00; Sa 10:00-12:00'
		);
	});

	test('sets aside malformed values seen in real files', () => {
		const triple = normalizeHours('Mo 08:45-12:00-13:45');
		expect(triple.value).toBeNull();
		expect(triple.setAside).toBe('Mo 08:45-12:00-13:45');
		expect(triple.issues).toEqual([
			{
				field: 'horaires',
				severity: 'error',
				code: 'horaires_invalides',
				message:
					"Horaires d'ouverture : « Mo 08:45-12:00-13:45 » n'est pas au format OpenStreetMap : Caractère inattendu : \"-\" — la syntaxe à cet endroit n'a pas pu être reconnue (près de « Mo 08:45-12:00- »).",
				before: 'Mo 08:45-12:00-13:45',
				after: null
			}
		]);
		expect(normalizeHours('Fr 12:00').value).toBeNull();
	});

	test('never applies a reading of French text, but proposes it', () => {
		const result = normalizeHours('Lundi au vendredi 9h-12h/14h-18h');
		expect(result.value).toBeNull();
		expect(result.setAside).toBe('Lundi au vendredi 9h-12h/14h-18h');
		expect(result.issues[0]).toMatchObject({
			severity: 'error',
			code: 'horaires_invalides',
			suggestion: 'Mo-Fr 09:00-12:00,14:00-18:00',
			message:
				"Horaires d'ouverture : « Lundi au vendredi 9h-12h/14h-18h » n'est pas au format OpenStreetMap ; proposition à vérifier : « Mo-Fr 09:00-12:00,14:00-18:00 »."
		});
	});
});

describe('hoursIssues', () => {
	test('finds nothing to say about a canonical value', () => {
		expect(hoursIssues('Mo-Fr 08:30-12:00,13:30-17:00; Th off')).toEqual([]);
	});

	test('warns that a rule without days after « ; » replaces every day', () => {
		expect(hoursIssues('Mo-Fr 09:00-12:00; 14:00-17:00').map((i) => i.code)).toEqual([
			'horaires_remplacement'
		]);
	});

	test('suggests the canonical spelling without applying it', () => {
		expect(hoursIssues('mo-fr 9:00-17:00')).toEqual([
			expect.objectContaining({
				severity: 'warning',
				code: 'horaires_ecriture',
				suggestion: 'Mo-Fr 09:00-17:00'
			})
		]);
	});

	test('rejects invalid syntax with a French reason', () => {
		expect(hoursIssues('9h-12h / 14h-17h')).toEqual([
			expect.objectContaining({
				severity: 'error',
				code: 'horaires_invalides',
				suggestion: '09:00-12:00,14:00-17:00'
			})
		]);
	});
});

describe('parseHours', () => {
	test('understands French public holidays', () => {
		const parsed = parseHours('Mo-Fr 09:00-12:00; PH off');
		expect(parsed.valid && parsed.value.getState(new Date(2024, 4, 8, 10))).toBe(false);
		expect(parsed.valid && parsed.value.getState(new Date(2024, 4, 7, 10))).toBe(true);
	});
});

describe('hours error messages', () => {
	test('explain a point in time without its end in one sentence', () => {
		expect(normalizeHours('Mo,Tu 08:00-12:00,13:00-17:00; We 08:00').issues[0].message).toBe(
			"Horaires d'ouverture : « Mo,Tu 08:00-12:00,13:00-17:00; We 08:00 » n'est pas au format OpenStreetMap : Tiret (-) ou fin ouverte (+) attendu dans la plage horaire (près de « …00-12:00,13:00-17:00; We 08:00 »)."
		);
	});
});
