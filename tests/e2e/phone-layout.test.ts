/**
 * The coordinator's export page and import report on a 360 px phone: nothing wider than the
 * screen, and the report's findings named in French.
 *
 * The test writes the import batch and the session into the app's database (shared-app.ts).
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as importer from '../../src/lib/server/io/import';
import { withinWidth } from '../helpers/journey';
import { startSharedApp, type SharedApp } from '../helpers/shared-app';
import { coordinator } from '../integration/parties-fixtures';

const PHONE = { width: 360, height: 740 };

let shared: SharedApp;
let token: string;
let batchId: string;

const phonePage = () => shared.pageWith(token, { viewport: PHONE });

/** How far the page reaches sideways: more than the window means sideways scrolling. */
const pageWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

beforeAll(async () => {
	// The app seeds the Puy-de-Dôme sample at its first start: listings to export.
	shared = await startSharedApp();
	const camille = await coordinator(shared.handle.db);
	token = await shared.signIn(camille.id);

	const path = 'tests/fixtures/paca-v01-sample.json';
	const upload = { filename: 'lieux-paca-hub-du-sud-2023.json', bytes: readFileSync(path) };
	batchId = (await importer.analyse(shared.handle.db, upload, camille.id)).batchId;
});

afterAll(() => shared?.stop());

describe('coordinator pages on a phone', () => {
	it('keeps the export page, its export list and its API address within 360 px', async () => {
		const page = await phonePage();
		// An export recorded: the page then offers « Depuis l’export » with dated options.
		const download = await page.request.get(`${shared.app.url}/export/fichier?format=csv`);
		expect(download.status()).toBe(200);
		await page.goto(`${shared.app.url}/export`);

		const since = page.getByLabel('Depuis l’export');
		expect(await since.locator('option').first().textContent()).toMatch(/^\s*n° \d+ du /);
		expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);
		expect(await withinWidth(since)).toBe(true);
		const address = page.locator('code', { hasText: '/api/lieux.csv' }).first();
		expect(await address.textContent()).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/lieux\.csv$/);
		expect(await withinWidth(address)).toBe(true);
	});

	it('shows the import report in one column, each finding named in French', async () => {
		const page = await phonePage();
		await page.goto(`${shared.app.url}/import/${batchId}`);

		expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);
		// The first flagged row reads as a block: its line, then its listing, all on screen.
		const first = page.locator('#lignes tbody tr').first();
		expect(await withinWidth(first)).toBe(true);
		expect(await first.getByRole('rowheader').textContent()).toMatch(/^Élément \d+$/);
		const widths = await first.evaluate((row) =>
			[...row.children].map((cell) => Math.round(cell.getBoundingClientRect().width))
		);
		expect(new Set(widths).size).toBe(1);

		// Codes are in small print beside a French name, never alone.
		const kinds = page.getByRole('region', { name: 'Corrections et remarques par type' });
		const codes = await kinds.locator('.code').allTextContents();
		expect(codes.length).toBeGreaterThan(0);
		const fictive = kinds.getByRole('row', { name: /pivot_fictif/ });
		expect((await fictive.getByRole('cell').first().textContent())!.replace(/\s+/g, ' ')).toMatch(
			/Identifiant de remplissage retiré pivot_fictif/
		);
		const names = await kinds.locator('tbody td[data-label="Type"]').evaluateAll((cells) =>
			cells.map((cell) => {
				const name = cell.cloneNode(true) as HTMLElement;
				name.querySelectorAll('.badge, .code').forEach((part) => part.remove());
				return name.textContent!.trim();
			})
		);
		expect(names.filter((name) => name === '' || /^[a-z0-9_]+$/.test(name))).toEqual([]);
	});
});
