import { describe, expect, test } from 'vitest';
import { strayPositions } from './stray';

/** Four libraries of Clermont-Ferrand (63113) around place de Jaude. */
const CLERMONT = [
	{ code_insee: '63113', latitude: 45.7772, longitude: 3.0822 },
	{ code_insee: '63113', latitude: 45.7797, longitude: 3.0868 },
	{ code_insee: '63113', latitude: 45.7891, longitude: 3.1137 },
	{ code_insee: '63113', latitude: 45.7641, longitude: 3.0934 }
];

describe('strayPositions', () => {
	test('flags a place geocoded in the wrong town, with its distance and the peers counted', () => {
		// Thiers, 36 km east, under Clermont-Ferrand's INSEE code.
		const misplaced = { code_insee: '63113', latitude: 45.8563, longitude: 3.5475 };
		const strays = strayPositions([...CLERMONT, misplaced]);

		expect(strays).toHaveLength(1);
		expect(strays[0]).toMatchObject({ index: 4, peers: 4 });
		expect(Math.round(strays[0].metres / 1000)).toBe(36);
	});

	test('counts stored places among the peers without reporting them', () => {
		const misplaced = { code_insee: '63113', latitude: 45.8563, longitude: 3.5475 };
		expect(strayPositions([misplaced], CLERMONT).map((s) => s.index)).toEqual([0]);
		expect(strayPositions([CLERMONT[0]], [...CLERMONT.slice(1), misplaced])).toEqual([]);
	});

	test('says nothing with fewer than three other places, or without code or position', () => {
		const misplaced = { code_insee: '63113', latitude: 45.8563, longitude: 3.5475 };
		expect(strayPositions([...CLERMONT.slice(0, 2), misplaced])).toEqual([]);
		expect(strayPositions([...CLERMONT, { ...misplaced, code_insee: null }])).toEqual([]);
		expect(strayPositions([...CLERMONT, { ...misplaced, latitude: null }])).toEqual([]);
	});
});
