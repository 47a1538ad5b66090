import { eq } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { listings, partyListings, partyMembers } from '../../src/lib/server/db/schema';
import * as parties from '../../src/lib/server/parties';
import { CLERMONT, coordinator, METROPOLE, PUY_DE_DOME, sampleDatabase } from './parties-fixtures';

const ctx = sampleDatabase();

function createOn(kind: string, code: string, title: string, by = ctx.creator) {
	const input = { title, territoryKind: kind, territoryCode: code, createdBy: by.id };
	return parties.create(ctx.db, input);
}

async function queuedIds(partyId: string): Promise<string[]> {
	const rows = await ctx.db
		.select({ id: listings.id, status: partyListings.status })
		.from(partyListings)
		.innerJoin(listings, eq(listings.uid, partyListings.listingUid))
		.where(eq(partyListings.partyId, partyId));
	expect(new Set(rows.map((r) => r.status))).toEqual(new Set(['todo']));
	return rows.map((r) => r.id).sort();
}

describe('creating a party', () => {
	test('a party on Clermont-Ferrand queues its listings by INSEE code, or by postcode without one', async () => {
		const { party, listingCount } = await createOn('commune', '63113', '  Carto party   Clermont ');

		expect(party.title).toBe('Carto party Clermont');
		expect(party.territoryName).toBe('Clermont-Ferrand');
		expect(party.status).toBe('open');
		expect(listingCount).toBe(3);
		expect(await queuedIds(party.id)).toEqual([...CLERMONT].sort());
	});

	test('an EPCI queues the listings of all its member communes', async () => {
		const { party } = await createOn('epci', '246300701', 'Métropole');

		expect(party.territoryName).toBe('Clermont Auvergne Métropole');
		expect(await queuedIds(party.id)).toEqual([...METROPOLE].sort());
	});

	test('a département queues every listing of its communes and none of its neighbours', async () => {
		const { party, listingCount } = await createOn('departement', '63', 'Puy-de-Dôme');

		expect(listingCount).toBe(PUY_DE_DOME.length);
		expect(await queuedIds(party.id)).toEqual([...PUY_DE_DOME].sort());
	});

	test('a territory without listings still gets its party, with an empty queue', async () => {
		const { party, listingCount } = await createOn('commune', '03310', 'Vichy');

		expect(listingCount).toBe(0);
		expect((await parties.progress(ctx.db, party.id)).counts.total).toBe(0);
	});

	test('listings imported later join the queue on demand, and queued ones keep their status', async () => {
		const { party } = await createOn('commune', '63113', 'Mise à jour');
		await ctx.db
			.update(partyListings)
			.set({ status: 'reviewed' })
			.where(eq(partyListings.partyId, party.id));
		await ctx.db.insert(listings).values({
			id: 'clermont-late',
			nom: 'Lieu importé après coup',
			commune: 'Clermont-Ferrand',
			code_postal: '63100',
			code_insee: '63113',
			adresse: '1 place de Jaude',
			date_maj: '2025-02-01'
		});

		const added = await parties.syncQueue(ctx.db, party.id);
		const again = await parties.syncQueue(ctx.db, party.id);

		expect([added, again]).toEqual([1, 0]);
		expect((await parties.progress(ctx.db, party.id)).counts).toMatchObject({
			total: 4,
			reviewed: 3,
			todo: 1
		});
		await ctx.db.delete(listings).where(eq(listings.id, 'clermont-late'));
	});

	test('the creator becomes the facilitator', async () => {
		const { party } = await createOn('commune', '63113', 'Rôle');

		const rows = await ctx.db
			.select({ userId: partyMembers.userId, role: partyMembers.role })
			.from(partyMembers)
			.where(eq(partyMembers.partyId, party.id));
		expect(rows).toEqual([{ userId: ctx.creator.id, role: 'facilitator' }]);
		expect(await parties.membership(ctx.db, party.id, ctx.creator.id)).toBe('facilitator');
	});

	test('join codes are 16 base32 characters (80 bits) and differ between parties', async () => {
		const codes = new Set(Array.from({ length: 200 }, () => parties.newJoinCode()));

		expect(codes.size).toBe(200);
		for (const code of codes) expect(code).toMatch(/^[a-z2-7]{16}$/);
	});

	test('an unknown territory is refused and creates nothing', async () => {
		const before = await parties.listAll(ctx.db, ctx.creator.id);

		await expect(createOn('commune', '99999', 'Nulle part')).rejects.toMatchObject({
			status: 400,
			field: 'territory'
		});
		await expect(createOn('region', '84', 'Région')).rejects.toMatchObject({
			status: 400,
			field: 'territory'
		});
		expect(await parties.listAll(ctx.db, ctx.creator.id)).toHaveLength(before.length);
	});

	test('an empty or overlong title is refused with a message naming the title', async () => {
		await expect(createOn('commune', '63113', '   ')).rejects.toMatchObject({
			field: 'title',
			message: 'Donnez un titre à la carto party.'
		});
		await expect(createOn('commune', '63113', 'x'.repeat(121))).rejects.toMatchObject({
			field: 'title',
			message: 'Le titre doit faire au plus 120 caractères.'
		});
	});
});

describe('progress', () => {
	test('counts listings per status and lists them by name with their position', async () => {
		const { party } = await createOn('commune', '63113', 'Avancement');
		const [first] = (await parties.progress(ctx.db, party.id)).listings;
		await ctx.db
			.update(partyListings)
			.set({ status: 'proposed' })
			.where(eq(partyListings.listingUid, first.uid));

		const { counts, listings: queue } = await parties.progress(ctx.db, party.id);

		expect(counts).toEqual({ total: 3, todo: 2, in_progress: 0, proposed: 1, reviewed: 0 });
		expect(queue.map((l) => l.nom)).toEqual([
			'Espace numérique Croix-de-Neyrat',
			'Médiathèque de Jaude',
			'Tiers-lieu sans code INSEE'
		]);
		expect(queue[0]).toMatchObject({ commune: 'clermont', status: 'proposed', longitude: 3.08 });
	});

	test('an id that is not a party id gives an empty queue instead of a database error', async () => {
		expect((await parties.progress(ctx.db, 'not-a-uuid')).counts.total).toBe(0);
	});
});

describe('lists of parties', () => {
	test('a user sees the parties they belong to, with counts; coordinators can list them all', async () => {
		const other = await coordinator(ctx.db, 'Dominique');
		const { party } = await createOn('epci', '246300701', 'La sienne', other);

		const mine = await parties.list(ctx.db, other.id);
		const all = await parties.listAll(ctx.db, ctx.creator.id);

		expect(mine).toHaveLength(1);
		expect(mine[0]).toMatchObject({
			id: party.id,
			role: 'facilitator',
			listingCount: 6,
			reviewedCount: 0
		});
		expect(mine[0]).not.toHaveProperty('joinCode');
		expect(all.find((p) => p.id === party.id)).toMatchObject({ role: null, listingCount: 6 });
		expect(all.length).toBeGreaterThan(mine.length);
	});
});
