/**
 * Publishing a reviewed proposal (lock, conflict and standard checks, update, revision,
 * decisions, queue) against the floor of any write: one raw INSERT, in the same run and on the
 * same database (in-memory PGlite, or PostgreSQL with DATABASE_URL).
 *
 * Each commit needs a pending proposal of its own, so a pool is prepared beforehand with three
 * set-based inserts; iterations are fixed so that the pool suffices.
 */
import { sql } from 'drizzle-orm';
import { beforeAll, bench, describe, vi } from 'vitest';
import type { FieldValue, ListingFields } from '../../src/lib/domain/standard/fields';
import {
	listings,
	partyListings,
	proposalFields,
	proposals
} from '../../src/lib/server/db/schema';
import { commitProposal } from '../../src/lib/server/listings/commit';
import { reviewWorld, sampleFields } from '../integration/review-fixtures';

// Opening the database and preparing the pools take longer than the default hook timeout.
vi.setConfig({ hookTimeout: 120_000 });
const world = reviewWorld();
const ITERATIONS = 60;
const WARMUP = 5;
const OPTIONS = { time: 0, iterations: ITERATIONS, warmupTime: 0, warmupIterations: WARMUP };

/** New values a participant could propose for the sample library, all valid. */
const CHANGES: Partial<Record<keyof ListingFields, FieldValue>> = {
	nom: 'Bibliothèque-musée Inguimbertine',
	telephone: '+33490630400',
	horaires: 'Tu-Fr 12:00-18:00; Sa 14:00-18:00',
	adresse: '234 boulevard Albin Durand',
	complement_adresse: 'Hôtel-Dieu',
	courriels: ['contact@inguimbertine.fr'],
	site_web: ['https://www.inguimbertine.fr'],
	presentation_resume: 'Ateliers numériques le mardi, accès libre aux ordinateurs.',
	modalites_acces: ['Se présenter', 'Téléphoner'],
	publics_specifiquement_adresses: ['Seniors']
};

/** Pending proposals changing the first `size` fields of CHANGES, one listing each. */
async function pool(size: number, count: number): Promise<string[]> {
	const fields = Object.keys(CHANGES).slice(0, size) as (keyof ListingFields)[];
	const rows = await world.db
		.insert(listings)
		.values(Array.from({ length: count }, () => sampleFields(1)))
		.returning();
	await world.db
		.insert(partyListings)
		.values(rows.map((row) => ({ partyId: world.party.id, listingUid: row.uid })));
	const made = await world.db
		.insert(proposals)
		.values(
			rows.map((row) => ({
				listingUid: row.uid,
				partyId: world.party.id,
				authorId: world.participant.id,
				kind: 'change' as const,
				baseVersion: row.version
			}))
		)
		.returning({ id: proposals.id, listingUid: proposals.listingUid });
	const byUid = new Map(rows.map((row) => [row.uid, row]));
	await world.db.insert(proposalFields).values(
		made.flatMap(({ id, listingUid }) =>
			fields.map((field) => ({
				proposalId: id,
				field,
				baseValue: byUid.get(listingUid)![field] ?? null,
				proposedValue: CHANGES[field]
			}))
		)
	);
	return made.map((p) => p.id);
}

/** One commit per call, accepting every field, each on a proposal of the pool. */
function committing(ids: string[], size: number) {
	const decisions = Object.fromEntries(
		Object.keys(CHANGES)
			.slice(0, size)
			.map((field) => [field, { decision: 'accepted' as const }])
	);
	return async () => {
		const proposalId = ids.pop();
		if (!proposalId) throw new Error('the proposal pool is empty: raise its size');
		await commitProposal(world.db, { proposalId, reviewerId: world.coordinator.id, decisions });
	};
}

const one: string[] = [];
const ten: string[] = [];
// At the file's top level: in benchmark mode, hooks inside a describe did not run before it.
beforeAll(async () => {
	one.push(...(await pool(1, ITERATIONS + WARMUP + 5)));
	ten.push(...(await pool(10, ITERATIONS + WARMUP + 5)));
});

describe('publishing a reviewed proposal', () => {
	let counter = 0;

	bench(
		'baseline: one raw INSERT',
		async () => {
			counter++;
			await world.db.execute(
				sql`insert into standard_feedback (kind, message) values ('other', ${`mesure ${counter}`})`
			);
		},
		OPTIONS
	);
	bench('commit of a proposal with 1 field', committing(one, 1), OPTIONS);
	bench('commit of a proposal with 10 fields', committing(ten, 10), OPTIONS);
});
