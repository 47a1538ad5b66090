import { eq } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import { setText } from '../../src/lib/collab/draft-doc';
import { listingRevisions, type Listing } from '../../src/lib/server/db/schema';
import { commitProposal } from '../../src/lib/server/listings/commit';
import { listingHistory, revertRevision } from '../../src/lib/server/listings/history';
import * as review from '../../src/lib/server/review';
import { editDraft, freshListing, listing, reviewWorld } from './review-fixtures';

const world = reviewWorld();
const NOW = new Date('2026-07-01T10:00:00Z');

/** A participant proposes, the coordinator accepts every field; returns the revision id. */
async function published(row: Listing, edit: (doc: Y.Doc) => void): Promise<number> {
	await editDraft(world.db, world.party.id, row.uid, edit);
	const sent = await review.submit(world.db, {
		partyId: world.party.id,
		listingUid: row.uid,
		authorId: world.participant.id,
		kind: 'change'
	});
	const decisions = Object.fromEntries(
		sent.fields.map((f) => [f, { decision: 'accepted' as const }])
	);
	const result = await commitProposal(world.db, {
		proposalId: sent.proposalId,
		reviewerId: world.coordinator.id,
		decisions
	});
	return result.revisionId!;
}

/** Reverts a revision from the page of `listingUid` (by default, the revision's own listing). */
async function revert(revisionId: number, fields?: string[], listingUid?: string) {
	const uid = listingUid ?? (await revision(revisionId)).listingUid;
	return revertRevision(world.db, {
		listingUid: uid,
		revisionId,
		userId: world.coordinator.id,
		fields,
		now: NOW
	});
}

async function revision(id: number) {
	const [row] = await world.db.select().from(listingRevisions).where(eq(listingRevisions.id, id));
	return row;
}

describe('a listing’s history', () => {
	test('each revision says who, from which party and proposal, and what changed', async () => {
		const row = await freshListing(world.db, world.party.id);
		const id = await published(row, (doc) => {
			setText(doc, 'telephone', '+33490630400');
			setText(doc, 'adresse', '234 boulevard Albin Durand');
		});
		await revert(id, ['telephone']);

		const history = await listingHistory(world.db, row.uid);

		expect(history?.fields.telephone).toBe('+33490630492');
		expect(history?.revisions.map((r) => [r.version, r.kind, r.author])).toEqual([
			[3, 'revert', 'Camille'],
			[2, 'commit', 'Camille']
		]);
		const [undo, commit] = history!.revisions;
		expect(commit).toMatchObject({
			id,
			party: { id: world.party.id, title: 'Carto party de Carpentras' },
			proposal: { author: 'Léa' },
			revertedBy: [undo.id]
		});
		expect(commit.changes.map((c) => c.field)).toEqual(['adresse', 'telephone', 'date_maj']);
		expect(undo).toMatchObject({ revertsRevisionId: id, party: null, proposal: null });
		expect(undo.changes).toEqual([
			{ field: 'telephone', old: '+33490630400', new: '+33490630492' },
			{ field: 'date_maj', old: expect.any(String), new: '2026-07-01' }
		]);
	});

	test('an unknown listing has no history', async () => {
		expect(await listingHistory(world.db, '00000000-0000-4000-8000-000000000000')).toBeUndefined();
		expect(await listingHistory(world.db, 'pas-un-uuid')).toBeUndefined();
	});
});

describe('reverting a revision', () => {
	test('the old values come back, in a new revision that points to the undone one', async () => {
		const row = await freshListing(world.db, world.party.id);
		const id = await published(row, (doc) => {
			setText(doc, 'telephone', '+33490630400');
			setText(doc, 'adresse', '234 boulevard Albin Durand');
		});

		const result = await revert(id);

		expect(result).toEqual({
			version: 3,
			revisionId: expect.any(Number),
			restored: ['adresse', 'telephone']
		});
		expect(await listing(world.db, row.uid)).toMatchObject({
			telephone: row.telephone,
			adresse: row.adresse,
			date_maj: '2026-07-01',
			version: 3
		});
		expect(await revision(result.revisionId)).toMatchObject({
			kind: 'revert',
			version: 3,
			authorId: world.coordinator.id,
			revertsRevisionId: id,
			proposalId: null,
			changes: {
				telephone: { old: '+33490630400', new: '+33490630492' },
				adresse: { old: '234 boulevard Albin Durand', new: '180 Place Aristide Briand' },
				date_maj: { old: expect.any(String), new: '2026-07-01' }
			}
		});
	});

	test('one field of a revision can be reverted alone', async () => {
		const row = await freshListing(world.db, world.party.id);
		const id = await published(row, (doc) => {
			setText(doc, 'telephone', '+33490630400');
			setText(doc, 'adresse', '234 boulevard Albin Durand');
		});

		await revert(id, ['telephone']);

		expect(await listing(world.db, row.uid)).toMatchObject({
			telephone: '+33490630492',
			adresse: '234 boulevard Albin Durand'
		});
	});

	test('a field changed again since is not overwritten, and nothing is reverted', async () => {
		const row = await freshListing(world.db, world.party.id);
		const first = await published(row, (doc) => {
			setText(doc, 'telephone', '+33490630400');
			setText(doc, 'adresse', '234 boulevard Albin Durand');
		});
		await published(await listing(world.db, row.uid), (doc) =>
			setText(doc, 'telephone', '+33490630411')
		);
		const before = await listing(world.db, row.uid);

		await expect(revert(first)).rejects.toMatchObject({
			status: 409,
			fields: ['telephone'],
			message:
				'Impossible d’annuler : « Téléphone » a changé depuis cette révision. ' +
				'Annuler écraserait une modification plus récente.'
		});
		expect(await listing(world.db, row.uid)).toEqual(before);
		// The field nobody touched since can still be reverted on its own.
		await expect(revert(first, ['adresse'])).resolves.toMatchObject({ restored: ['adresse'] });
	});

	test('a revision already reverted cannot be reverted again', async () => {
		const row = await freshListing(world.db, world.party.id);
		const id = await published(row, (doc) => setText(doc, 'nom', 'Inguimbertine'));
		await revert(id);

		await expect(revert(id)).rejects.toMatchObject({ status: 409, fields: ['nom'] });
	});

	test('a confirmation changes no value, so there is nothing to revert', async () => {
		const row = await freshListing(world.db, world.party.id);
		const sent = await review.submit(world.db, {
			partyId: world.party.id,
			listingUid: row.uid,
			authorId: world.participant.id,
			kind: 'confirm'
		});
		const { revisionId } = await commitProposal(world.db, {
			proposalId: sent.proposalId,
			reviewerId: world.coordinator.id,
			decisions: {}
		});

		await expect(revert(revisionId!)).rejects.toMatchObject({
			status: 400,
			message: 'Cette révision ne change aucune valeur : rien à annuler.'
		});
	});

	test('a field the revision did not change is refused', async () => {
		const row = await freshListing(world.db, world.party.id);
		const id = await published(row, (doc) => setText(doc, 'nom', 'Inguimbertine'));

		await expect(revert(id, ['telephone'])).rejects.toMatchObject({
			status: 400,
			message: 'Cette révision ne change pas « Téléphone ».'
		});
	});

	test('a revision of another listing is not found from this listing’s page, and neither changes', async () => {
		const mine = await freshListing(world.db, world.party.id);
		const other = await freshListing(world.db, world.party.id);
		const id = await published(other, (doc) => setText(doc, 'nom', 'Inguimbertine'));
		const [mineBefore, otherBefore] = [await listing(world.db, mine.uid), await listing(world.db, other.uid)];

		await expect(revert(id, undefined, mine.uid)).rejects.toMatchObject({
			status: 404,
			message: 'Cette révision n’appartient pas à cette fiche : rien n’a été annulé.'
		});
		expect(await listing(world.db, mine.uid)).toEqual(mineBefore);
		expect(await listing(world.db, other.uid)).toEqual(otherBefore);
		expect(otherBefore.nom).toBe('Inguimbertine');
	});

	test('only coordinators may revert', async () => {
		const row = await freshListing(world.db, world.party.id);
		const id = await published(row, (doc) => setText(doc, 'nom', 'Inguimbertine'));

		await expect(
			revertRevision(world.db, {
				listingUid: row.uid,
				revisionId: id,
				userId: world.participant.id
			})
		).rejects.toMatchObject({
			status: 403,
			message: 'Seuls les coordinateurs peuvent annuler une révision.'
		});
		expect((await listing(world.db, row.uid)).nom).toBe('Inguimbertine');
	});
});
