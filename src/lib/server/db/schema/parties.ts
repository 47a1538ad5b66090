import { index, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './auth';
import { listings } from './listings';

export const TERRITORY_KINDS = ['commune', 'epci', 'departement'] as const;
export type TerritoryKind = (typeof TERRITORY_KINDS)[number];

export const parties = pgTable('parties', {
	id: uuid('id').primaryKey().defaultRandom(),
	title: text('title').notNull(),
	territoryKind: text('territory_kind', { enum: TERRITORY_KINDS }).notNull(),
	territoryCode: text('territory_code').notNull(),
	territoryName: text('territory_name').notNull(),
	/** Secret part of the join link and QR code. */
	joinCode: text('join_code').notNull().unique(),
	status: text('status', { enum: ['open', 'closed'] }).notNull().default('open'),
	createdBy: text('created_by')
		.notNull()
		.references(() => users.id),
	createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
	closedAt: timestamp('closed_at', { withTimezone: true })
});

export const partyMembers = pgTable(
	'party_members',
	{
		partyId: uuid('party_id')
			.notNull()
			.references(() => parties.id, { onDelete: 'cascade' }),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		role: text('role', { enum: ['facilitator', 'participant'] }).notNull(),
		joinedAt: timestamp('joined_at', { withTimezone: true }).notNull().defaultNow(),
		revokedAt: timestamp('revoked_at', { withTimezone: true })
	},
	(t) => [primaryKey({ columns: [t.partyId, t.userId] })]
);

export const LISTING_STATUSES = ['todo', 'in_progress', 'proposed', 'reviewed'] as const;
export type PartyListingStatus = (typeof LISTING_STATUSES)[number];

/** The party's queue: the listings of its territory, with where each one stands. */
export const partyListings = pgTable(
	'party_listings',
	{
		partyId: uuid('party_id')
			.notNull()
			.references(() => parties.id, { onDelete: 'cascade' }),
		listingUid: uuid('listing_uid')
			.notNull()
			.references(() => listings.uid, { onDelete: 'cascade' }),
		status: text('status', { enum: LISTING_STATUSES }).notNull().default('todo'),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [primaryKey({ columns: [t.partyId, t.listingUid] }), index('party_listings_listing_idx').on(t.listingUid)]
);

export type Party = typeof parties.$inferSelect;
export type PartyMember = typeof partyMembers.$inferSelect;
