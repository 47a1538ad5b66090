/**
 * What changed between two values, for the review screen: words added and removed in a text,
 * items added and removed in a list. Pure and small enough to run in the browser.
 */
export interface DiffPart {
	kind: 'same' | 'added' | 'removed';
	text: string;
}

/** Beyond this many token pairs the table gets too big for a phone: show a plain swap. */
const MAX_CELLS = 250_000;

function tokens(text: string): string[] {
	return text.match(/\s+|[^\s]+/g) ?? [];
}

/** Word-level difference (longest common subsequence), adjacent parts of a kind merged. */
export function diffWords(before: string, after: string): DiffPart[] {
	const a = tokens(before);
	const b = tokens(after);
	if (a.length * b.length > MAX_CELLS) {
		return merge([
			{ kind: 'removed', text: before },
			{ kind: 'added', text: after }
		]);
	}

	// lcs[i][j]: length of the longest common subsequence of a[i..] and b[j..].
	const lcs = Array.from({ length: a.length + 1 }, () => new Uint32Array(b.length + 1));
	for (let i = a.length - 1; i >= 0; i--) {
		for (let j = b.length - 1; j >= 0; j--) {
			lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
		}
	}

	const parts: DiffPart[] = [];
	let i = 0;
	let j = 0;
	while (i < a.length && j < b.length) {
		if (a[i] === b[j]) {
			parts.push({ kind: 'same', text: a[i] });
			i++;
			j++;
		} else if (lcs[i + 1][j] >= lcs[i][j + 1]) {
			parts.push({ kind: 'removed', text: a[i++] });
		} else {
			parts.push({ kind: 'added', text: b[j++] });
		}
	}
	while (i < a.length) parts.push({ kind: 'removed', text: a[i++] });
	while (j < b.length) parts.push({ kind: 'added', text: b[j++] });
	return merge(parts);
}

function merge(parts: DiffPart[]): DiffPart[] {
	const merged: DiffPart[] = [];
	for (const part of parts) {
		if (part.text === '') continue;
		const last = merged.at(-1);
		if (last?.kind === part.kind) last.text += part.text;
		else merged.push({ ...part });
	}
	return merged;
}

/** Items of a list value that the change adds and removes, in their own order. */
export function diffLists(before: readonly string[], after: readonly string[]) {
	const old = new Set(before);
	const now = new Set(after);
	return {
		added: after.filter((item) => !old.has(item)),
		removed: before.filter((item) => !now.has(item))
	};
}
