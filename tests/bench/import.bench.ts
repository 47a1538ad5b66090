/**
 * The import's hot paths on 30 000 generated listings (fixed seed), each beside a baseline
 * measured in the same run:
 * - reading: our CSV state machine and JSON reading against `JSON.parse` of the same data (the
 *   floor for any reader) and a naive `split` CSV parse (which gets quoted fields wrong);
 * - reading and normalising every row with `readRecord`, against the same floors;
 * - writing: the set-based `apply` (three statements) against a per-row Drizzle insert loop in
 *   one transaction, on in-memory PGlite (or PostgreSQL with DATABASE_URL).
 */
import { afterAll, beforeAll, bench, describe } from 'vitest';
import { readRecord } from '../../src/lib/domain/standard/read-record';
import { importBatches, listingRevisions, listings } from '../../src/lib/server/db/schema';
import { csvLine } from '../../src/lib/server/io/csv';
import { fieldChanges } from '../../src/lib/server/io/targets';
import type { StagedRow } from '../../src/lib/server/io/import';
import * as importer from '../../src/lib/server/io/import';
import { parseFile } from '../../src/lib/server/io/parse';
import * as geo from '../../src/lib/server/territory';
import { testDatabase, type TestDatabase } from '../helpers/db';

const ROWS = 30_000;
const SEED = 20250601;
const TODAY = '2025-06-01';

/** mulberry32: a tiny deterministic generator, so that every run measures the same data. */
function random(seed: number) {
	let a = seed;
	return () => {
		a = (a + 0x6d2b79f5) | 0;
		let t = Math.imul(a ^ (a >>> 15), 1 | a);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const PLACES: [string, string, string, number, number][] = [
	['Clermont-Ferrand', '63000', '63113', 45.777, 3.087],
	['Riom', '63200', '63300', 45.894, 3.113],
	['Thiers', '63300', '63430', 45.856, 3.547],
	['Issoire', '63500', '63178', 45.544, 3.249],
	['Ambert', '63600', '63003', 45.55, 3.742],
	['Cournon-d’Auvergne', '63800', '63124', 45.736, 3.197],
	['Chamalières', '63400', '63075', 45.774, 3.067],
	['Vichy', '03200', '03310', 46.128, 3.425]
];
const KINDS = ['Médiathèque', 'Espace France services', 'Centre social', 'Tiers-lieu', 'Mairie'];
const STREETS = [
	'rue de la République',
	'place de Jaude',
	'avenue Jean Jaurès',
	'rue du 4 Septembre'
];
const SERVICES = [
	'Aide aux démarches administratives',
	'Maîtrise des outils numériques du quotidien',
	'Accès internet et matériel informatique',
	'Loisirs et créations numériques'
];

/** "12 34 56": the last six digits of a landline. */
function digits(next: () => number): string {
	const six = String(Math.floor(next() * 1e6)).padStart(6, '0');
	return six.replace(/(\d\d)(?=\d)/g, '$1 ');
}

function generate(): Record<string, string | number>[] {
	const next = random(SEED);
	const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)];
	return Array.from({ length: ROWS }, (_, i) => {
		const [commune, code_postal, code_insee, lat, lon] = pick(PLACES);
		const services = SERVICES.filter(() => next() < 0.5);
		return {
			id: `gen-${i}`,
			pivot: '00000000000000',
			nom: `${pick(KINDS)} ${commune} ${i}`,
			commune,
			code_postal,
			code_insee,
			adresse: `${1 + Math.floor(next() * 120)} ${pick(STREETS)}`,
			latitude: Number((lat + (next() - 0.5) / 20).toFixed(6)),
			longitude: Number((lon + (next() - 0.5) / 20).toFixed(6)),
			telephone: `04 73 ${digits(next)}`,
			courriels: `contact${i}@exemple.fr`,
			horaires: 'Mo-Fr 09:00-12:00,14:00-17:00',
			presentation_resume: next() < 0.3 ? 'Ateliers « Clic », accès libre, "café numérique"' : '',
			presentation_detail: next() < 0.1 ? 'Deux lignes :\npremière, puis seconde.' : '',
			source: 'Banc d’essai',
			date_maj: '2024-11-05',
			services: services.join('|'),
			modalites_acces: 'Se présenter|Téléphoner'
		};
	});
}

const records = generate();
const columns = Object.keys(records[0]);
const csvText =
	csvLine(columns) + records.map((r) => csvLine(columns.map((c) => String(r[c])))).join('');
const jsonText = JSON.stringify(records);
const csvBytes = new TextEncoder().encode(csvText);
const jsonBytes = new TextEncoder().encode(jsonText);
const MAX = 1024 ** 3;

function naiveSplit(text: string) {
	const [header, ...lines] = text.split('\r\n');
	const names = header.split(',');
	return lines.map((line) => {
		const cells = line.split(',');
		const row: Record<string, string> = {};
		names.forEach((name, i) => (row[name] = cells[i]));
		return row;
	});
}

const READ = { time: 0, iterations: 10, warmupTime: 0, warmupIterations: 2 };
const NORMALISE = { time: 0, iterations: 2, warmupTime: 0, warmupIterations: 0 };

const jsonFloor = () => void JSON.parse(new TextDecoder().decode(jsonBytes));
const naiveCsv = () => void naiveSplit(new TextDecoder().decode(csvBytes));
const readCsvFile = () => parseFile({ filename: 'b.csv', bytes: csvBytes }, MAX);

describe(`read ${ROWS} rows from bytes`, () => {
	bench('baseline: JSON.parse (floor)', jsonFloor, READ);
	bench('baseline: naive split CSV (wrong on quotes)', naiveCsv, READ);
	bench('cartoparty: CSV (detect, decode, state machine, records)', () => void readCsvFile(), READ);
	bench(
		'cartoparty: JSON (decode, parse, records)',
		() => void parseFile({ filename: 'b.json', bytes: jsonBytes }, MAX),
		READ
	);
});

describe(`read and normalise ${ROWS} rows (readRecord on every row)`, () => {
	bench('baseline: JSON.parse (floor)', jsonFloor, NORMALISE);
	bench('baseline: naive split CSV (wrong on quotes)', naiveCsv, NORMALISE);
	bench(
		'cartoparty: CSV read + readRecord',
		() => {
			for (const { record } of readCsvFile().rows) readRecord(record, { geo, today: TODAY });
		},
		NORMALISE
	);
});

/**
 * Writing: every iteration writes 30 000 new listings (fresh ids), so both tasks do the same
 * work on a table of the same size. The staged rows are prepared once, outside the timing.
 */
const WRITE = { time: 0, iterations: 3, warmupTime: 0, warmupIterations: 0 };
/** The per-row loop takes a minute or more per round: one round is enough to see the gap. */
const WRITE_LOOP = { ...WRITE, iterations: 1 };

let handle: TestDatabase;
let staged: StagedRow[] = [];
let round = 0;
/** Analysed batches waiting to be applied, one per iteration of the apply task. */
const batches: string[] = [];

/** The staged rows with ids of their own for this round. */
function roundRows(): StagedRow[] {
	round++;
	return staged.map((s) => ({ ...s, fields: { ...s.fields, id: `${s.fields.id}-r${round}` } }));
}

beforeAll(async () => {
	handle = await testDatabase();
	staged = readCsvFile().rows.flatMap(({ row, record }) => {
		const read = readRecord(record, { geo, today: TODAY });
		return read.fields ? [{ row, fields: read.fields, extra: {} }] : [];
	});
	for (let i = 0; i < WRITE.iterations; i++) {
		const rows = roundRows();
		const [batch] = await handle.db
			.insert(importBatches)
			.values({ filename: 'b.csv', format: 'csv', report: {}, rows, rowCount: rows.length })
			.returning({ id: importBatches.id });
		batches.push(batch.id);
	}
}, 300_000);
afterAll(() => handle?.dispose());

describe(`write ${ROWS} new listings with their revisions`, () => {
	bench(
		'baseline: per-row Drizzle inserts in one transaction',
		async () => {
			const rows = roundRows();
			await handle.db.transaction(async (tx) => {
				for (const { fields } of rows) {
					const [created] = await tx
						.insert(listings)
						.values({ ...fields, sourceIds: [fields.id] })
						.returning({ uid: listings.uid });
					await tx.insert(listingRevisions).values({
						listingUid: created.uid,
						version: 1,
						kind: 'import',
						changes: fieldChanges(null, fields)
					});
				}
			});
		},
		WRITE_LOOP
	);
	bench(
		'cartoparty: apply (3 set-based statements)',
		async () => {
			const batchId = batches.pop();
			if (!batchId) throw new Error('the batch pool is empty: raise its size');
			await importer.apply(handle.db, batchId, null);
		},
		WRITE
	);
});
