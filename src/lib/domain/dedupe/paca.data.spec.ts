/**
 * Precision and recall of duplicate detection on the PACA hub files of /work/shared/data
 * (skipped when the folder is absent). The 2023-05-17 file is the 2023-05-16 one after the
 * national de-duplication: the 146 rows it dropped are duplicates of rows it kept.
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { commune, communesByPostcode } from '$lib/server/territory';
import type { ListingFields } from '../standard/fields';
import { readRecord } from '../standard/read-record';
import { DEFAULT_THRESHOLD, findDuplicates } from './find';

const DATA = '/work/shared/data';
const load = (name: string) =>
	JSON.parse(readFileSync(`${DATA}/${name}`, 'utf8')) as Record<string, unknown>[];

describe.skipIf(!existsSync(DATA))('duplicates in the PACA hub files', () => {
	test('finds most of the 146 rows the national de-duplication dropped', () => {
		const ctx = { geo: { commune, communesByPostcode }, today: '2026-07-01' };
		const all = load('paca_hub-du-sud_2023-05-16_standard-v0.1.json').map(
			(row) => readRecord(row, ctx).fields as ListingFields
		);
		const keptIds = new Set(load('paca_hub-du-sud_2023-05-17_standard-v1.json').map((r) => r.id));
		const kept = all.filter((listing) => keptIds.has(listing.id));

		const started = performance.now();
		const { pairs } = findDuplicates(all, kept, { threshold: 0 });
		const elapsed = performance.now() - started;

		const rows: string[] = [];
		for (const threshold of [40, 50, 55, 60, 65, 70, 80]) {
			const flagged = new Set(
				pairs.filter((p) => p.score >= threshold).map((p) => all[p.incoming].id)
			);
			const truePositives = [...flagged].filter((id) => !keptIds.has(id)).length;
			const precision = truePositives / flagged.size;
			const recall = truePositives / (all.length - kept.length);
			rows.push(
				`${threshold}: flagged ${flagged.size}, TP ${truePositives}, P ${precision.toFixed(3)}, R ${recall.toFixed(3)}`
			);
			if (threshold === DEFAULT_THRESHOLD) {
				expect(precision).toBeGreaterThan(0.8);
				expect(recall).toBeGreaterThan(0.85);
			}
		}
		// Rows the national file kept although they pair with another kept row: mostly places at
		// the very same address, i.e. duplicates the national pass missed.
		const kept70 = pairs.filter(
			(p) => p.score >= DEFAULT_THRESHOLD && keptIds.has(all[p.incoming].id)
		);
		const sameAddress = new Set(
			kept70.filter((p) => p.reasons.includes('même adresse')).map((p) => p.incoming)
		);
		const flaggedKept = new Set(kept70.map((p) => p.incoming));
		rows.push(
			`kept rows flagged at ${DEFAULT_THRESHOLD}: ${flaggedKept.size}, same address: ${sameAddress.size}`
		);
		console.log(`${all.length} × ${kept.length} in ${elapsed.toFixed(0)} ms\n${rows.join('\n')}`);
		expect(all.length - kept.length).toBe(146);
	});
});
