/**
 * Web addresses (`site_web`, `fiche_acces_libre`, `prise_rdv`): several per cell in real files,
 * missing `https://`, `www:` for `www.`, capitals in the host.
 */
import { error, quote, rewritten, type FieldIssue } from '../standard/issues';
import type { Normalized } from './result';
import { cellText, decodeEntities, isBlank, unique } from './text';

const SEPARATORS = /\s+(?:ou|et)\s+|[\s;|]+|,(?=\s*(?:https?:|www\.))/i;
const SCHEME = /^[a-z][a-z0-9+.-]{1,8}:\/\//i;
const WRAPPERS = /^[<("'«\s]+|[>"'»\s,;]+$/g;
const HOST_LIKE = /^[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}(?:[/:?#]|$)/i;

/** True when the text is an absolute http(s) address with a dotted host and no spaces. */
export function isWebAddress(text: string): boolean {
	if (/\s/.test(text) || !/^https?:\/\//i.test(text)) return false;
	try {
		const url = new URL(text);
		return url.hostname.includes('.') && !url.hostname.endsWith('.');
	} catch {
		return false;
	}
}

/** One address: scheme added when missing, `www:` repaired, scheme and host in lower case. */
export function tidyUrl(part: string): string {
	let url = part.replace(WRAPPERS, '');
	// "(https://…)" loses its brackets; "…surl=Médiathèque%20(Lempdes)" keeps its own.
	while (url.endsWith(')') && count(url, '(') < count(url, ')')) url = url.slice(0, -1);
	url = url
		.replace(WRAPPERS, '')
		.replace(/^www:/i, 'www.')
		.replace(/^(https?):\/?\/?(?=[^/])/i, '$1://');
	if (!SCHEME.test(url) && HOST_LIKE.test(url)) url = `https://${url}`;
	const match = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#]*)(.*)$/i.exec(url);
	return match ? `${match[1].toLowerCase()}${match[2].toLowerCase()}${match[3]}` : url;
}

function count(text: string, char: string): number {
	return text.split(char).length - 1;
}

/** Reads a cell of web addresses into a list (`multiple`) or a single value. */
export function normalizeUrls(raw: unknown, field: string): Normalized<string[]> {
	if (isBlank(raw)) return { value: [], issues: [] };
	const text = cellText(raw).trim();
	const issues: FieldIssue[] = [];
	const kept: string[] = [];
	const rejected: string[] = [];
	// "?a=1&amp;b=2", HTML-escaped by an export: its « ; » would split the address in pieces.
	const decoded = decodeEntities(text);
	let rewrote = decoded !== text;

	for (const piece of decoded.split(SEPARATORS)) {
		const part = piece.trim();
		if (part === '') continue;
		const url = tidyUrl(part);
		if (!isWebAddress(url)) rejected.push(part);
		else {
			kept.push(url);
			// `tidyUrl` changes the case of the scheme and host only, where case means nothing.
			rewrote ||= url.toLowerCase() !== part.toLowerCase();
		}
	}

	// Another separator, a repeated address or capitals in a host name: the same addresses.
	const value = unique(kept);
	if (rewrote && value.length > 0) {
		issues.push(
			rewritten(field, 'url_format', `${quote(text)} réécrit ${quote(value)}.`, text, value)
		);
	}
	for (const part of rejected) {
		const reason = part.includes('@')
			? `${quote(part)} est un courriel, pas une adresse web : mettez-le dans « Courriels ».`
			: `${quote(part)} n'est pas une adresse web valide.`;
		issues.push(error(field, 'url_invalide', reason, { before: part, after: null }));
	}
	return { value, issues, setAside: rejected.length > 0 ? rejected.join(' | ') : undefined };
}

/** A single-address field: the first address is kept, the others are set aside. */
export function normalizeUrl(raw: unknown, field: string): Normalized<string | null> {
	const list = normalizeUrls(raw, field);
	const [value = null, ...others] = list.value;
	const issues = list.issues.filter((issue) => issue.code !== 'url_format');
	const rewrite = list.issues.find((issue) => issue.code === 'url_format');
	if (others.length > 0) {
		issues.unshift(
			rewritten(
				field,
				'url_plusieurs',
				`ce champ n'admet qu'une adresse : ${quote(value)} est gardée, ${quote(others)} est mise de côté.`,
				rewrite?.before,
				value
			)
		);
	} else if (rewrite) {
		issues.unshift({ ...rewrite, after: value });
	}
	const setAside = [...others, ...(list.setAside ? [list.setAside] : [])].join(' | ');
	return { value, issues, setAside: setAside === '' ? undefined : setAside };
}
