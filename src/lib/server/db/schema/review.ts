import { index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './auth';
import { listings } from './listings';
import { parties } from './parties';

/**
 * What a participant submits for one listing: "checked, nothing to change" or a set of field
 * changes, each with the value the draft started from.
 */
export const proposals = pgTable(
	'proposals',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		listingUid: uuid('listing_uid')
			.notNull()
			.references(() => listings.uid, { onDelete: 'cascade' }),
		partyId: uuid('party_id').references(() => parties.id, { onDelete: 'set null' }),
		authorId: text('author_id')
			.notNull()
			.references(() => users.id),
		kind: text('kind', { enum: ['confirm', 'change'] }).notNull(),
		/** Listing version the draft was seeded from. */
		baseVersion: integer('base_version').notNull(),
		status: text('status', { enum: ['pending', 'committed', 'rejected'] })
			.notNull()
			.default('pending'),
		comment: text('comment'),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		/** The reviewer's reason when the whole proposal is refused (a confirmation has no field row). */
		reviewNote: text('review_note'),
		reviewedBy: text('reviewed_by').references(() => users.id),
		reviewedAt: timestamp('reviewed_at', { withTimezone: true })
	},
	(t) => [index('proposals_status_idx').on(t.status), index('proposals_listing_idx').on(t.listingUid)]
);

export const proposalFields = pgTable(
	'proposal_fields',
	{
		proposalId: uuid('proposal_id')
			.notNull()
			.references(() => proposals.id, { onDelete: 'cascade' }),
		field: text('field').notNull(),
		baseValue: jsonb('base_value'),
		proposedValue: jsonb('proposed_value'),
		decision: text('decision', { enum: ['pending', 'accepted', 'rejected'] })
			.notNull()
			.default('pending'),
		reason: text('reason')
	},
	(t) => [primaryKey({ columns: [t.proposalId, t.field] })]
);

/** A contributor's remark that the standard does not fit a real place. */
export const standardFeedback = pgTable('standard_feedback', {
	id: uuid('id').primaryKey().defaultRandom(),
	listingUid: uuid('listing_uid').references(() => listings.uid, { onDelete: 'set null' }),
	field: text('field'),
	kind: text('kind', { enum: ['missing_value', 'unclear_label', 'cannot_fill', 'other'] }).notNull(),
	message: text('message').notNull(),
	authorId: text('author_id').references(() => users.id, { onDelete: 'set null' }),
	createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
});

export type Proposal = typeof proposals.$inferSelect;
export type ProposalField = typeof proposalFields.$inferSelect;
