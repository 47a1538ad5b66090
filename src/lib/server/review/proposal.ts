/**
 * One proposal as the reviewer sees it: for each field, the value the draft began from, the
 * value published now and the proposed one, whether someone published that field meanwhile,
 * and what the standard says of the proposed value.
 */
import { and, asc, eq, ne } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import {
	FIELD_BY_NAME,
	FIELD_NAMES,
	type FieldKind,
	type FieldValue
} from '$lib/domain/standard/fields';
import { fieldLabel, type FieldIssue } from '$lib/domain/standard/issues';
import type { Database } from '../db';
import { listings, parties, proposalFields, proposals, users } from '../db/schema';
import { toFields } from '../listings';
import { isPartyId } from '../parties/party';
import { proposedIssues, same, withValues } from './values';

export interface ReviewedField {
	field: string;
	label: string;
	kind: FieldKind;
	multiple: boolean;
	/** « Au début de la saisie ». */
	base: FieldValue;
	/** « Actuellement publié ». */
	current: FieldValue;
	/** « Proposé ». */
	proposed: FieldValue;
	/** Published differently since the draft began: accepting needs an explicit override. */
	conflict: boolean;
	/** The published value is already the proposed one. */
	alreadyPublished: boolean;
	issues: FieldIssue[];
	decision: 'pending' | 'accepted' | 'rejected';
	reason: string | null;
}

export interface ProposalReview {
	proposal: {
		id: string;
		kind: 'confirm' | 'change';
		status: 'pending' | 'committed' | 'rejected';
		author: string;
		createdAt: Date;
		comment: string | null;
		baseVersion: number;
		party: { id: string; title: string } | null;
		reviewer: string | null;
		reviewedAt: Date | null;
		/** The reviewer's reason for refusing the whole proposal. */
		reviewNote: string | null;
	};
	listing: { uid: string; nom: string; commune: string; version: number; date_maj: string };
	fields: ReviewedField[];
	/** Other pending proposals on the same listing, to compare before deciding. */
	others: { id: string; author: string; kind: 'confirm' | 'change'; createdAt: Date }[];
}

const reviewer = alias(users, 'reviewer');

export async function reviewOf(
	db: Database,
	proposalId: string
): Promise<ProposalReview | undefined> {
	if (!isPartyId(proposalId)) return undefined;
	const [found] = await db
		.select({
			proposal: proposals,
			listing: listings,
			author: users.displayName,
			partyTitle: parties.title,
			reviewer: reviewer.displayName
		})
		.from(proposals)
		.innerJoin(listings, eq(listings.uid, proposals.listingUid))
		.innerJoin(users, eq(users.id, proposals.authorId))
		.leftJoin(parties, eq(parties.id, proposals.partyId))
		.leftJoin(reviewer, eq(reviewer.id, proposals.reviewedBy))
		.where(eq(proposals.id, proposalId));
	if (!found) return undefined;
	const { proposal, listing } = found;

	const [rows, others] = await Promise.all([
		db.select().from(proposalFields).where(eq(proposalFields.proposalId, proposalId)),
		db
			.select({
				id: proposals.id,
				author: users.displayName,
				kind: proposals.kind,
				createdAt: proposals.createdAt
			})
			.from(proposals)
			.innerJoin(users, eq(users.id, proposals.authorId))
			.where(
				and(
					eq(proposals.listingUid, proposal.listingUid),
					eq(proposals.status, 'pending'),
					ne(proposals.id, proposalId)
				)
			)
			.orderBy(asc(proposals.createdAt))
	]);

	const published = toFields(listing);
	const current = published as unknown as Record<string, FieldValue>;
	const values = Object.fromEntries(rows.map((r) => [r.field, r.proposedValue as FieldValue]));
	const issues = proposedIssues(values, withValues(published, values));
	const rank = (field: string) => FIELD_NAMES.indexOf(field);

	const fields = rows
		.sort((a, b) => rank(a.field) - rank(b.field))
		.map((row): ReviewedField => {
			const spec = FIELD_BY_NAME.get(row.field);
			const now = current[row.field] ?? null;
			const alreadyPublished = same(now, row.proposedValue);
			return {
				field: row.field,
				label: fieldLabel(row.field),
				kind: spec?.kind ?? 'text',
				multiple: spec?.multiple ?? false,
				base: row.baseValue as FieldValue,
				current: now,
				proposed: row.proposedValue as FieldValue,
				conflict: !same(now, row.baseValue) && !alreadyPublished,
				alreadyPublished,
				issues: issues.filter((issue) => issue.field === row.field),
				decision: row.decision,
				reason: row.reason
			};
		});

	return {
		proposal: {
			id: proposal.id,
			kind: proposal.kind,
			status: proposal.status,
			author: found.author,
			createdAt: proposal.createdAt,
			comment: proposal.comment,
			baseVersion: proposal.baseVersion,
			party:
				proposal.partyId && found.partyTitle
					? { id: proposal.partyId, title: found.partyTitle }
					: null,
			reviewer: found.reviewer,
			reviewedAt: proposal.reviewedAt,
			reviewNote: proposal.reviewNote
		},
		listing: {
			uid: listing.uid,
			nom: listing.nom,
			commune: listing.commune,
			version: listing.version,
			date_maj: listing.date_maj
		},
		fields,
		others
	};
}
