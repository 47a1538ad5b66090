/**
 * Steps of a carto party as people take them in the browser, shared by the browser tests.
 */
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

export async function createFirstCoordinator(page: Page, appUrl: string) {
	await page.goto(appUrl);
	await page.waitForURL(/\/setup$/);
	await page.waitForLoadState('networkidle');
	await page.getByLabel('Identifiant').fill('camille');
	await page.getByLabel('Nom affiché').fill('Camille Martin');
	await page.getByLabel('Mot de passe').fill('une phrase de passe solide');
	await page.getByRole('button', { name: 'Créer le compte et commencer' }).click();
	await page.waitForURL((url) => !url.pathname.startsWith('/setup'));
}

/** Creates a party on a territory chosen by name; returns its join link on this app. */
export async function createParty(page: Page, appUrl: string, title: string, territory: string) {
	await page.goto(`${appUrl}/parties`);
	await page.waitForLoadState('networkidle');
	await page.getByLabel('Titre').fill(title);
	await page.getByRole('combobox').pressSequentially(territory, { delay: 20 });
	await page.getByRole('option', { name: new RegExp(territory) }).first().click();
	await expect.poll(() => page.locator('.chosen').textContent()).toContain(territory);
	await page.getByRole('button', { name: 'Créer la carto party' }).click();
	await page.waitForURL(/\/parties\/[0-9a-f-]{36}$/);
	const joinUrl = await page.getByLabel('Lien à partager').inputValue();
	expect(joinUrl).toMatch(/\/join\/[a-z0-9]+$/);
	return joinUrl.replace(/^https?:\/\/[^/]+/, appUrl);
}

/** Joins with a display name, opens a listing and waits until its draft is in sync. */
export async function joinAndOpen(page: Page, joinUrl: string, name: string, listing: string) {
	await page.goto(joinUrl);
	await page.waitForLoadState('networkidle');
	await page.getByLabel('Votre prénom ou pseudo').fill(name);
	await page.getByRole('button', { name: 'Rejoindre la carto party' }).click();
	await page.waitForURL(/\/p\/[0-9a-f-]{36}/);
	await page.getByRole('link', { name: new RegExp(listing) }).click();
	await expect.poll(() => page.getByRole('status').textContent()).toContain('synchronisé');
}

/** Opens a listing of a party from its list and waits until its draft is in sync. */
export async function openListing(page: Page, partyUrl: string, listing: string) {
	await page.goto(partyUrl);
	await page.getByRole('link', { name: new RegExp(listing) }).click();
	await expect.poll(() => page.getByRole('status').textContent()).toContain('synchronisé');
}

/** Whether the element is entirely inside the browser window, as the person sees it now. */
export function onScreen(locator: Locator): Promise<boolean> {
	return locator.evaluate((element) => {
		const box = element.getBoundingClientRect();
		return box.top >= 0 && box.bottom <= window.innerHeight && box.right <= window.innerWidth;
	});
}

/** Whether the element lies within the window's width (wherever it is up or down the page). */
export function withinWidth(locator: Locator): Promise<boolean> {
	return locator.evaluate((element) => {
		const box = element.getBoundingClientRect();
		return box.left >= 0 && box.right <= document.documentElement.clientWidth;
	});
}

/** The id of the element that has the keyboard focus. */
export function focusedId(page: Page): Promise<string | undefined> {
	return page.evaluate(() => document.activeElement?.id);
}
