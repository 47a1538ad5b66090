const EARTH_RADIUS = 6_371_000;
const RADIANS = Math.PI / 180;

/** Great-circle distance in metres (haversine), or null when a position is missing. */
export function distanceMetres(
	a: { latitude: number | null; longitude: number | null },
	b: { latitude: number | null; longitude: number | null }
): number | null {
	if (a.latitude === null || a.longitude === null || b.latitude === null || b.longitude === null) {
		return null;
	}
	const dLat = (b.latitude - a.latitude) * RADIANS;
	const dLon = (b.longitude - a.longitude) * RADIANS;
	const h =
		Math.sin(dLat / 2) ** 2 +
		Math.cos(a.latitude * RADIANS) * Math.cos(b.latitude * RADIANS) * Math.sin(dLon / 2) ** 2;
	return 2 * EARTH_RADIUS * Math.asin(Math.sqrt(h));
}
