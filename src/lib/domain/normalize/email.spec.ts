import { describe, expect, test } from 'vitest';
import { normalizeEmails } from './email';

describe('normalizeEmails', () => {
	test('keeps a clean address untouched and silent', () => {
		expect(normalizeEmails('accueil@chrs-laselonne.fr')).toEqual({
			value: ['accueil@chrs-laselonne.fr'],
			issues: []
		});
	});

	test('lower-cases addresses written in capitals, with before and after', () => {
		expect(normalizeEmails('CONTACT@LESSABLESDOLONNE.FR')).toEqual({
			value: ['contact@lessablesdolonne.fr'],
			issues: [
				{
					field: 'courriels',
					severity: 'warning',
					code: 'courriel_format',
					message:
						'Courriels : « CONTACT@LESSABLESDOLONNE.FR » réécrit « contact@lessablesdolonne.fr ».',
					before: 'CONTACT@LESSABLESDOLONNE.FR',
					after: ['contact@lessablesdolonne.fr']
				}
			]
		});
	});

	test('reports nothing when only the case of a domain, a separator or a repeat changes', () => {
		expect(normalizeEmails('contact@arqa.FR; accueil@mairie.fr ou contact@arqa.fr')).toEqual({
			value: ['contact@arqa.fr', 'accueil@mairie.fr'],
			issues: []
		});
		// Capitals before the « @ » may matter to a mail server: lower-casing them is reported.
		expect(normalizeEmails('Ccas@annemasse.fr').issues.map((i) => [i.code, i.after])).toEqual([
			['courriel_format', ['ccas@annemasse.fr']]
		]);
	});

	test('splits several addresses on the separators found in real files', () => {
		expect(
			normalizeEmails('contact@laquincaillerie.tl|responsable@laquincaillerie.tl').value
		).toEqual(['contact@laquincaillerie.tl', 'responsable@laquincaillerie.tl']);
		expect(normalizeEmails('a@mairie.fr; b@mairie.fr').value).toEqual([
			'a@mairie.fr',
			'b@mairie.fr'
		]);
		expect(normalizeEmails('a@mairie.fr, b@mairie.fr').value).toEqual([
			'a@mairie.fr',
			'b@mairie.fr'
		]);
		expect(normalizeEmails('a@mairie.fr ou b@mairie.fr').value).toEqual([
			'a@mairie.fr',
			'b@mairie.fr'
		]);
		expect(normalizeEmails('a@mairie.fr a@mairie.fr').value).toEqual(['a@mairie.fr']);
	});

	test('repairs mailto, trailing dots, doubled at signs and a comma in the domain', () => {
		expect(normalizeEmails('mailto:accueil@captieux.fr').value).toEqual(['accueil@captieux.fr']);
		expect(normalizeEmails('mairie-st-perreux@wanadoo.fr.').value).toEqual([
			'mairie-st-perreux@wanadoo.fr'
		]);
		expect(normalizeEmails('aubiet@france-service.gouv,fr').value).toEqual([
			'aubiet@france-service.gouv.fr'
		]);
		expect(normalizeEmails('contact@@mairie.fr').value).toEqual(['contact@mairie.fr']);
	});

	test('sets aside what is not an address, saying why', () => {
		const result = normalizeEmails('csclepalabregmail.com');
		expect(result.value).toEqual([]);
		expect(result.setAside).toBe('csclepalabregmail.com');
		expect(result.issues.map((i) => [i.severity, i.code, i.message])).toEqual([
			[
				'error',
				'courriel_invalide',
				"Courriels : « csclepalabregmail.com » n'est pas une adresse de courriel (il manque le « @ »)."
			]
		]);
		expect(normalizeEmails('www.ville-meyreuil.fr').issues[0].message).toBe(
			'Courriels : « www.ville-meyreuil.fr » est une adresse de site web, pas un courriel : mettez-la dans « Sites web ».'
		);
		expect(normalizeEmails('médiathèque@bray-dunes.fr').setAside).toBe('médiathèque@bray-dunes.fr');
	});
});
