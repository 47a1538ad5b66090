/** Opening the database: several processes at once on a new PostgreSQL database. */
import { describe, expect, test } from 'vitest';
import { openDatabase } from '../../src/lib/server/db';
import { listings } from '../../src/lib/server/db/schema';
import { createPostgresDatabase, usingPostgres } from '../helpers/db';

describe.skipIf(!usingPostgres)('a new PostgreSQL database', () => {
	test('opened by four servers at the same moment is migrated once, and all of them work', async () => {
		const created = await createPostgresDatabase();
		try {
			const handles = await Promise.all(
				Array.from({ length: 4 }, () => openDatabase({ databaseUrl: created.url, dataDir: 'memory' }))
			);
			const counts = await Promise.all(handles.map((h) => h.db.$count(listings)));
			await Promise.all(handles.map((h) => h.close()));

			expect(counts).toEqual([0, 0, 0, 0]);
		} finally {
			await created.drop();
		}
	});
});
