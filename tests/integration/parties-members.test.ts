import { isHttpError } from '@sveltejs/kit';
import { eq } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import * as session from '../../src/lib/server/auth/session';
import { partyMembers, users, type Party } from '../../src/lib/server/db/schema';
import * as parties from '../../src/lib/server/parties';
import { coordinator, sampleDatabase } from './parties-fixtures';

const ctx = sampleDatabase();

async function newParty(title = 'Carto party Clermont'): Promise<Party> {
	const { party } = await parties.create(ctx.db, {
		title,
		territoryKind: 'commune',
		territoryCode: '63113',
		createdBy: ctx.creator.id
	});
	return party;
}

/** The status of the SvelteKit error a guard threw. */
async function refusal(promise: Promise<unknown>): Promise<{ status: number; message: string }> {
	try {
		await promise;
	} catch (error) {
		if (isHttpError(error)) return { status: error.status, message: error.body.message };
		throw error;
	}
	throw new Error('the guard let the request through');
}

describe('joining with the link', () => {
	test('the join code creates a guest participant with a working session', async () => {
		const party = await newParty();

		const joined = await parties.join(ctx.db, {
			joinCode: party.joinCode,
			displayName: '  Léa   M. '
		});

		expect(joined.party.id).toBe(party.id);
		expect(joined.user).toMatchObject({ displayName: 'Léa M.', role: 'guest', username: null });
		const [stored] = await ctx.db.select().from(users).where(eq(users.id, joined.user.id));
		expect(stored.passwordHash).toBeNull();
		expect(await parties.membership(ctx.db, party.id, joined.user.id)).toBe('participant');
		const valid = await session.validate(ctx.db, joined.token);
		expect(valid?.user.id).toBe(joined.user.id);
		expect(valid?.session.id).toBe(joined.session.id);
	});

	test('a name already shown in the party gets a number, whatever its case', async () => {
		const party = await newParty();
		const join = (displayName: string) =>
			parties.join(ctx.db, { joinCode: party.joinCode, displayName }).then((j) => j.user.displayName);
		const long = 'Léa de la médiathèque municipale de Jaude';

		expect(await join('Léa')).toBe('Léa');
		expect(await join('léa')).toBe('léa (2)');
		expect(await join('Léa')).toBe('Léa (3)');
		expect(await join(long.slice(0, 40))).toBe(long.slice(0, 40));
		expect(await join(long.slice(0, 40))).toBe('Léa de la médiathèque municipale de (2)');
		// Another party's names are not taken into account.
		const other = await newParty('Autre');
		const there = await parties.join(ctx.db, { joinCode: other.joinCode, displayName: 'Léa' });
		expect(there.user.displayName).toBe('Léa');
	});

	test('the code is found whatever its case, and an unknown code is a 404', async () => {
		const party = await newParty();

		expect((await parties.byJoinCode(ctx.db, party.joinCode.toUpperCase()))?.id).toBe(party.id);
		expect(await parties.byJoinCode(ctx.db, 'aaaaaaaaaaaaaaaa')).toBeUndefined();
		expect(await parties.byJoinCode(ctx.db, "x' or 1=1 --")).toBeUndefined();
		await expect(
			parties.join(ctx.db, { joinCode: 'aaaaaaaaaaaaaaaa', displayName: 'Léa' })
		).rejects.toMatchObject({ status: 404 });
	});

	test('a closed party refuses newcomers and creates no guest', async () => {
		const party = await newParty();
		await parties.close(ctx.db, party.id);
		const guestsBefore = await ctx.db.select().from(users).where(eq(users.role, 'guest'));

		await expect(
			parties.join(ctx.db, { joinCode: party.joinCode, displayName: 'Léa' })
		).rejects.toMatchObject({
			status: 409,
			message: 'Cette carto party est close : il n’est plus possible de la rejoindre.'
		});
		const guestsAfter = await ctx.db.select().from(users).where(eq(users.role, 'guest'));
		expect(guestsAfter).toHaveLength(guestsBefore.length);
	});

	test('a reopened party can be joined again', async () => {
		const party = await newParty();
		const closed = await parties.close(ctx.db, party.id);
		expect(closed.closedAt).toBeInstanceOf(Date);

		const reopened = await parties.reopen(ctx.db, party.id);
		const joined = await parties.join(ctx.db, { joinCode: party.joinCode, displayName: 'Sam' });

		expect(reopened).toMatchObject({ status: 'open', closedAt: null });
		expect(joined.party.status).toBe('open');
	});

	test('display names must have 1 to 40 characters once trimmed', async () => {
		const party = await newParty();
		const join = (displayName: string) =>
			parties.join(ctx.db, { joinCode: party.joinCode, displayName });

		await expect(join('   ')).rejects.toMatchObject({
			field: 'displayName',
			message: 'Indiquez un prénom ou un pseudo.'
		});
		await expect(join('é'.repeat(41))).rejects.toMatchObject({ field: 'displayName' });
		await expect(join('a\u0007b')).rejects.toMatchObject({ field: 'displayName' });
		expect((await join('é'.repeat(40))).user.displayName).toBe('é'.repeat(40));
		expect(await parties.members(ctx.db, party.id)).toHaveLength(2);
	});

	test('a display name with a text-direction control is refused, so that no name can pose as another', async () => {
		const party = await newParty();
		const join = (displayName: string) =>
			parties.join(ctx.db, { joinCode: party.joinCode, displayName });

		for (const name of ['Léa\u202E', '\u2066Coordinatrice\u2069', 'Sam\u202Atoto']) {
			await expect(join(name)).rejects.toMatchObject({
				field: 'displayName',
				message:
					'Le nom affiché contient un caractère invisible de contrôle ou de sens d’écriture : retirez-le.'
			});
		}
		expect(await parties.members(ctx.db, party.id)).toHaveLength(1);
	});

	test('a signed-in guest joins another party under the same name', async () => {
		const first = await newParty('Première');
		const second = await newParty('Seconde');
		const { user } = await parties.join(ctx.db, { joinCode: first.joinCode, displayName: 'Ali' });

		await parties.joinAs(ctx.db, { joinCode: second.joinCode, userId: user.id });
		await parties.joinAs(ctx.db, { joinCode: second.joinCode, userId: user.id });

		expect(await parties.membership(ctx.db, second.id, user.id)).toBe('participant');
		expect((await parties.list(ctx.db, user.id)).map((p) => p.title).sort()).toEqual([
			'Première',
			'Seconde'
		]);
	});
});

describe('removing a member', () => {
	test('a removed member has no membership any more and cannot come back with their session', async () => {
		const party = await newParty();
		const { user } = await parties.join(ctx.db, { joinCode: party.joinCode, displayName: 'Zoé' });

		const removed = await parties.removeMember(ctx.db, party.id, user.id);

		expect(removed).toEqual({ displayName: 'Zoé' });
		expect(await parties.membership(ctx.db, party.id, user.id)).toBeNull();
		expect(await parties.isRevoked(ctx.db, party.id, user.id)).toBe(true);
		await expect(
			parties.joinAs(ctx.db, { joinCode: party.joinCode, userId: user.id })
		).rejects.toMatchObject({ status: 403 });
		const [row] = await ctx.db
			.select({ revokedAt: partyMembers.revokedAt })
			.from(partyMembers)
			.where(eq(partyMembers.userId, user.id));
		expect(row.revokedAt).toBeInstanceOf(Date);
		expect(await parties.list(ctx.db, user.id)).toEqual([]);
	});

	test('the creator cannot be removed, and removing twice says so', async () => {
		const party = await newParty();
		const { user } = await parties.join(ctx.db, { joinCode: party.joinCode, displayName: 'Jo' });
		await parties.removeMember(ctx.db, party.id, user.id);

		await expect(parties.removeMember(ctx.db, party.id, ctx.creator.id)).rejects.toMatchObject({
			status: 400
		});
		await expect(parties.removeMember(ctx.db, party.id, user.id)).rejects.toMatchObject({
			status: 404
		});
		expect(await parties.membership(ctx.db, party.id, ctx.creator.id)).toBe('facilitator');
	});
});

describe('guards', () => {
	test('requireMember lets members in with their role and refuses others in French', async () => {
		const party = await newParty();
		const other = await newParty('Autre');
		const { user } = await parties.join(ctx.db, { joinCode: party.joinCode, displayName: 'Lou' });

		expect(await parties.requireMember(ctx.db, party.id, user)).toMatchObject({
			party: { id: party.id },
			role: 'participant'
		});
		expect(await refusal(parties.requireMember(ctx.db, other.id, user))).toEqual({
			status: 403,
			message: 'Vous ne faites pas partie de cette carto party.'
		});
		expect((await refusal(parties.requireMember(ctx.db, party.id, null))).status).toBe(401);
		expect((await refusal(parties.requireMember(ctx.db, 'nope', user))).status).toBe(404);
		expect(
			(await refusal(parties.requireMember(ctx.db, crypto.randomUUID(), user))).status
		).toBe(404);
	});

	test('requireFacilitator refuses participants and admits the creator and any coordinator', async () => {
		const party = await newParty();
		const { user } = await parties.join(ctx.db, { joinCode: party.joinCode, displayName: 'Lou' });
		const colleague = await coordinator(ctx.db, 'Claude');

		expect((await refusal(parties.requireFacilitator(ctx.db, party.id, user))).status).toBe(403);
		expect((await parties.requireFacilitator(ctx.db, party.id, ctx.creator)).role).toBe(
			'facilitator'
		);
		expect((await parties.requireFacilitator(ctx.db, party.id, colleague)).role).toBe(
			'facilitator'
		);
		expect(await parties.membership(ctx.db, party.id, colleague.id)).toBeNull();
	});

	test('a removed member is refused by the guards', async () => {
		const party = await newParty();
		const { user } = await parties.join(ctx.db, { joinCode: party.joinCode, displayName: 'Max' });
		await parties.removeMember(ctx.db, party.id, user.id);

		expect((await refusal(parties.requireMember(ctx.db, party.id, user))).status).toBe(403);
	});
});
