/**
 * Every link to a file in the interface downloads the file, in Chromium, after the app has
 * started: a link to an endpoint must not go through the client router, which knows only
 * pages and would log « Not found » before loading it.
 *
 * The test commits a change beside the app, so both share one PostgreSQL database (PGlite
 * cannot be opened by two processes): DATABASE_URL, or the local server.
 */
import { readFileSync } from 'node:fs';
import { and, eq } from 'drizzle-orm';
import type { Browser, Download, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../src/lib/server/db';
import { listings, users } from '../../src/lib/server/db/schema';
import { writeChange } from '../../src/lib/server/listings/commit';
import { startApp, type RunningApp } from '../helpers/app';
import { launchBrowser } from '../helpers/browser';
import { createPostgresDatabase } from '../helpers/db';
import { createFirstCoordinator } from '../helpers/journey';

const ADMIN_URL = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

let database: { url: string; drop(): Promise<void> };
let app: RunningApp;
let handle: DatabaseHandle;
let browser: Browser;
let page: Page;
/** What the page logged as errors: the client router logs « Not found » for an endpoint. */
const errors: string[] = [];

beforeAll(async () => {
	database = await createPostgresDatabase(ADMIN_URL);
	app = await startApp({ database: { url: database.url } });
	handle = await openDatabase({ databaseUrl: database.url, dataDir: 'memory' });
	browser = await launchBrowser();
	page = await browser.newPage();
	page.on('pageerror', (error) => errors.push(error.message));
	page.on('console', (message) => {
		if (message.type() === 'error') errors.push(message.text());
	});
	await createFirstCoordinator(page, app.url);
});

afterAll(async () => {
	await browser?.close();
	await handle?.close();
	await app?.stop();
	await database?.drop();
});

/** An approved change to a Clermont-Ferrand listing of the sample, which came from Hinaura. */
async function approveChange() {
	const db = handle.db;
	const [author] = await db.select().from(users).where(eq(users.username, 'camille'));
	await db.transaction(async (tx) => {
		const [row] = await tx
			.select()
			.from(listings)
			.where(and(eq(listings.code_insee, '63113'), eq(listings.source, 'Hinaura')))
			.limit(1)
			.for('update');
		const values = { telephone: '+33473123456' };
		await writeChange(tx, row, { kind: 'commit', values, authorId: author.id });
	});
}

/** Opens a page and waits for the client router to be running. */
async function open(path: string) {
	await page.goto(`${app.url}${path}`);
	await page.waitForLoadState('networkidle');
}

/** Clicks a link as a person would; the page stays where it was and a file arrives. */
async function download(link: Locator): Promise<{ file: Download; text: string }> {
	const before = page.url();
	expect(await link.getAttribute('download')).not.toBeNull();
	errors.length = 0;
	const [file] = await Promise.all([page.waitForEvent('download'), link.click()]);
	expect(page.url()).toBe(before);
	expect(errors).toEqual([]);
	return { file, text: readFileSync(await file.path(), 'utf8') };
}

describe('links to files', () => {
	it('download the change log, the corrections for a source and every export', async () => {
		await approveChange();
		await open('/export?territoire=commune:63113');
		const links = page.locator('a[href^="/export/"]');
		const hrefs = await links.evaluateAll((all) => all.map((a) => a.getAttribute('href')));
		expect(hrefs).toEqual([
			'/export/fichier?format=csv&territoire=commune%3A63113',
			'/export/fichier?format=json&territoire=commune%3A63113',
			'/export/fichier?format=geojson&territoire=commune%3A63113',
			'/export/fichier?format=tableur&territoire=commune%3A63113',
			'/export/journal.csv?territoire=commune%3A63113',
			'/export/source.csv?source=Hinaura&territoire=commune%3A63113'
		]);

		const hinaura = await download(page.getByRole('link', { name: 'Hinaura' }));
		expect(hinaura.file.suggestedFilename()).toMatch(/_Hinaura_modifications-validees\.csv$/);
		const corrections = hinaura.text.trimEnd().split(/\r?\n/);
		expect(corrections).toHaveLength(2);
		expect(corrections[1]).toMatch(/,telephone,Téléphone,.*,\+33473123456,/);

		// Before any export, every listing of the territory is new to the change log.
		const log = await download(page.getByRole('link', { name: /journal des modifications/ }));
		const logLines = log.text.replace(/^\uFEFF/, '').trimEnd().split(/\r?\n/);
		expect(logLines[0]).toBe('changement;id;nom;commune;champs_modifies');
		const kinds = logLines.slice(1).map((line) => line.split(';')[0]);
		expect(kinds).toEqual(Array(11).fill('ajoutée'));

		const csv = await download(page.getByRole('link', { name: 'CSV du standard' }));
		const standardName = /^[\d-]{10}_cartoparty_lieux-de-mediation-numerique_Clermont-Ferrand\.csv$/;
		expect(csv.file.suggestedFilename()).toMatch(standardName);
		expect(csv.text.split('\n')[0]).toMatch(/^"?id"?,"?pivot"?,"?nom"?/);
		expect(csv.text.trimEnd().split('\n')).toHaveLength(12);

		const json = await download(page.getByRole('link', { name: 'JSON', exact: true }));
		expect(JSON.parse(json.text)).toHaveLength(11);

		const geojson = await download(page.getByRole('link', { name: 'GeoJSON' }));
		expect(JSON.parse(geojson.text)).toMatchObject({ type: 'FeatureCollection' });

		const sheet = await download(page.getByRole('link', { name: /CSV pour tableur/ }));
		expect(sheet.text.split('\n')[0]).toContain(';');

	});

	it('download the report of an import and the remarks on the standard', async () => {
		await open('/import');
		const fixture = 'tests/fixtures/lamednum-exemple-valide-v1.0.2.csv';
		await page.locator('input[type="file"]').setInputFiles(fixture);
		await page.getByRole('button', { name: 'Analyser le fichier' }).click();
		await page.waitForURL(/\/import\/[0-9a-f-]{36}$/);
		await page.waitForLoadState('networkidle');
		const report = await download(page.getByRole('link', { name: /rapport complet/ }));
		expect(report.text.replace(/^\uFEFF/, '').split(/\r?\n/)[0]).toBe(
			'ligne;id;nom;statut;action;champ;gravite;code;message;avant;apres'
		);

		await open('/feedback');
		const remarks = await download(page.getByRole('link', { name: 'Télécharger en CSV' }));
		expect(remarks.file.suggestedFilename()).toMatch(/\.csv$/);
	});
});
