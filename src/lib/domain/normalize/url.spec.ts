import { describe, expect, test } from 'vitest';
import { normalizeUrl, normalizeUrls } from './url';

describe('normalizeUrls', () => {
	test('keeps clean addresses untouched and silent', () => {
		expect(
			normalizeUrls(
				'https://www.laquincaillerie.tl/|https://m.facebook.com/laquincaillerienumerique/',
				'site_web'
			)
		).toEqual({
			value: [
				'https://www.laquincaillerie.tl/',
				'https://m.facebook.com/laquincaillerienumerique/'
			],
			issues: []
		});
	});

	test('splits the v0.1 semicolon and keeps percent-encoded paths as they are, silently', () => {
		expect(
			normalizeUrls(
				'https://sites.google.com/tactis.fr/siea-tida/conseiller-num%C3%A9rique;https://www.siea.fr/',
				'site_web'
			)
		).toEqual({
			value: [
				'https://sites.google.com/tactis.fr/siea-tida/conseiller-num%C3%A9rique',
				'https://www.siea.fr/'
			],
			issues: []
		});
	});

	test('reports nothing when only the case of a host, a separator or a repeat changes', () => {
		const cell = 'http://Initiative.ovh ; HTTPS://WWW.Mairie.FR/Page | http://initiative.ovh';
		expect(normalizeUrls(cell, 'site_web')).toEqual({
			value: ['http://initiative.ovh', 'https://www.mairie.fr/Page'],
			issues: []
		});
	});

	test('adds the missing scheme and repairs www: and capitals in the host only', () => {
		const result = normalizeUrls(
			'WWW.Mairie-Riom.FR/Culture/Numerique ou www:cyber.fr',
			'site_web'
		);
		expect(result.value).toEqual([
			'https://www.mairie-riom.fr/Culture/Numerique',
			'https://www.cyber.fr'
		]);
		expect(result.issues).toEqual([
			expect.objectContaining({
				severity: 'warning',
				code: 'url_format',
				before: 'WWW.Mairie-Riom.FR/Culture/Numerique ou www:cyber.fr'
			})
		]);
		expect(normalizeUrls('http://expresshauts73.wordpress.com', 'site_web').value).toEqual([
			'http://expresshauts73.wordpress.com'
		]);
	});

	test('keeps brackets and escaped ampersands that belong to the address (Hinaura export)', () => {
		const bibliotheque =
			'https://bibliotheques-clermontmetropole.eu/iguana/www.main.cls?surl=INFOS%20PRATIQUES_Mediatheque%20Jacques%20Prevert%20(Lempdes)';
		expect(normalizeUrls(bibliotheque, 'site_web')).toEqual({ value: [bibliotheque], issues: [] });
		expect(normalizeUrls('(https://www.mairie.fr/)', 'site_web').value).toEqual([
			'https://www.mairie.fr/'
		]);

		const escaped = 'http://www.assomhl.org/?lvl=cmspage&amp;pageid=2&amp;id_article=1';
		expect(normalizeUrls(escaped, 'site_web')).toEqual({
			value: ['http://www.assomhl.org/?lvl=cmspage&pageid=2&id_article=1'],
			issues: [
				{
					field: 'site_web',
					severity: 'warning',
					code: 'url_format',
					message:
						'Sites web : « http://www.assomhl.org/?lvl=cmspage&amp;pageid=2&amp;id_article=1 » réécrit « http://www.assomhl.org/?lvl=cmspage&pageid=2&id_article=1 ».',
					before: escaped,
					after: ['http://www.assomhl.org/?lvl=cmspage&pageid=2&id_article=1']
				}
			]
		});
	});

	test('sets aside e-mails and words that are not addresses', () => {
		const result = normalizeUrls('contact@mairie.fr https://mairie.fr', 'site_web');
		expect(result.value).toEqual(['https://mairie.fr']);
		expect(result.setAside).toBe('contact@mairie.fr');
		// The address kept is as it was written: setting the e-mail aside is the only change.
		expect(result.issues).toEqual([
			{
				field: 'site_web',
				severity: 'error',
				code: 'url_invalide',
				message:
					'Sites web : « contact@mairie.fr » est un courriel, pas une adresse web : mettez-le dans « Courriels ».',
				before: 'contact@mairie.fr',
				after: null
			}
		]);
		expect(normalizeUrls('Facebook', 'site_web').setAside).toBe('Facebook');
	});
});

describe('normalizeUrl', () => {
	test('keeps one address and sets the others aside', () => {
		const result = normalizeUrl(
			'https://www.rdv-solidarites.fr/ ; https://doctolib.fr',
			'prise_rdv'
		);
		expect(result.value).toBe('https://www.rdv-solidarites.fr/');
		expect(result.setAside).toBe('https://doctolib.fr');
		expect(result.issues.map((i) => [i.code, i.after])).toEqual([
			['url_plusieurs', 'https://www.rdv-solidarites.fr/']
		]);
	});

	test('reports a repaired single address with the new text as after', () => {
		expect(
			normalizeUrl('acceslibre.beta.gouv.fr/app/erp/mediatheque-13/', 'fiche_acces_libre')
		).toEqual({
			value: 'https://acceslibre.beta.gouv.fr/app/erp/mediatheque-13/',
			issues: [
				expect.objectContaining({
					code: 'url_format',
					before: 'acceslibre.beta.gouv.fr/app/erp/mediatheque-13/',
					after: 'https://acceslibre.beta.gouv.fr/app/erp/mediatheque-13/'
				})
			]
		});
	});
});
