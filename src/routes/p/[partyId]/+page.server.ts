import { fail } from '@sveltejs/kit';
import { requireUser } from '$lib/server/auth/guard';
import * as feedback from '$lib/server/feedback';
import * as parties from '$lib/server/parties';
import * as partyView from '$lib/server/party-view';
import * as review from '$lib/server/review';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	const { party, role } = await parties.requireMember(event.locals.db, event.params.partyId, user);
	// The page polls this key so that statuses set by others show up.
	event.depends('party:listings');

	const { counts, listings } = await parties.progress(event.locals.db, party.id);
	const mine = await review.proposalsOf(event.locals.db, { partyId: party.id, authorId: user.id });
	// The open listing as published now, so the editor compares the draft with it. Reading the
	// parameter reloads the page's data when another listing opens.
	const fiche = event.url.searchParams.get('fiche');
	const opened = listings.some((l) => l.uid === fiche)
		? await partyView.published(event.locals.db, fiche!)
		: null;
	return {
		party: {
			id: party.id,
			title: party.title,
			territoryName: party.territoryName,
			status: party.status
		},
		role,
		me: { id: user.id, name: user.displayName },
		counts,
		listings: listings.map(({ updatedAt: _, ...listing }) => listing),
		outcomes: review.byListing(mine),
		open: opened && { ...opened, refusals: review.refusalsOn(mine, opened.uid) }
	};
};

/** The member asking and the listing of the party the form is about, or a French refusal. */
async function target(event: RequestEvent) {
	const user = requireUser(event);
	const { party } = await parties.requireMember(event.locals.db, event.params.partyId, user);
	const form = await event.request.formData();
	const listingUid = String(form.get('listingUid') ?? '');
	const queued =
		parties.isPartyId(listingUid) &&
		(await partyView.isQueued(event.locals.db, party.id, listingUid));
	return { user, party, form, listingUid: queued ? listingUid : null };
}

const NOT_QUEUED = 'Cette fiche ne fait pas partie de la carto party.';

async function send(event: RequestEvent, kind: review.ProposalKind) {
	const { user, party, form, listingUid } = await target(event);
	if (!listingUid) return fail(404, { action: kind, message: NOT_QUEUED });

	try {
		const sent = await review.submit(event.locals.db, {
			partyId: party.id,
			listingUid,
			authorId: user.id,
			kind,
			comment: String(form.get('comment') ?? '') || null
		});
		return { action: kind, listingUid, ...sent };
	} catch (error) {
		if (!(error instanceof review.ReviewError)) throw error;
		return fail(error.status, {
			action: kind,
			listingUid,
			message: error.message,
			fields: error.fields,
			issues: error.issues
		});
	}
}

export const actions: Actions = {
	open: async (event) => {
		const { party, listingUid } = await target(event);
		if (!listingUid) return fail(404, { action: 'open', message: NOT_QUEUED });
		// A closed party is read-only: looking at a listing no longer puts it "in progress".
		if (party.status === 'closed') return { action: 'open', listingUid, moved: false };
		const moved = await partyView.markInProgress(event.locals.db, party.id, listingUid);
		return { action: 'open', listingUid, moved };
	},

	confirm: (event) => send(event, 'confirm'),

	change: (event) => send(event, 'change'),

	feedback: async (event) => {
		const { user, form, listingUid } = await target(event);
		const input = {
			field: String(form.get('field') ?? ''),
			kind: String(form.get('kind') ?? ''),
			message: String(form.get('message') ?? '')
		};
		try {
			await feedback.record(event.locals.db, { ...input, listingUid, authorId: user.id });
		} catch (error) {
			if (!(error instanceof feedback.FeedbackError)) throw error;
			return fail(400, { action: 'feedback', field: error.field, message: error.message, input });
		}
		return {
			action: 'feedback',
			message: 'Merci : votre remarque sur le standard est transmise aux coordinateurs.'
		};
	}
};
