import { bigserial, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { users } from './auth';

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
