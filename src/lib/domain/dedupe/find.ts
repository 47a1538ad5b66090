/**
 * Duplicate candidates between incoming listings (an import, a party's edits) and existing
 * ones. Pairs are only scored within a block of the same postcode or INSEE code: a place
 * and its duplicate are in the same commune.
 *
 * A block can still be huge (a city-wide file, a file where every row has the same postcode),
 * and scoring every pair of it is quadratic. So the work is bounded per incoming listing:
 * - when its block holds more than `maxCandidates` listings, it is only compared with those
 *   that share something more specific: the street, the name (folded), the SIRET, the
 *   telephone, or a position within about 300 m, each key only if it is itself specific
 *   (shared by at most `maxCandidates` listings);
 * - when nothing is specific, or the union is still too large, with the `maxCandidates`
 *   nearest in the list (for a file compared with itself, the rows just before it);
 * - only its `perListing` best matches are kept.
 * The result says how many incoming listings were narrowed or truncated, so that a report can
 * say the search was not exhaustive.
 */
import type { ListingFields } from '../standard/fields';
import { compare, points, prepare, reasons, type DedupeFields } from './score';

export const DEFAULT_THRESHOLD = 70;

export type DedupeListing = DedupeFields & Pick<ListingFields, 'id' | 'code_postal' | 'code_insee'>;

export interface DuplicateCandidate {
	/** Positions in the `incoming` and `existing` arrays. */
	incoming: number;
	existing: number;
	score: number;
	reasons: string[];
}

export interface FindOptions {
	/** Lowest score reported. */
	threshold?: number;
	/** Best matches kept per incoming listing. */
	perListing?: number;
	/** Most listings one incoming listing is compared with. */
	maxCandidates?: number;
	/**
	 * `incoming` and `existing` are the same list (duplicates inside one file): each listing is
	 * only compared with those before it, so that every pair is scored once.
	 */
	within?: boolean;
}

export interface DuplicateSearch {
	/** Every pair scoring at least the threshold, best first for each incoming listing. */
	pairs: DuplicateCandidate[];
	/** Incoming listings compared only with the listings sharing a specific key. */
	narrowed: number;
	/** Incoming listings compared with the `maxCandidates` nearest only. */
	truncated: number;
}

const DEFAULTS: Required<FindOptions> = {
	threshold: DEFAULT_THRESHOLD,
	perListing: 5,
	maxCandidates: 300,
	within: false
};

/** About 330 m of latitude; cells are looked up with their eight neighbours. */
const CELL_DEGREES = 0.003;
const PLACEHOLDER_PIVOT = /^0+$/;

type Index = Map<string, number[]>;

function push(index: Index, key: string | null, value: number) {
	if (!key) return;
	const list = index.get(key);
	if (list) list.push(value);
	else index.set(key, [value]);
}

function blockKeys(listing: DedupeListing): string[] {
	const keys = [`cp:${listing.code_postal}`];
	if (listing.code_insee) keys.push(`insee:${listing.code_insee}`);
	return keys;
}

function cell(listing: DedupeListing, dx = 0, dy = 0): string | null {
	if (listing.latitude === null || listing.longitude === null) return null;
	const x = Math.floor(listing.longitude / CELL_DEGREES) + dx;
	const y = Math.floor(listing.latitude / CELL_DEGREES) + dy;
	return `geo:${x}:${y}`;
}

/**
 * Keys that a likely duplicate almost always shares beyond its commune, each scoped to the
 * listing's postcode and INSEE code. For a lookup, the position cell comes with its eight
 * neighbours.
 */
function narrowKeys(listing: DedupeListing, lookup: boolean): string[] {
	const forms = prepare(listing);
	const keys: string[] = [];
	if (forms.address.street) keys.push(`street:${forms.address.street}`);
	if (forms.name.compact) keys.push(`name:${forms.name.compact}`);
	if (listing.pivot && !PLACEHOLDER_PIVOT.test(listing.pivot)) keys.push(`pivot:${listing.pivot}`);
	if (listing.telephone) keys.push(`tel:${listing.telephone}`);
	for (let dx = lookup ? -1 : 0; dx <= (lookup ? 1 : 0); dx++) {
		for (let dy = lookup ? -1 : 0; dy <= (lookup ? 1 : 0); dy++) {
			const key = cell(listing, dx, dy);
			if (key) keys.push(key);
		}
	}
	return blockKeys(listing).flatMap((block) => keys.map((key) => `${block}|${key}`));
}

/**
 * The eligible positions listed under `keys` (lists are in ascending order; with `before`,
 * only positions under `i` count). A list longer than `limit` says little (a SIRET or a
 * telephone shared by a whole network, a long street) and is passed over; when every list is
 * like that, the `limit` positions nearest to `i` in the shortest one are taken, and `cut`
 * says so. A key absent from `index` (no existing listing has it) is as specific as can be.
 */
function gather(
	index: Index,
	keys: readonly string[],
	i: number,
	limit: number,
	before: boolean,
	eligible: (j: number) => boolean
): { positions: number[]; cut: boolean } {
	const seen = new Set<number>();
	let specific = false;
	let shortest: { list: number[]; end: number } | null = null;
	for (const key of keys) {
		const list = index.get(key);
		if (!list) {
			// Nothing shares this key: specific, unless it is only a neighbouring cell.
			if (!key.includes('|geo:')) specific = true;
			continue;
		}
		const end = before ? lowerBound(list, i) : list.length;
		if (end > limit) {
			if (!shortest || end < shortest.end) shortest = { list, end };
			continue;
		}
		specific = true;
		for (let k = 0; k < end; k++) if (eligible(list[k])) seen.add(list[k]);
	}
	let cut = false;
	if (!specific && shortest) {
		cut = true;
		const { list, end } = shortest;
		const from = before ? end - limit : Math.min(lowerBound(list, i), end - limit);
		for (let k = from; k < from + limit; k++) if (eligible(list[k])) seen.add(list[k]);
	}
	return { positions: [...seen].sort((a, b) => a - b), cut };
}

function lowerBound(list: readonly number[], value: number): number {
	let lo = 0;
	let hi = list.length;
	while (lo < hi) {
		const mid = (lo + hi) >>> 1;
		if (list[mid] < value) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}

/**
 * Likely duplicates of each incoming listing among the existing ones. A listing is never
 * paired with one of the same `id`.
 */
export function findDuplicates(
	incoming: readonly DedupeListing[],
	existing: readonly DedupeListing[],
	options: FindOptions = {}
): DuplicateSearch {
	const { threshold, perListing, maxCandidates, within } = { ...DEFAULTS, ...options };
	const blocks: Index = new Map();
	existing.forEach((listing, j) => {
		for (const key of blockKeys(listing)) push(blocks, key, j);
	});
	/** Built on first need: most files never have a block big enough to use it. */
	let narrow: Index | null = null;
	const narrowIndex = () => {
		if (!narrow) {
			narrow = new Map();
			existing.forEach((listing, j) => {
				for (const key of narrowKeys(listing, false)) push(narrow!, key, j);
			});
		}
		return narrow;
	};

	const search: DuplicateSearch = { pairs: [], narrowed: 0, truncated: 0 };
	incoming.forEach((listing, i) => {
		const eligible = (j: number) => (!within || j < i) && existing[j].id !== listing.id;
		const keys = blockKeys(listing);
		// The postcode and INSEE blocks mostly hold the same listings: the larger one is the size.
		const size = Math.max(
			...keys.map((key) => {
				const list = blocks.get(key) ?? [];
				return within ? lowerBound(list, i) : list.length;
			})
		);
		let candidates: number[];
		if (size <= maxCandidates) {
			candidates = gather(blocks, keys, i, maxCandidates, within, eligible).positions;
		} else {
			search.narrowed++;
			const found = gather(narrowIndex(), narrowKeys(listing, true), i, maxCandidates, within, eligible);
			candidates = found.positions;
			if (found.cut || candidates.length > maxCandidates) {
				search.truncated++;
				candidates = nearest(candidates, i, maxCandidates);
			}
		}

		const best: DuplicateCandidate[] = [];
		for (const j of candidates) {
			const full = best.length === perListing;
			const floor = full ? best[best.length - 1].score + 1 : threshold;
			const comparison = compare(listing, existing[j], floor);
			const score = points(comparison);
			if (score < floor) continue;
			best.push({ incoming: i, existing: j, score, reasons: reasons(comparison) });
			best.sort((a, b) => b.score - a.score);
			if (best.length > perListing) best.pop();
		}
		search.pairs.push(...best);
	});
	return search;
}

/** The `count` positions closest to `i`, in order. */
function nearest(sorted: readonly number[], i: number, count: number): number[] {
	return [...sorted]
		.sort((a, b) => Math.abs(a - i) - Math.abs(b - i) || a - b)
		.slice(0, count)
		.sort((a, b) => a - b);
}
