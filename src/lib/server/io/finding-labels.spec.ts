import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { personalDataIssues } from '$lib/domain/normalize/personal-data';
import { readRecord } from '$lib/domain/standard/read-record';
import { commune, communesByPostcode } from '$lib/server/territory';
import { FINDING_LABELS, findingLabel } from './finding-labels';
import { parseFile } from './parse';

const SHARED = '/work/shared/data';
const FIXTURES = 'tests/fixtures';
/** The real files when they are here, the fixtures cut from them otherwise. */
const FOLDER = existsSync(SHARED) ? SHARED : FIXTURES;
const ctx = { geo: { commune, communesByPostcode }, today: '2026-07-01' };

/** Every listing file of the folder: CSV and JSON, minus the standard's schemas. */
function listingFiles(folder: string): string[] {
	return readdirSync(folder)
		.filter((name) => /\.(csv|json)$/.test(name) && !name.includes('schema'))
		.map((name) => join(folder, name));
}

/** A file's records; a fixture may wrap its rows in an object with their provenance. */
function recordsOf(path: string): Record<string, unknown>[] {
	const bytes = readFileSync(path);
	const wrapped = path.endsWith('.json') && JSON.parse(bytes.toString('utf8'));
	if (wrapped && !Array.isArray(wrapped)) return wrapped.rows;
	return parseFile({ filename: path, bytes }, 50 * 2 ** 20).rows.map((r) => r.record);
}

/** The codes of everything the importer says about each row of a file, as it says it. */
function codesOf(path: string): Set<string> {
	const codes = new Set<string>();
	for (const record of recordsOf(path)) {
		const read = readRecord(record, ctx);
		const issues = read.fields ? [...read.issues, ...personalDataIssues(read.fields)] : read.issues;
		for (const issue of issues) codes.add(issue.code);
	}
	return codes;
}

/**
 * The literal codes handed to error(), warning() and rewritten() (and the helpers that wrap
 * them) in a source file: the second argument, or the first one of `problem`.
 */
function literalCodes(source: string): string[] {
	const calls = [
		...source.matchAll(/\b(?:error|warning|rewritten)\(\s*[^,()]+,\s*([^,]+),/g),
		...source.matchAll(/\b(?:problem)\(\s*([^,]+),/g),
		...source.matchAll(/\breject\(\s*text,\s*([^,]+),/g),
		...source.matchAll(/\bconst CODE = ([^;]+);/g)
	];
	const literals = (argument: string) => [...argument.matchAll(/'([a-z0-9_]+)'/g)].map((m) => m[1]);
	return calls.flatMap(([, argument]) => literals(argument));
}

function sourcesOf(folder: string): string[] {
	return readdirSync(folder, { recursive: true, encoding: 'utf8' })
		.filter((name) => name.endsWith('.ts') && !name.endsWith('.spec.ts'))
		.map((name) => join(folder, name));
}

describe('the names of import findings', () => {
	test(
		`name every code that reading the files of ${FOLDER} gives`,
		{ timeout: 120_000 },
		() => {
			const files = listingFiles(FOLDER);
			expect(files.length).toBeGreaterThan(2);
			const seen = new Set(files.flatMap((file) => [...codesOf(file)]));
			// The real files give dozens of kinds of findings; a reading that gave few went wrong.
			expect(seen.size).toBeGreaterThan(10);
			expect([...seen].filter((code) => !(code in FINDING_LABELS))).toEqual([]);
		}
	);

	test('name every code written in the normalisers, the validator and the importer', () => {
		const files = [
			...sourcesOf('src/lib/domain'),
			'src/lib/server/io/import.ts',
			'src/lib/server/io/kept.ts'
		];
		const codes = new Set(files.flatMap((file) => literalCodes(readFileSync(file, 'utf8'))));
		expect(codes).toContain('pivot_fictif');
		expect(codes).toContain('telephone_numero_court');
		expect(codes).toContain('personal_data');
		expect([...codes].filter((code) => !(code in FINDING_LABELS))).toEqual([]);
	});

	test('keep no name for a code nothing emits any more', () => {
		const files = [
			...sourcesOf('src/lib/domain'),
			'src/lib/server/io/import.ts',
			'src/lib/server/io/kept.ts'
		];
		const source = files.map((file) => readFileSync(file, 'utf8')).join('\n');
		const stale = Object.keys(FINDING_LABELS).filter((code) => !source.includes(`'${code}'`));
		expect(stale).toEqual([]);
	});

	test('fall back to the code itself for an unknown one', () => {
		expect(findingLabel('enum_colonne')).toBe('Repris d’une autre colonne');
		expect(findingLabel('code_de_demain')).toBe('code_de_demain');
	});
});
