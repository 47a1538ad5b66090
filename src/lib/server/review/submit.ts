/**
 * A participant sends what they did on a listing: its field changes, read from the party's
 * shared draft, or "checked, nothing to change". One pending proposal per person and listing:
 * sending again replaces the fields of their own pending proposal. Proposals of other people
 * on the same listing stay side by side for the coordinator to compare.
 */
import { and, eq, sql } from 'drizzle-orm';
import { draftChanges } from '$lib/collab/draft-doc';
import type { FieldValue } from '$lib/domain/standard/fields';
import type { FieldIssue } from '$lib/domain/standard/issues';
import type { Database } from '../db';
import {
	listings,
	parties,
	partyListings,
	partyMembers,
	proposalFields,
	proposals
} from '../db/schema';
import { isPartyId } from '../parties/party';
import type { Executor } from '../users';
import { ReviewError } from './error';
import { errorsOf, labels, proposedIssues } from './values';

export type ProposalKind = 'confirm' | 'change';
export const COMMENT_MAX = 1000;

export interface SubmitInput {
	partyId: string;
	listingUid: string;
	authorId: string;
	kind: ProposalKind;
	/** A note for the coordinator (optional). */
	comment?: string | null;
}

export interface Submitted {
	proposalId: string;
	kind: ProposalKind;
	/** Changed fields, in the standard's order (empty for a confirmation). */
	fields: string[];
	/** Non-blocking remarks on the proposed values, to show to the participant. */
	warnings: FieldIssue[];
	/** True when the author's earlier pending proposal was replaced rather than a new one made. */
	replaced: boolean;
}

/**
 * The draft as stored, through the realtime server's reader (it first writes what this process
 * still holds in memory). Loaded on first use, as parties/notify.ts does: the realtime server
 * imports server services, not the other way round.
 */
async function storedDraft(db: Database, partyId: string, listingUid: string) {
	const { loadDraftSnapshot } = await import('$realtime/drafts');
	return loadDraftSnapshot(db, partyId, listingUid);
}

const NOTHING_CHANGED =
	'Aucune modification par rapport à la fiche publiée. ' +
	'Si elle est juste, choisissez « Vérifié, rien à changer ».';
const NOT_FOUND = 'Carto party introuvable.';
const CLOSED = 'Cette carto party est close : elle ne reçoit plus de propositions.';
const NOT_MEMBER = 'Vous ne faites pas partie de cette carto party.';
const NOT_QUEUED = 'Cette fiche ne fait pas partie de la carto party.';

/**
 * Records the proposal and marks the listing "proposed" in the party. Throws ReviewError:
 * 400 nothing to send, 403 not a member, 404 unknown party or listing, 409 closed party or a
 * confirmation over pending edits, 422 invalid values (`issues` says which field and why).
 */
export async function submit(db: Database, input: SubmitInput): Promise<Submitted> {
	const { partyId, listingUid, authorId, kind } = input;
	if (kind !== 'confirm' && kind !== 'change') {
		throw new ReviewError(400, 'Type de proposition inconnu.');
	}
	if (!isPartyId(partyId)) throw new ReviewError(404, NOT_FOUND);
	if (!isPartyId(listingUid)) throw new ReviewError(404, NOT_QUEUED);
	const comment = input.comment?.trim() || null;
	if (comment && comment.length > COMMENT_MAX) {
		throw new ReviewError(400, `Le commentaire doit faire au plus ${COMMENT_MAX} caractères.`);
	}

	const draft = await storedDraft(db, partyId, listingUid);
	const changes = draft ? draftChanges(draft) : [];
	if (kind === 'change' && changes.length === 0) throw new ReviewError(400, NOTHING_CHANGED);
	if (kind === 'confirm' && changes.length > 0) {
		const fields = changes.map((c) => c.field);
		throw new ReviewError(
			409,
			`La fiche a des modifications en cours (${labels(fields)}) : proposez-les, ` +
				'ou remettez les valeurs publiées avant de confirmer.',
			{ fields }
		);
	}

	const proposed = Object.fromEntries(changes.map((c) => [c.field, c.proposed]));
	const issues = proposedIssues(proposed, draft ? { ...draft.base, ...proposed } : undefined);
	const errors = errorsOf(issues);
	if (errors.length > 0) {
		const said = errors.map((issue) => issue.message).join(' ');
		throw new ReviewError(422, `À corriger avant d’envoyer : ${said}`, {
			fields: [...new Set(errors.map((e) => e.field))],
			issues: errors
		});
	}

	return db.transaction(async (tx) => {
		await authorize(tx, partyId, listingUid, authorId);
		const baseVersion = draft?.baseVersion ?? (await currentVersion(tx, listingUid));
		const { proposalId, replaced } = await upsertProposal(tx, {
			partyId,
			listingUid,
			authorId,
			kind,
			comment,
			baseVersion
		});
		if (changes.length > 0) {
			await tx.insert(proposalFields).values(
				changes.map((c) => ({
					proposalId,
					field: c.field,
					baseValue: jsonValue(c.base),
					proposedValue: jsonValue(c.proposed)
				}))
			);
		}
		await tx
			.update(partyListings)
			.set({ status: 'proposed', updatedAt: new Date() })
			.where(and(eq(partyListings.partyId, partyId), eq(partyListings.listingUid, listingUid)));
		const warnings = issues.filter((issue) => issue.severity === 'warning');
		return { proposalId, kind, fields: changes.map((c) => c.field), warnings, replaced };
	});
}

/**
 * The author is a member (or the creator) of the open party, and the listing is in its queue.
 * Takes the party row in share mode (closing waits for us) and the queue row for update, which
 * serialises submissions on one listing of one party.
 */
async function authorize(tx: Executor, partyId: string, listingUid: string, authorId: string) {
	const [party] = await tx
		.select({ status: parties.status, createdBy: parties.createdBy })
		.from(parties)
		.where(eq(parties.id, partyId))
		.for('share');
	if (!party) throw new ReviewError(404, NOT_FOUND);

	if (party.createdBy !== authorId) {
		const [member] = await tx
			.select({ revokedAt: partyMembers.revokedAt })
			.from(partyMembers)
			.where(and(eq(partyMembers.partyId, partyId), eq(partyMembers.userId, authorId)));
		if (!member || member.revokedAt) throw new ReviewError(403, NOT_MEMBER);
	}
	if (party.status !== 'open') throw new ReviewError(409, CLOSED);

	const [queued] = await tx
		.select({ status: partyListings.status })
		.from(partyListings)
		.where(and(eq(partyListings.partyId, partyId), eq(partyListings.listingUid, listingUid)))
		.for('update');
	if (!queued) throw new ReviewError(404, NOT_QUEUED);
}

async function currentVersion(tx: Executor, listingUid: string): Promise<number> {
	const [row] = await tx
		.select({ version: listings.version })
		.from(listings)
		.where(eq(listings.uid, listingUid));
	if (!row) throw new ReviewError(404, NOT_QUEUED);
	return row.version;
}

/** Replaces the author's pending proposal on this listing in this party, or creates one. */
async function upsertProposal(
	tx: Executor,
	values: Omit<SubmitInput, 'comment'> & { comment: string | null; baseVersion: number }
): Promise<{ proposalId: string; replaced: boolean }> {
	const [pending] = await tx
		.select({ id: proposals.id })
		.from(proposals)
		.where(
			and(
				eq(proposals.partyId, values.partyId),
				eq(proposals.listingUid, values.listingUid),
				eq(proposals.authorId, values.authorId),
				eq(proposals.status, 'pending')
			)
		)
		.for('update');

	if (pending) {
		// The proposal now says what was sent last, so it takes the time of that sending.
		await tx
			.update(proposals)
			.set({
				kind: values.kind,
				baseVersion: values.baseVersion,
				comment: values.comment,
				createdAt: sql`now()`
			})
			.where(eq(proposals.id, pending.id));
		await tx.delete(proposalFields).where(eq(proposalFields.proposalId, pending.id));
		return { proposalId: pending.id, replaced: true };
	}

	const [created] = await tx.insert(proposals).values(values).returning({ id: proposals.id });
	return { proposalId: created.id, replaced: false };
}

/** jsonb stores null as JSON null; an undefined value would be dropped from the row. */
function jsonValue(value: FieldValue | undefined): FieldValue {
	return value ?? null;
}
