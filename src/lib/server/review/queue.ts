/** The coordinators' queue: pending proposals grouped by party, then by listing. */
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Database } from '../db';
import { listings, parties, proposalFields, proposals, users } from '../db/schema';
import { isPartyId } from '../parties/party';

export interface QueuedProposal {
	id: string;
	kind: 'confirm' | 'change';
	author: string;
	createdAt: Date;
	fieldCount: number;
	comment: string | null;
	/** The listing was published again since the participant's draft began. */
	stale: boolean;
}

export interface QueuedListing {
	uid: string;
	nom: string;
	commune: string;
	proposals: QueuedProposal[];
}

export interface QueuedParty {
	/** Null for proposals whose party was deleted. */
	id: string | null;
	title: string;
	count: number;
	listings: QueuedListing[];
}

export interface ReviewQueue {
	total: number;
	parties: QueuedParty[];
	/** Every party with pending proposals, for the filter, whatever the filter is. */
	filters: { id: string; title: string; count: number }[];
}

const NO_PARTY = 'Hors carto party';
const PENDING = eq(proposals.status, 'pending');

/** Pending proposals, oldest first within each listing; `partyId` narrows to one party. */
export async function queue(
	db: Database,
	filter: { partyId?: string | null } = {}
): Promise<ReviewQueue> {
	const partyId = filter.partyId && isPartyId(filter.partyId) ? filter.partyId : null;
	const fieldCount = sql<number>`(select count(*) from ${proposalFields}
		where ${proposalFields.proposalId} = ${proposals.id})::int`;

	const [rows, filters] = await Promise.all([
		db
			.select({
				id: proposals.id,
				kind: proposals.kind,
				author: users.displayName,
				createdAt: proposals.createdAt,
				comment: proposals.comment,
				fieldCount,
				stale: sql<boolean>`${listings.version} <> ${proposals.baseVersion}`,
				partyId: proposals.partyId,
				partyTitle: parties.title,
				listingUid: listings.uid,
				nom: listings.nom,
				commune: listings.commune
			})
			.from(proposals)
			.innerJoin(listings, eq(listings.uid, proposals.listingUid))
			.innerJoin(users, eq(users.id, proposals.authorId))
			.leftJoin(parties, eq(parties.id, proposals.partyId))
			.where(partyId ? and(PENDING, eq(proposals.partyId, partyId)) : PENDING)
			.orderBy(
				asc(parties.title),
				asc(listings.nom),
				asc(listings.uid),
				asc(proposals.createdAt)
			),
		db
			.select({ id: parties.id, title: parties.title, count: sql<number>`count(*)::int` })
			.from(proposals)
			.innerJoin(parties, eq(parties.id, proposals.partyId))
			.where(PENDING)
			.groupBy(parties.id)
			.orderBy(asc(parties.title))
	]);

	const grouped = new Map<string, QueuedParty>();
	for (const row of rows) {
		const key = row.partyId ?? '';
		let party = grouped.get(key);
		if (!party) {
			party = { id: row.partyId, title: row.partyTitle ?? NO_PARTY, count: 0, listings: [] };
			grouped.set(key, party);
		}
		let listing = party.listings.at(-1);
		if (listing?.uid !== row.listingUid) {
			listing = { uid: row.listingUid, nom: row.nom, commune: row.commune, proposals: [] };
			party.listings.push(listing);
		}
		const { id, kind, author, createdAt, fieldCount, comment, stale } = row;
		listing.proposals.push({ id, kind, author, createdAt, fieldCount, comment, stale });
		party.count++;
	}
	return { total: rows.length, parties: [...grouped.values()], filters };
}
