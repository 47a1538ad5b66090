/**
 * Export then re-import gives back the same listings, field for field, for every file shaped
 * like the standard: small samples always (tests/fixtures), and the real files of
 * /work/shared/data when that folder is present. Each export also passes the independent
 * Table Schema check.
 */
import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ListingFields } from '../../src/lib/domain/standard/fields';
import type { Database } from '../../src/lib/server/db';
import { importBatches, listings } from '../../src/lib/server/db/schema';
import { exportListings, type ExportFormat } from '../../src/lib/server/io/export';
import * as importer from '../../src/lib/server/io/import';
import { toFields } from '../../src/lib/server/listings';
import { testDatabase, type TestDatabase } from '../helpers/db';
import { checkCsv, checkJson, loadSchema } from '../helpers/table-schema';

const SHARED = '/work/shared/data';
const FIXTURES = new URL('../fixtures/', import.meta.url);

const SAMPLES = [
	new URL('lamednum-exemple-valide-v1.0.2.csv', FIXTURES),
	new URL('paca-v1-derived-sample.csv', FIXTURES),
	new URL('paca-v01-sample.json', FIXTURES),
	new URL('cnfs-puy-de-dome-sample.json', FIXTURES),
	new URL('../../src/lib/server/seed/hinaura-puy-de-dome-2023.json', import.meta.url)
].map((url) => url.pathname);

/** The real files that follow the standard (v0.1, v1, or the CNFS draft of it). */
const REAL = [
	'lamednum_exemple-valide_v0.1.0.csv',
	'lamednum_exemple-valide_v1.0.2.csv',
	'aura_hinaura_2023_standard-v0.1.json',
	'paca_hub-du-sud_2023-05-16_standard-v0.1.json',
	'paca_hub-du-sud_2023-05-17_standard-v1.json',
	'paca_hub-du-sud_2023-05-17_standard-v1_DERIVED.csv',
	'national_conseillers-numeriques_2022-07_pre-standard.json'
].map((name) => `${SHARED}/${name}`);
const haveShared = existsSync(SHARED);
if (!haveShared) {
	console.warn(`${SHARED} is absent: the round trip runs on the samples of tests/fixtures only.`);
}

const FORMATS: ExportFormat[] = ['csv', 'json', 'geojson'];
const v102 = loadSchema('1.0.2');

let source: TestDatabase;
let copy: TestDatabase;
beforeAll(async () => {
	[source, copy] = await Promise.all([testDatabase(), testDatabase()]);
});
afterAll(async () => {
	await Promise.all([source?.dispose(), copy?.dispose()]);
});

async function importInto(db: Database, filename: string, bytes: Uint8Array) {
	await db.delete(listings);
	await db.delete(importBatches);
	const { batchId, report } = await importer.analyse(db, { filename, bytes }, null, {
		today: '2025-06-01'
	});
	await importer.apply(db, batchId, null);
	const rows = await db.select().from(listings);
	return { report, byId: new Map<string, ListingFields>(rows.map((r) => [r.id, toFields(r)])) };
}

function roundTrip(path: string) {
	const name = path.split('/').pop()!;
	test(`${name}: CSV, JSON and GeoJSON exports re-import to the same listings and pass the schema`, async () => {
		const original = await importInto(source.db, name, readFileSync(path));
		expect(original.byId.size).toBe(original.report.counts.rows - original.report.counts.rejected);
		expect(original.byId.size).toBeGreaterThan(0);

		for (const format of FORMATS) {
			const file = await exportListings(source.db, { format, today: '2025-06-01' });
			if (format === 'csv') expect(checkCsv(file.body, v102)).toEqual([]);
			if (format === 'json') expect(checkJson(JSON.parse(file.body), v102)).toEqual([]);

			const again = await importInto(copy.db, file.filename, new TextEncoder().encode(file.body));
			expect(again.report.counts.rejected, `${format}: rejected rows`).toBe(0);
			expect([...again.byId.keys()].sort(), format).toEqual([...original.byId.keys()].sort());
			for (const [id, fields] of original.byId) {
				expect(again.byId.get(id), `${format}, listing ${id}`).toEqual(fields);
			}
		}
	});
}

describe('round trip on the samples of tests/fixtures', () => {
	for (const path of SAMPLES) roundTrip(path);
});

describe.skipIf(!haveShared)(`round trip on the real files of ${SHARED}`, () => {
	for (const path of REAL) roundTrip(path);
});
