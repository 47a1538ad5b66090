import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { importBatches, listingRevisions, listings } from '../../src/lib/server/db/schema';
import { removeSample, sampleListingCount, seedIfEmpty } from '../../src/lib/server/io/seed';
import { testDatabase, type TestDatabase } from '../helpers/db';

let handle: TestDatabase;
beforeAll(async () => {
	handle = await testDatabase();
});
afterAll(() => handle?.dispose());

describe('the bundled sample', () => {
	test('an empty database gets the 54 Puy-de-Dôme listings through the real import', async () => {
		expect(await seedIfEmpty(handle.db)).toBe(true);

		const [{ n }] = await handle.db.select({ n: count() }).from(listings);
		const [{ revisions }] = await handle.db
			.select({ revisions: count() })
			.from(listingRevisions)
			.where(eq(listingRevisions.kind, 'import'));
		const batches = await handle.db.select().from(importBatches);
		expect(n).toBe(54);
		expect(revisions).toBe(54);
		expect(batches.map((b) => [b.filename, b.status, b.rowCount])).toEqual([
			['hinaura-puy-de-dome-2023.json', 'applied', 54]
		]);
	});

	test('the 11 Clermont-Ferrand rows, spelt five ways, all get INSEE code 63113 and one spelling', async () => {
		const rows = await handle.db
			.select({ commune: listings.commune, code_postal: listings.code_postal })
			.from(listings)
			.where(eq(listings.code_insee, '63113'));

		expect(rows).toHaveLength(11);
		expect(new Set(rows.map((r) => r.commune))).toEqual(new Set(['Clermont-Ferrand']));
	});

	test('a database that has listings is left alone', async () => {
		expect(await seedIfEmpty(handle.db)).toBe(false);
		const [{ n }] = await handle.db.select({ n: count() }).from(listings);
		const batches = await handle.db.select({ id: importBatches.id }).from(importBatches);

		expect(n).toBe(54);
		expect(batches).toHaveLength(1);
	});

	test('can be removed at first start, except the listings someone already changed', async () => {
		const [edited] = await handle.db
			.update(listings)
			.set({ version: 2, nom: 'Médiathèque modifiée' })
			.where(eq(listings.code_insee, '63113'))
			.returning({ uid: listings.uid })
			.then((rows) => rows.slice(0, 1));
		expect(await sampleListingCount(handle.db)).toBe(43);

		expect(await removeSample(handle.db)).toBe(43);

		const left = await handle.db.select({ uid: listings.uid }).from(listings);
		expect(left.length).toBe(11);
		expect(left.map((l) => l.uid)).toContain(edited.uid);
		expect(await sampleListingCount(handle.db)).toBe(0);
		expect(await removeSample(handle.db)).toBe(0);
	});
});
