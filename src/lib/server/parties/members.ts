/** Who is in a party: joining by link, roles, guards for routes, removal. */
import { error } from '@sveltejs/kit';
import { and, asc, eq, inArray, isNull, or } from 'drizzle-orm';
import * as session from '../auth/session';
import type { SessionUser } from '../auth/session';
import type { Database } from '../db';
import { parties, partyMembers, users, type Party, type Session } from '../db/schema';
import {
	createGuest,
	DISPLAY_NAME_MAX,
	displayNameProblem,
	normalizeDisplayName,
	type Executor
} from '../users';
import { notifyRevoked } from './notify';
import { byId, byJoinCode, isPartyId, PartyError } from './party';

export type MemberRole = 'facilitator' | 'participant';

const CLOSED = 'Cette carto party est close : il n’est plus possible de la rejoindre.';
const REVOKED = 'Vous avez été retiré de cette carto party.';
const UNKNOWN_CODE = 'Ce lien d’invitation ne correspond à aucune carto party.';
const SIGNED_OUT =
	'Connectez-vous, ou ouvrez le lien d’invitation de la carto party pour la rejoindre.';
const NOT_MEMBER = 'Vous ne faites pas partie de cette carto party.';
const NOT_FACILITATOR = 'Cette page est réservée aux animateurs de la carto party.';

/**
 * The user's role in the party, or null when they are not a member or were removed. The
 * creator is always facilitator.
 */
export async function membership(
	db: Database,
	partyId: string,
	userId: string
): Promise<MemberRole | null> {
	if (!isPartyId(partyId)) return null;
	const [row] = await db
		.select({
			createdBy: parties.createdBy,
			role: partyMembers.role,
			revokedAt: partyMembers.revokedAt
		})
		.from(parties)
		.leftJoin(
			partyMembers,
			and(eq(partyMembers.partyId, parties.id), eq(partyMembers.userId, userId))
		)
		.where(eq(parties.id, partyId));
	if (!row) return null;
	if (row.createdBy === userId) return 'facilitator';
	if (!row.role || row.revokedAt) return null;
	return row.role;
}

/**
 * For routes: the party and the user's role in it, or a French error page (401 signed out,
 * 403 not a member, 404 unknown party). Coordinators may open every party, as facilitators.
 */
export async function requireMember(
	db: Database,
	partyId: string,
	user: SessionUser | null
): Promise<{ party: Party; role: MemberRole }> {
	const party = await byId(db, partyId);
	if (!party) error(404, 'Carto party introuvable.');
	if (!user) error(401, SIGNED_OUT);
	if (user.role === 'coordinator') return { party, role: 'facilitator' };

	const role = await membership(db, partyId, user.id);
	if (!role) error(403, NOT_MEMBER);
	return { party, role };
}

/** Like requireMember, for pages that only facilitators (and coordinators) may open. */
export async function requireFacilitator(
	db: Database,
	partyId: string,
	user: SessionUser | null
): Promise<{ party: Party; role: 'facilitator' }> {
	const { party, role } = await requireMember(db, partyId, user);
	if (role !== 'facilitator') error(403, NOT_FACILITATOR);
	return { party, role };
}

export interface Joined {
	party: Party;
	user: SessionUser;
	session: Session;
	/** Goes into the session cookie; only its hash is stored. */
	token: string;
}

/**
 * Joins a party through its link as a new guest: creates the guest, its membership as
 * participant and its session, all or nothing. Throws PartyError (unknown code, closed party)
 * or UserInputError (display name).
 */
export async function join(
	db: Database,
	input: { joinCode: string; displayName: string }
): Promise<Joined> {
	const found = await byJoinCode(db, input.joinCode);
	if (!found) throw new PartyError(404, UNKNOWN_CODE);

	return db.transaction(async (tx) => {
		// Locks the party row so that closing it and joining it do not cross.
		const [party] = await tx.select().from(parties).where(eq(parties.id, found.id)).for('update');
		if (party.status !== 'open') throw new PartyError(409, CLOSED);

		const user = await createGuest(tx, await distinctName(tx, party, input.displayName));
		await tx
			.insert(partyMembers)
			.values({ partyId: party.id, userId: user.id, role: 'participant' });
		const token = session.generateToken();
		const created = await session.create(tx, token, user.id);
		return { party, user, session: created, token };
	});
}

/**
 * The name a newcomer shows in the party: as typed, or with a number when someone in the party
 * already shows it ("Léa (2)"), so that presence and the progress board tell people apart.
 * Runs under the party's row lock, so two people joining at once under one name get two.
 */
async function distinctName(tx: Executor, party: Party, typed: string): Promise<string> {
	const name = normalizeDisplayName(typed);
	if (displayNameProblem(name)) return name;
	const rows = await tx
		.select({ name: users.displayName })
		.from(users)
		.where(
			or(
				eq(users.id, party.createdBy),
				inArray(
					users.id,
					tx
						.select({ id: partyMembers.userId })
						.from(partyMembers)
						.where(eq(partyMembers.partyId, party.id))
				)
			)
		);
	const taken = new Set(rows.map((r) => r.name.toLocaleLowerCase('fr')));
	if (!taken.has(name.toLocaleLowerCase('fr'))) return name;
	for (let n = 2; ; n++) {
		const suffix = ` (${n})`;
		const base = [...name].slice(0, DISPLAY_NAME_MAX - suffix.length).join('').trimEnd();
		const candidate = `${base}${suffix}`;
		if (!taken.has(candidate.toLocaleLowerCase('fr'))) return candidate;
	}
}

/**
 * Joins a party as the signed-in guest (one guest may take part in several parties).
 * A member already in stays as they are; a removed member is refused.
 */
export async function joinAs(
	db: Database,
	input: { joinCode: string; userId: string }
): Promise<Party> {
	const party = await byJoinCode(db, input.joinCode);
	if (!party) throw new PartyError(404, UNKNOWN_CODE);

	const [existing] = await db
		.select({ revokedAt: partyMembers.revokedAt })
		.from(partyMembers)
		.where(and(eq(partyMembers.partyId, party.id), eq(partyMembers.userId, input.userId)));
	if (existing?.revokedAt) throw new PartyError(403, REVOKED);
	if (existing || party.createdBy === input.userId) return party;
	if (party.status !== 'open') throw new PartyError(409, CLOSED);

	await db
		.insert(partyMembers)
		.values({ partyId: party.id, userId: input.userId, role: 'participant' })
		.onConflictDoNothing();
	return party;
}

/** Whether the user was removed from the party (to explain a refusal rather than invite). */
export async function isRevoked(db: Database, partyId: string, userId: string): Promise<boolean> {
	const [row] = await db
		.select({ revokedAt: partyMembers.revokedAt })
		.from(partyMembers)
		.where(and(eq(partyMembers.partyId, partyId), eq(partyMembers.userId, userId)));
	return Boolean(row?.revokedAt);
}

export interface Member {
	userId: string;
	displayName: string;
	role: MemberRole;
	joinedAt: Date;
	revokedAt: Date | null;
}

/** Everyone who joined, removed members included, in order of arrival. */
export async function members(db: Database, partyId: string): Promise<Member[]> {
	return db
		.select({
			userId: partyMembers.userId,
			displayName: users.displayName,
			role: partyMembers.role,
			joinedAt: partyMembers.joinedAt,
			revokedAt: partyMembers.revokedAt
		})
		.from(partyMembers)
		.innerJoin(users, eq(users.id, partyMembers.userId))
		.where(eq(partyMembers.partyId, partyId))
		.orderBy(asc(partyMembers.joinedAt), asc(users.displayName));
}

/**
 * Removes a member: their access ends at once, including open editing sessions. Returns the
 * name they went by, for the confirmation.
 */
export async function removeMember(
	db: Database,
	partyId: string,
	userId: string
): Promise<{ displayName: string }> {
	const party = await byId(db, partyId);
	if (!party) throw new PartyError(404, 'Carto party introuvable.');
	if (party.createdBy === userId) {
		throw new PartyError(400, 'La personne qui a créé la carto party ne peut pas en être retirée.');
	}

	const removed = await db
		.update(partyMembers)
		.set({ revokedAt: new Date() })
		.where(
			and(
				eq(partyMembers.partyId, partyId),
				eq(partyMembers.userId, userId),
				isNull(partyMembers.revokedAt)
			)
		)
		.returning({ userId: partyMembers.userId });
	if (removed.length === 0) {
		throw new PartyError(404, 'Cette personne ne fait pas (ou plus) partie de la carto party.');
	}
	await notifyRevoked({ partyId, userId });

	const [user] = await db
		.select({ displayName: users.displayName })
		.from(users)
		.where(eq(users.id, userId));
	return user;
}
