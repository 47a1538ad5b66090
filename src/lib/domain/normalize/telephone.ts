/**
 * Telephone numbers into the standard's single international value (`+33473123456`).
 *
 * Where the prefix comes from: a ten-digit national number carries its own territory
 * (0590/0690 is Guadeloupe wherever the place is), so its first digits decide; the place's
 * département only decides for the short local numbers of Saint-Pierre-et-Miquelon,
 * Wallis-et-Futuna, French Polynesia and New Caledonia. Mayotte is written with +262, its
 * prefix since 2007 (+269 is now the Comoros): `+269` input is rewritten.
 */
import { error, quote, rewritten, warning, type FieldIssue } from '../standard/issues';
import type { Normalized } from './result';
import { cellText, isBlank } from './text';

const FIELD = 'telephone';

/** Country codes the standard accepts, by their digits. */
const COUNTRY_CODES = ['33', '590', '594', '596', '262', '269', '687', '689', '508', '681'];

/** National ten-digit prefixes that belong to an overseas territory, and its country code. */
const OVERSEAS_NATIONAL: Record<string, string> = {
	'0590': '590',
	'0690': '590',
	'0691': '590',
	'0594': '594',
	'0694': '594',
	'0596': '596',
	'0696': '596',
	'0697': '596',
	'0262': '262',
	'0263': '262',
	'0692': '262',
	'0693': '262',
	'0269': '262',
	'0639': '262'
};

/** Local numbers (no national 0) and their country code, by département and length. */
const LOCAL: Record<string, { length: number; code: string }> = {
	'975': { length: 6, code: '508' },
	'986': { length: 6, code: '681' },
	'987': { length: 8, code: '689' },
	'988': { length: 6, code: '687' }
};

/** Digits possibly separated by spaces, dots, dashes or brackets, with an optional + or 00. */
const CANDIDATE = /(?:\+|\b00(?=[\s.]?[1-9]))?\d(?:[\s.\-()]{0,3}\d)*/g;
const DIAL_OUT = /^00[\s.]?[1-9]/;
const NATIONAL_ZERO = /\(0\)/g;
const LETTERS = /\p{L}{2,}/u;

type Reading = { number: string } | { problem: FieldIssue };

/**
 * Reads a telephone cell. Several numbers: the first usable one is kept and the others are
 * set aside (the schema's pattern admits one number, although its change log says several).
 */
export function normalizeTelephone(
	raw: unknown,
	departement: string | null
): Normalized<string | null> {
	if (isBlank(raw)) return { value: null, issues: [] };
	const text = cellText(raw).trim();

	const readings = candidates(text).map((candidate) => read(candidate, departement));
	const numbers = readings
		.filter((r): r is { number: string } => 'number' in r)
		.map((r) => r.number);
	const problems = readings.filter((r): r is { problem: FieldIssue } => 'problem' in r);
	const issues: FieldIssue[] = [];

	if (numbers.length === 0) {
		issues.push(...problems.map((p) => p.problem));
		if (problems.length === 0) {
			issues.push(error(FIELD, 'telephone_invalide', `${quote(text)} ne contient aucun numéro.`));
		}
		return { value: null, issues, setAside: text };
	}

	const [value, ...others] = numbers;
	const setAside = [...others, ...problems.map((p) => String(p.problem.before))];
	if (value !== text) {
		const noise = LETTERS.test(text.replace(CANDIDATE, ' '));
		issues.push(
			rewritten(
				FIELD,
				noise ? 'telephone_texte' : 'telephone_format',
				noise
					? `${quote(text)} réduit au numéro ${quote(value)} : le texte autour n'a pas sa place dans ce champ.`
					: `${quote(text)} réécrit au format international ${quote(value)}.`,
				text,
				value
			)
		);
	}
	if (setAside.length > 0) {
		issues.push(
			warning(
				FIELD,
				'telephone_plusieurs',
				`le standard n'admet qu'un numéro : ${quote(value)} est gardé, ${quote(setAside)} est mis de côté.`,
				{ before: text, after: value }
			)
		);
	}
	return { value, issues, setAside: setAside.length > 0 ? setAside.join(' | ') : undefined };
}

/** The phone-like runs of a cell; two national numbers glued by a dash are split apart. */
function candidates(text: string): string[] {
	const found: string[] = [];
	for (const match of text.replace(NATIONAL_ZERO, '').matchAll(CANDIDATE)) {
		const candidate = match[0].trim();
		const digits = candidate.replace(/\D/g, '');
		if (digits.length >= 20 && digits.length % 10 === 0 && /^(0\d{9})+$/.test(digits)) {
			for (let i = 0; i < digits.length; i += 10) found.push(digits.slice(i, i + 10));
		} else if (digits.length >= 3) {
			found.push(candidate);
		}
	}
	return found;
}

function read(candidate: string, departement: string | null): Reading {
	const dialOut = DIAL_OUT.test(candidate);
	const international = dialOut || candidate.startsWith('+');
	let digits = candidate.replace(/\D/g, '');
	if (dialOut) digits = digits.slice(2);

	if (!international && digits.length > 10) {
		// A country code without its "+": 33473123456.
		if (COUNTRY_CODES.some((code) => digits.startsWith(code)))
			return withCountry(digits, candidate);
	}
	if (international) {
		if (digits.startsWith('0')) return national(digits, departement, candidate);
		return withCountry(digits, candidate);
	}
	return national(digits, departement, candidate);
}

function withCountry(digits: string, candidate: string): Reading {
	const code = COUNTRY_CODES.find((c) => digits.startsWith(c));
	if (!code) {
		return problem(
			'telephone_etranger',
			candidate,
			`${quote(candidate)} a un indicatif étranger, que le standard n'accepte pas.`
		);
	}
	// "+33 0 4 73…" and "+262 0262…": the national 0 does not belong after the country code.
	const rest = digits.slice(code.length).replace(/^0/, '');
	if (rest.length < 6 || rest.length > 9) {
		return problem(
			'telephone_invalide',
			candidate,
			`${quote(candidate)} n'est pas un numéro reconnu (${rest.length} chiffres après l'indicatif +${code}).`
		);
	}
	if (code === '269') return { number: `+262${rest.length === 6 ? `269${rest}` : rest}` };
	if (code === '33' && rest.length === 9) {
		const overseas = OVERSEAS_NATIONAL[`0${rest.slice(0, 3)}`];
		if (overseas) return { number: `+${overseas}${rest}` };
	}
	return { number: `+${code}${rest}` };
}

function national(digits: string, departement: string | null, candidate: string): Reading {
	if (digits.length === 9 && !digits.startsWith('0')) digits = `0${digits}`;
	if (digits.length === 10 && digits.startsWith('0')) {
		if (/^0(\d)\1{8}$/.test(digits) || /^0+$/.test(digits)) {
			return problem(
				'telephone_factice',
				candidate,
				`${quote(candidate)} n'est pas un vrai numéro.`
			);
		}
		const code = OVERSEAS_NATIONAL[digits.slice(0, 4)] ?? '33';
		return { number: `+${code}${digits.slice(1)}` };
	}
	const local = departement ? LOCAL[departement] : undefined;
	if (local && digits.length === local.length) return { number: `+${local.code}${digits}` };
	if (digits.length <= 6 && /^[13]/.test(digits)) {
		return problem(
			'telephone_numero_court',
			candidate,
			`${quote(candidate)} est un numéro court, joignable seulement depuis la France : le standard ne peut pas l'écrire au format international. Indiquez-le plutôt dans la présentation.`
		);
	}
	return problem(
		'telephone_invalide',
		candidate,
		`${quote(candidate)} n'est pas un numéro reconnu (${digits.length} chiffres, 10 attendus).`
	);
}

function problem(code: string, candidate: string, reason: string): Reading {
	return { problem: error(FIELD, code, reason, { before: candidate, after: null }) };
}
