import { describe, expect, test } from 'vitest';
import { commune, communesByPostcode } from '$lib/server/territory';
import sample from '../../../../tests/fixtures/paca-duplicates-sample.json';
import type { ListingFields } from '../standard/fields';
import { readRecord } from '../standard/read-record';
import { DEFAULT_THRESHOLD, findDuplicates } from './find';

const ctx = { geo: { commune, communesByPostcode }, today: '2026-07-01' };

describe('findDuplicates', () => {
	test('flags the rows the national de-duplication dropped in a PACA sample', () => {
		const all = sample.rows.map((row) => readRecord(row, ctx).fields as ListingFields);
		const keptIds = new Set(sample.kept);
		const kept = all.filter((listing) => keptIds.has(listing.id));

		const pairs = findDuplicates(all, kept);
		const flagged = new Set(pairs.map((p) => all[p.incoming].id));
		const truePositives = [...flagged].filter((id) => !keptIds.has(id));
		const falsePositives = [...flagged].filter((id) => keptIds.has(id));

		expect([all.length, kept.length]).toEqual([95, 56]);
		expect(truePositives).toHaveLength(30);
		// Two tiers-lieux the national file kept apart, at the same address in Carpentras.
		expect(falsePositives.map((id) => all.find((l) => l.id === id)?.nom)).toEqual([
			'Le tiers lieu de carpentras',
			'Le FABLAB de Carpentras'
		]);
	});

	test('never pairs a listing with itself and scores only within a postcode or INSEE block', () => {
		const all = sample.rows.map((row) => readRecord(row, ctx).fields as ListingFields);
		const pairs = findDuplicates(all, all, 0);
		expect(pairs.every((p) => p.incoming !== p.existing)).toBe(true);
		expect(
			pairs.every(
				(p) =>
					all[p.incoming].code_postal === all[p.existing].code_postal ||
					all[p.incoming].code_insee === all[p.existing].code_insee
			)
		).toBe(true);
		expect(DEFAULT_THRESHOLD).toBe(70);
	});
});
