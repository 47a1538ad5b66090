/**
 * What the checks and normalisers say about one field of one listing.
 *
 * A normalisation (the value was rewritten into the standard's form) is a `warning` carrying
 * `before` and `after`; a rejection (the value cannot be used as it is) is an `error`. Messages
 * are French and name the field and the reason, so that the import report, the edit form and
 * the review screen can show them as they are.
 */
import { FIELD_BY_NAME, type FieldSpec, type FieldValue } from './fields';

export interface FieldIssue {
	field: string;
	severity: 'error' | 'warning';
	/** Stable, machine-readable reason (snake_case), for grouping and tests. */
	code: string;
	message: string;
	before?: unknown;
	after?: unknown;
	/**
	 * A value proposed to a person and never applied by the code: free-text opening hours
	 * turned into OSM syntax, a tidier spelling of valid hours in the edit form.
	 */
	suggestion?: FieldValue;
}

type Details = Pick<FieldIssue, 'before' | 'after' | 'suggestion'>;

/** The French label of a field of the standard, or the column name itself for others. */
export function fieldLabel(field: string): string {
	return FIELD_BY_NAME.get(field)?.label ?? field;
}

/**
 * The message without the field's label it starts with, for places that already show the label
 * (under the field, or as a link before it): « Téléphone : Téléphone : … » otherwise.
 */
export function reasonOf(issue: Pick<FieldIssue, 'field' | 'message'>): string {
	const prefix = `${fieldLabel(issue.field)} : `;
	return issue.message.startsWith(prefix) ? issue.message.slice(prefix.length) : issue.message;
}

/** The reason as a sentence of its own, under the field it is about. */
export function reasonSentence(issue: Pick<FieldIssue, 'field' | 'message'>): string {
	const reason = reasonOf(issue);
	return reason.charAt(0).toLocaleUpperCase('fr') + reason.slice(1);
}

/**
 * The first `length` UTF-16 units of `text`, one fewer when the cut would split a character
 * outside the BMP (an emoji): half of it is invalid Unicode, which PostgreSQL refuses in jsonb.
 */
export function cut(text: string, length: number): string {
	const high = text.charCodeAt(length - 1);
	return text.slice(0, high >= 0xd800 && high <= 0xdbff ? length - 1 : length);
}

/** A value quoted for a French message: « value », shortened when long. */
export function quote(value: unknown): string {
	const text = Array.isArray(value) ? value.join(' | ') : String(value);
	return `« ${text.length > 80 ? `${cut(text, 77)}…` : text} »`;
}

export function error(field: string, code: string, reason: string, details?: Details): FieldIssue {
	return {
		field,
		severity: 'error',
		code,
		message: `${fieldLabel(field)} : ${reason}`,
		...details
	};
}

export function warning(
	field: string,
	code: string,
	reason: string,
	details?: Details
): FieldIssue {
	return {
		field,
		severity: 'warning',
		code,
		message: `${fieldLabel(field)} : ${reason}`,
		...details
	};
}

/** A value rewritten into the standard's form, reported with what it was and what it became. */
export function rewritten(
	field: string,
	code: string,
	reason: string,
	before: unknown,
	after: unknown
): FieldIssue {
	return warning(field, code, reason, { before, after });
}

export function hasErrors(issues: readonly FieldIssue[]): boolean {
	return issues.some((issue) => issue.severity === 'error');
}

/** The standard's limit, or cartoparty's own where the standard sets none. */
export function lengthIssue(spec: FieldSpec, value: string): FieldIssue | null {
	const limit = spec.maxLength ?? spec.cap;
	if (!limit || value.length <= limit) return null;
	const length = [...value].length;
	if (length <= limit) return null;
	const whose = spec.maxLength ? '' : ' (limite de cartoparty)';
	return error(spec.name, 'trop_long', `${length} caractères, ${limit} au plus${whose}.`);
}
