/**
 * A participant sends what they did on a listing: its field changes, read from the party's
 * shared draft, or "checked, nothing to change". One pending proposal per person and listing:
 * sending again replaces the fields of their own pending proposal. Proposals of other people
 * on the same listing stay side by side for the coordinator to compare.
 */
import { and, asc, eq, gt, sql } from 'drizzle-orm';
import { unpublishedChanges, type DraftChange, type DraftSnapshot } from '$lib/collab/draft-doc';
import { EDITABLE_FIELDS, type FieldValue, type ListingFields } from '$lib/domain/standard/fields';
import { describeCharacter, invisibleCharacter } from '$lib/domain/standard/characters';
import type { FieldIssue } from '$lib/domain/standard/issues';
import type { Database } from '../db';
import {
	listingRevisions,
	listings,
	parties,
	partyListings,
	partyMembers,
	proposalFields,
	proposals
} from '../db/schema';
import { toFields } from '../listings';
import { isPartyId } from '../parties/party';
import type { Executor } from '../users';
import { ReviewError } from './error';
import { labels, newErrors, proposedIssues, same, withValues } from './values';

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
	const invisible = comment && invisibleCharacter(comment, true);
	if (invisible) {
		const what = describeCharacter(invisible.character);
		throw new ReviewError(400, `Le commentaire contient un caractère invisible refusé : ${what}.`);
	}

	const draft = await storedDraft(db, partyId, listingUid);

	return db.transaction(async (tx) => {
		await authorize(tx, partyId, listingUid, authorId);
		const listing = await published(tx, listingUid);
		const synced = draft ? await catchUp(tx, partyId, listing, draft) : null;
		const changes = synced?.changes ?? [];
		const issues = check(kind, changes, listing.fields);

		const { proposalId, replaced } = await upsertProposal(tx, {
			partyId,
			listingUid,
			authorId,
			kind,
			comment,
			baseVersion: baseVersion(kind, draft, synced, listing)
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

type Change = DraftChange;

interface Synced {
	/** The draft's changes not published yet, each with the value its edit started from. */
	changes: Change[];
	/** The last version the draft is known to have seen. */
	version: number;
}

/**
 * Brings a draft up to what is published. A draft is never reset after a commit (see
 * docs/realtime.md): its `base` stays the version it was seeded from. So a value the draft
 * already had published is not proposed again, and a field this party published since (hence
 * from this very draft) starts from the value it published: otherwise the party's own commit
 * would look like someone else's change, and a real conflict would show a stale start.
 */
async function catchUp(
	tx: Executor,
	partyId: string,
	listing: { uid: string; fields: ListingFields },
	draft: DraftSnapshot
): Promise<Synced> {
	const since = await tx
		.select({
			version: listingRevisions.version,
			partyId: listingRevisions.partyId,
			changes: listingRevisions.changes
		})
		.from(listingRevisions)
		.where(
			and(
				eq(listingRevisions.listingUid, listing.uid),
				gt(listingRevisions.version, draft.baseVersion)
			)
		)
		.orderBy(asc(listingRevisions.version));
	// Reverts and imports carry no party: never ours.
	const ours = (r: (typeof since)[number]) => r.partyId === partyId;

	const changes = unpublishedChanges(draft, listing.fields).map((c) => {
		const own = since.findLast((r) => ours(r) && c.field in r.changes);
		return own ? { ...c, base: own.changes[c.field].new as FieldValue } : c;
	});

	let version = draft.baseVersion;
	for (const revision of since) {
		if (!ours(revision)) break;
		version = revision.version;
	}
	return { changes, version };
}

/**
 * Refuses an empty change, a confirmation over edits, and values the commit would refuse: the
 * same checks (`newErrors`), so that a participant learns it now rather than at review.
 */
function check(kind: ProposalKind, changes: Change[], current: ListingFields): FieldIssue[] {
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
	const errors = newErrors(current, proposed);
	if (errors.length > 0) {
		const said = errors.map((issue) => issue.message).join(' ');
		throw new ReviewError(422, `À corriger avant d’envoyer : ${said}`, {
			fields: [...new Set(errors.map((e) => e.field))],
			issues: errors
		});
	}
	return proposedIssues(proposed, withValues(current, proposed));
}

/**
 * The version the participant saw. A confirmation whose draft shows exactly what is published
 * now (say, after a commit of that very draft) confirms the current version.
 */
function baseVersion(
	kind: ProposalKind,
	draft: DraftSnapshot | null,
	synced: Synced | null,
	listing: { version: number; fields: ListingFields }
): number {
	if (!draft || !synced) return listing.version;
	if (kind === 'change') return synced.version;
	const now = listing.fields as unknown as Record<string, FieldValue>;
	const seen = EDITABLE_FIELDS.every((field) => same(draft.values[field], now[field]));
	return seen ? listing.version : synced.version;
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

async function published(tx: Executor, listingUid: string) {
	const [row] = await tx.select().from(listings).where(eq(listings.uid, listingUid));
	if (!row) throw new ReviewError(404, NOT_QUEUED);
	return { uid: row.uid, version: row.version, fields: toFields(row) };
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
