/**
 * Strict checks of a listing in our internal form against the standard (v1.0.1 or v1.0.2),
 * plus the rules of the national library that the national platform applies on top (e-mail
 * and URL shapes, opening hours). Used live by the edit form and by the server before every
 * commit, so it is pure and fast: no table look-ups (see `normalizeLocation` for those).
 *
 * Errors make a value unpublishable; warnings are worth a look but do not block.
 */
import { positionIssues } from '../normalize/coordinates';
import { isIsoDate, isUnknownDate } from '../normalize/date';
import { departementOf } from '../normalize/departement';
import { EMAIL } from '../normalize/email';
import { hoursIssues } from '../normalize/hours';
import { isValidSiret } from '../normalize/pivot';
import { isWebAddress } from '../normalize/url';
import {
	enumValues,
	EXPORT_VERSION,
	FIELD_BY_NAME,
	FIELDS,
	type FieldSpec,
	type FieldValue,
	type ListingFields,
	type StandardVersion
} from './fields';
import { describeCharacter, invisibleCharacter, isMultiline } from './characters';
import { error, lengthIssue, quote, warning, type FieldIssue } from './issues';

export { toStandardRecord } from './record';

/** Characters the national library accepts in these fields (anything else fails its import). */
const NATIONAL_CHARACTERS: Record<string, RegExp> = {
	commune: /^[\p{L}\d\-'’ ]+$/u,
	adresse: /^[\p{L}\d\-,()°.&:+–|;'’/ ]+$/u
};
const ACCESLIBRE_HOSTS = /^https:\/\/acceslibre\.(beta\.)?gouv\.fr\//;
const NO_PUBLIC = "Ce lieu n'accueille pas de public";
/** Fields the national library drops when `services` is empty (it reads "not open to the public"). */
const NEED_SERVICES = [
	'publics_specifiquement_adresses',
	'prise_en_charge_specifique',
	'frais_a_charge',
	'itinerance',
	'modalites_accompagnement'
] as const;

export function validateField(
	name: string,
	value: FieldValue,
	version: StandardVersion = EXPORT_VERSION
): FieldIssue[] {
	const spec = FIELD_BY_NAME.get(name);
	if (!spec)
		return [error(name, 'champ_inconnu', `${quote(name)} n'est pas un champ du standard.`)];
	if (value === null || value === '' || (Array.isArray(value) && value.length === 0)) {
		if (!spec.required) return [];
		// 100 % of the real files carry a placeholder instead: a warning, not a blocker.
		if (name === 'pivot') {
			return [
				warning(
					name,
					'pivot_manquant',
					'obligatoire dans le standard : indiquez le SIRET du lieu ou de sa structure (ou son numéro RNA).'
				)
			];
		}
		return [error(name, 'obligatoire', 'ce champ est obligatoire.')];
	}
	if (spec.multiple !== Array.isArray(value)) {
		return [
			error(
				name,
				'type',
				spec.multiple ? 'une liste de valeurs est attendue.' : 'une seule valeur est attendue.'
			)
		];
	}
	if (Array.isArray(value)) return listIssues(spec, value, version);
	if (spec.kind === 'number') return numberIssues(spec, value);
	if (typeof value !== 'string') return [error(name, 'type', 'un texte est attendu.')];
	return textIssues(spec, value);
}

export function countIssue(spec: FieldSpec, values: readonly unknown[]): FieldIssue | null {
	if (!spec.maxValues || values.length <= spec.maxValues) return null;
	return error(spec.name, 'trop_de_valeurs', `${values.length} valeurs, ${spec.maxValues} au plus.`);
}

/**
 * A control or bidirectional character (see characters.ts), named with the text before it:
 * quoting the value whole would display it as the character makes it look.
 */
function invisibleIssue(spec: FieldSpec, value: string): FieldIssue | null {
	const found = invisibleCharacter(value, isMultiline(spec));
	if (!found) return null;
	let start = Math.max(0, found.index - 30);
	// Not from the second half of a character outside the BMP.
	if (/[\udc00-\udfff]/.test(value[start] ?? '')) start++;
	const before = `${start > 0 ? '…' : ''}${value.slice(start, found.index)}`;
	const where = found.index === 0 ? 'au début de la valeur' : `après ${quote(before)}`;
	return error(
		spec.name,
		'caractere_invalide',
		`caractère invisible refusé ${where} : ${describeCharacter(found.character)}. Retirez-le, au besoin en retapant la valeur.`
	);
}

function textIssues(spec: FieldSpec, value: string): FieldIssue[] {
	const name = spec.name;
	const invisible = invisibleIssue(spec, value);
	if (invisible) return [invisible];
	if (value !== value.trim())
		return [error(name, 'espaces', 'espaces en début ou en fin de valeur.')];
	const tooLong = lengthIssue(spec, value);
	if (tooLong) return [tooLong];
	if (spec.pattern && !spec.pattern.test(value)) {
		return [error(name, 'format', `${quote(value)} ne respecte pas le format du standard.`)];
	}
	if (spec.kind === 'date') return dateIssues(value);
	if (spec.kind === 'hours') return hoursIssues(value);
	if (spec.kind === 'url') {
		if (!isWebAddress(value))
			return [error(name, 'url_invalide', `${quote(value)} n'est pas une adresse web valide.`)];
		if (name === 'fiche_acces_libre' && !ACCESLIBRE_HOSTS.test(value)) {
			return [
				warning(name, 'acceslibre', `${quote(value)} n'est pas une page du site acceslibre.`)
			];
		}
	}
	if (name === 'pivot') return pivotIssues(value);
	const refused = NATIONAL_CHARACTERS[name];
	if (refused && !refused.test(value)) {
		return [
			warning(
				name,
				'caracteres_refuses',
				`${quote(value)} contient des caractères que la plateforme nationale refuse dans ce champ.`
			)
		];
	}
	if (name === 'telephone' && value.startsWith('+33') && value.length !== 12) {
		return [
			warning(
				name,
				'telephone_longueur',
				`${quote(value)} : un numéro français a 9 chiffres après +33.`
			)
		];
	}
	return [];
}

function dateIssues(value: string): FieldIssue[] {
	if (!isIsoDate(value))
		return [error('date_maj', 'date_invalide', `${quote(value)} n'est pas une date AAAA-MM-JJ.`)];
	if (isUnknownDate(value)) {
		return [
			warning(
				'date_maj',
				'date_inconnue',
				'date inconnue (1970-01-01) : elle sera fixée quand la fiche sera vérifiée.'
			)
		];
	}
	return [];
}

function pivotIssues(value: string): FieldIssue[] {
	if (/^\d{14}$/.test(value)) {
		return isValidSiret(value)
			? []
			: [
					warning(
						'pivot',
						'siret_cle',
						`${quote(value)} : la clé de contrôle du SIRET est fausse (faute de frappe ?).`
					)
				];
	}
	if (/^\d{9}$/.test(value)) {
		return [
			warning(
				'pivot',
				'siren',
				`${quote(value)} est un SIREN : le SIRET (14 chiffres) de l'établissement est préféré.`
			)
		];
	}
	if (/^W[A-Z0-9]{9}$/i.test(value)) return [];
	return [warning('pivot', 'pivot_inconnu', `${quote(value)} n'est ni un SIRET ni un numéro RNA.`)];
}

function numberIssues(spec: FieldSpec, value: FieldValue): FieldIssue[] {
	if (typeof value !== 'number' || !Number.isFinite(value)) {
		return [error(spec.name, 'type', 'un nombre décimal est attendu.')];
	}
	const limit = spec.name === 'latitude' ? 90 : 180;
	if (Math.abs(value) > limit) {
		return [error(spec.name, 'hors_limites', `${value} est hors des limites (±${limit}).`)];
	}
	return [];
}

function listIssues(spec: FieldSpec, values: string[], version: StandardVersion): FieldIssue[] {
	const name = spec.name;
	const issues: FieldIssue[] = [];
	const allowed = spec.kind === 'enum' ? new Set<string>(enumValues(spec, version)) : undefined;
	const tooMany = countIssue(spec, values);
	if (tooMany) return [tooMany];
	for (const value of values) {
		const refused =
			typeof value === 'string' ? (invisibleIssue(spec, value) ?? lengthIssue(spec, value)) : null;
		if (refused) {
			issues.push(refused);
			continue;
		}
		if (typeof value !== 'string' || value.trim() === '') {
			issues.push(error(name, 'valeur_vide', 'une des valeurs est vide.'));
		} else if (value.includes('|')) {
			issues.push(
				error(name, 'separateur', `${quote(value)} contient « | », le séparateur du standard.`)
			);
		} else if (value !== value.trim()) {
			issues.push(error(name, 'espaces', `${quote(value)} a des espaces en début ou en fin.`));
		} else if (allowed && !allowed.has(value)) {
			issues.push(
				spec.openEnum
					? warning(
							name,
							'typologie_inconnue',
							`${quote(value)} n'est pas un code connu de la typologie des structures.`
						)
					: error(
							name,
							'enum_inconnue',
							`${quote(value)} n'est pas une valeur admise par le standard ${version}.`
						)
			);
		} else if (name === 'courriels' && !EMAIL.test(value)) {
			issues.push(
				error(
					name,
					'courriel_invalide',
					`${quote(value)} n'est pas une adresse de courriel valide.`
				)
			);
		} else if (name === 'site_web' && !isWebAddress(value)) {
			issues.push(error(name, 'url_invalide', `${quote(value)} n'est pas une adresse web valide.`));
		}
	}
	if (new Set(values).size < values.length)
		issues.push(warning(name, 'doublon', 'une valeur est répétée.'));
	return issues;
}

/** Every field, then the rules that involve several fields. */
export function validateListing(
	fields: ListingFields,
	version: StandardVersion = EXPORT_VERSION
): FieldIssue[] {
	const issues: FieldIssue[] = [];
	const record = fields as unknown as Record<string, FieldValue>;
	for (const spec of FIELDS)
		issues.push(...validateField(spec.name, record[spec.name] ?? null, version));
	return [...issues, ...crossIssues(fields)];
}

function crossIssues(fields: ListingFields): FieldIssue[] {
	const issues: FieldIssue[] = [];
	const { latitude, longitude } = fields;
	if ((latitude === null) !== (longitude === null)) {
		issues.push(
			error('latitude', 'coordonnees_incompletes', 'la latitude et la longitude vont ensemble.')
		);
	} else if (
		typeof latitude === 'number' &&
		typeof longitude === 'number' &&
		Math.abs(latitude) <= 90 &&
		Math.abs(longitude) <= 180
	) {
		issues.push(
			...positionIssues(latitude, longitude, departementOf(fields.code_postal, fields.code_insee))
		);
	}

	if (fields.services.length === 0) {
		const dropped = NEED_SERVICES.filter((name) => fields[name].length > 0);
		if (dropped.length > 0) {
			issues.push(
				warning(
					'services',
					'services_vide',
					`sans service indiqué, la plateforme nationale considère le lieu comme fermé au public et ignore : ${dropped.map((d) => FIELD_BY_NAME.get(d)?.label).join(', ')}.`
				)
			);
		}
	} else if (fields.modalites_acces.includes(NO_PUBLIC)) {
		issues.push(
			warning(
				'modalites_acces',
				'acces_contradictoire',
				`« ${NO_PUBLIC} » contredit les services proposés ; la plateforme nationale retire cette modalité.`
			)
		);
	}
	return issues;
}
