/** A party's lifecycle: creation on a territory, lookup, listing, closing and reopening. */
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';
import { and, desc, eq, getTableColumns, isNull, or, sql, type SQL } from 'drizzle-orm';
import { INVISIBLE_MESSAGE, invisibleCharacter } from '$lib/domain/standard/characters';
import type { Database } from '../db';
import {
	listings,
	parties,
	partyListings,
	partyMembers,
	TERRITORY_KINDS,
	type Party,
	type TerritoryKind
} from '../db/schema';
import { territoryCondition } from '../listings';
import { logger } from '../log';
import { territory, type Territory } from '../territory';
import type { Executor } from '../users';
import { notifyRevoked } from './notify';

const log = logger('parties');

export const TITLE_MAX = 120;
/** 10 random bytes: 80 bits, 16 base32 characters, short enough for a clean QR code. */
const JOIN_CODE_BYTES = 10;
const JOIN_CODE_PATTERN = /^[a-z2-7]{16}$/;
const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A refused request on a party, with the HTTP status to answer and a French message. */
export class PartyError extends Error {
	constructor(
		readonly status: 400 | 403 | 404 | 409,
		message: string,
		readonly field?: string
	) {
		super(message);
		this.name = 'PartyError';
	}
}

export interface NewParty {
	title: string;
	territoryKind: string;
	territoryCode: string;
	createdBy: string;
}

export function newJoinCode(): string {
	return encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(JOIN_CODE_BYTES)));
}

export function isPartyId(id: string): boolean {
	return UUID_PATTERN.test(id);
}

function isTerritoryKind(kind: string): kind is TerritoryKind {
	return (TERRITORY_KINDS as readonly string[]).includes(kind);
}

/**
 * Creates a party on a territory, makes its creator facilitator and queues every listing of the
 * territory. An empty territory is allowed (listings may be imported later): `listingCount` 0.
 */
export async function create(
	db: Database,
	input: NewParty
): Promise<{ party: Party; listingCount: number }> {
	const title = input.title.replace(/\s+/g, ' ').trim();
	if (!title) throw new PartyError(400, 'Donnez un titre à la carto party.', 'title');
	if (title.length > TITLE_MAX) {
		throw new PartyError(400, `Le titre doit faire au plus ${TITLE_MAX} caractères.`, 'title');
	}
	if (invisibleCharacter(title, false)) {
		throw new PartyError(400, `Le titre ${INVISIBLE_MESSAGE}`, 'title');
	}
	const place = isTerritoryKind(input.territoryKind)
		? territory(input.territoryKind, input.territoryCode)
		: undefined;
	if (!place) {
		const asked = `${input.territoryKind} ${input.territoryCode}`;
		throw new PartyError(
			400,
			`Territoire inconnu : « ${asked} ». Choisissez une commune, un EPCI ou un département dans la liste.`,
			'territory'
		);
	}

	const result = await db.transaction(async (tx) => {
		const [party] = await tx
			.insert(parties)
			.values({
				title,
				territoryKind: place.kind,
				territoryCode: place.code,
				territoryName: place.name,
				joinCode: newJoinCode(),
				createdBy: input.createdBy
			})
			.returning();
		await tx
			.insert(partyMembers)
			.values({ partyId: party.id, userId: input.createdBy, role: 'facilitator' });
		const listingCount = await queueListings(tx, party.id, place);
		return { party, listingCount };
	});

	if (result.listingCount === 0) {
		log.warn(`party ${result.party.id} created on ${place.kind} ${place.code} with no listing`);
	}
	return result;
}

/**
 * Adds the territory's listings that the queue lacks, in one INSERT … SELECT, and returns how
 * many were added. Listings already queued keep their status.
 */
async function queueListings(db: Executor, partyId: string, place: Territory): Promise<number> {
	const added = await db
		.insert(partyListings)
		.select(
			db
				.select({
					partyId: sql<string>`${partyId}::uuid`.as('party_id'),
					listingUid: listings.uid,
					status: sql<'todo'>`'todo'`.as('status'),
					updatedAt: sql<Date>`now()`.as('updated_at')
				})
				.from(listings)
				.where(territoryCondition(place))
		)
		.onConflictDoNothing()
		.returning({ uid: partyListings.listingUid });
	return added.length;
}

/** Queues listings imported on the territory since the party was created. */
export async function syncQueue(db: Database, partyId: string): Promise<number> {
	const party = await byId(db, partyId);
	const place = party && territory(party.territoryKind, party.territoryCode);
	if (!place) throw new PartyError(404, 'Carto party introuvable.');
	return queueListings(db, party.id, place);
}

export async function byId(db: Database, id: string): Promise<Party | undefined> {
	if (!isPartyId(id)) return undefined;
	const [party] = await db.select().from(parties).where(eq(parties.id, id));
	return party;
}

/** The party of a join link; codes are compared in lower case, as a QR reader may shout them. */
export async function byJoinCode(db: Database, code: string): Promise<Party | undefined> {
	const normalized = code.trim().toLowerCase();
	if (!JOIN_CODE_PATTERN.test(normalized)) return undefined;
	const [party] = await db.select().from(parties).where(eq(parties.joinCode, normalized));
	return party;
}

export interface PartySummary extends Omit<Party, 'joinCode'> {
	/** The viewer's role, or null for a coordinator looking at someone else's party. */
	role: 'facilitator' | 'participant' | null;
	listingCount: number;
	reviewedCount: number;
}

const REVIEWED_COUNT = sql<number>`(count(*) filter (where ${partyListings.status} = 'reviewed'))::int`;

function summaries(db: Database, viewerId: string, where?: SQL) {
	const { joinCode: _, ...columns } = getTableColumns(parties);
	return db
		.select({
			...columns,
			role: partyMembers.role,
			listingCount: sql<number>`count(${partyListings.listingUid})::int`,
			reviewedCount: REVIEWED_COUNT
		})
		.from(parties)
		.leftJoin(
			partyMembers,
			and(
				eq(partyMembers.partyId, parties.id),
				eq(partyMembers.userId, viewerId),
				isNull(partyMembers.revokedAt)
			)
		)
		.leftJoin(partyListings, eq(partyListings.partyId, parties.id))
		.where(where)
		.groupBy(parties.id, partyMembers.role)
		.orderBy(desc(parties.createdAt));
}

/** Parties the user created or belongs to (not revoked), newest first. */
export async function list(db: Database, userId: string): Promise<PartySummary[]> {
	return summaries(db, userId, or(eq(parties.createdBy, userId), eq(partyMembers.userId, userId)));
}

/** Every party, newest first, with the viewer's role in each: for coordinators. */
export async function listAll(db: Database, viewerId: string): Promise<PartySummary[]> {
	return summaries(db, viewerId);
}

async function setStatus(db: Database, partyId: string, status: Party['status']) {
	if (!isPartyId(partyId)) throw new PartyError(404, 'Carto party introuvable.');
	const [party] = await db
		.update(parties)
		.set({ status, closedAt: status === 'closed' ? new Date() : null })
		.where(eq(parties.id, partyId))
		.returning();
	if (!party) throw new PartyError(404, 'Carto party introuvable.');
	return party;
}

/** Closes the party: nobody may join any more, and live editing sessions are ended. */
export async function close(db: Database, partyId: string): Promise<Party> {
	const party = await setStatus(db, partyId, 'closed');
	await notifyRevoked({ partyId });
	return party;
}

export async function reopen(db: Database, partyId: string): Promise<Party> {
	return setStatus(db, partyId, 'open');
}
