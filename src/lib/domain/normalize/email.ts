/**
 * E-mail lists (`courriels`): several addresses per cell in real files, separated by `;`, `,`,
 * spaces, " ou ", with `mailto:`, capitals, a trailing dot or a comma for a dot.
 */
import { error, quote, rewritten, type FieldIssue } from '../standard/issues';
import type { Normalized } from './result';
import { cellText, isBlank, unique } from './text';

/**
 * The national library's rule: an ASCII local part starting with a letter, digit or `_`, and a
 * domain with a top-level part of letters. Addresses outside it are dropped nationally.
 */
export const EMAIL = /^[a-z0-9_][a-z0-9_.+%'-]*@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$/i;

const SEPARATORS = /\s+(?:ou|et)\s+|[\s;|]+/i;
const MAILTO = /^mailto:/i;
const WRAPPERS = /^[<("'«\s]+|[>)"'»\s.,;:]+$/g;

/** Reads a cell of e-mail addresses into a list; what cannot be an address is set aside. */
export function normalizeEmails(raw: unknown, field = 'courriels'): Normalized<string[]> {
	if (isBlank(raw)) return { value: [], issues: [] };
	const text = cellText(raw).trim();
	const issues: FieldIssue[] = [];
	const kept: string[] = [];
	const rejected: string[] = [];
	let rewrote = false;

	for (const part of splitEmails(text)) {
		const address = tidyEmail(part);
		if (!EMAIL.test(address)) rejected.push(part);
		else {
			kept.push(address);
			rewrote ||= address !== withLowerDomain(part);
		}
	}

	// Another separator, a repeated address or capitals in a domain name: the same addresses.
	const value = unique(kept);
	if (rewrote) {
		issues.push(
			rewritten(field, 'courriel_format', `${quote(text)} réécrit ${quote(value)}.`, text, value)
		);
	}
	for (const part of rejected) {
		issues.push(
			error(field, 'courriel_invalide', invalidReason(part), { before: part, after: null })
		);
	}
	return { value, issues, setAside: rejected.length > 0 ? rejected.join(' | ') : undefined };
}

/** Splits on the separators people use; a comma splits only between two addresses. */
function splitEmails(text: string): string[] {
	const parts: string[] = [];
	for (const piece of text.split(SEPARATORS)) {
		if (piece === '') continue;
		const atSigns = piece.split('@').length - 1;
		parts.push(...(atSigns > 1 ? piece.split(',') : [piece]));
	}
	return parts.map((p) => p.trim()).filter((p) => p !== '');
}

function withLowerDomain(address: string): string {
	const at = address.lastIndexOf('@');
	return address.slice(0, at) + address.slice(at).toLowerCase();
}

/** `mailto:`, brackets, trailing dots, `@@`, a comma in the domain, and capitals. */
export function tidyEmail(part: string): string {
	let address = part.replace(MAILTO, '').replace(WRAPPERS, '').replace(/@{2,}/g, '@');
	const at = address.lastIndexOf('@');
	if (at > 0) address = address.slice(0, at) + address.slice(at).replace(/,/g, '.');
	return address.toLowerCase();
}

function invalidReason(part: string): string {
	if (!part.includes('@')) {
		const looksLikeSite = /^(https?:|www\.)/i.test(part);
		return looksLikeSite
			? `${quote(part)} est une adresse de site web, pas un courriel : mettez-la dans « Sites web ».`
			: `${quote(part)} n'est pas une adresse de courriel (il manque le « @ »).`;
	}
	if (/[^\x00-\x7f]/.test(part)) {
		return `${quote(part)} contient des lettres accentuées, refusées par la plateforme nationale.`;
	}
	return `${quote(part)} n'est pas une adresse de courriel valide.`;
}
