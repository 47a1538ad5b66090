import { bigserial, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './auth';

/**
 * An uploaded file after analysis: its report, and the normalised rows waiting for a
 * coordinator to apply them (or not). Nothing reaches `listings` before `applied`.
 */
export const importBatches = pgTable('import_batches', {
	id: uuid('id').primaryKey().defaultRandom(),
	filename: text('filename').notNull(),
	format: text('format').notNull(),
	status: text('status', { enum: ['analysed', 'applied', 'discarded'] })
		.notNull()
		.default('analysed'),
	/** Counts and per-row, per-field findings, as shown on the report page. */
	report: jsonb('report').notNull(),
	/** Accepted rows, normalised, ready to write. */
	rows: jsonb('rows').notNull(),
	rowCount: integer('row_count').notNull(),
	createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
	createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
	appliedAt: timestamp('applied_at', { withTimezone: true })
});

/** Each published export, with the listing versions it held, to write the next changelog. */
export const exportsLog = pgTable('exports', {
	id: bigserial('id', { mode: 'number' }).primaryKey(),
	format: text('format').notNull(),
	territory: text('territory'),
	/** `{ listingUid: version }` of every listing in the file. */
	versions: jsonb('versions').$type<Record<string, number>>().notNull(),
	rowCount: integer('row_count').notNull(),
	createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
	createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
});

/** Tokens that let scripts read the export API without a browser session. Only the hash is kept. */
export const apiTokens = pgTable('api_tokens', {
	id: text('id').primaryKey(),
	label: text('label').notNull(),
	createdBy: text('created_by')
		.notNull()
		.references(() => users.id, { onDelete: 'cascade' }),
	createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
	lastUsedAt: timestamp('last_used_at', { withTimezone: true })
});
