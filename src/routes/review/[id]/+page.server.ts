import { error, fail, type RequestEvent } from '@sveltejs/kit';
import { requireCoordinator } from '$lib/server/auth/guard';
import { count } from '$lib/i18n/plural';
import {
	commitProposal,
	rejectProposal,
	type Committed,
	type FieldDecision
} from '$lib/server/listings/commit';
import * as review from '$lib/server/review';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requireCoordinator(event);
	const found = await review.reviewOf(event.locals.db, event.params.id);
	if (!found) error(404, 'Proposition introuvable.');
	// « Tout accepter » without JavaScript: the page comes back with every choice made.
	const all = event.url.searchParams.get('tout');
	const preset = all === 'accepter' ? 'accepted' : all === 'refuser' ? 'rejected' : '';
	return { ...found, preset };
};

/** `decision.<field>`, `reason.<field>` and `override.<field>` inputs, as the commit takes them. */
function decisionsFrom(form: FormData): Record<string, FieldDecision> {
	const decisions: Record<string, FieldDecision> = {};
	for (const [key, value] of form) {
		if (!key.startsWith('decision.')) continue;
		if (value !== 'accepted' && value !== 'rejected') continue;
		const field = key.slice('decision.'.length);
		decisions[field] = {
			decision: value,
			reason: String(form.get(`reason.${field}`) ?? ''),
			override: form.get(`override.${field}`) === 'on'
		};
	}
	return decisions;
}

/** The version the reviewer was shown, sent back by the form. */
function shownVersion(form: FormData): number | undefined {
	const raw = form.get('version');
	const version = typeof raw === 'string' && raw !== '' ? Number(raw) : NaN;
	return Number.isSafeInteger(version) ? version : undefined;
}

/** The next proposal waiting, in the same party first, to move on without the queue. */
async function next(event: RequestEvent, partyId: string | null): Promise<string | null> {
	const others = (queue: review.ReviewQueue) =>
		queue.parties
			.flatMap((p) => p.listings.flatMap((l) => l.proposals))
			.map((p) => p.id)
			.filter((id) => id !== event.params.id);
	const here = partyId ? others(await review.queue(event.locals.db, { partyId })) : [];
	return here[0] ?? others(await review.queue(event.locals.db))[0] ?? null;
}

function said(result: Committed): string {
	if (result.status === 'rejected') return 'Proposition refusée : la fiche ne change pas.';
	if (result.applied.length === 0) return `Fiche confirmée (version ${result.version}).`;
	const fields = count(result.applied.length, 'champ mis', 'champs mis');
	return `Revue publiée : ${fields} à jour (version ${result.version}).`;
}

/** Runs a review action; a refusal comes back to the form with its message and fields. */
async function decide(
	event: RequestEvent,
	act: (form: FormData, reviewerId: string) => Promise<Committed>
) {
	const user = requireCoordinator(event);
	const form = await event.request.formData();
	const found = await review.reviewOf(event.locals.db, event.params.id!);
	if (!found) error(404, 'Proposition introuvable.');
	try {
		const result = await act(form, user.id);
		const following = await next(event, found.proposal.party?.id ?? null);
		return { ok: true, message: said(result), next: following };
	} catch (failure) {
		if (!(failure instanceof review.ReviewError)) throw failure;
		return fail(failure.status, {
			ok: false,
			message: failure.message,
			fields: failure.fields,
			decisions: decisionsFrom(form)
		});
	}
}

export const actions: Actions = {
	commit: (event) =>
		decide(event, (form, reviewerId) =>
			commitProposal(event.locals.db, {
				proposalId: event.params.id,
				reviewerId,
				decisions: decisionsFrom(form),
				expectedVersion: shownVersion(form)
			})
		),
	confirm: (event) =>
		decide(event, (form, reviewerId) =>
			commitProposal(event.locals.db, {
				proposalId: event.params.id,
				reviewerId,
				decisions: {},
				expectedVersion: shownVersion(form),
				override: form.get('override') === 'on'
			})
		),
	reject: (event) =>
		decide(event, (form, reviewerId) =>
			rejectProposal(event.locals.db, {
				proposalId: event.params.id,
				reviewerId,
				reason: String(form.get('reason') ?? '')
			})
		)
};
