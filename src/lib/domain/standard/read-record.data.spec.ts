/**
 * readRecord over the real files of /work/shared/data (skipped when the folder is absent, as
 * on a user's machine; the always-on tests use rows copied into read-record.spec.ts).
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { commune, communesByPostcode } from '$lib/server/territory';
import { readRecord } from './read-record';
import { validateListing } from './validate';

const DATA = '/work/shared/data';
const geo = { commune, communesByPostcode };
const ctx = { geo, today: '2026-07-01' };
const load = (name: string) =>
	JSON.parse(readFileSync(`${DATA}/${name}`, 'utf8')) as Record<string, unknown>[];
const FILES = [
	'paca_hub-du-sud_2023-05-16_standard-v0.1.json',
	'paca_hub-du-sud_2023-05-17_standard-v1.json',
	'aura_hinaura_2023_standard-v0.1.json',
	'national_conseillers-numeriques_2022-07_pre-standard.json'
];

describe.skipIf(!existsSync(DATA))('readRecord on the real files of shared/data', () => {
	test.each(FILES)('reads every row of %s into listings that pass validation', (file) => {
		const rows = load(file);
		const results = rows.map((row) => readRecord(row, ctx));
		const rejected = results.filter((r) => r.fields === null);
		const errors = results.flatMap((r) =>
			r.fields ? validateListing(r.fields).filter((i) => i.severity === 'error') : []
		);
		const codes: Record<string, number> = {};
		for (const r of results) for (const i of r.issues) codes[i.code] = (codes[i.code] ?? 0) + 1;
		console.log(file, rows.length, JSON.stringify(codes));
		expect(rejected).toEqual([]);
		expect(errors).toEqual([]);
	});

	test("converts PACA's v0.1 file to the v1 values of ANCT's own conversion", () => {
		const before = new Map(load(FILES[0]).map((row) => [row.id, row]));
		const after = load(FILES[1]);
		const fields = [
			'services',
			'frais_a_charge',
			'modalites_accompagnement',
			'publics_specifiquement_adresses'
		];
		const differences: string[] = [];
		for (const row of after) {
			const read = readRecord(before.get(row.id) as Record<string, unknown>, ctx).fields;
			for (const field of fields) {
				const expected = new Set(
					String(row[field] ?? '')
						.split('|')
						.filter(Boolean)
				);
				// Deliberate difference: ANCT's conversion dropped "Promouvoir la citoyenneté
				// numérique"; we map it to the closest v1 service instead of losing it.
				if (field === 'services' && String(before.get(row.id)?.services).includes('citoyenneté')) {
					expected.add('Compréhension du monde numérique');
				}
				const actual = [...((read as unknown as Record<string, string[]>)[field] ?? [])].sort();
				if ([...expected].sort().join('|') !== actual.join('|'))
					differences.push(`${row.id} ${field}: ${expected} ≠ ${actual}`);
			}
		}
		expect(after).toHaveLength(646);
		expect(differences).toEqual([]);
	});
});
