/**
 * A file too large to import, chosen on the import page: with JavaScript the page refuses it
 * before sending a byte; without JavaScript the form posts it, the server refuses the body,
 * and the error page says why in French. The app runs with MAX_UPLOAD_BYTES at 1 MiB.
 */
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../helpers/app';
import { launchBrowser } from '../helpers/browser';
import { createFirstCoordinator } from '../helpers/journey';

let app: RunningApp;
let browser: Browser;
let signedIn: Awaited<ReturnType<BrowserContext['storageState']>>;

const TOO_BIG = { name: 'lieux.csv', mimeType: 'text/csv', buffer: Buffer.alloc(3 * 1024 * 1024, 0x61) };

beforeAll(async () => {
	app = await startApp({ env: { MAX_UPLOAD_BYTES: String(1024 * 1024), SEED_DEMO: 'false' } });
	browser = await launchBrowser();
	const context = await browser.newContext();
	const page = await context.newPage();
	await createFirstCoordinator(page, app.url);
	signedIn = await context.storageState();
	await context.close();
});

afterAll(async () => {
	await browser?.close();
	await app?.dispose();
});

describe('a file over the import size limit', () => {
	it('is refused by the page before any upload, with the limit in Mo', async () => {
		const context = await browser.newContext({ storageState: signedIn });
		const page = await context.newPage();
		const uploads: string[] = [];
		page.on('request', (request) => {
			if (request.method() === 'POST') uploads.push(request.url());
		});
		await page.goto(`${app.url}/import`);
		await page.waitForLoadState('networkidle');

		const refusal =
			'lieux.csv fait 3 Mo : la limite est de 1 Mo par import. Découpez le fichier, par exemple par département.';
		await page.locator('input[type=file]').setInputFiles(TOO_BIG);
		// Said as soon as the file is chosen, and again if « Analyser » is clicked anyway.
		await expect.poll(() => page.getByRole('alert').textContent()).toBe(refusal);
		await page.getByRole('button', { name: 'Analyser le fichier' }).click();
		await expect.poll(() => page.getByRole('alert').textContent()).toBe(refusal);
		expect(uploads).toEqual([]);
		// A file within the limit clears the message.
		await page.locator('input[type=file]').setInputFiles({ ...TOO_BIG, buffer: Buffer.from('id\n') });
		await expect.poll(() => page.getByRole('alert').count()).toBe(0);
		await context.close();
	});

	it('without JavaScript, gets a French error page naming the limit', async () => {
		const context = await browser.newContext({ storageState: signedIn, javaScriptEnabled: false });
		const page = await context.newPage();
		await page.goto(`${app.url}/import`);

		await page.locator('input[type=file]').setInputFiles(TOO_BIG);
		const [response] = await Promise.all([
			page.waitForResponse((r) => r.request().method() === 'POST'),
			page.getByRole('button', { name: 'Analyser le fichier' }).click()
		]);

		expect(response.status()).toBe(413);
		await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(
			'Fichier trop volumineux'
		);
		expect(await page.locator('main, body').first().textContent()).toContain(
			'Le fichier envoyé dépasse la taille acceptée : 1 Mo au plus par import (MAX_UPLOAD_BYTES).'
		);
		await context.close();
	});
});
