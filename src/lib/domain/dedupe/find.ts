/**
 * Duplicate candidates between incoming listings (an import, a party's edits) and existing
 * ones. Pairs are only scored within a block of the same postcode or INSEE code: a place
 * and its duplicate are in the same commune, and blocking keeps a 30 000-row import to a few
 * hundred thousand comparisons instead of a billion.
 */
import type { ListingFields } from '../standard/fields';
import { compare, points, reasons, type DedupeFields } from './score';

export const DEFAULT_THRESHOLD = 70;

export type DedupeListing = DedupeFields & Pick<ListingFields, 'id' | 'code_postal' | 'code_insee'>;

export interface DuplicateCandidate {
	/** Positions in the `incoming` and `existing` arrays. */
	incoming: number;
	existing: number;
	score: number;
	reasons: string[];
}

/**
 * Every pair scoring at least `threshold`, best first for each incoming listing. A listing is
 * never paired with itself (same `id`), so `findDuplicates(rows, rows)` finds duplicates
 * within one file.
 */
export function findDuplicates(
	incoming: readonly DedupeListing[],
	existing: readonly DedupeListing[],
	threshold = DEFAULT_THRESHOLD
): DuplicateCandidate[] {
	const blocks = new Map<string, number[]>();
	const add = (key: string | null, index: number) => {
		if (!key) return;
		const block = blocks.get(key);
		if (block) block.push(index);
		else blocks.set(key, [index]);
	};
	existing.forEach((listing, index) => {
		add(`cp:${listing.code_postal}`, index);
		add(listing.code_insee && `insee:${listing.code_insee}`, index);
	});

	const found: DuplicateCandidate[] = [];
	incoming.forEach((listing, i) => {
		const candidates = new Set([
			...(blocks.get(`cp:${listing.code_postal}`) ?? []),
			...(listing.code_insee ? (blocks.get(`insee:${listing.code_insee}`) ?? []) : [])
		]);
		const matches: DuplicateCandidate[] = [];
		for (const j of candidates) {
			if (existing[j].id === listing.id) continue;
			const comparison = compare(listing, existing[j], threshold);
			const score = points(comparison);
			if (score >= threshold) {
				matches.push({ incoming: i, existing: j, score, reasons: reasons(comparison) });
			}
		}
		found.push(...matches.sort((a, b) => b.score - a.score));
	});
	return found;
}
