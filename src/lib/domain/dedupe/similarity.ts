/**
 * Text similarity for duplicate detection: names and street names, compared after folding.
 */
import { fold } from '../normalize/text';

/** Rows of the LCS table, reused: scoring runs hundreds of thousands of times per import. */
let previous = new Uint16Array(128);
let current = new Uint16Array(128);

/**
 * 2 × (longest common subsequence) / (total length), between 0 and 1: the "ratio" of the
 * fuzzy-matching libraries the national pipeline uses, tolerant of small insertions.
 */
export function ratio(a: string, b: string): number {
	if (a === b) return a.length === 0 ? 0 : 1;
	if (a.length === 0 || b.length === 0) return 0;
	if (b.length + 1 > previous.length) {
		previous = new Uint16Array(b.length + 1);
		current = new Uint16Array(b.length + 1);
	}
	previous.fill(0, 0, b.length + 1);
	current[0] = 0;
	let above = previous;
	let row = current;
	for (let i = 1; i <= a.length; i++) {
		const code = a.charCodeAt(i - 1);
		for (let j = 1; j <= b.length; j++) {
			if (code === b.charCodeAt(j - 1)) row[j] = above[j - 1] + 1;
			else row[j] = above[j] > row[j - 1] ? above[j] : row[j - 1];
		}
		const swap = above;
		above = row;
		row = swap;
	}
	return (2 * above[b.length]) / (a.length + b.length);
}

/** A name in the three forms compared: folded, words sorted, without spaces. */
export interface NameForms {
	folded: string;
	sorted: string;
	compact: string;
}

export function nameForms(name: string): NameForms {
	const folded = fold(name);
	return { folded, sorted: folded.split(' ').sort().join(' '), compact: folded.replace(/ /g, '') };
}

/**
 * Similarity of two place names: the best of their folded forms, words sorted ("Tiers-lieu
 * Sainte-Marthe" and "Sainte Marthe tiers lieu") and spaces removed ("Utop Lab", "Utoplab").
 */
export function nameSimilarity(a: NameForms, b: NameForms): number {
	const folded = ratio(a.folded, b.folded);
	if (folded === 1) return folded;
	const sorted = a.sorted === a.folded && b.sorted === b.folded ? 0 : ratio(a.sorted, b.sorted);
	return Math.max(folded, sorted, ratio(a.compact, b.compact));
}
