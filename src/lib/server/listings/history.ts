/**
 * A listing's history for coordinators: every revision with who made it, from which party and
 * proposal, and each field's old and new value; and the revert of a revision, whole or one
 * field, which is itself a new revision.
 */
import { desc, eq } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { FieldValue, ListingFields } from '$lib/domain/standard/fields';
import { FIELD_NAMES } from '$lib/domain/standard/fields';
import type { Database } from '../db';
import { listingRevisions, parties, proposals, users, type Listing } from '../db/schema';
import { isPartyId } from '../parties/party';
import { ReviewError } from '../review/error';
import { labels, same } from '../review/values';
import { byUid, toFields } from './index';
import {
	checkValues,
	lockListing,
	requireCoordinator,
	writeChange,
	type RevisionKind
} from './commit';

export interface FieldChange {
	field: string;
	old: unknown;
	new: unknown;
}

export interface HistoryEntry {
	id: number;
	version: number;
	kind: RevisionKind | 'import';
	createdAt: Date;
	/** The reviewer for a commit or confirmation, the coordinator for a revert or an import. */
	author: string | null;
	party: { id: string; title: string } | null;
	/** The proposal this revision published, with the participant who sent it. */
	proposal: { id: string; author: string } | null;
	revertsRevisionId: number | null;
	/** Reverts made of this revision, newest first. */
	revertedBy: number[];
	/** In the standard's order, `date_maj` last. */
	changes: FieldChange[];
}

export interface ListingHistory {
	listing: Listing;
	fields: ListingFields;
	revisions: HistoryEntry[];
}

const contributor = alias(users, 'contributor');
const BOOKKEEPING = 'date_maj';

/** The listing and its revisions, newest first; undefined for an unknown listing. */
export async function listingHistory(
	db: Database,
	uid: string
): Promise<ListingHistory | undefined> {
	if (!isPartyId(uid)) return undefined;
	const listing = await byUid(db, uid);
	if (!listing) return undefined;

	const rows = await db
		.select({
			revision: listingRevisions,
			author: users.displayName,
			partyTitle: parties.title,
			proposalAuthor: contributor.displayName
		})
		.from(listingRevisions)
		.leftJoin(users, eq(users.id, listingRevisions.authorId))
		.leftJoin(parties, eq(parties.id, listingRevisions.partyId))
		.leftJoin(proposals, eq(proposals.id, listingRevisions.proposalId))
		.leftJoin(contributor, eq(contributor.id, proposals.authorId))
		.where(eq(listingRevisions.listingUid, uid))
		.orderBy(desc(listingRevisions.version), desc(listingRevisions.id));

	const reverts = new Map<number, number[]>();
	for (const { revision } of rows) {
		if (revision.revertsRevisionId === null) continue;
		reverts.set(revision.revertsRevisionId, [
			...(reverts.get(revision.revertsRevisionId) ?? []),
			revision.id
		]);
	}

	const revisions = rows.map(({ revision, author, partyTitle, proposalAuthor }) => ({
		id: revision.id,
		version: revision.version,
		kind: revision.kind,
		createdAt: revision.createdAt,
		author,
		party: revision.partyId && partyTitle ? { id: revision.partyId, title: partyTitle } : null,
		proposal: revision.proposalId
			? { id: revision.proposalId, author: proposalAuthor ?? 'participant supprimé' }
			: null,
		revertsRevisionId: revision.revertsRevisionId,
		revertedBy: reverts.get(revision.id) ?? [],
		changes: ordered(revision.changes)
	}));
	return { listing, fields: toFields(listing), revisions };
}

function ordered(changes: Record<string, { old: unknown; new: unknown }>): FieldChange[] {
	const rank = (field: string) =>
		field === BOOKKEEPING ? FIELD_NAMES.length : FIELD_NAMES.indexOf(field);
	return Object.entries(changes)
		.map(([field, change]) => ({ field, old: change.old, new: change.new }))
		.sort((a, b) => rank(a.field) - rank(b.field));
}

export interface RevertInput {
	/** The listing whose page the revert comes from: the revision must be one of its own. */
	listingUid: string;
	revisionId: number;
	userId: string;
	/** Only these fields of the revision; all of them when absent. */
	fields?: string[];
	now?: Date;
}

export interface Reverted {
	version: number;
	revisionId: number;
	restored: string[];
}

const NOT_COORDINATOR = 'Seuls les coordinateurs peuvent annuler une révision.';
const UNKNOWN_REVISION = 'Révision introuvable.';
const OTHER_LISTING = 'Cette révision n’appartient pas à cette fiche : rien n’a été annulé.';

/**
 * Puts back the values a revision replaced, provided each field still holds the value that
 * revision gave it (otherwise a later change would be lost: 409 naming the fields). The restored
 * values must still pass the standard (422). Writes a 'revert' revision; `date_maj` is today's.
 * A revision of another listing than `listingUid` is not found (404).
 */
export async function revertRevision(db: Database, input: RevertInput): Promise<Reverted> {
	if (!Number.isSafeInteger(input.revisionId)) throw new ReviewError(404, UNKNOWN_REVISION);
	if (!isPartyId(input.listingUid)) throw new ReviewError(404, OTHER_LISTING);

	return db.transaction(async (tx) => {
		await requireCoordinator(tx, input.userId, NOT_COORDINATOR);
		const [revision] = await tx
			.select()
			.from(listingRevisions)
			.where(eq(listingRevisions.id, input.revisionId));
		if (!revision) throw new ReviewError(404, UNKNOWN_REVISION);
		// A form can post any revision id: reverting from one listing's page must not touch another.
		if (revision.listingUid !== input.listingUid) throw new ReviewError(404, OTHER_LISTING);

		const changed = Object.keys(revision.changes).filter((field) => field !== BOOKKEEPING);
		if (changed.length === 0) {
			throw new ReviewError(400, 'Cette révision ne change aucune valeur : rien à annuler.');
		}
		const fields = input.fields ?? changed;
		const foreign = fields.filter((field) => !changed.includes(field));
		if (fields.length === 0 || foreign.length > 0) {
			throw new ReviewError(400, `Cette révision ne change pas ${labels(foreign)}.`, {
				fields: foreign
			});
		}

		const row = await lockListing(tx, revision.listingUid);
		const current = toFields(row) as unknown as Record<string, unknown>;
		const moved = fields.filter((field) => !same(current[field], revision.changes[field].new));
		if (moved.length > 0) {
			throw new ReviewError(
				409,
				`Impossible d’annuler : ${labels(moved)} ${moved.length > 1 ? 'ont changé' : 'a changé'}` +
					' depuis cette révision. Annuler écraserait une modification plus récente.',
				{ fields: moved }
			);
		}

		const values = Object.fromEntries(
			fields.map((field) => [field, revision.changes[field].old as FieldValue])
		);
		checkValues(row, values, 'Corrigez la fiche plutôt que d’annuler cette révision.');
		const written = await writeChange(tx, row, {
			kind: 'revert',
			values,
			authorId: input.userId,
			revertsRevisionId: revision.id,
			now: input.now
		});
		return { version: written.version, revisionId: written.revisionId, restored: fields };
	});
}

