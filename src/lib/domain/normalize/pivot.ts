/**
 * The `pivot` identifier: a SIRET (14 digits), an RNA number (W + 9) or a RIDET.
 *
 * Every record of the national pipeline without a known identifier carries the placeholder
 * `00000000000000`; we store that as "missing" (null) instead, so that a placeholder never
 * passes for a real company. Exports write the placeholder back, so what is published does
 * not change: the placeholder is a remark, not a fix. Checksums are checked by
 * `validateField`, not here.
 */
import { error, quote, rewritten, warning, type FieldIssue } from '../standard/issues';
import type { Normalized } from './result';
import { cellText, isBlank } from './text';

const FIELD = 'pivot';
const SCIENTIFIC = /^\d+(?:[.,]\d+)?e\+?\d+$/i;
const PUNCTUATION = /[\s.\-_/]/g;
const SIRET_IN_TEXT = /(?<!\d)\d{3}[ .]?\d{3}[ .]?\d{3}[ .]?\d{5}(?!\d)/;
const SCHEMA_PATTERN = /^[a-zA-Z0-9]{9,14}$/;

export function normalizePivot(raw: unknown): Normalized<string | null> {
	if (isBlank(raw)) return { value: null, issues: [] };
	const text = cellText(raw).trim();

	if (SCIENTIFIC.test(text)) {
		return reject(
			text,
			'pivot_tableur',
			`${quote(text)} a été abîmé par un tableur (notation scientifique) : les derniers chiffres sont perdus. Saisissez le SIRET complet.`
		);
	}

	let value = text.replace(PUNCTUATION, '');
	if (/^0+$/.test(value)) {
		return {
			value: null,
			issues: [
				warning(
					FIELD,
					'pivot_fictif',
					`${quote(text)} est la valeur de remplissage nationale, pas un identifiant : indiquez le SIRET du lieu ou de sa structure (ou son numéro RNA).`
				)
			]
		};
	}
	if (!SCHEMA_PATTERN.test(value)) {
		const found = SIRET_IN_TEXT.exec(text);
		if (!found) {
			return reject(
				text,
				'pivot_invalide',
				`${quote(text)} n'est ni un SIRET (14 chiffres) ni un numéro RNA (W suivi de 9 caractères).`
			);
		}
		value = found[0].replace(PUNCTUATION, '');
	}
	if (/^w/.test(value)) value = value.toUpperCase();
	// A SIRET stored as a number loses its leading zero; put it back when the checksum agrees.
	if (/^\d{13}$/.test(value) && isValidSiret(`0${value}`)) value = `0${value}`;

	const issues: FieldIssue[] =
		value === text
			? []
			: [rewritten(FIELD, 'pivot_format', `${quote(text)} réécrit ${quote(value)}.`, text, value)];
	return { value, issues };
}

function reject(text: string, code: string, reason: string): Normalized<string | null> {
	return {
		value: null,
		issues: [error(FIELD, code, reason, { before: text, after: null })],
		setAside: text
	};
}

/** La Poste's establishments share SIREN 356000000 and follow their own checksum rule. */
const LA_POSTE_SIREN = '356000000';

/**
 * Luhn checksum of a SIRET. La Poste's establishments are the known exception: their digits
 * add up to a multiple of 5 instead (INSEE rule), except the head office, which is Luhn-valid.
 */
export function isValidSiret(siret: string): boolean {
	if (!/^\d{14}$/.test(siret)) return false;
	if (luhn(siret)) return true;
	if (!siret.startsWith(LA_POSTE_SIREN)) return false;
	let sum = 0;
	for (const digit of siret) sum += Number(digit);
	return sum % 5 === 0;
}

export function luhn(digits: string): boolean {
	let sum = 0;
	for (let i = 0; i < digits.length; i++) {
		let d = Number(digits[digits.length - 1 - i]);
		if (i % 2 === 1) {
			d *= 2;
			if (d > 9) d -= 9;
		}
		sum += d;
	}
	return sum % 10 === 0;
}
