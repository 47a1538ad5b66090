/** A refused submission, review or revert, with the HTTP status to answer and a French message. */
import type { FieldIssue } from '$lib/domain/standard/issues';

export type ReviewStatus = 400 | 403 | 404 | 409 | 422;

export class ReviewError extends Error {
	constructor(
		readonly status: ReviewStatus,
		message: string,
		readonly details: {
			/** Fields the refusal is about (conflicts, missing decisions, invalid values). */
			fields?: string[];
			/** Blocking validation issues, one per invalid value. */
			issues?: FieldIssue[];
		} = {}
	) {
		super(message);
		this.name = 'ReviewError';
	}

	get fields(): string[] {
		return this.details.fields ?? [];
	}

	get issues(): FieldIssue[] {
		return this.details.issues ?? [];
	}
}
