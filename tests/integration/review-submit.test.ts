import { and, asc, eq } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { setText, toggleEnum } from '../../src/lib/collab/draft-doc';
import { listings, partyListings, proposalFields, proposals } from '../../src/lib/server/db/schema';
import * as parties from '../../src/lib/server/parties';
import * as review from '../../src/lib/server/review';
import {
	editDraft,
	freshListing,
	reviewWorld,
	sampleFields,
	type ReviewWorld
} from './review-fixtures';

const world = reviewWorld();

function send(w: ReviewWorld, uid: string, authorId: string, kind: review.ProposalKind) {
	return review.submit(w.db, { partyId: w.party.id, listingUid: uid, authorId, kind });
}

function rename(uid: string, nom: string) {
	return editDraft(world.db, world.party.id, uid, (doc) => setText(doc, 'nom', nom));
}

/** The participant's proposal on `uid`, refused as invalid (422): the fields and codes it names. */
async function invalid(uid: string) {
	const refusal = await send(world, uid, world.participant.id, 'change').catch((e) => e);
	expect(refusal).toBeInstanceOf(review.ReviewError);
	expect(refusal.status).toBe(422);
	const error = refusal as review.ReviewError;
	return { fields: error.fields, codes: error.issues.map((i) => i.code), message: error.message };
}

async function proposalsOn(uid: string) {
	return world.db.select().from(proposals).where(eq(proposals.listingUid, uid));
}

async function queueStatus(uid: string) {
	const [row] = await world.db
		.select({ status: partyListings.status })
		.from(partyListings)
		.where(and(eq(partyListings.partyId, world.party.id), eq(partyListings.listingUid, uid)));
	return row?.status;
}

describe('proposing changes', () => {
	test('a change keeps one row per changed field, with the value it began from', async () => {
		const row = await freshListing(world.db, world.party.id);
		await editDraft(world.db, world.party.id, row.uid, (doc) => {
			setText(doc, 'telephone', '+33490630400');
			setText(doc, 'horaires', 'Tu-Fr 12:00-18:00; Sa 14:00-18:00');
			toggleEnum(doc, 'modalites_acces', 'Se présenter', true);
		});

		const sent = await send(world, row.uid, world.participant.id, 'change');

		expect(sent).toEqual({
			proposalId: expect.any(String),
			kind: 'change',
			fields: ['telephone', 'horaires', 'modalites_acces'],
			warnings: [],
			replaced: false
		});
		const [proposal] = await proposalsOn(row.uid);
		expect(proposal).toMatchObject({
			id: sent.proposalId,
			partyId: world.party.id,
			authorId: world.participant.id,
			kind: 'change',
			baseVersion: 1,
			status: 'pending'
		});
		const fields = await world.db
			.select()
			.from(proposalFields)
			.where(eq(proposalFields.proposalId, sent.proposalId))
			.orderBy(asc(proposalFields.field));
		expect(fields).toEqual([
			{
				proposalId: sent.proposalId,
				field: 'horaires',
				baseValue: 'Tu-Fr 12:00-13:00,13:00-18:00; Sa 14:00-18:00; Su 09:00-12:00',
				proposedValue: 'Tu-Fr 12:00-18:00; Sa 14:00-18:00',
				decision: 'pending',
				reason: null
			},
			{
				proposalId: sent.proposalId,
				field: 'modalites_acces',
				baseValue: [],
				proposedValue: ['Se présenter'],
				decision: 'pending',
				reason: null
			},
			{
				proposalId: sent.proposalId,
				field: 'telephone',
				baseValue: '+33490630492',
				proposedValue: '+33490630400',
				decision: 'pending',
				reason: null
			}
		]);
		expect(await queueStatus(row.uid)).toBe('proposed');
	});

	test('a draft identical to the listing is refused, pointing to the confirmation', async () => {
		const row = await freshListing(world.db, world.party.id);
		await editDraft(world.db, world.party.id, row.uid, (doc) => {
			setText(doc, 'nom', 'Autre nom');
			setText(doc, 'nom', row.nom);
		});

		await expect(send(world, row.uid, world.participant.id, 'change')).rejects.toMatchObject({
			status: 400,
			message:
				'Aucune modification par rapport à la fiche publiée. ' +
				'Si elle est juste, choisissez « Vérifié, rien à changer ».'
		});
		expect(await proposalsOn(row.uid)).toEqual([]);
		expect(await queueStatus(row.uid)).toBe('todo');
	});

	test('a value the standard refuses blocks the proposal and names the field', async () => {
		const row = await freshListing(world.db, world.party.id);
		await editDraft(world.db, world.party.id, row.uid, (doc) => {
			setText(doc, 'telephone', '04 90 63');
			setText(doc, 'nom', 'Bibliothèque-musée Inguimbertine');
		});

		const refusal = await send(world, row.uid, world.participant.id, 'change').catch((e) => e);

		expect(refusal).toBeInstanceOf(review.ReviewError);
		expect(refusal.status).toBe(422);
		expect(refusal.fields).toEqual(['telephone']);
		expect(refusal.issues.map((i: review.ReviewError['issues'][0]) => i.code)).toEqual(['format']);
		expect(refusal.message).toBe(
			'À corriger avant d’envoyer : Téléphone : « 04 90 63 » ne respecte pas le format du standard.'
		);
		expect(await proposalsOn(row.uid)).toEqual([]);
	});

	test('a latitude without its longitude is refused as the commit would refuse it', async () => {
		const row = await freshListing(world.db, world.party.id);
		expect(row.longitude).not.toBeNull();
		await editDraft(world.db, world.party.id, row.uid, (doc) => setText(doc, 'longitude', ''));

		expect(await invalid(row.uid)).toEqual({
			fields: ['latitude'],
			codes: ['coordonnees_incompletes'],
			message: 'À corriger avant d’envoyer : Latitude : la latitude et la longitude vont ensemble.'
		});
		expect(await proposalsOn(row.uid)).toEqual([]);
	});

	test('an invisible control or direction character is refused with its field, not a server error', async () => {
		for (const nom of ['Médiathèque\u0000', 'Médiathèque \u202Efdp.exe', 'Médiathèque\u0007']) {
			const row = await freshListing(world.db, world.party.id);
			await editDraft(world.db, world.party.id, row.uid, (doc) => setText(doc, 'nom', nom));

			expect(await invalid(row.uid)).toMatchObject({
				fields: ['nom'],
				codes: ['caractere_invalide']
			});
			expect(await proposalsOn(row.uid)).toEqual([]);
		}
	});

	test('a comment holding a NUL character is refused with a message, not a server error', async () => {
		const row = await freshListing(world.db, world.party.id);
		await rename(row.uid, 'Inguimbertine');

		const attempt = review.submit(world.db, {
			partyId: world.party.id,
			listingUid: row.uid,
			authorId: world.participant.id,
			kind: 'change',
			comment: 'Vu sur place\u0000'
		});

		await expect(attempt).rejects.toMatchObject({
			status: 400,
			message: 'Le commentaire contient un caractère invisible refusé : U+0000 (caractère nul).'
		});
		expect(await proposalsOn(row.uid)).toEqual([]);
	});

	test('warnings do not block and come back to the participant', async () => {
		const row = await freshListing(world.db, world.party.id);
		await editDraft(world.db, world.party.id, row.uid, (doc) => {
			setText(doc, 'courriels', 'marie.dupont@carpentras.fr');
		});

		const sent = await send(world, row.uid, world.participant.id, 'change');

		expect(sent.fields).toEqual(['courriels']);
		expect(sent.warnings.map((w) => [w.field, w.code])).toEqual([['courriels', 'personal_data']]);
	});

	test('sending again replaces the author’s pending proposal instead of adding one', async () => {
		const row = await freshListing(world.db, world.party.id);
		await rename(row.uid, 'Inguimbertine');
		const first = await send(world, row.uid, world.participant.id, 'change');
		await editDraft(world.db, world.party.id, row.uid, (doc) => {
			setText(doc, 'nom', row.nom);
			setText(doc, 'adresse', '234 boulevard Albin Durand');
		});

		const second = await send(world, row.uid, world.participant.id, 'change');

		expect(second).toMatchObject({
			proposalId: first.proposalId,
			replaced: true,
			fields: ['adresse']
		});
		expect(await proposalsOn(row.uid)).toHaveLength(1);
		const fields = await world.db
			.select({ field: proposalFields.field, proposed: proposalFields.proposedValue })
			.from(proposalFields)
			.where(eq(proposalFields.proposalId, first.proposalId));
		expect(fields).toEqual([{ field: 'adresse', proposed: '234 boulevard Albin Durand' }]);
	});

	test('two people’s proposals on one listing stay side by side', async () => {
		const row = await freshListing(world.db, world.party.id);
		const other = await parties.join(world.db, {
			joinCode: world.party.joinCode,
			displayName: 'Noé'
		});
		await rename(row.uid, 'Inguimbertine');

		const a = await send(world, row.uid, world.participant.id, 'change');
		const b = await send(world, row.uid, other.user.id, 'change');

		expect(a.proposalId).not.toBe(b.proposalId);
		const stored = await proposalsOn(row.uid);
		const authors = stored.map((p) => p.authorId).sort();
		expect(authors).toEqual([world.participant.id, other.user.id].sort());
	});
});

describe('confirming a listing', () => {
	test('without a draft, a confirmation records the current version and no field', async () => {
		const row = await freshListing(world.db, world.party.id);
		await world.db.update(listings).set({ version: 4 }).where(eq(listings.uid, row.uid));

		const sent = await send(world, row.uid, world.participant.id, 'confirm');

		expect(sent).toMatchObject({ kind: 'confirm', fields: [], replaced: false });
		const [proposal] = await proposalsOn(row.uid);
		expect(proposal).toMatchObject({ kind: 'confirm', baseVersion: 4, status: 'pending' });
		const fields = await world.db
			.select()
			.from(proposalFields)
			.where(eq(proposalFields.proposalId, sent.proposalId));
		expect(fields).toEqual([]);
		expect(await queueStatus(row.uid)).toBe('proposed');
	});

	test('a confirmation over pending edits is refused, naming them', async () => {
		const row = await freshListing(world.db, world.party.id);
		await rename(row.uid, 'Inguimbertine');

		await expect(send(world, row.uid, world.participant.id, 'confirm')).rejects.toMatchObject({
			status: 409,
			message:
				'La fiche a des modifications en cours (« Nom du lieu ») : proposez-les, ' +
				'ou remettez les valeurs publiées avant de confirmer.'
		});
		expect(await proposalsOn(row.uid)).toEqual([]);
	});
});

describe('who may propose', () => {
	test('someone outside the party is refused and nothing is stored', async () => {
		const row = await freshListing(world.db, world.party.id);

		await expect(send(world, row.uid, world.outsider.id, 'confirm')).rejects.toMatchObject({
			status: 403,
			message: 'Vous ne faites pas partie de cette carto party.'
		});
		expect(await proposalsOn(row.uid)).toEqual([]);
		expect(await queueStatus(row.uid)).toBe('todo');
	});

	test('a removed member is refused', async () => {
		const row = await freshListing(world.db, world.party.id);
		const gone = await parties.join(world.db, {
			joinCode: world.party.joinCode,
			displayName: 'Ali'
		});
		await parties.removeMember(world.db, world.party.id, gone.user.id);

		await expect(send(world, row.uid, gone.user.id, 'confirm')).rejects.toMatchObject({
			status: 403
		});
	});

	test('the party’s creator may propose without a membership row of their own', async () => {
		const row = await freshListing(world.db, world.party.id);
		const sent = await send(world, row.uid, world.coordinator.id, 'confirm');
		expect(sent.kind).toBe('confirm');
	});

	test('a listing outside the party is refused', async () => {
		const [row] = await world.db.insert(listings).values(sampleFields(0)).returning();

		await expect(send(world, row.uid, world.participant.id, 'confirm')).rejects.toMatchObject({
			status: 404,
			message: 'Cette fiche ne fait pas partie de la carto party.'
		});
	});

	test('a closed party takes no more proposals', async () => {
		const { party } = await parties.create(world.db, {
			title: 'Close',
			territoryKind: 'commune',
			territoryCode: '84031',
			createdBy: world.coordinator.id
		});
		const row = await freshListing(world.db, party.id);
		await parties.close(world.db, party.id);

		await expect(
			review.submit(world.db, {
				partyId: party.id,
				listingUid: row.uid,
				authorId: world.coordinator.id,
				kind: 'confirm'
			})
		).rejects.toMatchObject({
			status: 409,
			message: 'Cette carto party est close : elle ne reçoit plus de propositions.'
		});
	});
});
