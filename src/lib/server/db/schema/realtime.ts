import { bigserial, customType, index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
	dataType: () => 'bytea'
});

/**
 * Yjs updates of each collaboration room, appended as they arrive and periodically merged
 * into one row. Appending (never overwriting) is what keeps several server processes safe.
 */
export const roomUpdates = pgTable(
	'room_updates',
	{
		id: bigserial('id', { mode: 'number' }).primaryKey(),
		room: text('room').notNull(),
		update: bytea('update').notNull(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('room_updates_room_idx').on(t.room, t.id)]
);
