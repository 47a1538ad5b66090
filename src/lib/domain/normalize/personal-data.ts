/**
 * Personal data in public fields: e-mail addresses that look like a person's
 * (`prenom.nom@…`) and mobile numbers. A carto party publishes open data, and mediators'
 * own contact details must not end up there without their consent. These are warnings: the
 * heuristics over- and under-count (a "marie.curie@" library exists), a person decides.
 */
import type { ListingFields } from '../standard/fields';
import { quote, warning, type FieldIssue } from '../standard/issues';

const CODE = 'personal_data';

/** Words that make an address a service's, not a person's. */
const GENERIC = new Set(
	(
		'accueil admin administration agence animation asso association bibliotheque bij bureau ' +
		'ccas centre cias communication conseiller conseillers contact csc cyber cyberbase ' +
		'direction ecole emploi epn espace france franceservices info infos inclusion jeunesse ' +
		'maison mairie mds mediatheque mediation mjc msap multimedia numerique office permanence ' +
		'pij point public reception relais secretariat service services social standard tiers ' +
		'lieu tourisme ville'
	).split(' ')
);

/** `prenom.nom` or `p.nom` (also with `_`): letters only, two parts. */
const NAME_LIKE = /^([a-z]+(?:-[a-z]+)?)[._]([a-z]+(?:-[a-z]+)?)$/;
/** Mobile prefixes: mainland 06/07 and the overseas mobile ranges. */
const MOBILE = /^\+(?:33[67]|590690|590691|594694|596696|596697|262692|262693|262639)\d+$/;
const EMAIL_IN_TEXT = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;
const MOBILE_IN_TEXT = /(?:\+33\s?|\b0)[67](?:[\s.-]?\d{2}){4}\b/g;

export function looksPersonalEmail(address: string): boolean {
	const local = address
		.split('@')[0]
		?.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase();
	const match = local ? NAME_LIKE.exec(local) : null;
	return match !== null && !GENERIC.has(match[1]) && !GENERIC.has(match[2]) && match[2].length > 1;
}

export function isMobile(telephone: string): boolean {
	return MOBILE.test(telephone);
}

export function personalDataIssues(fields: ListingFields): FieldIssue[] {
	const issues: FieldIssue[] = [];
	for (const address of fields.courriels) {
		if (looksPersonalEmail(address)) {
			issues.push(
				warning(
					'courriels',
					CODE,
					`${quote(address)} ressemble à l'adresse d'une personne : ne la publiez qu'avec son accord, ou préférez une adresse générique (contact@, accueil@).`
				)
			);
		}
	}
	if (fields.telephone && isMobile(fields.telephone)) {
		issues.push(
			warning(
				'telephone',
				CODE,
				`${quote(fields.telephone)} est un numéro de portable : s'il est celui d'une personne, ne le publiez qu'avec son accord.`
			)
		);
	}
	for (const name of ['presentation_resume', 'presentation_detail'] as const) {
		const text = fields[name] ?? '';
		const found = [
			...(text.match(EMAIL_IN_TEXT) ?? []).filter(looksPersonalEmail),
			...(text.match(MOBILE_IN_TEXT) ?? [])
		];
		if (found.length > 0) {
			issues.push(
				warning(
					name,
					CODE,
					`le texte contient ${quote(found)}, qui ressemble à des coordonnées personnelles : ne les publiez qu'avec l'accord de la personne.`
				)
			);
		}
	}
	return issues;
}
