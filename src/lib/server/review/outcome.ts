/**
 * What became of a participant's proposals: for each field, accepted or refused and the
 * reviewer's reason. For the participant's side of the party page.
 */
import { and, desc, eq, inArray } from 'drizzle-orm';
import { FIELD_NAMES, type FieldValue } from '$lib/domain/standard/fields';
import { fieldLabel } from '$lib/domain/standard/issues';
import type { Database } from '../db';
import { listings, proposalFields, proposals, type ProposalField } from '../db/schema';
import { isPartyId } from '../parties/party';

export interface ProposalOutcome {
	id: string;
	listingUid: string;
	/** Name of the listing, to list outcomes without another query. */
	listingName: string;
	partyId: string | null;
	/** For the route to check that the viewer is the author (or a coordinator). */
	authorId: string;
	kind: 'confirm' | 'change';
	status: 'pending' | 'committed' | 'rejected';
	createdAt: Date;
	reviewedAt: Date | null;
	/** The reviewer's reason for refusing the whole proposal. */
	reviewNote: string | null;
	fields: {
		field: string;
		label: string;
		proposed: FieldValue;
		decision: 'pending' | 'accepted' | 'rejected';
		reason: string | null;
	}[];
}

const COLUMNS = {
	id: proposals.id,
	listingUid: proposals.listingUid,
	listingName: listings.nom,
	partyId: proposals.partyId,
	authorId: proposals.authorId,
	kind: proposals.kind,
	status: proposals.status,
	createdAt: proposals.createdAt,
	reviewedAt: proposals.reviewedAt,
	reviewNote: proposals.reviewNote
};

export async function proposalOutcome(
	db: Database,
	proposalId: string
): Promise<ProposalOutcome | undefined> {
	if (!isPartyId(proposalId)) return undefined;
	const [head] = await db
		.select(COLUMNS)
		.from(proposals)
		.innerJoin(listings, eq(listings.uid, proposals.listingUid))
		.where(eq(proposals.id, proposalId));
	if (!head) return undefined;
	const [outcome] = await withFields(db, [head]);
	return outcome;
}

/** A participant's proposals in a party, newest first. */
export async function proposalsOf(
	db: Database,
	who: { partyId: string; authorId: string }
): Promise<ProposalOutcome[]> {
	if (!isPartyId(who.partyId)) return [];
	const heads = await db
		.select(COLUMNS)
		.from(proposals)
		.innerJoin(listings, eq(listings.uid, proposals.listingUid))
		.where(and(eq(proposals.partyId, who.partyId), eq(proposals.authorId, who.authorId)))
		.orderBy(desc(proposals.createdAt));
	return withFields(db, heads);
}

async function withFields(
	db: Database,
	heads: Omit<ProposalOutcome, 'fields'>[]
): Promise<ProposalOutcome[]> {
	if (heads.length === 0) return [];
	const rows = await db
		.select()
		.from(proposalFields)
		.where(
			inArray(proposalFields.proposalId, heads.map((h) => h.id))
		);
	const byProposal = new Map<string, ProposalField[]>();
	for (const row of rows) {
		byProposal.set(row.proposalId, [...(byProposal.get(row.proposalId) ?? []), row]);
	}
	const rank = (field: string) => FIELD_NAMES.indexOf(field);
	return heads.map((head) => ({
		...head,
		fields: (byProposal.get(head.id) ?? [])
			.sort((a, b) => rank(a.field) - rank(b.field))
			.map((row) => ({
				field: row.field,
				label: fieldLabel(row.field),
				proposed: row.proposedValue as FieldValue,
				decision: row.decision,
				reason: row.reason
			}))
	}));
}

/** What became of a proposal, as its author reads it. */
export type Verdict = 'waiting' | 'published' | 'partly' | 'refused';

export interface RefusedField {
	field: string;
	label: string;
	proposed: FieldValue;
	/** The reviewer's reason for this field, or for the whole proposal; null when none given. */
	reason: string | null;
}

export interface ListingOutcome {
	listingUid: string;
	listingName: string;
	proposalId: string;
	kind: ProposalOutcome['kind'];
	verdict: Verdict;
	createdAt: Date;
	reviewedAt: Date | null;
	reviewNote: string | null;
	/** Labels of the fields published from this proposal. */
	published: string[];
	refused: RefusedField[];
}

function verdictOf(outcome: ProposalOutcome): Verdict {
	if (outcome.status === 'pending') return 'waiting';
	if (outcome.status === 'rejected') return 'refused';
	return outcome.fields.some((f) => f.decision === 'rejected') ? 'partly' : 'published';
}

function refusedFields(outcome: ProposalOutcome): RefusedField[] {
	return outcome.fields
		.filter((f) => f.decision === 'rejected')
		.map((f) => ({
			field: f.field,
			label: f.label,
			proposed: f.proposed,
			reason: f.reason ?? outcome.reviewNote
		}));
}

/**
 * The newest proposal of each listing (`outcomes` newest first, as `proposalsOf` gives them)
 * and its verdict: the author's « Vos propositions ». Older proposals on a listing are
 * superseded by the newer one.
 */
export function byListing(outcomes: readonly ProposalOutcome[]): ListingOutcome[] {
	const newest = new Map<string, ProposalOutcome>();
	for (const outcome of outcomes) {
		if (!newest.has(outcome.listingUid)) newest.set(outcome.listingUid, outcome);
	}
	return [...newest.values()].map((outcome) => ({
		listingUid: outcome.listingUid,
		listingName: outcome.listingName,
		proposalId: outcome.id,
		kind: outcome.kind,
		verdict: verdictOf(outcome),
		createdAt: outcome.createdAt,
		reviewedAt: outcome.reviewedAt,
		reviewNote: outcome.reviewNote,
		published: outcome.fields.filter((f) => f.decision === 'accepted').map((f) => f.label),
		refused: refusedFields(outcome)
	}));
}

/**
 * The fields of a listing whose latest proposed value (among `outcomes`, newest first) was
 * refused, with that value and the reason: the editor shows the reason beside a field whose
 * draft still holds the refused value. A field proposed again since, still waiting or
 * accepted, is not refused any more.
 */
export function refusalsOn(
	outcomes: readonly ProposalOutcome[],
	listingUid: string
): Record<string, RefusedField> {
	const latest = new Map<string, RefusedField | null>();
	for (const outcome of outcomes) {
		if (outcome.listingUid !== listingUid) continue;
		const refused = new Map(refusedFields(outcome).map((r) => [r.field, r]));
		for (const { field } of outcome.fields) {
			if (!latest.has(field)) latest.set(field, refused.get(field) ?? null);
		}
	}
	return Object.fromEntries([...latest].filter(([, refusal]) => refusal !== null)) as Record<
		string,
		RefusedField
	>;
}
