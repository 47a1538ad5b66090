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
					"Horaires d'ouverture : « Mo 08:45-12:00-13:45 » : format OpenStreetMap non reconnu près de « Mo 08:45-12:00- » (caractère « - » inattendu).",
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

	test('rejects invalid syntax with a French reason and the reading of French text', () => {
		expect(hoursIssues('9h-12h / 14h-17h')).toEqual([
			{
				field: 'horaires',
				severity: 'error',
				code: 'horaires_invalides',
				message:
					"Horaires d'ouverture : format non reconnu près de « 9h-12h / » (caractère « / » inattendu). Proposition d’après le texte : « 09:00-12:00,14:00-17:00 ».",
				suggestion: '09:00-12:00,14:00-17:00'
			}
		]);
	});

	test('proposes OSM hours written with French times', () => {
		expect(hoursIssues('Mo-Fr 09h00-12h00')).toEqual([
			expect.objectContaining({
				message:
					"Horaires d'ouverture : format non reconnu près de « Mo-Fr 09h » (nombre inattendu). Proposition d’après le texte : « Mo-Fr 09:00-12:00 ».",
				suggestion: 'Mo-Fr 09:00-12:00'
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
			"Horaires d'ouverture : « Mo,Tu 08:00-12:00,13:00-17:00; We 08:00 » : format OpenStreetMap non reconnu près de « …00-12:00,13:00-17:00; We 08:00 » (tiret (-) ou fin ouverte (+) attendu dans la plage horaire)."
		);
	});

	test('are French where the library only speaks English', () => {
		const [issue] = hoursIssues('du lundi au vendredi de 9h à 12h');
		expect(issue.message).toBe(
			"Horaires d'ouverture : format non reconnu près de « du » (les jours s’écrivent en abrégé anglais : Mo, Tu, We, Th, Fr, Sa, Su). Proposition d’après le texte : « Mo-Fr 09:00-12:00 »."
		);
		expect(issue.suggestion).toBe('Mo-Fr 09:00-12:00');
	});

	test('leave out what the library only says in English, or only to developers', () => {
		expect(hoursIssues('Mo 09:60-10:00')[0].message).toBe(
			"Horaires d'ouverture : format non reconnu près de « Mo 09:60 »."
		);
		expect(hoursIssues('Mo-Fr 09:00-12:00; SH off')[0].message).toBe(
			"Horaires d'ouverture : format non reconnu (les vacances scolaires « SH » dépendent de la zone : écrivez leurs dates, par exemple « Jul 14-Aug 31 off »)."
		);
	});

	test('say where the value stops being read, and why in French', () => {
		const messages = ['Mo-Fr 09:00-', 'ouvert', 'Mo-Fr 25:00-26:00'].map(
			(text) => hoursIssues(text)[0].message
		);
		expect(messages).toEqual([
			"Horaires d'ouverture : format non reconnu près de « Mo-Fr 09:00- » (la plage horaire ne continue pas comme prévu).",
			"Horaires d'ouverture : format non reconnu près de « ou » (caractère « o » inattendu).",
			"Horaires d'ouverture : format non reconnu près de « Mo-Fr 25:00 » (la plage horaire commence en dehors du jour actuel)."
		]);
	});
});
