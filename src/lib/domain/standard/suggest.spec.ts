import { describe, expect, test } from 'vitest';
import { formIssues, tidied } from './suggest';

const CLERMONT = { code_postal: '63000', code_insee: '63113' };
const SAINT_PIERRE = { code_postal: '97500', code_insee: '97502' };
const NOWHERE = { code_postal: '', code_insee: null };

describe('formIssues', () => {
	test('offers the international form of a French national number, never applies it', () => {
		expect(formIssues('telephone', '04 73 12 34 56', CLERMONT)).toEqual([
			{
				field: 'telephone',
				severity: 'error',
				code: 'format',
				message: 'Téléphone : « 04 73 12 34 56 » ne respecte pas le format du standard.',
				suggestion: '+33473123456'
			}
		]);
	});

	test('has nothing to add to a valid value', () => {
		expect(formIssues('telephone', '+33473123456', CLERMONT)).toEqual([]);
		expect(formIssues('courriels', ['contact@mairie.fr'], CLERMONT)).toEqual([]);
	});

	test('leaves the error alone when nothing usable can be read', () => {
		const [issue] = formIssues('telephone', '04 73', CLERMONT);
		expect(issue.code).toBe('format');
		expect(issue.suggestion).toBeUndefined();
	});

	test('keeps the suggestion the checks already make (opening hours)', () => {
		const [issue] = formIssues('horaires', 'du lundi au vendredi de 9h à 12h', CLERMONT);
		expect(issue.suggestion).toBe('Mo-Fr 09:00-12:00');
	});

	test('offers e-mail addresses without mailto: or inner spaces', () => {
		const typed = ['mailto:Accueil@Mairie.fr', 'contact @ mjc.fr'];
		const [issue] = formIssues('courriels', typed, NOWHERE);
		expect(issue.suggestion).toEqual(['accueil@mairie.fr', 'contact@mjc.fr']);
	});

	test('offers web addresses with their https://', () => {
		const [issue] = formIssues('site_web', ['www.mairie.fr'], NOWHERE);
		expect(issue).toMatchObject({ code: 'url_invalide', suggestion: ['https://www.mairie.fr'] });
		expect(formIssues('prise_rdv', 'rdv.mairie.fr/agenda', NOWHERE)[0].suggestion).toBe(
			'https://rdv.mairie.fr/agenda'
		);
	});
});

describe('tidied', () => {
	test("uses the place's département for short overseas numbers", () => {
		expect(tidied('telephone', '41 23 45', SAINT_PIERRE)).toBe('+508412345');
		expect(tidied('telephone', '41 23 45', CLERMONT)).toBeNull();
	});

	test('takes the overseas prefix from a national number wherever the place is', () => {
		expect(tidied('telephone', '0262 33 45 65', CLERMONT)).toBe('+262262334565');
	});

	test('offers nothing that would drop part of what was typed', () => {
		expect(tidied('telephone', '04 73 12 34 56 ou 06 12 34 56 78', CLERMONT)).toBeNull();
		expect(tidied('courriels', ['accueil@mairie.fr', 'pas une adresse'], NOWHERE)).toBeNull();
		expect(tidied('site_web', ['mairie'], NOWHERE)).toBeNull();
	});
});
