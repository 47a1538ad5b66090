import { describe, expect, test } from 'vitest';
import { formatDate, formatDay, parisToday } from './date-time';

// 22:05 UTC on 14 July 2025 is already 15 July in Paris (summer time, UTC+2).
const SUMMER_NIGHT = new Date('2025-07-14T22:05:00Z');
// 11:30 UTC on 4 December 2026 is 12:30 in Paris (winter time, UTC+1).
const WINTER_NOON = new Date('2026-12-04T11:30:00Z');

describe('formatDate', () => {
	test('writes moments in Paris time, summer and winter', () => {
		expect(formatDate(SUMMER_NIGHT)).toBe('15 juillet 2025 à 00:05');
		expect(formatDate(WINTER_NOON)).toBe('4 décembre 2026 à 12:30');
	});

	test('has a short form, a date-only form and a time-only form', () => {
		expect(formatDate(SUMMER_NIGHT, 'short')).toBe('15/07/2025 00:05');
		expect(formatDate(SUMMER_NIGHT, 'date')).toBe('15 juillet 2025');
		expect(formatDate(WINTER_NOON, 'time')).toBe('12:30');
	});

	test('writes the first of the month as an ordinal', () => {
		expect(formatDate(new Date('2025-05-01T08:00:00Z'))).toBe('1er mai 2025 à 10:00');
		expect(formatDate(new Date('2025-05-01T08:00:00Z'), 'short')).toBe('01/05/2025 10:00');
	});

	test('reads the ISO text a date becomes in JSON', () => {
		expect(formatDate('2026-12-04T11:30:00.000Z')).toBe('4 décembre 2026 à 12:30');
	});
});

describe('formatDay', () => {
	test('writes a calendar date as it is, whatever the zone', () => {
		expect(formatDay('2024-04-02')).toBe('2 avril 2024');
		expect(formatDay('1970-01-01')).toBe('1er janvier 1970');
		expect(formatDay('2025-05-11')).toBe('11 mai 2025');
	});
});

describe('parisToday', () => {
	test("gives the French calendar date, not UTC's", () => {
		expect(parisToday(SUMMER_NIGHT)).toBe('2025-07-15');
		expect(parisToday(WINTER_NOON)).toBe('2026-12-04');
	});
});
