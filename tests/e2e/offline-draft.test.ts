/**
 * Weak wifi: a participant edits while offline, reloads the page without a connection, and the
 * edit is still there; back online, the other participant receives it.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../helpers/app';
import { launchBrowser, openPage } from '../helpers/browser';
import { createFirstCoordinator, createParty, joinAndOpen } from '../helpers/journey';

const LISTING = 'Mairie annexe des Vergnes';

let app: RunningApp;
let browser: Browser;

beforeAll(async () => {
	app = await startApp();
	browser = await launchBrowser();
});

afterAll(async () => {
	await browser?.close();
	await app?.dispose();
});

describe('an edit made offline', () => {
	it('survives a reload without network and reaches the others once back online', async () => {
		const { page: coordinator } = await openPage(browser);
		await createFirstCoordinator(coordinator, app.url);
		const joinUrl = await createParty(coordinator, app.url, 'Party hors ligne', 'Clermont-Ferrand');

		const { context: leaContext, page: lea } = await openPage(browser);
		const { page: noe } = await openPage(browser);
		await joinAndOpen(lea, joinUrl, 'Léa', LISTING);
		await joinAndOpen(noe, joinUrl, 'Noé', LISTING);

		// Once the service worker controls the page, a reload puts the page in its cache.
		await lea.evaluate(() => navigator.serviceWorker.ready.then(() => true));
		await lea.reload();
		await expect.poll(() => lea.evaluate(() => Boolean(navigator.serviceWorker.controller))).toBe(true);
		await expect.poll(() => lea.getByRole('status').textContent()).toContain('synchronisé');

		const complement = (page: Page) => page.getByLabel("Complément d'adresse", { exact: true });
		await leaContext.setOffline(true);
		await expect.poll(() => lea.getByRole('status').textContent()).toContain('hors ligne');
		await complement(lea).click();
		await complement(lea).pressSequentially('Porte 3');
		await expect
			.poll(() => lea.getByRole('status').textContent())
			.toMatch(/hors ligne — \d+ modifications? en attente/);

		// Still offline, a reload brings the page back from the cache and the edit from the
		// browser's own storage.
		await lea.reload();
		await expect.poll(() => complement(lea).inputValue(), { timeout: 15_000 }).toBe('Porte 3');
		await expect.poll(() => lea.getByRole('status').textContent()).toContain('hors ligne');
		expect(await complement(noe).inputValue()).toBe('');

		// Back online, the draft merges and Noé sees it.
		await leaContext.setOffline(false);
		await expect
			.poll(() => lea.getByRole('status').textContent(), { timeout: 20_000 })
			.toContain('synchronisé');
		await expect.poll(() => complement(noe).inputValue(), { timeout: 10_000 }).toBe('Porte 3');
	});
});
