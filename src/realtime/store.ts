/**
 * Room documents in the `room_updates` table: loaded whole, appended to, merged now and then.
 *
 * Rows are only ever appended or replaced by their exact merge, never overwritten by what a
 * process has in memory, so a process that failed to load a room cannot wipe it, and several
 * processes may write to one room at once.
 */
import { and, asc, eq, gt, inArray, sql } from 'drizzle-orm';
import * as Y from 'yjs';
import { isSeeded, parseRoom, seededUpdate } from '../lib/collab/draft-doc';
import type { Database } from '../lib/server/db';
import { listings, roomUpdates } from '../lib/server/db/schema';
import { toFields } from '../lib/server/listings';
import type { Executor } from '../lib/server/users';

export interface LoadedRoom {
	doc: Y.Doc;
	/** Number and total size of the rows the document was built from. */
	rows: number;
	bytes: number;
}

/** Thrown when a draft room's listing is gone: the room cannot exist. */
export class UnknownListingError extends Error {}

/** Bytes for the driver: postgres.js wants a Buffer for bytea, PGlite takes it too. */
function bytes(update: Uint8Array): Buffer {
	return Buffer.from(update.buffer, update.byteOffset, update.byteLength);
}

/** Serialises work on one room across processes, until the transaction ends. */
async function lockRoom(tx: Executor, room: string) {
	await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${room}, 0))`);
}

export async function readRows(tx: Executor, room: string) {
	return tx
		.select({ id: roomUpdates.id, update: roomUpdates.update })
		.from(roomUpdates)
		.where(eq(roomUpdates.room, room))
		.orderBy(asc(roomUpdates.id));
}

/** Applies rows to a fresh document; throws on a row Yjs cannot read. */
export function buildDoc(rows: { update: Uint8Array }[]): Y.Doc {
	const doc = new Y.Doc();
	doc.transact(() => {
		for (const row of rows) Y.applyUpdate(doc, new Uint8Array(row.update));
	});
	return doc;
}

function size(rows: { update: Uint8Array }[]): number {
	return rows.reduce((sum, row) => sum + row.update.byteLength, 0);
}

/**
 * Loads a room. A draft room that was never seeded is seeded here from its listing, under a
 * lock on the room name so that two processes opening it at once seed it once.
 */
export async function loadRoom(db: Database, room: string): Promise<LoadedRoom> {
	const parsed = parseRoom(room);
	if (parsed?.kind !== 'draft') {
		const rows = await readRows(db, room);
		return { doc: buildDoc(rows), rows: rows.length, bytes: size(rows) };
	}

	return db.transaction(async (tx) => {
		await lockRoom(tx, room);
		const rows = await readRows(tx, room);
		const doc = buildDoc(rows);
		if (isSeeded(doc)) return { doc, rows: rows.length, bytes: size(rows) };

		const [listing] = await tx
			.select()
			.from(listings)
			.where(eq(listings.uid, parsed.listingUid));
		if (!listing) throw new UnknownListingError(`listing ${parsed.listingUid} not found`);
		const seed = seededUpdate(listing.uid, listing.version, toFields(listing));
		await tx.insert(roomUpdates).values({ room, update: bytes(seed) });
		Y.applyUpdate(doc, seed);
		return { doc, rows: rows.length + 1, bytes: size(rows) + seed.byteLength };
	});
}

/** Appends updates, one row each, in one INSERT. */
export async function appendUpdates(db: Database, rows: { room: string; update: Uint8Array }[]) {
	if (rows.length === 0) return;
	await db
		.insert(roomUpdates)
		.values(rows.map((row) => ({ room: row.room, update: bytes(row.update) })));
}

/**
 * Merges a room's rows into one, in one transaction that deletes exactly the rows it read:
 * rows another process appends meanwhile are left alone. Returns the new row count and size.
 */
export async function compactRoom(
	db: Database,
	room: string
): Promise<{ rows: number; bytes: number }> {
	return db.transaction(async (tx) => {
		await lockRoom(tx, room);
		const rows = await readRows(tx, room);
		if (rows.length <= 1) return { rows: rows.length, bytes: size(rows) };

		const doc = buildDoc(rows);
		const merged = Y.encodeStateAsUpdate(doc);
		doc.destroy();
		await tx.insert(roomUpdates).values({ room, update: bytes(merged) });
		await tx.delete(roomUpdates).where(
			and(
				eq(roomUpdates.room, room),
				inArray(
					roomUpdates.id,
					rows.map((row) => row.id)
				)
			)
		);
		return { rows: 1, bytes: merged.byteLength };
	});
}


/** Rows of these rooms written in the last `withinMs` milliseconds, by any process. */
export async function recentUpdates(db: Database, rooms: string[], withinMs: number) {
	if (rooms.length === 0) return [];
	const since = new Date(Date.now() - withinMs);
	return db
		.select({ room: roomUpdates.room, update: roomUpdates.update })
		.from(roomUpdates)
		.where(and(inArray(roomUpdates.room, rooms), gt(roomUpdates.createdAt, since)))
		.orderBy(asc(roomUpdates.id));
}
