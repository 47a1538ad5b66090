import { describe, expect, test } from 'vitest';
import { setText } from '../../src/lib/collab/draft-doc';
import { commitProposal } from '../../src/lib/server/listings/commit';
import * as parties from '../../src/lib/server/parties';
import * as review from '../../src/lib/server/review';
import { CARPENTRAS, editDraft, freshListing, reviewWorld } from './review-fixtures';

const world = reviewWorld();

async function propose(partyId: string, uid: string, authorId: string, nom: string) {
	await editDraft(world.db, partyId, uid, (doc) => setText(doc, 'nom', nom));
	return review.submit(world.db, { partyId, listingUid: uid, authorId, kind: 'change' });
}

describe('the review queue', () => {
	test('pending proposals are grouped by party then listing, with counts and filter', async () => {
		const { party: other } = await parties.create(world.db, {
			title: 'Atelier de Carpentras',
			territoryKind: 'commune',
			territoryCode: CARPENTRAS,
			createdBy: world.coordinator.id
		});
		const library = await freshListing(world.db, world.party.id, 1);
		const association = await freshListing(world.db, world.party.id, 2);
		const noe = await parties.join(world.db, {
			joinCode: world.party.joinCode,
			displayName: 'Noé'
		});
		await propose(world.party.id, library.uid, world.participant.id, 'Inguimbertine');
		await propose(world.party.id, library.uid, noe.user.id, 'Inguimbertine');
		await propose(world.party.id, association.uid, world.participant.id, 'Initiative Ventoux');
		const elsewhere = await freshListing(world.db, other.id, 0);
		const done = await propose(other.id, elsewhere.uid, world.coordinator.id, 'PIJ Carpentras');
		await propose(other.id, elsewhere.uid, world.coordinator.id, 'PIJ de Carpentras');
		const reviewed = await freshListing(world.db, other.id, 0);
		const gone = await propose(other.id, reviewed.uid, world.coordinator.id, 'Ancien PIJ');
		await commitProposal(world.db, {
			proposalId: gone.proposalId,
			reviewerId: world.coordinator.id,
			decisions: { nom: { decision: 'rejected' } }
		});

		const all = await review.queue(world.db);

		expect(all.total).toBe(4);
		expect(all.filters).toEqual([
			{ id: other.id, title: 'Atelier de Carpentras', count: 1 },
			{ id: world.party.id, title: 'Carto party de Carpentras', count: 3 }
		]);
		const shape = all.parties.map((p) => [
			p.title,
			p.count,
			p.listings.map((l) => [l.nom, l.proposals.map((q) => [q.author, q.fieldCount])])
		]);
		expect(shape).toEqual([
			['Atelier de Carpentras', 1, [['Point Information Jeunesse', [['Camille', 1]]]]],
			[
				'Carto party de Carpentras',
				3,
				[
					["Bibliothèque l'Inguimbertine", [['Léa', 1], ['Noé', 1]]],
					['INITIATIVE VENTOUX', [['Léa', 1]]]
				]
			]
		]);
		expect(all.parties[0].listings[0].proposals[0].id).toBe(done.proposalId);

		const one = await review.queue(world.db, { partyId: other.id });
		expect(one.total).toBe(1);
		expect(one.parties.map((p) => p.id)).toEqual([other.id]);
	});
});

describe('a proposal under review', () => {
	test('shows the three values, the proposed value’s issues and the other proposals', async () => {
		const row = await freshListing(world.db, world.party.id, 1);
		await editDraft(world.db, world.party.id, row.uid, (doc) => {
			setText(doc, 'courriels', 'marie.dupont@carpentras.fr');
		});
		const sent = await review.submit(world.db, {
			partyId: world.party.id,
			listingUid: row.uid,
			authorId: world.participant.id,
			kind: 'change'
		});
		const other = await review.submit(world.db, {
			partyId: world.party.id,
			listingUid: row.uid,
			authorId: world.coordinator.id,
			kind: 'change'
		});

		const view = await review.reviewOf(world.db, sent.proposalId);

		expect(view?.proposal).toMatchObject({ kind: 'change', status: 'pending', author: 'Léa' });
		expect(view?.listing).toMatchObject({ uid: row.uid, version: 1, date_maj: '2022-06-30' });
		expect(view?.fields).toEqual([
			{
				field: 'courriels',
				label: 'Courriels',
				kind: 'list',
				multiple: true,
				base: ['bibliotheque-musee@carpentras.fr'],
				current: ['bibliotheque-musee@carpentras.fr'],
				proposed: ['marie.dupont@carpentras.fr'],
				conflict: false,
				alreadyPublished: false,
				issues: [expect.objectContaining({ severity: 'warning', code: 'personal_data' })],
				decision: 'pending',
				reason: null
			}
		]);
		expect(view?.others.map((o) => [o.id, o.author])).toEqual([[other.proposalId, 'Camille']]);
		expect(await review.reviewOf(world.db, 'inconnue')).toBeUndefined();
	});

	test('a participant sees each of their proposals with its outcome', async () => {
		const { party } = await parties.create(world.db, {
			title: 'Suivi',
			territoryKind: 'commune',
			territoryCode: CARPENTRAS,
			createdBy: world.coordinator.id
		});
		const row = await freshListing(world.db, party.id, 2);
		const sent = await propose(party.id, row.uid, world.coordinator.id, 'Initiative Ventoux');

		const before = await review.proposalsOf(world.db, {
			partyId: party.id,
			authorId: world.coordinator.id
		});
		expect(before).toEqual([
			{
				id: sent.proposalId,
				listingUid: row.uid,
				listingName: 'INITIATIVE VENTOUX',
				partyId: party.id,
				authorId: world.coordinator.id,
				kind: 'change',
				status: 'pending',
				createdAt: expect.any(Date),
				reviewedAt: null,
				reviewNote: null,
				fields: [
					{
						field: 'nom',
						label: 'Nom du lieu',
						proposed: 'Initiative Ventoux',
						decision: 'pending',
						reason: null
					}
				]
			}
		]);
		expect(
			await review.proposalsOf(world.db, { partyId: party.id, authorId: world.participant.id })
		).toEqual([]);
	});
});
