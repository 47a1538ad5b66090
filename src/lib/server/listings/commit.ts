/**
 * Publishing a reviewed proposal, in one transaction: lock the listing, check what was
 * committed since the participant began, re-check every accepted value against the standard,
 * apply the accepted fields, record a revision and the reviewer's decisions.
 *
 * Also the one way a listing's values change after import (`writeChange`, used by the revert
 * in history.ts too): under the listing's row lock, apply some fields, stamp `date_maj` with
 * today's French date, bump the version and append a revision saying what changed from what.
 */
import { and, eq, ne, sql } from 'drizzle-orm';
import { INVISIBLE_MESSAGE, invisibleCharacter } from '$lib/domain/standard/characters';
import type { FieldValue, ListingFields } from '$lib/domain/standard/fields';
import { parisToday } from '$lib/i18n/date-time';
import type { Database } from '../db';
import {
	listingRevisions,
	listings,
	partyListings,
	proposalFields,
	proposals,
	users,
	type FieldChanges,
	type Listing,
	type Proposal,
	type ProposalField
} from '../db/schema';
import { isPartyId } from '../parties/party';
import { ReviewError } from '../review/error';
import { labels, newErrors, same } from '../review/values';
import type { Executor } from '../users';
import { toFields } from './index';

export type RevisionKind = 'commit' | 'confirm' | 'revert';

const UNKNOWN_LISTING = 'Fiche introuvable.';

/** Takes the listing's row lock until the transaction ends; a 404 when it is gone. */
export async function lockListing(tx: Executor, uid: string): Promise<Listing> {
	const [row] = await tx.select().from(listings).where(eq(listings.uid, uid)).for('update');
	if (!row) throw new ReviewError(404, UNKNOWN_LISTING);
	return row;
}

/** Publishing and reverting are for coordinators; checked again here, whatever the route did. */
export async function requireCoordinator(tx: Executor, userId: string, refusal: string) {
	const [user] = await tx.select({ role: users.role }).from(users).where(eq(users.id, userId));
	if (user?.role !== 'coordinator') throw new ReviewError(403, refusal);
}

export interface Change {
	kind: RevisionKind;
	/** New values of the fields that change (fields already holding their value are skipped). */
	values: Record<string, FieldValue>;
	/** Who did it: the reviewer for a commit or a confirmation, the coordinator for a revert. */
	authorId: string;
	partyId?: string | null;
	proposalId?: string | null;
	revertsRevisionId?: number | null;
	now?: Date;
}

export interface Written {
	version: number;
	revisionId: number;
	changes: FieldChanges;
}

/**
 * Applies a change to the locked listing `row` in two statements (the update and the
 * revision). `date_maj` is recorded in the revision like any field, as bookkeeping: it is
 * never reverted and never a conflict.
 */
export async function writeChange(tx: Executor, row: Listing, change: Change): Promise<Written> {
	const current = toFields(row) as unknown as Record<string, FieldValue>;
	const changes: FieldChanges = {};
	for (const [field, value] of Object.entries(change.values)) {
		if (!same(current[field], value)) changes[field] = { old: current[field], new: value };
	}
	const values = Object.fromEntries(Object.entries(changes).map(([f, c]) => [f, c.new]));
	const today = parisToday(change.now);
	if (row.date_maj !== today) changes.date_maj = { old: row.date_maj, new: today };

	const version = row.version + 1;
	await tx
		.update(listings)
		.set({ ...(values as Partial<ListingFields>), date_maj: today, version, updatedAt: sql`now()` })
		.where(eq(listings.uid, row.uid));
	const [revision] = await tx
		.insert(listingRevisions)
		.values({
			listingUid: row.uid,
			version,
			kind: change.kind,
			authorId: change.authorId,
			partyId: change.partyId ?? null,
			proposalId: change.proposalId ?? null,
			revertsRevisionId: change.revertsRevisionId ?? null,
			changes
		})
		.returning({ id: listingRevisions.id });
	return { version, revisionId: revision.id, changes };
}

export type FieldDecision = {
	decision: 'accepted' | 'rejected';
	/** Shown to the contributor; most useful on a refusal. */
	reason?: string | null;
	/**
	 * Publish this field even though another revision changed it since the draft began (the
	 * reviewer saw both values). Without it, such a field is a conflict and nothing is saved.
	 */
	override?: boolean;
};

export interface CommitInput {
	proposalId: string;
	reviewerId: string;
	/** One decision per field of the proposal; empty for a confirmation. */
	decisions: Record<string, FieldDecision>;
	/**
	 * The listing version the reviewer was shown. When given and no longer current, the commit
	 * is refused so that nobody publishes over values they have not seen.
	 */
	expectedVersion?: number;
	/** For a confirmation: confirm even though the listing changed since it was checked. */
	override?: boolean;
	now?: Date;
}

export interface Committed {
	status: 'committed' | 'rejected';
	/** The listing's version after the review (unchanged when everything was refused). */
	version: number;
	revisionId: number | null;
	/** Accepted fields whose value changed. */
	applied: string[];
	/** Accepted fields that already held the proposed value (committed by someone else). */
	alreadyPublished: string[];
	rejected: string[];
}

export const REASON_MAX = 500;
const NOT_REVIEWER = 'Seuls les coordinateurs peuvent valider une revue.';
const UNKNOWN_PROPOSAL = 'Proposition introuvable.';

/**
 * Records the reviewer's decisions and publishes the accepted fields, all or nothing. Throws
 * ReviewError: 400 missing or unknown decisions, 403 not a coordinator, 404 unknown proposal,
 * 409 already reviewed, listing changed since the page was shown, or conflicting fields
 * (`fields` names them), 422 an accepted value the standard refuses (`issues`).
 */
export async function commitProposal(db: Database, input: CommitInput): Promise<Committed> {
	if (!isPartyId(input.proposalId)) throw new ReviewError(404, UNKNOWN_PROPOSAL);

	return db.transaction(async (tx) => {
		await requireCoordinator(tx, input.reviewerId, NOT_REVIEWER);
		const { proposal, row, fields } = await lockProposal(tx, input.proposalId);
		if (input.expectedVersion !== undefined && input.expectedVersion !== row.version) {
			throw new ReviewError(
				409,
				`La fiche a été publiée à nouveau pendant votre revue (version ` +
					`${input.expectedVersion}, maintenant ${row.version}) : relisez la colonne ` +
					'« Actuellement publié », puis validez.'
			);
		}
		if (proposal.kind === 'confirm') return confirm(tx, proposal, row, input);

		const decisions = checkDecisions(fields, input.decisions);
		const accepted = fields.filter((f) => decisions[f.field].decision === 'accepted');
		const values = Object.fromEntries(
			accepted.map((f) => [f.field, f.proposedValue as FieldValue])
		);
		checkConflicts(row, accepted, decisions);
		checkValues(row, values, 'Refusez ce champ, ou faites-le corriger dans la saisie.');

		let written: Written | null = null;
		if (accepted.length > 0) {
			written = await writeChange(tx, row, {
				kind: 'commit',
				values,
				authorId: input.reviewerId,
				partyId: proposal.partyId,
				proposalId: proposal.id,
				now: input.now
			});
		}
		await recordDecisions(tx, proposal, decisions, input.reviewerId, accepted.length > 0);

		const applied = accepted.map((f) => f.field).filter((f) => written?.changes[f]);
		return {
			status: written ? 'committed' : 'rejected',
			version: written?.version ?? row.version,
			revisionId: written?.revisionId ?? null,
			applied,
			alreadyPublished: accepted.map((f) => f.field).filter((f) => !applied.includes(f)),
			rejected: fields.map((f) => f.field).filter((f) => decisions[f].decision === 'rejected')
		};
	});
}

/**
 * Refuses a whole proposal (a confirmation, or a change judged wrong altogether): every field
 * refused with the same reason, kept on the proposal too (a confirmation has no field row),
 * the listing untouched.
 */
export async function rejectProposal(
	db: Database,
	input: { proposalId: string; reviewerId: string; reason?: string | null }
): Promise<Committed> {
	if (!isPartyId(input.proposalId)) throw new ReviewError(404, UNKNOWN_PROPOSAL);
	const reason = cleanReason(input.reason);

	return db.transaction(async (tx) => {
		await requireCoordinator(tx, input.reviewerId, NOT_REVIEWER);
		const { proposal, row, fields } = await lockProposal(tx, input.proposalId);
		const decisions = Object.fromEntries(
			fields.map((f) => [f.field, { decision: 'rejected' as const, reason }])
		);
		await recordDecisions(tx, proposal, decisions, input.reviewerId, false, reason);
		return {
			status: 'rejected',
			version: row.version,
			revisionId: null,
			applied: [],
			alreadyPublished: [],
			rejected: fields.map((f) => f.field)
		};
	});
}

/**
 * Locks, in the order submissions use (queue row, then listing, then proposal, so that the
 * two never wait on each other), and checks the proposal is still pending.
 */
async function lockProposal(tx: Executor, proposalId: string) {
	const [found] = await tx
		.select({ listingUid: proposals.listingUid, partyId: proposals.partyId })
		.from(proposals)
		.where(eq(proposals.id, proposalId));
	if (!found) throw new ReviewError(404, UNKNOWN_PROPOSAL);

	if (found.partyId) {
		const queued = and(
			eq(partyListings.partyId, found.partyId),
			eq(partyListings.listingUid, found.listingUid)
		);
		await tx
			.select({ at: partyListings.updatedAt })
			.from(partyListings)
			.where(queued)
			.for('update');
	}
	const row = await lockListing(tx, found.listingUid);
	const [proposal] = await tx
		.select()
		.from(proposals)
		.where(eq(proposals.id, proposalId))
		.for('update');
	if (proposal.status !== 'pending') {
		const outcome = proposal.status === 'committed' ? 'publiée' : 'refusée';
		throw new ReviewError(409, `Cette proposition a déjà été revue (${outcome}).`);
	}
	const fields = await tx
		.select()
		.from(proposalFields)
		.where(eq(proposalFields.proposalId, proposalId));
	return { proposal, row, fields };
}

interface Decided {
	decision: 'accepted' | 'rejected';
	reason: string | null;
	override?: boolean;
}
type Decisions = Record<string, Decided>;

/** Exactly one decision per field of the proposal, each accepted or refused. */
function checkDecisions(fields: ProposalField[], given: Record<string, FieldDecision>): Decisions {
	const names = new Set(fields.map((f) => f.field));
	const unknown = Object.keys(given).filter((field) => !names.has(field));
	if (unknown.length > 0) {
		const list = unknown.join(', ');
		throw new ReviewError(400, `Ces champs ne font pas partie de la proposition : ${list}.`, {
			fields: unknown
		});
	}
	const missing = fields
		.map((f) => f.field)
		.filter((field) => !['accepted', 'rejected'].includes(given[field]?.decision));
	if (missing.length > 0) {
		throw new ReviewError(400, `Choisissez « Accepter » ou « Refuser » pour ${labels(missing)}.`, {
			fields: missing
		});
	}
	return Object.fromEntries(
		fields.map((f) => {
			const d = given[f.field];
			const decided = { decision: d.decision, reason: cleanReason(d.reason), override: d.override };
			return [f.field, decided];
		})
	);
}

function cleanReason(reason: string | null | undefined): string | null {
	const text = reason?.trim() || null;
	if (text && text.length > REASON_MAX) {
		throw new ReviewError(400, `Une raison doit faire au plus ${REASON_MAX} caractères.`);
	}
	if (text && invisibleCharacter(text, true)) {
		throw new ReviewError(400, `La raison ${INVISIBLE_MESSAGE}`);
	}
	return text;
}

/**
 * A field conflicts when what is published now is neither the value the draft began from
 * (someone committed it meanwhile) nor the proposed one. Fields nobody else touched merge.
 */
function checkConflicts(row: Listing, accepted: ProposalField[], decisions: Decisions) {
	const current = toFields(row) as unknown as Record<string, unknown>;
	const conflicts = accepted
		.filter((f) => !same(current[f.field], f.baseValue) && !same(current[f.field], f.proposedValue))
		.filter((f) => !decisions[f.field].override)
		.map((f) => f.field);
	if (conflicts.length === 0) return;
	const verb = conflicts.length > 1 ? 'ont été modifiés' : 'a été modifié';
	throw new ReviewError(
		409,
		`Conflit : ${labels(conflicts)} ${verb}` +
			' par une autre publication depuis le début de la saisie. Comparez avec la valeur' +
			' actuellement publiée, puis refusez ce champ ou cochez « Publier quand même ».',
		{ fields: conflicts }
	);
}

/** Refuses accepted values the standard refuses, or that break the listing (see `newErrors`). */
export function checkValues(row: Listing, values: Record<string, FieldValue>, advice: string) {
	const errors = newErrors(toFields(row), values);
	if (errors.length === 0) return;
	throw new ReviewError(
		422,
		`Valeur refusée par le standard : ${errors.map((issue) => issue.message).join(' ')} ${advice}`,
		{ fields: [...new Set(errors.map((i) => i.field))], issues: errors }
	);
}

async function confirm(tx: Executor, proposal: Proposal, row: Listing, input: CommitInput) {
	if (row.version !== proposal.baseVersion && !input.override) {
		throw new ReviewError(
			409,
			`La fiche a été publiée à nouveau depuis sa vérification (version ` +
				`${proposal.baseVersion}, maintenant ${row.version}) : confirmez seulement si les ` +
				'valeurs actuelles sont justes.'
		);
	}
	const written = await writeChange(tx, row, {
		kind: 'confirm',
		values: {},
		authorId: input.reviewerId,
		partyId: proposal.partyId,
		proposalId: proposal.id,
		now: input.now
	});
	await recordDecisions(tx, proposal, {}, input.reviewerId, true);
	return {
		status: 'committed' as const,
		version: written.version,
		revisionId: written.revisionId,
		applied: [],
		alreadyPublished: [],
		rejected: []
	};
}

/**
 * Decisions in one statement, then the proposal and the party's queue. The listing stays
 * "proposed" in its party while other proposals on it wait there.
 */
async function recordDecisions(
	tx: Executor,
	proposal: Proposal,
	decisions: Decisions,
	reviewerId: string,
	published: boolean,
	note: string | null = null
) {
	const rows = Object.entries(decisions).map(
		([field, d]) => sql`(${field}::text, ${d.decision}::text, ${d.reason}::text)`
	);
	if (rows.length > 0) {
		await tx.execute(sql`
			update ${proposalFields} set decision = v.decision, reason = v.reason
			from (values ${sql.join(rows, sql`, `)}) as v(field, decision, reason)
			where ${proposalFields.proposalId} = ${proposal.id} and ${proposalFields.field} = v.field`);
	}
	await tx
		.update(proposals)
		.set({
			status: published ? 'committed' : 'rejected',
			reviewNote: note,
			reviewedBy: reviewerId,
			reviewedAt: sql`now()`
		})
		.where(eq(proposals.id, proposal.id));

	if (!proposal.partyId) return;
	const othersWaiting = sql`exists (select 1 from ${proposals} where ${and(
		eq(proposals.partyId, proposal.partyId),
		eq(proposals.listingUid, proposal.listingUid),
		eq(proposals.status, 'pending'),
		ne(proposals.id, proposal.id)
	)})`;
	await tx
		.update(partyListings)
		.set({
			status: sql`case when ${othersWaiting} then 'proposed' else 'reviewed' end`,
			updatedAt: sql`now()`
		})
		.where(
			and(
				eq(partyListings.partyId, proposal.partyId),
				eq(partyListings.listingUid, proposal.listingUid)
			)
		);
}
