/**
 * The party page in a real browser against the built app: two participants open the same
 * listing, see each other and each other's keystrokes, and one sends the change.
 *
 * The app and this test share one PostgreSQL database (PGlite cannot be opened by two
 * processes), so this file always runs on PostgreSQL: DATABASE_URL, or the local server.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/lib/server/db';
import { standardFeedback } from '../../src/lib/server/db/schema';
import * as parties from '../../src/lib/server/parties';
import { createGuest } from '../../src/lib/server/users';
import type { RunningApp } from '../helpers/app';
import { focusedId, onScreen, openListing } from '../helpers/journey';
import { startSharedApp, type SharedApp } from '../helpers/shared-app';
import { coordinator, insertSampleListings } from '../integration/parties-fixtures';

let shared: SharedApp;
let app: RunningApp;
let handle: DatabaseHandle;
let partyId: string;
let creatorId: string;
const tokens: Record<string, string> = {};
const requested: string[] = [];

async function pageAs(name: string, viewport = { width: 1280, height: 900 }): Promise<Page> {
	const page = await shared.pageWith(tokens[name], { name, viewport });
	page.on('request', (request) => requested.push(request.url()));
	return page;
}

beforeAll(async () => {
	shared = await startSharedApp();
	({ app, handle } = shared);
	await insertSampleListings(handle.db);
	const creator = await coordinator(handle.db);
	creatorId = creator.id;
	const { party } = await parties.create(handle.db, {
		title: 'Carto party de Clermont',
		territoryKind: 'commune',
		territoryCode: '63113',
		createdBy: creator.id
	});
	partyId = party.id;
	for (const name of ['Léa', 'Noé']) {
		const joined = await parties.join(handle.db, { joinCode: party.joinCode, displayName: name });
		tokens[name] = joined.token;
	}
	tokens.Camille = await shared.signIn(creator.id);
	const outsider = await createGuest(handle.db, 'Sam');
	tokens.Sam = await shared.signIn(outsider.id);
});

afterAll(() => shared?.stop());

describe('the party page', () => {
	it('lets two participants edit one listing together and send the change', async () => {
		const lea = await pageAs('Léa');
		const noe = await pageAs('Noé');
		const { listings } = await parties.progress(handle.db, partyId);
		const jaude = listings.find((l) => l.nom === 'Médiathèque de Jaude')!;
		await lea.goto(`${app.url}/p/${partyId}`);
		await lea.getByRole('link', { name: /Médiathèque de Jaude/ }).click();
		// Noé comes by a shared link to the listing.
		await noe.goto(`${app.url}/p/${partyId}?fiche=${jaude.uid}`);
		for (const page of [lea, noe]) {
			await expect.poll(() => page.getByRole('status').textContent()).toContain('synchronisé');
		}

		// Presence: each sees the other in the party, and on the listing (initials in the list).
		await expect
			.poll(() => lea.getByRole('region', { name: 'Personnes présentes' }).textContent())
			.toContain('Noé');
		await expect
			.poll(() => lea.getByRole('link', { name: /Médiathèque de Jaude/ }).textContent())
			.toContain('NO');
		// And beside the listing's marker, in Noé's colour.
		await expect.poll(() => lea.locator('.map-presence').textContent()).toBe('NO');

		const leaName = lea.getByLabel('Nom du lieu', { exact: true });
		const noeName = noe.getByLabel('Nom du lieu', { exact: true });
		await leaName.click();
		await leaName.press('End');
		await leaName.pressSequentially(' centre');
		await expect.poll(() => noeName.inputValue()).toBe('Médiathèque de Jaude centre');

		// Noé sees who is typing in the field.
		await expect
			.poll(() => noe.locator('.field.edited').first().textContent())
			.toContain('Léa');

		await noe.getByRole('button', { name: 'Soumettre les modifications' }).click();
		const proposed = noe.getByRole('cell', { name: 'Médiathèque de Jaude centre' });
		expect(await proposed.count()).toBe(1);
		await noe.getByRole('button', { name: "Confirmer l'envoi" }).click();
		await expect.poll(() => noe.locator('.notice.success').textContent()).toContain('Nom du lieu');
		await expect
			.poll(() => noe.getByRole('link', { name: /Médiathèque de Jaude/ }).textContent())
			.toContain('Proposée');
	});

	it('merges two people typing in the same field at the same time', async () => {
		const lea = await pageAs('Léa');
		const noe = await pageAs('Noé');
		for (const page of [lea, noe]) {
			await page.goto(`${app.url}/p/${partyId}`);
			await page.getByRole('link', { name: /Espace numérique Croix-de-Neyrat/ }).click();
			await expect.poll(() => page.getByRole('status').textContent()).toContain('synchronisé');
		}
		const leaField = lea.getByLabel('Adresse', { exact: true });
		const noeField = noe.getByLabel('Adresse', { exact: true });
		const before = await leaField.inputValue();
		await leaField.click();
		await leaField.press('End');
		await noeField.click();
		await noeField.press('Home');

		await Promise.all([
			leaField.pressSequentially(' bis', { delay: 40 }),
			noeField.pressSequentially('Bât. A, ', { delay: 40 })
		]);

		const expected = `Bât. A, ${before} bis`;
		await expect.poll(() => leaField.inputValue()).toBe(expected);
		await expect.poll(() => noeField.inputValue()).toBe(expected);
	});

	it('records "checked, nothing to change" and shows the listing as proposed', async () => {
		const lea = await pageAs('Léa');
		await lea.goto(`${app.url}/p/${partyId}`);
		await lea.getByRole('link', { name: /Tiers-lieu sans code INSEE/ }).click();
		await expect.poll(() => lea.getByRole('status').textContent()).toContain('synchronisé');
		await lea.getByRole('button', { name: 'Vérifié, rien à changer' }).click();

		await expect
			.poll(() => lea.locator('.notice.success').textContent())
			.toContain('vérifiée, sans changement');
		await expect
			.poll(() => lea.getByRole('link', { name: /Tiers-lieu sans code INSEE/ }).textContent())
			.toContain('Proposée');
	});

	it('suggests opening hours from French text and applies them only when asked', async () => {
		const lea = await pageAs('Léa');
		await lea.goto(`${app.url}/p/${partyId}`);
		await lea.getByRole('link', { name: /EVS Petit Estran/ }).click();
		await expect.poll(() => lea.getByRole('status').textContent()).toContain('synchronisé');

		const hours = lea.getByLabel("Horaires d'ouverture", { exact: true });
		await hours.fill('du lundi au vendredi de 9h à 12h');
		const use = lea.getByRole('button', { name: 'Utiliser « Mo-Fr 09:00-12:00 »' });
		await expect.poll(() => use.count()).toBe(1);
		expect(await hours.inputValue()).toBe('du lundi au vendredi de 9h à 12h');

		await use.click();
		await expect.poll(() => hours.inputValue()).toBe('Mo-Fr 09:00-12:00');
		await expect
			.poll(() => lea.locator('#champ-horaires-aide').textContent())
			.toBe('Du lundi au vendredi : de 9 h à 12 h. Fermé le samedi et le dimanche.');
	});

	it('offers the international form of a national phone number, applied on request', async () => {
		const lea = await pageAs('Léa');
		const noe = await pageAs('Noé');
		for (const page of [lea, noe]) {
			await openListing(page, `${app.url}/p/${partyId}`, 'Maison des solidarités Couthon');
		}

		const phone = lea.getByLabel('Téléphone', { exact: true });
		await phone.fill('04 73 12 34 56');
		const use = lea.getByRole('button', { name: 'Utiliser « +33473123456 »' });
		await expect.poll(() => use.count()).toBe(1);
		expect(await phone.inputValue()).toBe('04 73 12 34 56');

		await use.press('Enter');
		await expect.poll(() => phone.inputValue()).toBe('+33473123456');
		expect(await use.count()).toBe(0);
		expect(await focusedId(lea)).toBe('champ-telephone');
		// The applied value is in the shared draft: the other participant sees it.
		await expect
			.poll(() => noe.getByLabel('Téléphone', { exact: true }).inputValue())
			.toBe('+33473123456');
	});

	it('shows a refused field once, beside the button, and leads to the field', async () => {
		const lea = await pageAs('Léa');
		await openListing(lea, `${app.url}/p/${partyId}`, 'Maison des solidarités Amadéo');
		await lea.getByLabel('Téléphone', { exact: true }).fill('04 73');
		// The live check already says it under the field, without repeating the label.
		await expect
			.poll(() => lea.locator('#champ-telephone-controles').textContent())
			.toContain('« 04 73 » ne respecte pas le format du standard.');
		expect(await lea.locator('#champ-telephone-controles').textContent()).not.toContain(
			'Téléphone'
		);

		await lea.getByRole('button', { name: 'Soumettre les modifications' }).click();
		const confirm = lea.getByRole('button', { name: "Confirmer l'envoi" });
		await confirm.click();

		const alert = lea.getByRole('alert');
		await expect.poll(() => alert.count()).toBe(1);
		const text = (await alert.textContent())!.replace(/\s+/g, ' ').trim();
		expect(text).toBe(
			'Envoi refusé : 1 champ à corriger. Téléphone : « 04 73 » ne respecte pas le format du standard.'
		);
		expect(await alert.getAttribute('tabindex')).toBe('-1');
		expect(await lea.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('alert');
		expect(await onScreen(alert)).toBe(true);
		expect(await onScreen(confirm)).toBe(true);

		await alert.getByRole('link', { name: 'Téléphone' }).click();
		expect(await focusedId(lea)).toBe('champ-telephone');
	});

	it('names typology codes in French, in one column on a 360 px phone', async () => {
		const lea = await pageAs('Léa', { width: 360, height: 740 });
		await openListing(lea, `${app.url}/p/${partyId}`, 'Maison des solidarités Vaucanson');

		const library = lea.getByRole('checkbox', { name: /^Bibliothèque, médiathèque BIB$/ });
		expect(await library.count()).toBe(1);
		const typologie = lea.locator('#champ-typologie');
		const unemployed = typologie.locator('.option', { hasText: 'ASSO_CHOMEUR' });
		expect((await unemployed.textContent())!.replace(/\s+/g, ' ').trim()).toBe(
			'Association de chômeurs ASSO_CHOMEUR'
		);
		expect(await unemployed.locator('.code').textContent()).toBe('ASSO_CHOMEUR');

		// Nothing sticks out of the group or the screen.
		const overflow = await typologie.evaluate((group) => {
			const edge = group.getBoundingClientRect().right;
			const options = [...group.querySelectorAll('.option')];
			return {
				wide: options.filter((o) => o.getBoundingClientRect().right > edge + 0.5).length,
				lefts: new Set(options.map((o) => Math.round(o.getBoundingClientRect().left))).size,
				page: document.documentElement.scrollWidth - window.innerWidth
			};
		});
		expect(overflow).toEqual({ wide: 0, lefts: 1, page: 0 });

		await library.check();
		await expect.poll(() => library.isChecked()).toBe(true);
	});

	it('shows a closed party read-only and leaves its listings as they were', async () => {
		const { party } = await parties.create(handle.db, {
			title: 'Carto party de Chamalières',
			territoryKind: 'commune',
			territoryCode: '63075',
			createdBy: creatorId
		});
		const joined = await parties.join(handle.db, { joinCode: party.joinCode, displayName: 'Lou' });
		tokens.Lou = joined.token;
		await parties.close(handle.db, party.id);

		const lou = await pageAs('Lou');
		await lou.goto(`${app.url}/p/${party.id}`);
		expect(await lou.locator('.notice.warning').textContent()).toContain('lecture seule');
		const opened = lou.waitForResponse((response) => response.url().includes('?/open'));
		await lou.getByRole('link', { name: /Centre social Chamalières/ }).click();
		await opened;
		await expect.poll(() => lou.getByRole('status').textContent()).toContain('lecture seule');

		expect(await lou.getByLabel('Nom du lieu', { exact: true }).getAttribute('readonly')).toBe('');
		expect(await lou.getByRole('button', { name: 'Vérifié, rien à changer' }).isDisabled()).toBe(
			true
		);
		const { listings } = await parties.progress(handle.db, party.id);
		expect(listings.find((l) => l.nom === 'Centre social Chamalières')?.status).toBe('todo');
	});

	it('refuses the page to someone who is not in the party', async () => {
		const sam = await pageAs('Sam');
		const response = await sam.goto(`${app.url}/p/${partyId}`);
		expect(response?.status()).toBe(403);
		const body = await sam.textContent('body');
		expect(body).toContain('Vous ne faites pas partie de cette carto party.');
	});

	it('shows a marker per listing with coordinates and fetches nothing elsewhere', async () => {
		const lea = await pageAs('Léa');
		await lea.goto(`${app.url}/p/${partyId}`);
		const { listings } = await parties.progress(handle.db, partyId);
		const withCoordinates = listings.filter((l) => l.latitude !== null && l.longitude !== null);
		expect(withCoordinates.length).toBeGreaterThan(0);
		await expect
			.poll(() => lea.locator('.leaflet-overlay-pane .leaflet-interactive').count())
			.toBe(withCoordinates.length);
		expect(await lea.locator('.leaflet-tile').count()).toBe(0);
		expect(requested.filter((url) => !url.startsWith(app.url))).toEqual([]);
	});

	it('takes a remark on the standard from a listing', async () => {
		const lea = await pageAs('Léa');
		await lea.goto(`${app.url}/p/${partyId}`);
		await lea.getByRole('link', { name: /Médiathèque de Jaude/ }).click();
		await lea.getByText('Signaler un problème avec le standard').click();
		await lea.getByLabel('Champ concerné').selectOption('services');
		await lea.getByLabel('Valeur manquante').check();
		await lea.getByLabel('Votre remarque').fill('Il manque « réparation de matériel ».');
		await lea.getByRole('button', { name: 'Envoyer la remarque' }).click();
		await expect.poll(() => lea.locator('.feedback .notice').textContent()).toContain('Merci');

		const [stored] = await handle.db.select().from(standardFeedback);
		expect(stored).toMatchObject({
			field: 'services',
			kind: 'missing_value',
			message: 'Il manque « réparation de matériel ».'
		});
	});

	it('lists remarks on the standard for coordinators only, with a CSV download', async () => {
		const camille = await pageAs('Camille');
		await camille.goto(`${app.url}/feedback`);
		const row = camille.getByRole('row', { name: /Il manque « réparation de matériel »/ });
		expect(await row.textContent()).toContain('Valeur manquante');

		const csv = await camille.request.get(`${app.url}/feedback/remarques.csv`);
		expect(csv.headers()['content-type']).toBe('text/csv; charset=utf-8');
		expect((await csv.text()).split('\r\n')[1]).toContain(
			'services,Services,Valeur manquante,Il manque « réparation de matériel ».'
		);

		const lea = await pageAs('Léa');
		expect((await lea.goto(`${app.url}/feedback`))?.status()).toBe(403);
	});
});
