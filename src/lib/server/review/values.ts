/**
 * Field values as the review sees them: checks of proposed values, and French lists of field
 * names for messages. Shared by submission, the review page, the commit and the revert.
 */
import { sameValue } from '$lib/collab/draft-doc';
import type { FieldValue, ListingFields } from '$lib/domain/standard/fields';
import { fieldLabel, type FieldIssue } from '$lib/domain/standard/issues';
import { validateField, validateListing } from '$lib/domain/standard/validate';
import { personalDataIssues } from '$lib/domain/normalize/personal-data';

export { sameValue };

/** « Nom du lieu », « Téléphone » and « Horaires d'ouverture ». */
export function labels(fields: readonly string[]): string {
	const quoted = fields.map((field) => `« ${fieldLabel(field)} »`);
	if (quoted.length < 2) return quoted.join('');
	return `${quoted.slice(0, -1).join(', ')} et ${quoted[quoted.length - 1]}`;
}

/**
 * What the standard says of proposed values: each value on its own, then the personal-data
 * warnings, which need the whole listing (`listing` with the proposed values applied).
 */
export function proposedIssues(
	values: Record<string, FieldValue>,
	listing?: ListingFields
): FieldIssue[] {
	const issues = Object.entries(values).flatMap(([field, value]) => validateField(field, value));
	if (!listing) return issues;
	const personal = personalDataIssues(listing).filter((issue) => issue.field in values);
	return [...issues, ...personal];
}

function errorsOf(issues: readonly FieldIssue[]): FieldIssue[] {
	return issues.filter((issue) => issue.severity === 'error');
}

/**
 * The errors `values` would bring to `listing`: each value must pass the standard on its own,
 * and the listing they make must not gain an error it did not have (latitude without
 * longitude); old errors elsewhere in the listing do not count. Submission and commit both
 * refuse on these, so that nothing a commit would refuse reaches the review queue.
 */
export function newErrors(listing: ListingFields, values: Record<string, FieldValue>): FieldIssue[] {
	const known = new Set(errorsOf(validateListing(listing)).map(issueKey));
	const errors = [
		...errorsOf(Object.entries(values).flatMap(([field, value]) => validateField(field, value))),
		...errorsOf(validateListing(withValues(listing, values))).filter((i) => !known.has(issueKey(i)))
	];
	return [...new Map(errors.map((issue) => [issueKey(issue), issue])).values()];
}

function issueKey(issue: FieldIssue): string {
	return `${issue.field}\u0000${issue.code}\u0000${issue.message}`;
}

/** The listing with some fields replaced. */
export function withValues(
	listing: ListingFields,
	values: Record<string, FieldValue>
): ListingFields {
	return { ...listing, ...values } as ListingFields;
}

/** Whether two stored values mean the same (empty text, empty list and null are one). */
export function same(a: unknown, b: unknown): boolean {
	return sameValue(a as FieldValue, b as FieldValue);
}
