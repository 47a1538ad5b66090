import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { partyListings } from '../../src/lib/server/db/schema';
import * as feedback from '../../src/lib/server/feedback';
import * as partyView from '../../src/lib/server/party-view';
import { freshListing, reviewWorld } from './review-fixtures';

const world = reviewWorld();

async function statusOf(partyId: string, uid: string) {
	const [row] = await world.db
		.select({ status: partyListings.status })
		.from(partyListings)
		.where(and(eq(partyListings.partyId, partyId), eq(partyListings.listingUid, uid)));
	return row?.status;
}

describe('markInProgress', () => {
	it('moves a listing still to do to "in progress", once', async () => {
		const listing = await freshListing(world.db, world.party.id);

		expect(await partyView.markInProgress(world.db, world.party.id, listing.uid)).toBe(true);
		expect(await statusOf(world.party.id, listing.uid)).toBe('in_progress');
		expect(await partyView.markInProgress(world.db, world.party.id, listing.uid)).toBe(false);
	});

	it('leaves a proposed listing proposed', async () => {
		const listing = await freshListing(world.db, world.party.id);
		await world.db
			.update(partyListings)
			.set({ status: 'proposed' })
			.where(eq(partyListings.listingUid, listing.uid));

		expect(await partyView.markInProgress(world.db, world.party.id, listing.uid)).toBe(false);
		expect(await statusOf(world.party.id, listing.uid)).toBe('proposed');
	});

	it('tells whether a listing is in the party’s queue', async () => {
		const listing = await freshListing(world.db, world.party.id);
		expect(await partyView.isQueued(world.db, world.party.id, listing.uid)).toBe(true);
		const elsewhere = '00000000-0000-4000-8000-000000000000';
		expect(await partyView.isQueued(world.db, world.party.id, elsewhere)).toBe(false);
	});
});

describe('standard feedback', () => {
	it('refuses an unknown field, an unknown kind and an empty message, in French', async () => {
		const base = { listingUid: null, authorId: world.participant.id };
		await expect(
			feedback.record(world.db, { ...base, field: 'horaire', kind: 'other', message: 'x' })
		).rejects.toThrow('« horaire » n\'est pas un champ du standard.');
		await expect(
			feedback.record(world.db, { ...base, field: null, kind: 'bug', message: 'x' })
		).rejects.toThrow('Choisissez le type de problème.');
		await expect(
			feedback.record(world.db, { ...base, field: null, kind: 'other', message: '  ' })
		).rejects.toThrow('Décrivez le problème en quelques mots.');
	});

	it('lists remarks newest first and writes them as CSV without their authors', async () => {
		const listing = await freshListing(world.db, world.party.id);
		await feedback.record(world.db, {
			listingUid: listing.uid,
			field: 'services',
			kind: 'missing_value',
			message: 'Pas de valeur pour « réparation de matériel », pourtant proposée ici.',
			authorId: world.participant.id
		});
		await feedback.record(world.db, {
			listingUid: null,
			field: null,
			kind: 'other',
			message: '=HYPERLINK("x")',
			authorId: world.participant.id
		});

		const rows = await feedback.list(world.db);
		expect(rows.map((r) => r.kind)).toEqual(['other', 'missing_value']);
		expect(rows[1].listingName).toBe(listing.nom);
		expect(rows[1].authorName).toBe('Léa');

		const lines = feedback.toCsv(rows).split('\r\n');
		expect(lines[0]).toBe('date,champ,libelle_champ,type,message,fiche_uid,fiche_nom');
		expect(lines[1].split(',').slice(1, 4)).toEqual(['', '', 'Autre']);
		expect(lines[1]).toContain(`"'=HYPERLINK(""x"")"`);
		expect(lines[2]).toContain(
			`services,Services,Valeur manquante,"Pas de valeur pour « réparation de matériel », pourtant`
		);
		expect(lines[2]).not.toContain('Léa');
		expect(lines[3]).toBe('');
	});
});
