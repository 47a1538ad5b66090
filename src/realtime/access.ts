/**
 * Who may open which room: checked once at the upgrade, from the session cookie, and again
 * every few seconds for every connected socket, in a few set-based queries.
 */
import type { IncomingMessage } from 'node:http';
import { and, eq, inArray } from 'drizzle-orm';
import { parseRoom } from '../lib/collab/draft-doc';
import { CLOSE } from '../lib/collab/protocol';
import * as session from '../lib/server/auth/session';
import type { SessionUser } from '../lib/server/auth/session';
import type { Database } from '../lib/server/db';
import { parties, partyListings, partyMembers, sessions } from '../lib/server/db/schema';

export interface Grant {
	room: string;
	partyId: string;
	listingUid: string | null;
	user: SessionUser;
	sessionId: string;
	/** The party is closed: the socket may read, its updates are dropped. */
	readOnly: boolean;
}

export type Decision = { ok: true; grant: Grant } | { ok: false; code: number; reason: string };

const refuse = (code: number, reason: string): Decision => ({ ok: false, code, reason });

/**
 * Browsers always send Origin on a websocket; a page of another site must not ride on our
 * session cookie. Clients that send no Origin (Node, tests) hold no victim's cookie.
 */
export function originAllowed(req: IncomingMessage, allowedOrigins: string[]): boolean {
	const origin = req.headers.origin;
	if (!origin) return true;
	if (allowedOrigins.includes(origin)) return true;
	const forwarded = req.headers['x-forwarded-host'];
	const host = (Array.isArray(forwarded) ? forwarded[0] : forwarded) ?? req.headers.host;
	try {
		return new URL(origin).host === host;
	} catch {
		return false;
	}
}

/** Decides on an upgrade to `room` (already URL-decoded). */
export async function authorize(
	db: Database,
	req: IncomingMessage,
	room: string,
	allowedOrigins: string[]
): Promise<Decision> {
	if (!originAllowed(req, allowedOrigins)) return refuse(CLOSE.badOrigin, 'origin');
	const parsed = parseRoom(room);
	if (!parsed) return refuse(CLOSE.unknownRoom, 'room');

	const token = session.tokenFromCookieHeader(req.headers.cookie);
	const valid = token ? await session.validate(db, token) : null;
	if (!valid) return refuse(CLOSE.notSignedIn, 'session');

	const [party] = await db
		.select({ status: parties.status, createdBy: parties.createdBy })
		.from(parties)
		.where(eq(parties.id, parsed.partyId));
	if (!party) return refuse(CLOSE.unknownRoom, 'party');

	if (parsed.kind === 'draft') {
		const [queued] = await db
			.select({ uid: partyListings.listingUid })
			.from(partyListings)
			.where(
				and(
					eq(partyListings.partyId, parsed.partyId),
					eq(partyListings.listingUid, parsed.listingUid)
				)
			);
		if (!queued) return refuse(CLOSE.unknownRoom, 'listing');
	}

	const [member] = await db
		.select({ revokedAt: partyMembers.revokedAt })
		.from(partyMembers)
		.where(and(eq(partyMembers.partyId, parsed.partyId), eq(partyMembers.userId, valid.user.id)));
	const verdict = standing(valid.user, party, member);
	if (verdict !== 'ok') return refuse(verdict, 'membership');

	return {
		ok: true,
		grant: {
			room,
			partyId: parsed.partyId,
			listingUid: parsed.kind === 'draft' ? parsed.listingUid : null,
			user: valid.user,
			sessionId: valid.session.id,
			readOnly: party.status === 'closed'
		}
	};
}

/**
 * Membership as the party pages see it (parties.requireMember): the creator and coordinators
 * are always in; others need a membership that was not revoked.
 */
function standing(
	user: SessionUser,
	party: { createdBy: string },
	member: { revokedAt: Date | null } | undefined
): 'ok' | number {
	if (party.createdBy === user.id || user.role === 'coordinator') return 'ok';
	if (!member) return CLOSE.notMember;
	if (member.revokedAt) return CLOSE.revoked;
	return 'ok';
}

/** What a re-check concludes for one socket. */
export type Verdict = { close: number } | { readOnly: boolean };

/**
 * Re-reads everything a set of grants depends on (sessions, parties, memberships, queues) in
 * four queries, and returns a verdict per grant, in order.
 */
export async function recheck(db: Database, grants: Grant[]): Promise<Verdict[]> {
	if (grants.length === 0) return [];
	const partyIds = [...new Set(grants.map((g) => g.partyId))];
	const userIds = [...new Set(grants.map((g) => g.user.id))];
	const sessionIds = [...new Set(grants.map((g) => g.sessionId))];
	const listingUids = [...new Set(grants.flatMap((g) => (g.listingUid ? [g.listingUid] : [])))];

	const [partyRows, memberRows, sessionRows, queueRows] = await Promise.all([
		db
			.select({ id: parties.id, status: parties.status, createdBy: parties.createdBy })
			.from(parties)
			.where(inArray(parties.id, partyIds)),
		db
			.select({
				partyId: partyMembers.partyId,
				userId: partyMembers.userId,
				revokedAt: partyMembers.revokedAt
			})
			.from(partyMembers)
			.where(and(inArray(partyMembers.partyId, partyIds), inArray(partyMembers.userId, userIds))),
		db
			.select({ id: sessions.id, expiresAt: sessions.expiresAt })
			.from(sessions)
			.where(inArray(sessions.id, sessionIds)),
		listingUids.length === 0
			? Promise.resolve([])
			: db
					.select({ partyId: partyListings.partyId, listingUid: partyListings.listingUid })
					.from(partyListings)
					.where(
						and(
							inArray(partyListings.partyId, partyIds),
							inArray(partyListings.listingUid, listingUids)
						)
					)
	]);

	const party = new Map(partyRows.map((row) => [row.id, row]));
	const member = new Map(memberRows.map((row) => [`${row.partyId}/${row.userId}`, row]));
	const session = new Map(sessionRows.map((row) => [row.id, row]));
	const queued = new Set(queueRows.map((row) => `${row.partyId}/${row.listingUid}`));
	const now = Date.now();

	return grants.map((grant): Verdict => {
		const s = session.get(grant.sessionId);
		if (!s || s.expiresAt.getTime() <= now) return { close: CLOSE.notSignedIn };
		const p = party.get(grant.partyId);
		if (!p) return { close: CLOSE.unknownRoom };
		if (grant.listingUid && !queued.has(`${grant.partyId}/${grant.listingUid}`)) {
			return { close: CLOSE.unknownRoom };
		}
		const verdict = standing(grant.user, p, member.get(`${grant.partyId}/${grant.user.id}`));
		if (verdict !== 'ok') return { close: verdict };
		return { readOnly: p.status === 'closed' };
	});
}
