/**
 * Writes docs/import-report.md: what the importer makes of every real file in the shared data
 * folder (rows accepted, normalised with the kinds of fixes, rejected and why). Each file is
 * analysed on a throwaway in-memory database, as the import page would, and nothing is kept.
 *
 * Run with `node scripts/import-report.js [DATA_FOLDER] [OUTPUT]`. A test
 * (tests/integration/import-report.test.ts) compares the committed page with what this writes
 * today, so the page cannot drift from the code.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fieldLabel } from '$lib/domain/standard/issues';
import { openDatabase } from '$lib/server/db';
import { IoError } from '$lib/server/io/errors';
import * as importer from '$lib/server/io/import';
import type { FindingKind, ImportReport } from '$lib/server/io/report';

/** The date the files are read at (it decides which dates count as "in the future"). */
const TODAY = '2025-06-01';

/** What refuses a whole file or changes what is kept, written once for every generated page. */
const FILE_RULES = [
	'A whole file is refused, with the line (CSV) or element (JSON) and the column, when it holds',
	'a NUL character (U+0000) anywhere, half a character (a JSON `\\ud83d` escape without its pair),',
	'or a JSON value nested more than 32 levels deep. A NUL is refused rather than removed: no field',
	'can hold it, PostgreSQL refuses it in text and jsonb, and it usually betrays a damaged or badly',
	'converted file, which removing one character would hide. Other control characters and the',
	'text-direction controls are removed from the standard\'s columns with a `caractere_retire`',
	'warning (see `docs/standard.md`).',
	'',
	'What a listing keeps in `extra` (unknown columns, values set aside) is capped: a value over',
	'10 000 characters (lists and objects counted as JSON) is not kept, with a `valeur_non_conservee`',
	'warning naming the column and the size, and an unknown column whose name is over 200 characters',
	'is not kept at all (a notice says so). The report quotes values as they were and as they became',
	'up to 1 000 characters, and in messages up to 77, never cutting a character in two.'
];

const cell = (text: string) => text.replaceAll('|', '\\|').replaceAll('\n', ' ');

function kindRows(kinds: FindingKind[]): string[] {
	return kinds.map(
		(k) => `| ${fieldLabel(k.field)} | \`${k.code}\` | ${k.rows} | ${cell(k.example)} |`
	);
}

function fileSection(name: string, report: ImportReport): string[] {
	const c = report.counts;
	const fixes = report.kinds.filter((k) => k.fix && k.severity === 'warning');
	const setAside = report.kinds.filter((k) => k.severity === 'error' && k.code !== 'obligatoire');
	const remarks = report.kinds.filter((k) => !k.fix);
	const why = new Map<string, number>();
	for (const row of report.rows.filter((r) => r.status === 'rejected')) {
		for (const issue of row.issues.filter((i) => i.severity === 'error' && !('after' in i))) {
			const key = `${fieldLabel(issue.field)} : \`${issue.code}\``;
			why.set(key, (why.get(key) ?? 0) + 1);
		}
	}

	const lines = [
		`## ${name}`,
		'',
		`${report.format.toUpperCase()}, ${report.encoding}` +
			(report.delimiter ? `, separator \`${report.delimiter === '\t' ? 'tab' : report.delimiter}\`` : '') +
			` · read as v1.x: ${report.versions['1.x']}, as v0.1: ${report.versions['0.1']}` +
			(report.columns.unknown.length ? ` · unknown columns kept in \`extra\`: ${report.columns.unknown.map((u) => `\`${u}\``).join(', ')}` : ''),
		'',
		'| Rows | Accepted as they are | Normalised | Rejected | Likely duplicates (rows) | Personal data warnings (rows) |',
		'|---:|---:|---:|---:|---:|---:|',
		`| ${c.rows} | ${c.accepted} | ${c.normalised} | ${c.rejected} | ${c.duplicates} | ${c.personalData} |`,
		''
	];
	if (fixes.length) {
		lines.push('Fixes (rows concerned):', '', '| Field | Kind | Rows | Example |', '|---|---|---:|---|');
		lines.push(...kindRows(fixes), '');
	}
	if (setAside.length) {
		lines.push('Values set aside (kept in `extra`, the row is still imported):', '', '| Field | Kind | Rows | Example |', '|---|---|---:|---|');
		lines.push(...kindRows(setAside), '');
	}
	if (remarks.length) {
		lines.push('Remarks, nothing changed (rows concerned):', '', '| Field | Kind | Rows | Example |', '|---|---|---:|---|');
		lines.push(...kindRows(remarks), '');
	}
	if (why.size) {
		lines.push('Why rows were rejected:', '', '| Reason | Rows |', '|---|---:|');
		for (const [reason, n] of [...why].sort((a, b) => b[1] - a[1])) lines.push(`| ${reason} | ${n} |`);
		lines.push('');
	}
	return lines;
}

/** The files of the data folder the page describes: data, not the schemas. */
export function reportFiles(folder: string): string[] {
	return readdirSync(folder)
		.filter((name) => /\.(csv|json)$/.test(name) && !name.includes('schema'))
		.sort();
}

/** The page's text: its introduction, then one section per file, titled with the file's name. */
export async function importReport(folder: string): Promise<string> {
	const handle = await openDatabase({ databaseUrl: null, dataDir: 'memory' });
	const lines = [
		'# What the importer makes of the real files',
		'',
		`Generated by \`node scripts/import-report.js\` from the files of \`${folder}\` (see its`,
		`SOURCES.md), each analysed as the import page does it, on an empty database, with`,
		`${TODAY} as today's date. Nothing is applied. Counts are rows; a row can have several fixes.`,
		'`tests/integration/import-report.test.ts` checks this page against the code.',
		'',
		'- *Accepted*: imported as it is (it may still carry remarks).',
		"- *Normalised*: at least one value was rewritten into the standard's form, or set aside.",
		'  Writing that reads as the same value is not a rewrite: spaces, another list separator, a',
		'  repeated list value, trailing zeros of a number, the case of a host or domain name, the',
		'  national placeholder for a missing SIRET (exports write it back).',
		'- *Rejected*: the row cannot become a listing (a required field is empty or unusable, or its',
		"  id repeats an earlier row's).",
		'',
		...FILE_RULES,
		''
	];
	try {
		for (const name of reportFiles(folder)) {
			const bytes = readFileSync(join(folder, name));
			try {
				const { report } = await importer.analyse(handle.db, { filename: name, bytes }, null, {
					maxBytes: Number.MAX_SAFE_INTEGER,
					today: TODAY
				});
				lines.push(...fileSection(name, report));
			} catch (error) {
				if (!(error instanceof IoError)) throw error;
				lines.push(`## ${name}`, '', `The whole file is refused: « ${error.message} »`, '');
			}
		}
	} finally {
		await handle.close();
	}
	return `${lines.join('\n').trimEnd()}\n`;
}

export async function writeImportReport(folder: string, output: string): Promise<void> {
	writeFileSync(output, await importReport(folder));
}
