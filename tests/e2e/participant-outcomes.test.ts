/**
 * After the review, in the browser: the participant reads what became of their proposal, and
 * their draft is shown against what is published now. Accepted values are no longer changes;
 * a refused value comes with the coordinator's reason and a way back to the published value,
 * written into the shared draft so that the others see it. The coordinator's pages name
 * typology codes in French.
 */
import { eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listings } from '../../src/lib/server/db/schema';
import * as parties from '../../src/lib/server/parties';
import { formatDay, parisToday } from '../../src/lib/i18n/date-time';
import { focusedId, openListing } from '../helpers/journey';
import { startSharedApp, type SharedApp } from '../helpers/shared-app';
import { coordinator, insertSampleListings } from '../integration/parties-fixtures';

const LISTING = 'Médiathèque de Jaude';
const REASON = 'Le nom officiel garde la préposition.';

let shared: SharedApp;
let partyUrl: string;
let uid: string;
const tokens: Record<string, string> = {};

const pageAs = (name: string) => shared.pageWith(tokens[name], { name });
const text = async (page: Page, selector: string) =>
	((await page.locator(selector).textContent()) ?? '').replace(/\s+/g, ' ').trim();

beforeAll(async () => {
	shared = await startSharedApp();
	const db = shared.handle.db;
	await insertSampleListings(db);
	// The telephone the draft will be seeded with.
	[{ uid }] = await db
		.update(listings)
		.set({ telephone: '+33721209569' })
		.where(eq(listings.id, 'clermont-1'))
		.returning({ uid: listings.uid });
	const camille = await coordinator(db);
	const { party } = await parties.create(db, {
		title: 'Carto party de Clermont',
		territoryKind: 'commune',
		territoryCode: '63113',
		createdBy: camille.id
	});
	partyUrl = `${shared.app.url}/p/${party.id}`;
	for (const name of ['Léa', 'Noé']) {
		tokens[name] = (await parties.join(db, { joinCode: party.joinCode, displayName: name })).token;
	}
	tokens.Camille = await shared.signIn(camille.id);
});

afterAll(() => shared?.stop());

describe('a participant after the review', () => {
	it('reads the outcome, sees unpublished changes only, and undoes a refused field', async () => {
		// Léa corrects the telephone, shortens the name and ticks a typology, then sends.
		const lea = await pageAs('Léa');
		await openListing(lea, partyUrl, LISTING);
		await lea.getByLabel('Téléphone', { exact: true }).fill('+33473000000');
		await lea.getByLabel('Nom du lieu', { exact: true }).fill('Médiathèque Jaude');
		await lea.getByRole('checkbox', { name: /^Bibliothèque, médiathèque BIB$/ }).check();
		await expect.poll(() => lea.getByRole('status').textContent()).toContain('synchronisé');
		await lea.getByRole('button', { name: 'Soumettre les modifications' }).click();
		await lea.getByRole('button', { name: "Confirmer l'envoi" }).click();
		await expect.poll(() => lea.locator('.notice.success').count()).toBe(1);
		const mine = lea.getByRole('region', { name: 'Vos propositions' });
		await expect.poll(() => mine.textContent()).toContain('En attente de relecture');

		// The coordinator reads the typology by its name, accepts two fields, refuses the name.
		const camille = await pageAs('Camille');
		await camille.goto(`${shared.app.url}/review`);
		await camille.getByRole('link', { name: '3 champs modifiés' }).click();
		await camille.waitForLoadState('networkidle');
		const typology = camille.locator('#champ-typologie');
		expect(await typology.locator('ins').textContent()).toMatch(
			/ajouté : Bibliothèque, médiathèque\s+BIB/
		);
		expect(await typology.locator('ins .code').textContent()).toBe('BIB');
		const decide = (label: string, decision: 'Accepter' | 'Refuser') =>
			camille
				.getByRole('radiogroup', { name: `Décision pour ${label}` })
				.getByLabel(decision)
				.check();
		await decide('Téléphone', 'Accepter');
		await decide('Typologie', 'Accepter');
		await decide('Nom du lieu', 'Refuser');
		await camille.locator('#champ-nom-raison').fill(REASON);
		await camille.getByRole('button', { name: 'Valider la revue' }).click();
		await expect.poll(() => camille.locator('.notice.success').count()).toBe(1);

		// The history names it too.
		await camille.goto(`${shared.app.url}/listings/${uid}`);
		const row = camille.getByRole('row', { name: /^Typologie/ });
		expect((await row.locator('td[data-label="Après"]').textContent())!.trim()).toMatch(
			/^Bibliothèque, médiathèque\s+BIB$/
		);

		// Léa comes back to the listing: told what became of her proposal.
		await openListing(lea, partyUrl, LISTING);
		const told = (await mine.textContent())!.replace(/\s+/g, ' ');
		expect(told).toContain(`${LISTING} Publiée en partie`);
		expect(told).toContain('Publié : Typologie, Téléphone.');
		expect(told).toContain(
			`Nom du lieu, valeur proposée : Médiathèque Jaude Raison : « ${REASON} »`
		);
		const refused = mine.getByRole('list', { name: 'Champs refusés' }).getByRole('listitem');
		expect(await refused.count()).toBe(1);

		// Her draft is read against the listing as published now.
		expect(await text(lea, '.fixed')).toContain(`Date de mise à jour ${formatDay(parisToday())}`);
		expect(await lea.locator('#champ-telephone-publie').count()).toBe(0);
		expect(await text(lea, '#champ-nom-publie')).toBe(
			`Valeur refusée par le coordinateur : « ${REASON} ». Si vous la gardez, elle sera ` +
				'proposée à nouveau. Valeur publiée : Médiathèque de Jaude ' +
				'Revenir à la valeur publiée (Nom du lieu)'
		);
		const name = lea.getByLabel('Nom du lieu', { exact: true });
		expect(await name.getAttribute('aria-describedby')).toContain('champ-nom-publie');

		// What would be sent: the refused name only, against the published one.
		await lea.getByRole('button', { name: 'Soumettre les modifications' }).click();
		const rows = lea.locator('.review tbody tr');
		expect(await rows.count()).toBe(1);
		const cells = await rows.first().locator('th, td').allTextContents();
		expect(cells.map((cell) => cell.replace(/\s+/g, ' ').trim())).toEqual([
			'Nom du lieu',
			LISTING,
			'Médiathèque Jaude Déjà refusée par le coordinateur : voir la raison'
		]);
		await lea.getByRole('button', { name: 'Revenir à la fiche' }).click();

		// Going back to the published name goes through the shared draft: Noé sees it.
		const noe = await pageAs('Noé');
		await openListing(noe, partyUrl, LISTING);
		expect(await noe.getByRole('region', { name: 'Vos propositions' }).count()).toBe(0);
		await lea.getByRole('button', { name: 'Revenir à la valeur publiée (Nom du lieu)' }).click();
		await expect.poll(() => name.inputValue()).toBe(LISTING);
		expect(await focusedId(lea)).toBe('champ-nom');
		expect(await lea.locator('#champ-nom-publie').count()).toBe(0);
		await expect
			.poll(() => noe.getByLabel('Nom du lieu', { exact: true }).inputValue())
			.toBe(LISTING);

		// Nothing is left to send, and the server agrees: the listing is confirmed as it is.
		await expect.poll(() => lea.getByRole('status').textContent()).toContain('synchronisé');
		await lea.getByRole('button', { name: 'Soumettre les modifications' }).click();
		await expect
			.poll(() => lea.getByRole('alert').textContent())
			.toContain('Aucune modification par rapport à la fiche publiée.');
		await lea.getByRole('button', { name: 'Vérifié, rien à changer' }).click();
		await expect
			.poll(() => lea.locator('.notice.success').textContent())
			.toContain('vérifiée, sans changement');
	});
});
