import type { FieldIssue } from '../standard/issues';

/** What a normaliser returns: the value in our internal form and what it had to say. */
export interface Normalized<T> {
	value: T;
	issues: FieldIssue[];
	/** The part of the input that could not be used, as text; `readRecord` keeps it in `extra`. */
	setAside?: string;
}
