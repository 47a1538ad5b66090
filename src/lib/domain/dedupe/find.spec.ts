import { describe, expect, test } from 'vitest';
import { commune, communesByPostcode } from '$lib/server/territory';
import sample from '../../../../tests/fixtures/paca-duplicates-sample.json';
import type { ListingFields } from '../standard/fields';
import { readRecord } from '../standard/read-record';
import { DEFAULT_THRESHOLD, findDuplicates, type DedupeListing } from './find';

const ctx = { geo: { commune, communesByPostcode }, today: '2026-07-01' };

describe('findDuplicates', () => {
	test('flags the rows the national de-duplication dropped in a PACA sample', () => {
		const all = sample.rows.map((row) => readRecord(row, ctx).fields as ListingFields);
		const keptIds = new Set(sample.kept);
		const kept = all.filter((listing) => keptIds.has(listing.id));

		const { pairs } = findDuplicates(all, kept);
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
		const { pairs } = findDuplicates(all, all, { threshold: 0 });
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

describe('findDuplicates on a huge block', () => {
	/** 4 000 places in one postcode, on 50 streets, plus one planted duplicate pair. */
	function cityFile(): DedupeListing[] {
		const streets = Array.from({ length: 50 }, (_, s) => `rue numéro ${s} de la ville`);
		const rows: DedupeListing[] = Array.from({ length: 4000 }, (_, i) => ({
			id: `p-${i}`,
			nom: `Lieu ${i} ${String.fromCharCode(97 + (i % 26))}${i % 97}`,
			adresse: `${1 + (i % 200)} ${streets[i % 50]}`,
			code_postal: '13001',
			code_insee: '13201',
			latitude: 43.29 + (i % 100) * 0.001,
			longitude: 5.37 + Math.floor(i / 100) * 0.001,
			pivot: null,
			telephone: null,
			courriels: []
		}));
		rows[123] = { ...rows[123], nom: 'Médiathèque Saint-Charles', adresse: '8 boulevard Voltaire' };
		rows[3876] = { ...rows[3876], nom: 'Mediatheque St Charles', adresse: '8 bd Voltaire' };
		return rows;
	}

	test('bounds the work, keeps few matches per row, and still finds a planted pair', () => {
		const rows = cityFile();
		const search = findDuplicates(rows, rows, { within: true, perListing: 3, maxCandidates: 100 });
		const perRow = new Map<number, number>();
		for (const pair of search.pairs) {
			expect(pair.existing).toBeLessThan(pair.incoming);
			perRow.set(pair.incoming, (perRow.get(pair.incoming) ?? 0) + 1);
		}
		expect(Math.max(...perRow.values())).toBeLessThanOrEqual(3);
		expect(search.narrowed).toBe(4000 - 100 - 1);
		expect(search.pairs.find((p) => p.incoming === 3876)).toMatchObject({
			existing: 123,
			reasons: expect.arrayContaining(['même adresse'])
		});
	});

	test('a new listing is found among the stored ones of a huge block through a specific key', () => {
		const stored = cityFile();
		const twin = { ...stored[123], id: 'nouveau', nom: 'Médiathèque St-Charles' };
		const search = findDuplicates([twin], stored, { maxCandidates: 100 });
		expect(search.narrowed).toBe(1);
		expect(search.truncated).toBe(0);
		expect(search.pairs.map((p) => p.existing)).toContain(123);
	});

	test('10 000 identical rows: each is compared with a bounded number of rows before it', () => {
		const same: DedupeListing = {
			id: '',
			nom: 'Espace numérique',
			adresse: '1 place de la Mairie',
			code_postal: '63000',
			code_insee: '63113',
			latitude: 45.77,
			longitude: 3.08,
			pivot: '21630113500017',
			telephone: '+33473000000',
			courriels: ['contact@exemple.fr']
		};
		const rows = Array.from({ length: 10_000 }, (_, i) => ({ ...same, id: `same-${i}` }));
		const search = findDuplicates(rows, rows, { within: true, perListing: 2, maxCandidates: 50 });
		expect(search.pairs).toHaveLength(2 * (10_000 - 1) - 1);
		expect(search.truncated).toBe(10_000 - 51);
		// The nearest rows before come first among equal scores.
		expect(search.pairs.filter((p) => p.incoming === 5000).map((p) => p.existing)).toEqual([
			4950, 4951
		]);
	});
});
