/**
 * What the party page tells a participant after the review (« Vos propositions », refused
 * fields beside the editor) and what its editor compares the draft with: the listing as
 * published now. The editor's list of changes must be what `submit` records.
 */
import { describe, expect, test } from 'vitest';
import { setText, setValue, unpublishedChanges } from '../../src/lib/collab/draft-doc';
import { fieldNote } from '../../src/lib/components/listing/field-notes';
import type { Listing } from '../../src/lib/server/db/schema';
import { commitProposal, rejectProposal } from '../../src/lib/server/listings/commit';
import * as parties from '../../src/lib/server/parties';
import * as partyView from '../../src/lib/server/party-view';
import * as review from '../../src/lib/server/review';
import { loadDraftSnapshot } from '../../src/realtime/drafts';
import {
	CARPENTRAS,
	editDraft,
	freshListing,
	reviewWorld,
	sendChange,
	type DraftEdit
} from './review-fixtures';

const world = reviewWorld();

const propose = (row: Listing, edit: DraftEdit, partyId?: string, authorId?: string) =>
	sendChange(world, row, edit, partyId, authorId);

function decide(proposalId: string, decisions: Record<string, 'accepted' | string>) {
	return commitProposal(world.db, {
		proposalId,
		reviewerId: world.coordinator.id,
		decisions: Object.fromEntries(
			Object.entries(decisions).map(([field, decision]) => [
				field,
				decision === 'accepted'
					? { decision: 'accepted' as const }
					: { decision: 'rejected' as const, reason: decision }
			])
		)
	});
}

const mine = (partyId: string) =>
	review.proposalsOf(world.db, { partyId, authorId: world.participant.id });

/** A party of the coordinator's, to publish something the participant's draft did not do. */
async function otherParty() {
	const { party } = await parties.create(world.db, {
		title: 'Autre carto party',
		territoryKind: 'commune',
		territoryCode: CARPENTRAS,
		createdBy: world.coordinator.id
	});
	return party.id;
}

describe("a participant's proposals, listing by listing", () => {
	test('each listing shows its newest proposal: published, in part, refused, waiting', async () => {
		const [all, part, whole, waiting] = await Promise.all(
			[0, 1, 2, 1].map((i) => freshListing(world.db, world.party.id, i))
		);
		await decide(await propose(all, (doc) => setText(doc, 'telephone', '+33490000001')), {
			telephone: 'accepted'
		});
		const partly = await propose(part, (doc) => {
			setText(doc, 'telephone', '+33490000002');
			setText(doc, 'nom', 'Inguimbertine');
		});
		await decide(partly, { telephone: 'accepted', nom: 'Le nom officiel est plus long.' });
		const refused = await propose(whole, (doc) => setText(doc, 'nom', 'Ventoux'));
		await rejectProposal(world.db, {
			proposalId: refused,
			reviewerId: world.coordinator.id,
			reason: 'Doublon d’une autre fiche.'
		});
		await propose(waiting, (doc) => setText(doc, 'nom', 'Bibliothèque'));

		const outcomes = review.byListing(await mine(world.party.id));

		const of = (row: Listing) => outcomes.find((o) => o.listingUid === row.uid);
		expect(of(all)).toMatchObject({ verdict: 'published', published: ['Téléphone'], refused: [] });
		expect(of(part)).toMatchObject({
			verdict: 'partly',
			published: ['Téléphone'],
			refused: [
				{
					field: 'nom',
					label: 'Nom du lieu',
					proposed: 'Inguimbertine',
					reason: 'Le nom officiel est plus long.'
				}
			]
		});
		expect(of(whole)).toMatchObject({
			verdict: 'refused',
			reviewNote: 'Doublon d’une autre fiche.',
			refused: [{ field: 'nom', proposed: 'Ventoux', reason: 'Doublon d’une autre fiche.' }]
		});
		expect(of(waiting)).toMatchObject({ verdict: 'waiting', reviewedAt: null, refused: [] });
		expect(outcomes.filter((o) => o.listingUid === part.uid)).toHaveLength(1);

		// A new proposal on a reviewed listing takes its place.
		await propose(part, (doc) => setText(doc, 'horaires', 'Tu-Sa 10:00-18:00'));
		const later = review.byListing(await mine(world.party.id));
		expect(later.filter((o) => o.listingUid === part.uid)).toEqual([
			expect.objectContaining({ verdict: 'waiting', refused: [] })
		]);
	});

	test('a refused field stays refused until the field is proposed again', async () => {
		const row = await freshListing(world.db, world.party.id, 1);
		await decide(await propose(row, (doc) => setText(doc, 'nom', 'Inguimbertine')), {
			nom: 'Trop court.'
		});
		// Léa puts the published name back in the draft and sends a telephone.
		const next = await propose(row, (doc) => {
			setValue(doc, 'nom', row.nom);
			setText(doc, 'telephone', '+33490000003');
		});
		await decide(next, { telephone: 'accepted' });

		expect(review.refusalsOn(await mine(world.party.id), row.uid)).toEqual({
			nom: { field: 'nom', label: 'Nom du lieu', proposed: 'Inguimbertine', reason: 'Trop court.' }
		});

		await decide(await propose(row, (doc) => setText(doc, 'nom', 'Inguimbertine de Carpentras')), {
			nom: 'accepted'
		});
		expect(review.refusalsOn(await mine(world.party.id), row.uid)).toEqual({});
	});
});

describe('the draft against the published listing', () => {
	test('the editor lists what submit records, and notes refused and outdated fields', async () => {
		const row = await freshListing(world.db, world.party.id, 1);
		// Léa's telephone is published, her name refused; she then starts on the hours.
		const first = await propose(row, (doc) => {
			setText(doc, 'telephone', '+33490000004');
			setText(doc, 'nom', 'Inguimbertine');
		});
		await decide(first, { telephone: 'accepted', nom: 'Le nom officiel est plus long.' });
		await editDraft(world.db, world.party.id, row.uid, (doc) =>
			setText(doc, 'horaires', 'Tu-Sa 10:00-18:00')
		);
		// Another party publishes a new address, a field Léa's draft never touched.
		const address: DraftEdit = (doc) => setText(doc, 'adresse', '234 boulevard Albin Durand');
		const theirs = await propose(row, address, await otherParty(), world.coordinator.id);
		await decide(theirs, { adresse: 'accepted' });

		const draft = (await loadDraftSnapshot(world.db, world.party.id, row.uid))!;
		const published = (await partyView.published(world.db, row.uid))!;
		expect(published.version).toBe(3);
		const shown = unpublishedChanges(draft, published.fields);
		expect(shown.map((c) => c.field)).toEqual(['nom', 'horaires']);

		const refusals = review.refusalsOn(await mine(world.party.id), row.uid);
		const note = (field: 'nom' | 'adresse' | 'telephone') =>
			fieldNote(draft.values[field], draft.base[field], published.fields[field], refusals[field]);
		expect(note('nom')).toEqual({
			kind: 'refused',
			published: "Bibliothèque l'Inguimbertine",
			reason: 'Le nom officiel est plus long.'
		});
		expect(note('adresse')).toEqual({ kind: 'outdated', published: '234 boulevard Albin Durand' });
		expect(note('telephone')).toBeNull();

		// Going back to the published name, as the editor's button does, leaves the hours.
		await editDraft(world.db, world.party.id, row.uid, (doc) =>
			setValue(doc, 'nom', published.fields.nom)
		);
		const after = (await loadDraftSnapshot(world.db, world.party.id, row.uid))!;
		expect(unpublishedChanges(after, published.fields).map((c) => c.field)).toEqual(['horaires']);
		const sent = await review.submit(world.db, {
			partyId: world.party.id,
			listingUid: row.uid,
			authorId: world.participant.id,
			kind: 'change'
		});
		expect(sent.fields).toEqual(['horaires']);
	});

	test('an unknown listing has no published values', async () => {
		expect(await partyView.published(world.db, '00000000-0000-4000-8000-000000000000')).toBeNull();
	});
});
