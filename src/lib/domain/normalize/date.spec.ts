import { describe, expect, test } from 'vitest';
import { isIsoDate, normalizeDate } from './date';

const TODAY = '2026-07-01';

describe('normalizeDate', () => {
	test('keeps an ISO date without any remark', () => {
		expect(normalizeDate('2023-05-11', TODAY)).toEqual({ value: '2023-05-11', issues: [] });
	});

	test('keeps the national "unknown date" as it is', () => {
		expect(normalizeDate('1970-01-01', TODAY)).toEqual({ value: '1970-01-01', issues: [] });
	});

	test('reads French dates, dates with a time and Unix timestamps', () => {
		expect(normalizeDate('01/01/1970', TODAY).value).toBe('1970-01-01');
		expect(normalizeDate('5/3/2016', TODAY).value).toBe('2016-03-05');
		expect(normalizeDate('2025-09-15T08:23:00Z', TODAY)).toEqual({
			value: '2025-09-15',
			issues: [
				{
					field: 'date_maj',
					severity: 'warning',
					code: 'date_format',
					message: 'Date de mise à jour : « 2025-09-15T08:23:00Z » réécrite « 2025-09-15 ».',
					before: '2025-09-15T08:23:00Z',
					after: '2025-09-15'
				}
			]
		});
		expect(normalizeDate('2022/06/02 12:00:00', TODAY).value).toBe('2022-06-02');
		expect(normalizeDate('1652054400', TODAY).value).toBe('2022-05-09');
	});

	test('marks a missing date as unknown instead of inventing one', () => {
		expect(normalizeDate(undefined, TODAY)).toMatchObject({
			value: '1970-01-01',
			issues: [{ severity: 'warning', code: 'date_inconnue', before: null, after: '1970-01-01' }]
		});
	});

	test('marks an unreadable date as unknown and keeps the text aside', () => {
		expect(normalizeDate('mai 2022', TODAY)).toMatchObject({
			value: '1970-01-01',
			setAside: 'mai 2022',
			issues: [{ severity: 'error', code: 'date_invalide' }]
		});
		expect(normalizeDate('2023-02-30', TODAY).issues[0].code).toBe('date_invalide');
	});

	test('warns about dates in the future', () => {
		expect(normalizeDate('2027-01-01', TODAY).issues.map((i) => i.code)).toEqual(['date_future']);
	});
});

describe('isIsoDate', () => {
	test('accepts only real calendar dates', () => {
		expect(isIsoDate('2024-02-29')).toBe(true);
		expect(isIsoDate('2023-02-29')).toBe(false);
		expect(isIsoDate('2023-5-1')).toBe(false);
	});
});
