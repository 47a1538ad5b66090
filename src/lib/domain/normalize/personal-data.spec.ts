import { describe, expect, test } from 'vitest';
import type { ListingFields } from '../standard/fields';
import { isMobile, looksPersonalEmail, personalDataIssues } from './personal-data';

const listing = (overrides: Partial<ListingFields>) =>
	({
		courriels: [],
		telephone: null,
		presentation_resume: null,
		presentation_detail: null,
		...overrides
	}) as ListingFields;

describe('looksPersonalEmail', () => {
	test.each([
		['marie.dupont@mairie-riom.fr', true],
		['j.martin@cc-paysdechantonnay.fr', true],
		['jean-pierre_durand@gmail.com', true],
		['Élodie.Lefèvre@ville.fr', true],
		['accueil@chrs-laselonne.fr', false],
		['accueil.saintpierreeglise@lecotentin.fr', false],
		['inclusion.numerique@croix-rouge.fr', false],
		['service.bibliotheque@sarlat.fr', false],
		['mediance13@gmail.com', false],
		['franceservices@ccpb01.fr', false],
		['contact@laquincaillerie.tl', false]
	])('reads %s as personal: %s', (address, expected) => {
		expect(looksPersonalEmail(address)).toBe(expected);
	});
});

describe('isMobile', () => {
	test('knows mainland and overseas mobile ranges', () => {
		expect(isMobile('+33612345678')).toBe(true);
		expect(isMobile('+33712345678')).toBe(true);
		expect(isMobile('+590690230136')).toBe(true);
		expect(isMobile('+262692887264')).toBe(true);
		expect(isMobile('+33473123456')).toBe(false);
		expect(isMobile('+590590417497')).toBe(false);
	});
});

describe('personalDataIssues', () => {
	test('warns about nominative e-mails, mobiles and contact details in descriptions', () => {
		const issues = personalDataIssues(
			listing({
				courriels: ['accueil@mairie.fr', 'marie.dupont@mairie.fr'],
				telephone: '+33612345678',
				presentation_detail: 'Contactez Marie au 06 12 34 56 78 ou marie.dupont@mairie.fr.'
			})
		);
		expect(issues.map((i) => [i.field, i.severity, i.code])).toEqual([
			['courriels', 'warning', 'personal_data'],
			['telephone', 'warning', 'personal_data'],
			['presentation_detail', 'warning', 'personal_data']
		]);
		expect(issues[0].message).toBe(
			"Courriels : « marie.dupont@mairie.fr » ressemble à l'adresse d'une personne : ne la publiez qu'avec son accord, ou préférez une adresse générique (contact@, accueil@)."
		);
		expect(issues[2].message).toContain('« marie.dupont@mairie.fr | 06 12 34 56 78 »');
	});

	test('says nothing about generic contact details', () => {
		expect(
			personalDataIssues(
				listing({
					courriels: ['contact@epn.fr'],
					telephone: '+33473123456',
					presentation_resume: 'Accueil libre.'
				})
			)
		).toEqual([]);
	});
});
