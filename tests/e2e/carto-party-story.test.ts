/**
 * The whole story, in Chromium, through the interface only, on the real Puy-de-Dôme sample the
 * app seeds at first start: a coordinator creates the first account and a party on
 * Clermont-Ferrand; two participants join by its link, edit one listing at the same time
 * (different fields, then the same field) and see each other live; one listing is confirmed
 * unchanged, the other submitted; the coordinator accepts some fields and rejects one; the
 * export then holds exactly the accepted values.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parisToday } from '../../src/lib/i18n/date-time';
import { startApp, type RunningApp } from '../helpers/app';
import { launchBrowser, openPage } from '../helpers/browser';
import { createFirstCoordinator, createParty, joinAndOpen } from '../helpers/journey';

const EDITED = 'Mairie annexe des Vergnes';
const CONFIRMED = 'Maison des solidarités Amadéo';

let app: RunningApp;
let browser: Browser;
async function newPage(): Promise<Page> {
	return (await openPage(browser)).page;
}

beforeAll(async () => {
	app = await startApp();
	browser = await launchBrowser();
});

afterAll(async () => {
	await browser?.close();
	await app?.dispose();
});

describe('a carto party from first start to the published file', () => {
	it('carries accepted corrections, and only those, into the export', async () => {
		// The coordinator's first visit creates the account, then a party on Clermont-Ferrand.
		const coordinator = await newPage();
		await createFirstCoordinator(coordinator, app.url);
		const joinUrl = await createParty(
			coordinator,
			app.url,
			'Carto party à la médiathèque de Jaude',
			'Clermont-Ferrand'
		);
		// The board lists the Clermont-Ferrand listings of the sample.
		await expect.poll(() => coordinator.getByText(EDITED).count()).toBeGreaterThan(0);

		// Two participants join with a name only and open the same listing.
		const [lea, noe] = [await newPage(), await newPage()];
		await joinAndOpen(lea, joinUrl, 'Léa', EDITED);
		await joinAndOpen(noe, joinUrl, 'Noé', EDITED);

		// Each sees the other on the listing.
		await expect
			.poll(() => lea.getByRole('region', { name: 'Personnes présentes' }).textContent())
			.toContain('Noé');

		// Different fields at once: each sees the other's keystrokes.
		const phone = (page: Page) => page.getByLabel('Téléphone', { exact: true });
		const summary = (page: Page) => page.getByLabel('Présentation courte', { exact: true });
		await phone(lea).fill('');
		await summary(noe).click();
		await Promise.all([
			phone(lea).pressSequentially('04 73 42 63 61', { delay: 30 }),
			summary(noe).pressSequentially('Accès libre aux ordinateurs', { delay: 30 })
		]);
		await expect.poll(() => phone(noe).inputValue()).toBe('04 73 42 63 61');
		await expect.poll(() => summary(lea).inputValue()).toBe('Accès libre aux ordinateurs');

		// The same field at once, one typing at its start, the other at its end: both insertions
		// survive, in the same order everywhere.
		const complement = (page: Page) => page.getByLabel("Complément d'adresse", { exact: true });
		await complement(lea).pressSequentially('Rez-de-chaussée');
		await expect.poll(() => complement(noe).inputValue()).toBe('Rez-de-chaussée');
		await complement(lea).press('End');
		await complement(noe).click();
		await complement(noe).press('Home');
		await Promise.all([
			complement(lea).pressSequentially(', porte 2', { delay: 35 }),
			complement(noe).pressSequentially('Entrée B, ', { delay: 35 })
		]);
		const merged = 'Entrée B, Rez-de-chaussée, porte 2';
		await expect.poll(() => complement(lea).inputValue()).toBe(merged);
		await expect.poll(() => complement(noe).inputValue()).toBe(merged);
		// A telephone in the standard's international form, fixed by the participant.
		await phone(lea).fill('+33473426361');
		await expect.poll(() => lea.getByRole('status').textContent()).toContain('synchronisé');

		// Léa submits; Noé confirms another listing unchanged.
		await lea.getByRole('button', { name: 'Soumettre les modifications' }).click();
		await lea.getByRole('button', { name: "Confirmer l'envoi" }).click();
		await expect.poll(() => lea.locator('.notice.success').count()).toBe(1);
		await expect
			.poll(() => lea.getByRole('link', { name: new RegExp(EDITED) }).textContent())
			.toContain('Proposée');

		await noe.getByRole('link', { name: new RegExp(CONFIRMED) }).click();
		await expect.poll(() => noe.getByRole('status').textContent()).toContain('synchronisé');
		await noe.getByRole('button', { name: 'Vérifié, rien à changer' }).click();
		await expect.poll(() => noe.locator('.notice.success').count()).toBe(1);

		// The coordinator reviews: telephone and complement accepted, the summary rejected.
		await coordinator.goto(`${app.url}/review`);
		await coordinator.getByRole('link', { name: '3 champs modifiés' }).click();
		await coordinator.waitForLoadState('networkidle');
		const decide = async (label: string, decision: 'Accepter' | 'Refuser') => {
			const group = coordinator.getByRole('radiogroup', { name: `Décision pour ${label}` });
			await group.getByLabel(decision).check();
		};
		await decide('Téléphone', 'Accepter');
		await decide("Complément d'adresse", 'Accepter');
		await decide('Présentation courte', 'Refuser');
		await coordinator.getByRole('button', { name: 'Valider la revue' }).click();
		await expect.poll(() => coordinator.locator('.notice.success').count()).toBe(1);

		await coordinator.goto(`${app.url}/review`);
		await coordinator.getByRole('link', { name: 'Vérifiée, rien à changer' }).click();
		await coordinator.waitForLoadState('networkidle');
		await coordinator.getByRole('button', { name: 'Confirmer' }).click();
		await expect.poll(() => coordinator.locator('.notice.success').count()).toBe(1);

		// The published file holds exactly the accepted values.
		const response = await coordinator.request.get(
			`${app.url}/api/lieux.json?territoire=commune:63113`
		);
		expect(response.status()).toBe(200);
		const rows = (await response.json()) as Record<string, unknown>[];
		expect(rows).toHaveLength(11);
		const edited = rows.find((r) => r.nom === EDITED)!;
		expect(edited.telephone).toBe('+33473426361');
		expect(edited.complement_adresse).toBe(merged);
		expect(edited.presentation_resume).toBeUndefined();
		expect(edited.date_maj).toBe(parisToday());
		const confirmed = rows.find((r) => r.nom === CONFIRMED)!;
		expect(confirmed.date_maj).toBe(parisToday());
		expect(confirmed.telephone).toBe('+33473195930');
		// Nothing else in the territory was touched.
		const untouched = rows.filter((r) => r.nom !== EDITED && r.nom !== CONFIRMED);
		expect(untouched.every((r) => r.date_maj !== parisToday())).toBe(true);

		const csv = await coordinator.request.get(`${app.url}/api/lieux.csv?territoire=commune:63113`);
		const text = await csv.text();
		expect(text.split('\n')[0]).toMatch(/^"?id"?,"?pivot"?,"?nom"?/);
		expect(text).toContain(merged);
		expect(text).not.toContain('Accès libre aux ordinateurs');
	});
});
