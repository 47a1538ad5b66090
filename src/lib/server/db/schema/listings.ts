import {
	bigint,
	bigserial,
	date,
	doublePrecision,
	index,
	integer,
	jsonb,
	pgTable,
	text,
	timestamp,
	uuid
} from 'drizzle-orm/pg-core';
import { users } from './auth';

/**
 * One row per place. Columns carry the standard's own names; multi-valued fields are arrays.
 * `uid` is our stable key; `id` is the standard's identifier, written back on export.
 */
export const listings = pgTable(
	'listings',
	{
		uid: uuid('uid').primaryKey().defaultRandom(),
		version: integer('version').notNull().default(1),
		/** Identifiers this listing had in the files it was imported from (aliases). */
		sourceIds: text('source_ids').array().notNull().default([]),
		/** Columns of the imported file that the standard does not know, kept as they came. */
		extra: jsonb('extra').$type<Record<string, unknown>>().notNull().default({}),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),

		id: text('id').notNull().unique(),
		pivot: text('pivot'),
		nom: text('nom').notNull(),
		commune: text('commune').notNull(),
		code_postal: text('code_postal').notNull(),
		code_insee: text('code_insee'),
		adresse: text('adresse').notNull(),
		complement_adresse: text('complement_adresse'),
		latitude: doublePrecision('latitude'),
		longitude: doublePrecision('longitude'),
		typologie: text('typologie').array().notNull().default([]),
		telephone: text('telephone'),
		courriels: text('courriels').array().notNull().default([]),
		site_web: text('site_web').array().notNull().default([]),
		horaires: text('horaires'),
		presentation_resume: text('presentation_resume'),
		presentation_detail: text('presentation_detail'),
		source: text('source'),
		itinerance: text('itinerance').array().notNull().default([]),
		structure_parente: text('structure_parente'),
		date_maj: date('date_maj', { mode: 'string' }).notNull(),
		services: text('services').array().notNull().default([]),
		publics_specifiquement_adresses: text('publics_specifiquement_adresses')
			.array()
			.notNull()
			.default([]),
		prise_en_charge_specifique: text('prise_en_charge_specifique').array().notNull().default([]),
		frais_a_charge: text('frais_a_charge').array().notNull().default([]),
		dispositif_programmes_nationaux: text('dispositif_programmes_nationaux')
			.array()
			.notNull()
			.default([]),
		formations_labels: text('formations_labels').array().notNull().default([]),
		autres_formations_labels: text('autres_formations_labels').array().notNull().default([]),
		modalites_acces: text('modalites_acces').array().notNull().default([]),
		modalites_accompagnement: text('modalites_accompagnement').array().notNull().default([]),
		fiche_acces_libre: text('fiche_acces_libre'),
		prise_rdv: text('prise_rdv')
	},
	(t) => [index('listings_code_insee_idx').on(t.code_insee), index('listings_code_postal_idx').on(t.code_postal)]
);

/** Field-by-field changes: `{ field: { old, new } }`. */
export type FieldChanges = Record<string, { old: unknown; new: unknown }>;

/** Every change to a listing, in order; enough to show history and to revert. */
export const listingRevisions = pgTable(
	'listing_revisions',
	{
		id: bigserial('id', { mode: 'number' }).primaryKey(),
		listingUid: uuid('listing_uid')
			.notNull()
			.references(() => listings.uid, { onDelete: 'cascade' }),
		version: integer('version').notNull(),
		kind: text('kind', { enum: ['import', 'commit', 'confirm', 'revert'] }).notNull(),
		authorId: text('author_id').references(() => users.id, { onDelete: 'set null' }),
		partyId: uuid('party_id'),
		proposalId: uuid('proposal_id'),
		/** For a revert: the revision it undid. */
		revertsRevisionId: bigint('reverts_revision_id', { mode: 'number' }),
		changes: jsonb('changes').$type<FieldChanges>().notNull(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('listing_revisions_listing_idx').on(t.listingUid, t.version)]
);

export type Listing = typeof listings.$inferSelect;
export type ListingRevision = typeof listingRevisions.$inferSelect;
