import { pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Everyone who acts in cartoparty is a user: coordinators sign in with a password, party
 * guests join with a display name only (no password, `role = 'guest'`).
 */
export const users = pgTable('users', {
	id: text('id').primaryKey(),
	username: text('username').unique(),
	displayName: text('display_name').notNull(),
	passwordHash: text('password_hash'),
	role: text('role', { enum: ['coordinator', 'guest'] }).notNull(),
	createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
});

export const sessions = pgTable('sessions', {
	id: text('id').primaryKey(),
	userId: text('user_id')
		.notNull()
		.references(() => users.id, { onDelete: 'cascade' }),
	expiresAt: timestamp('expires_at', { withTimezone: true }).notNull()
});

export type User = typeof users.$inferSelect;
export type Session = typeof sessions.$inferSelect;
