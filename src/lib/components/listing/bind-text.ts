/**
 * Two-way binding between a text input and a Y.Text, character by character.
 *
 * Local typing becomes the smallest delete/insert that turns the old value into the new one,
 * so that two people typing in the same field at once merge instead of overwriting each
 * other. Remote changes are applied to the input with the caret moved through them, so the
 * caret stays where the person left it (after the same character) while others type.
 *
 * Framework-free; ListingEditor's field components attach it with an action.
 */
import type * as Y from 'yjs';

export interface TextSplice {
	/** Where the change starts, in UTF-16 code units (as inputs and Y.Text count). */
	index: number;
	/** How many characters are removed at `index`. */
	remove: number;
	/** What is inserted at `index`. */
	insert: string;
}

/** The single splice between two strings: common prefix and suffix kept, the middle replaced. */
export function diffText(before: string, after: string, caret?: number): TextSplice | null {
	if (before === after) return null;
	const maxPrefix = Math.min(before.length, after.length);
	let prefix = 0;
	while (prefix < maxPrefix && before[prefix] === after[prefix]) prefix++;

	// Typing "a" into "aa" is ambiguous: the caret after the edit sits at the end of what was
	// inserted, which bounds where the edit began.
	if (caret !== undefined) {
		const grown = Math.max(0, after.length - before.length);
		prefix = Math.min(prefix, Math.max(0, caret - grown));
	}

	let suffix = 0;
	const maxSuffix = Math.min(before.length, after.length) - prefix;
	while (
		suffix < maxSuffix &&
		before[before.length - 1 - suffix] === after[after.length - 1 - suffix]
	) {
		suffix++;
	}
	return {
		index: prefix,
		remove: before.length - prefix - suffix,
		insert: after.slice(prefix, after.length - suffix)
	};
}

/** Applies the change from the Y.Text's current value to `next` as one minimal splice. */
export function applyText(ytext: Y.Text, next: string, origin: unknown = null, caret?: number) {
	const splice = diffText(ytext.toString(), next, caret);
	if (!splice) return;
	const doc = ytext.doc;
	const run = () => {
		if (splice.remove > 0) ytext.delete(splice.index, splice.remove);
		if (splice.insert) ytext.insert(splice.index, splice.insert);
	};
	if (doc) doc.transact(run, origin);
	else run();
}

type Delta = { insert?: unknown; delete?: number; retain?: number }[];

/**
 * Where a position in the old text lands after a remote change. Text inserted exactly at the
 * position goes before it: when two people type at the end of a field, each one's caret stays
 * after everything typed so far, and their words do not interleave backwards.
 */
export function mapPosition(delta: Delta, position: number): number {
	let oldIndex = 0;
	let result = position;
	for (const op of delta) {
		if (op.retain !== undefined) {
			oldIndex += op.retain;
		} else if (op.insert !== undefined) {
			const length = typeof op.insert === 'string' ? op.insert.length : 1;
			if (oldIndex <= position) result += length;
		} else if (op.delete !== undefined) {
			if (oldIndex < position) result -= Math.min(op.delete, position - oldIndex);
			oldIndex += op.delete;
		}
		if (oldIndex > position) break;
	}
	return Math.max(0, result);
}

type TextInput = HTMLInputElement | HTMLTextAreaElement;

/**
 * Keeps `input` and `ytext` equal.
 *
 * TODO: a remote change that arrives during an IME composition (dead keys, some mobile
 * keyboards) rewrites the input and ends the composition early; holding remote changes until
 * `compositionend` needs the local diff to be taken against the held value, not the Y.Text. Local input events write to the Y.Text with `origin` (so the
 * undo manager can tell own changes); remote changes rewrite the input and keep the caret.
 * Returns a function that detaches both listeners.
 */
export function bindText(input: TextInput, ytext: Y.Text, origin: unknown = null): () => void {
	input.value = ytext.toString();

	const onInput = () => applyText(ytext, input.value, origin, input.selectionEnd ?? undefined);
	const observer = (event: Y.YTextEvent, transaction: Y.Transaction) => {
		const text = ytext.toString();
		if (transaction.origin === origin && transaction.local && input.value === text) return;
		const focused = input.ownerDocument.activeElement === input;
		const start = input.selectionStart ?? 0;
		const end = input.selectionEnd ?? 0;
		input.value = text;
		if (!focused) return;
		const delta = event.delta as Delta;
		input.setSelectionRange(mapPosition(delta, start), mapPosition(delta, end));
	};

	input.addEventListener('input', onInput);
	ytext.observe(observer);
	return () => {
		input.removeEventListener('input', onInput);
		ytext.unobserve(observer);
	};
}
