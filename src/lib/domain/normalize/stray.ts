/**
 * Positions far from their commune. No commune table with centres or outlines ships in our
 * packages, so a commune's centre is estimated from the places listed in it: the median
 * latitude and the median longitude of the listings with the same INSEE code (the median
 * ignores the odd misplaced one). A listing more than `STRAY_METRES` from that centre,
 * in a commune with at least `MIN_PEERS` other positioned listings, is worth a look: a
 * geocoder that matched the wrong town, a copied position, a typo in a digit.
 *
 * TODO: a commune with fewer than three positioned listings cannot be checked this way; an
 * official table of commune centres (IGN's ADMIN EXPRESS) would cover them, but none is
 * packaged for npm.
 */
import { distanceMetres } from '../dedupe/distance';

export const STRAY_METRES = 25_000;
export const MIN_PEERS = 3;

export interface Positioned {
	code_insee: string | null;
	latitude: number | null;
	longitude: number | null;
}

export interface Stray {
	/** Position in `listings`. */
	index: number;
	metres: number;
	/** Other positioned listings of the commune the centre was estimated from. */
	peers: number;
}

function median(sorted: readonly number[]): number {
	const middle = sorted.length >> 1;
	return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * The listings of `listings` far from the other places of their commune, counting `others`
 * (stored listings, say) among the places; none of `others` is reported.
 */
export function strayPositions(
	listings: readonly Positioned[],
	others: readonly Positioned[] = []
): Stray[] {
	const byCommune = new Map<string, { lat: number; lon: number; index: number | null }[]>();
	const add = (place: Positioned, index: number | null) => {
		if (!place.code_insee || place.latitude === null || place.longitude === null) return;
		const list = byCommune.get(place.code_insee) ?? [];
		list.push({ lat: place.latitude, lon: place.longitude, index });
		byCommune.set(place.code_insee, list);
	};
	listings.forEach((listing, index) => add(listing, index));
	others.forEach((listing) => add(listing, null));

	const strays: Stray[] = [];
	for (const places of byCommune.values()) {
		if (places.length < MIN_PEERS + 1) continue;
		// With four places or more, one misplaced place barely moves the medians: they are
		// taken once per commune, the place itself included.
		const centre = {
			latitude: median(places.map((p) => p.lat).sort((a, b) => a - b)),
			longitude: median(places.map((p) => p.lon).sort((a, b) => a - b))
		};
		for (const place of places) {
			if (place.index === null) continue;
			const metres = distanceMetres({ latitude: place.lat, longitude: place.lon }, centre)!;
			if (metres > STRAY_METRES) {
				strays.push({ index: place.index, metres, peers: places.length - 1 });
			}
		}
	}
	return strays.sort((a, b) => a.index - b.index);
}
