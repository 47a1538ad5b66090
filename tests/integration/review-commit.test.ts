import { and, eq, sql } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import { setText, toggleEnum } from '../../src/lib/collab/draft-doc';
import {
	listingRevisions,
	partyListings,
	proposalFields,
	proposals,
	type Listing
} from '../../src/lib/server/db/schema';
import {
	commitProposal,
	rejectProposal,
	type CommitInput
} from '../../src/lib/server/listings/commit';
import * as parties from '../../src/lib/server/parties';
import * as review from '../../src/lib/server/review';
import {
	CARPENTRAS,
	freshListing,
	listing,
	reviewWorld,
	sendChange,
	type DraftEdit
} from './review-fixtures';

const world = reviewWorld();
/** 23:30 UTC on 14 March is already the 15th in Paris (UTC+1 before the spring change). */
const NOW = new Date('2026-03-14T23:30:00Z');
const TODAY = '2026-03-15';

const propose = (row: Listing, edit: DraftEdit, partyId?: string, authorId?: string) =>
	sendChange(world, row, edit, partyId, authorId);

async function confirmation(row: Listing): Promise<string> {
	const sent = await review.submit(world.db, {
		partyId: world.party.id,
		listingUid: row.uid,
		authorId: world.participant.id,
		kind: 'confirm'
	});
	return sent.proposalId;
}

/** The coordinator reviews a proposal. */
function commit(
	proposalId: string,
	decisions: CommitInput['decisions'],
	more: Partial<CommitInput> = {}
) {
	return commitProposal(world.db, {
		proposalId,
		reviewerId: world.coordinator.id,
		decisions,
		...more
	});
}

function accept(...fields: string[]) {
	return Object.fromEntries(fields.map((f) => [f, { decision: 'accepted' as const }]));
}

async function revisions(uid: string) {
	return world.db.select().from(listingRevisions).where(eq(listingRevisions.listingUid, uid));
}

async function proposalState(id: string) {
	const [proposal] = await world.db.select().from(proposals).where(eq(proposals.id, id));
	const fields = await world.db
		.select({ field: proposalFields.field, decision: proposalFields.decision })
		.from(proposalFields)
		.where(eq(proposalFields.proposalId, id));
	return { status: proposal.status, reviewedBy: proposal.reviewedBy, fields };
}

async function queueStatus(partyId: string, uid: string) {
	const [row] = await world.db
		.select({ status: partyListings.status })
		.from(partyListings)
		.where(and(eq(partyListings.partyId, partyId), eq(partyListings.listingUid, uid)));
	return row.status;
}

/**
 * Another party on the same territory edits the listing and its proposal is published, while
 * the first one waits for review.
 */
async function publishMeanwhile(row: Listing, edit: (doc: Y.Doc) => void) {
	const { party } = await parties.create(world.db, {
		title: 'Autre carto party',
		territoryKind: 'commune',
		territoryCode: CARPENTRAS,
		createdBy: world.coordinator.id
	});
	const theirs = await propose(row, edit, party.id, world.coordinator.id);
	const fields = await world.db
		.select({ field: proposalFields.field })
		.from(proposalFields)
		.where(eq(proposalFields.proposalId, theirs));
	return commit(theirs, accept(...fields.map((f) => f.field)));
}

describe('publishing a reviewed proposal', () => {
	test('accepted fields are published, a refused one is not, all is recorded', async () => {
		const row = await freshListing(world.db, world.party.id);
		const id = await propose(row, (doc) => {
			setText(doc, 'nom', 'Inguimbertine');
			setText(doc, 'telephone', '+33490630400');
			toggleEnum(doc, 'modalites_acces', 'Se présenter', true);
		});
		const reason = 'Le nom officiel garde « Bibliothèque ».';

		const result = await commit(
			id,
			{ ...accept('telephone', 'modalites_acces'), nom: { decision: 'rejected', reason } },
			{ expectedVersion: 1, now: NOW }
		);

		expect(result).toEqual({
			status: 'committed',
			version: 2,
			revisionId: expect.any(Number),
			applied: ['telephone', 'modalites_acces'],
			alreadyPublished: [],
			rejected: ['nom']
		});
		const after = await listing(world.db, row.uid);
		expect(after).toMatchObject({
			nom: "Bibliothèque l'Inguimbertine",
			telephone: '+33490630400',
			modalites_acces: ['Se présenter'],
			date_maj: TODAY,
			version: 2
		});
		expect(await revisions(row.uid)).toEqual([
			{
				id: result.revisionId,
				listingUid: row.uid,
				version: 2,
				kind: 'commit',
				authorId: world.coordinator.id,
				partyId: world.party.id,
				proposalId: id,
				revertsRevisionId: null,
				changes: {
					telephone: { old: '+33490630492', new: '+33490630400' },
					modalites_acces: { old: [], new: ['Se présenter'] },
					date_maj: { old: '2022-06-30', new: TODAY }
				},
				createdAt: expect.any(Date)
			}
		]);
		const state = await proposalState(id);
		expect(state.status).toBe('committed');
		expect(state.reviewedBy).toBe(world.coordinator.id);
		expect(await queueStatus(world.party.id, row.uid)).toBe('reviewed');

		const outcome = await review.proposalOutcome(world.db, id);
		const told = outcome?.fields.map((f) => [f.field, f.label, f.proposed, f.decision, f.reason]);
		expect(told).toEqual([
			['nom', 'Nom du lieu', 'Inguimbertine', 'rejected', reason],
			['telephone', 'Téléphone', '+33490630400', 'accepted', null],
			['modalites_acces', "Modalités d'accès", ['Se présenter'], 'accepted', null]
		]);
	});

	test('refusing every field leaves the listing as it was, with no revision', async () => {
		const row = await freshListing(world.db, world.party.id);
		const id = await propose(row, (doc) => setText(doc, 'nom', 'Inguimbertine'));

		const result = await commit(id, { nom: { decision: 'rejected', reason: '  ' } });

		expect(result).toMatchObject({
			status: 'rejected',
			version: 1,
			revisionId: null,
			rejected: ['nom']
		});
		expect(await listing(world.db, row.uid)).toEqual(row);
		expect(await revisions(row.uid)).toEqual([]);
		expect(await proposalState(id)).toMatchObject({
			status: 'rejected',
			fields: [{ field: 'nom', decision: 'rejected' }]
		});
		expect(await queueStatus(world.party.id, row.uid)).toBe('reviewed');
	});

	test('a confirmation stamps today’s date and records a confirm revision', async () => {
		const row = await freshListing(world.db, world.party.id);
		const proposalId = await confirmation(row);

		const result = await commit(proposalId, {}, { now: NOW });

		expect(result).toMatchObject({ status: 'committed', version: 2, applied: [] });
		expect(await listing(world.db, row.uid)).toEqual({
			...row,
			version: 2,
			date_maj: TODAY,
			updatedAt: expect.any(Date)
		});
		const [revision] = await revisions(row.uid);
		expect(revision).toMatchObject({
			kind: 'confirm',
			version: 2,
			proposalId,
			changes: { date_maj: { old: '2022-06-30', new: TODAY } }
		});
	});

	test('a proposal refused as a whole keeps the reason on each field', async () => {
		const row = await freshListing(world.db, world.party.id);
		const id = await propose(row, (doc) => setText(doc, 'nom', 'Essai'));

		await rejectProposal(world.db, {
			proposalId: id,
			reviewerId: world.coordinator.id,
			reason: 'Test.'
		});

		expect(await review.proposalOutcome(world.db, id)).toMatchObject({
			status: 'rejected',
			reviewNote: 'Test.',
			fields: [{ decision: 'rejected', reason: 'Test.' }]
		});
		expect(await listing(world.db, row.uid)).toEqual(row);
	});

	test('a reason holding an invisible character is refused, and the proposal stays pending', async () => {
		const row = await freshListing(world.db, world.party.id);
		const id = await confirmation(row);

		await expect(
			rejectProposal(world.db, { proposalId: id, reviewerId: world.coordinator.id, reason: 'Fermé\u0000' })
		).rejects.toThrow('La raison contient un caractère invisible');
		expect(await review.proposalOutcome(world.db, id)).toMatchObject({ status: 'pending' });
	});

	test('a refused confirmation keeps its reason on the proposal', async () => {
		const row = await freshListing(world.db, world.party.id);
		const id = await confirmation(row);

		await rejectProposal(world.db, {
			proposalId: id,
			reviewerId: world.coordinator.id,
			reason: 'Le lieu a fermé en septembre.'
		});

		expect(await review.proposalOutcome(world.db, id)).toMatchObject({
			kind: 'confirm',
			status: 'rejected',
			reviewNote: 'Le lieu a fermé en septembre.',
			fields: []
		});
		expect(await listing(world.db, row.uid)).toEqual(row);
	});
});

describe('what was published in the meantime', () => {
	test('a field published differently meanwhile is a conflict, and nothing is saved', async () => {
		const row = await freshListing(world.db, world.party.id);
		const mine = await propose(row, (doc) => {
			setText(doc, 'telephone', '+33490630400');
			setText(doc, 'adresse', '234 boulevard Albin Durand');
		});
		await publishMeanwhile(row, (doc) => setText(doc, 'telephone', '+33490630411'));
		const before = await listing(world.db, row.uid);

		await expect(commit(mine, accept('telephone', 'adresse'))).rejects.toMatchObject({
			status: 409,
			fields: ['telephone'],
			message:
				'Conflit : « Téléphone » a été modifié par une autre publication depuis le début de ' +
				'la saisie. Comparez avec la valeur actuellement publiée, puis refusez ce champ ou ' +
				'cochez « Publier quand même ».'
		});
		expect(await listing(world.db, row.uid)).toEqual(before);
		expect(await revisions(row.uid)).toHaveLength(1);
		expect(await proposalState(mine)).toMatchObject({
			status: 'pending',
			fields: expect.arrayContaining([{ field: 'telephone', decision: 'pending' }])
		});

		const view = await review.reviewOf(world.db, mine);
		const columns = view?.fields.map((f) => [f.field, f.base, f.current, f.proposed, f.conflict]);
		expect(columns).toEqual([
			['adresse', before.adresse, before.adresse, '234 boulevard Albin Durand', false],
			['telephone', '+33490630492', '+33490630411', '+33490630400', true]
		]);
	});

	test('the reviewer may publish over a conflict after seeing it', async () => {
		const row = await freshListing(world.db, world.party.id);
		const mine = await propose(row, (doc) => setText(doc, 'telephone', '+33490630400'));
		await publishMeanwhile(row, (doc) => setText(doc, 'telephone', '+33490630411'));

		const result = await commit(
			mine,
			{ telephone: { decision: 'accepted', override: true } },
			{ expectedVersion: 2 }
		);

		expect(result).toMatchObject({ status: 'committed', version: 3, applied: ['telephone'] });
		expect((await listing(world.db, row.uid)).telephone).toBe('+33490630400');
	});

	test('a change to another field meanwhile merges: both are published', async () => {
		const row = await freshListing(world.db, world.party.id);
		const mine = await propose(row, (doc) => setText(doc, 'telephone', '+33490630400'));
		await publishMeanwhile(row, (doc) => setText(doc, 'adresse', '234 boulevard Albin Durand'));

		const result = await commit(mine, accept('telephone'), { now: NOW });

		expect(result).toMatchObject({ status: 'committed', version: 3, applied: ['telephone'] });
		expect(await listing(world.db, row.uid)).toMatchObject({
			telephone: '+33490630400',
			adresse: '234 boulevard Albin Durand',
			version: 3
		});
		const last = (await revisions(row.uid)).find((r) => r.version === 3);
		expect(last?.changes).toEqual({
			telephone: { old: '+33490630492', new: '+33490630400' },
			date_maj: { old: expect.any(String), new: TODAY }
		});
	});

	test('the same value published meanwhile is neither a conflict nor a change', async () => {
		const row = await freshListing(world.db, world.party.id);
		const mine = await propose(row, (doc) => setText(doc, 'telephone', '+33490630400'));
		await publishMeanwhile(row, (doc) => setText(doc, 'telephone', '+33490630400'));

		const result = await commit(mine, accept('telephone'));

		expect(result).toMatchObject({
			status: 'committed',
			applied: [],
			alreadyPublished: ['telephone']
		});
	});

	test('a page shown before another publication cannot commit', async () => {
		const row = await freshListing(world.db, world.party.id);
		const id = await propose(row, (doc) => setText(doc, 'nom', 'Inguimbertine'));

		await expect(commit(id, accept('nom'), { expectedVersion: 0 })).rejects.toMatchObject({
			status: 409,
			message:
				'La fiche a été publiée à nouveau pendant votre revue (version 0, maintenant 1) : ' +
				'relisez la colonne « Actuellement publié », puis validez.'
		});
		expect(await listing(world.db, row.uid)).toEqual(row);
	});

	test('a confirmation of an older version needs the reviewer’s explicit go-ahead', async () => {
		const row = await freshListing(world.db, world.party.id);
		const proposalId = await confirmation(row);
		await publishMeanwhile(row, (doc) => setText(doc, 'adresse', '1 rue Neuve'));

		await expect(commit(proposalId, {})).rejects.toMatchObject({ status: 409 });
		const result = await commit(proposalId, {}, { override: true });

		expect(result).toMatchObject({ status: 'committed', version: 3 });
	});
});

describe('a draft that lives on after a commit', () => {
	test('sending it again proposes only what is not published yet', async () => {
		const row = await freshListing(world.db, world.party.id);
		const first = await propose(row, (doc) => {
			setText(doc, 'telephone', '+33490630400');
			setText(doc, 'nom', 'Inguimbertine');
		});
		await commit(first, { ...accept('telephone'), nom: { decision: 'rejected' } });

		const second = await propose(row, (doc) => setText(doc, 'adresse', '1 rue Neuve'));

		const view = await review.reviewOf(world.db, second);
		expect(view?.fields.map((f) => [f.field, f.current, f.proposed, f.conflict])).toEqual([
			['nom', "Bibliothèque l'Inguimbertine", 'Inguimbertine', false],
			['adresse', '180 Place Aristide Briand', '1 rue Neuve', false]
		]);
	});

	test('a field this party published is where its next edit starts: no conflict', async () => {
		const row = await freshListing(world.db, world.party.id);
		await commit(
			await propose(row, (doc) => setText(doc, 'telephone', '+33490630400')),
			accept('telephone')
		);

		const next = await propose(row, (doc) => setText(doc, 'telephone', '+33490630411'));

		const view = await review.reviewOf(world.db, next);
		expect(view?.proposal.baseVersion).toBe(2);
		expect(view?.fields.map((f) => [f.field, f.base, f.current, f.proposed, f.conflict])).toEqual([
			['telephone', '+33490630400', '+33490630400', '+33490630411', false]
		]);
	});

	test('what another party published after ours is still a conflict', async () => {
		const row = await freshListing(world.db, world.party.id);
		await commit(
			await propose(row, (doc) => setText(doc, 'telephone', '+33490630400')),
			accept('telephone')
		);
		await publishMeanwhile(row, (doc) => setText(doc, 'telephone', '+33490630422'));

		const next = await propose(row, (doc) => setText(doc, 'telephone', '+33490630411'));

		const view = await review.reviewOf(world.db, next);
		expect(view?.proposal.baseVersion).toBe(2);
		expect(view?.fields.map((f) => [f.base, f.current, f.conflict])).toEqual([
			['+33490630400', '+33490630422', true]
		]);
	});

	test('confirming a draft that is all published confirms the current version', async () => {
		const row = await freshListing(world.db, world.party.id);
		const first = await propose(row, (doc) => setText(doc, 'telephone', '+33490630400'));
		await commit(first, accept('telephone'));

		const proposalId = await confirmation(row);

		await expect(commit(proposalId, {})).resolves.toMatchObject({
			status: 'committed',
			version: 3
		});
	});
});

describe('what the reviewer must say', () => {
	test('every field needs a decision, and only the proposal’s fields may have one', async () => {
		const row = await freshListing(world.db, world.party.id);
		const id = await propose(row, (doc) => {
			setText(doc, 'nom', 'Inguimbertine');
			setText(doc, 'adresse', '1 rue Neuve');
		});

		await expect(commit(id, accept('nom'))).rejects.toMatchObject({
			status: 400,
			message: 'Choisissez « Accepter » ou « Refuser » pour « Adresse ».'
		});
		await expect(commit(id, accept('nom', 'adresse', 'telephone'))).rejects.toMatchObject({
			status: 400,
			fields: ['telephone']
		});
		expect(await listing(world.db, row.uid)).toEqual(row);
	});

	test('a proposal is reviewed once', async () => {
		const row = await freshListing(world.db, world.party.id);
		const id = await propose(row, (doc) => setText(doc, 'nom', 'Inguimbertine'));
		await commit(id, accept('nom'));

		await expect(commit(id, accept('nom'))).rejects.toMatchObject({
			status: 409,
			message: 'Cette proposition a déjà été revue (publiée).'
		});
		expect((await listing(world.db, row.uid)).version).toBe(2);
	});

	test('a participant cannot publish, even their own proposal', async () => {
		const row = await freshListing(world.db, world.party.id);
		const id = await propose(row, (doc) => setText(doc, 'nom', 'Inguimbertine'));

		await expect(
			commit(id, accept('nom'), { reviewerId: world.participant.id })
		).rejects.toMatchObject({
			status: 403,
			message: 'Seuls les coordinateurs peuvent valider une revue.'
		});
		expect(await listing(world.db, row.uid)).toEqual(row);
		expect((await proposalState(id)).status).toBe('pending');
	});
});

describe('all or nothing', () => {
	test('a value altered in the database after submission is checked again', async () => {
		const row = await freshListing(world.db, world.party.id);
		const id = await propose(row, (doc) => {
			setText(doc, 'telephone', '+33490630400');
			setText(doc, 'nom', 'Inguimbertine');
		});
		await world.db
			.update(proposalFields)
			.set({ proposedValue: '04 90' })
			.where(and(eq(proposalFields.proposalId, id), eq(proposalFields.field, 'telephone')));

		await expect(commit(id, accept('telephone', 'nom'))).rejects.toMatchObject({
			status: 422,
			fields: ['telephone']
		});
		expect(await listing(world.db, row.uid)).toEqual(row);
		expect(await revisions(row.uid)).toEqual([]);
	});

	test('a failure in the last statement undoes the listing, revision and decisions', async () => {
		const row = await freshListing(world.db, world.party.id);
		const id = await propose(row, (doc) => setText(doc, 'nom', 'Inguimbertine'));
		// The queue update is the commit's last write: failing there proves the others roll back.
		await world.db.execute(sql`
			create function refuse_queue_update() returns trigger language plpgsql as $$
			begin raise exception 'panne simulée'; end $$`);
		await world.db.execute(sql`
			create trigger refuse_queue_update before update on party_listings
			for each row execute function refuse_queue_update()`);

		let failure: unknown;
		try {
			await commit(id, accept('nom')).catch((error) => (failure = error));
		} finally {
			await world.db.execute(sql`drop trigger refuse_queue_update on party_listings`);
			await world.db.execute(sql`drop function refuse_queue_update()`);
		}

		// Drizzle wraps the driver's error, which carries the trigger's message.
		expect((failure as Error).cause).toMatchObject({ message: 'panne simulée' });
		expect(await listing(world.db, row.uid)).toEqual(row);
		expect(await revisions(row.uid)).toEqual([]);
		expect(await proposalState(id)).toEqual({
			status: 'pending',
			reviewedBy: null,
			fields: [{ field: 'nom', decision: 'pending' }]
		});
		expect(await queueStatus(world.party.id, row.uid)).toBe('proposed');
	});
});
