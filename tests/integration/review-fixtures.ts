/**
 * A world for the review tests: real Carpentras listings (tests/fixtures) read with the
 * importer's `readRecord`, a coordinator, a party on Carpentras with a participant, and drafts
 * written to `room_updates` exactly as the realtime server persists them.
 */
import { readFileSync } from 'node:fs';
import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll } from 'vitest';
import * as Y from 'yjs';
import { roomName, seededUpdate } from '../../src/lib/collab/draft-doc';
import { readRecord } from '../../src/lib/domain/standard/read-record';
import type { SessionUser } from '../../src/lib/server/auth/session';
import type { Database } from '../../src/lib/server/db';
import {
	listings,
	partyListings,
	roomUpdates,
	type Listing,
	type Party
} from '../../src/lib/server/db/schema';
import { toFields } from '../../src/lib/server/listings';
import * as parties from '../../src/lib/server/parties';
import * as review from '../../src/lib/server/review';
import { commune, communesByPostcode } from '../../src/lib/server/territory';
import { createGuest } from '../../src/lib/server/users';
import { testDatabase, type TestDatabase } from '../helpers/db';
import { coordinator } from './parties-fixtures';

const SAMPLE = JSON.parse(
	readFileSync(new URL('../fixtures/paca-carpentras-sample.json', import.meta.url), 'utf8')
) as Record<string, unknown>[];

/** INSEE code of Carpentras, where the three sample listings are. */
export const CARPENTRAS = '84031';

export interface ReviewWorld {
	handle: TestDatabase;
	db: Database;
	coordinator: SessionUser;
	party: Party;
	participant: SessionUser;
	/** A guest of no party. */
	outsider: SessionUser;
}

let copies = 0;

/** Sample listing `index` in our internal form, under a fresh identifier. */
export function sampleFields(index: number) {
	const { fields } = readRecord(SAMPLE[index], {
		geo: { commune, communesByPostcode },
		today: '2025-06-01'
	});
	if (!fields) throw new Error(`sample ${index} is not importable`);
	copies++;
	return { ...fields, id: `${fields.id}-copie-${copies}` };
}

/** Inserts a copy of a sample listing and queues it in the party, so each test has its own. */
export async function freshListing(db: Database, partyId: string, index = 1): Promise<Listing> {
	const [row] = await db.insert(listings).values(sampleFields(index)).returning();
	await db.insert(partyListings).values({ partyId, listingUid: row.uid });
	return row;
}

export async function listing(db: Database, uid: string): Promise<Listing> {
	const [row] = await db.select().from(listings).where(eq(listings.uid, uid));
	return row;
}

/** The draft's document as stored: every update of its room, in order. */
async function storedDoc(db: Database, room: string): Promise<Y.Doc | null> {
	const rows = await db
		.select({ update: roomUpdates.update })
		.from(roomUpdates)
		.where(eq(roomUpdates.room, room))
		.orderBy(asc(roomUpdates.id));
	if (rows.length === 0) return null;
	const doc = new Y.Doc();
	for (const { update } of rows) Y.applyUpdate(doc, update);
	return doc;
}

/**
 * Edits the party's draft of a listing as a participant would, appending the update to the
 * room like the server does. The first edit seeds the draft from the listing as it is now.
 */
export async function editDraft(
	db: Database,
	partyId: string,
	uid: string,
	edit: (doc: Y.Doc) => void
) {
	const room = roomName.draft(partyId, uid);
	let doc = await storedDoc(db, room);
	if (!doc) {
		const row = await listing(db, uid);
		doc = new Y.Doc();
		Y.applyUpdate(doc, seededUpdate(uid, row.version, toFields(row)));
		await db.insert(roomUpdates).values({ room, update: Y.encodeStateAsUpdate(doc) });
	}
	const before = Y.encodeStateVector(doc);
	edit(doc);
	await db.insert(roomUpdates).values({ room, update: Y.encodeStateAsUpdate(doc, before) });
	doc.destroy();
}

export type DraftEdit = (doc: Y.Doc) => void;

/** Edits the party's draft of a listing, then sends it as a change; returns the proposal's id. */
export async function sendChange(
	world: ReviewWorld,
	row: Listing,
	edit: DraftEdit,
	partyId = world.party.id,
	authorId = world.participant.id
): Promise<string> {
	await editDraft(world.db, partyId, row.uid, edit);
	const sent = await review.submit(world.db, {
		partyId,
		listingUid: row.uid,
		authorId,
		kind: 'change'
	});
	return sent.proposalId;
}

/** A fresh database per test file with the world above. */
export function reviewWorld(): ReviewWorld {
	const world = {} as ReviewWorld;
	beforeAll(async () => {
		world.handle = await testDatabase();
		world.db = world.handle.db;
		world.coordinator = await coordinator(world.db);
		const { party } = await parties.create(world.db, {
			title: 'Carto party de Carpentras',
			territoryKind: 'commune',
			territoryCode: CARPENTRAS,
			createdBy: world.coordinator.id
		});
		world.party = party;
		world.participant = (
			await parties.join(world.db, { joinCode: party.joinCode, displayName: 'Léa' })
		).user;
		world.outsider = await createGuest(world.db, 'Sam');
	});
	afterAll(() => world.handle?.dispose());
	return world;
}
