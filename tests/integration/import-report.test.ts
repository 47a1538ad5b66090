/**
 * docs/import-report.md says what the importer makes of each real file of the shared data
 * folder. This writes the page again from the files and compares it section by section, so
 * that a change to the importer cannot leave the page behind silently. Skipped where the
 * folder is absent, as on a user's machine.
 */
import { existsSync, readFileSync } from 'node:fs';
import { beforeAll, describe, expect, test } from 'vitest';
import { importReport, reportFiles } from '../../scripts/import-report-page';

const DATA = '/work/shared/data';
const PAGE = new URL('../../docs/import-report.md', import.meta.url);
const BEHIND = 'docs/import-report.md is behind the code: run `node scripts/import-report.js`';

/** The page cut at its `## ` headings: the introduction under '', each file under its name. */
function sections(text: string): Map<string, string> {
	const [intro, ...files] = text.split(/^## /m);
	const named = files.map((part): [string, string] => [part.slice(0, part.indexOf('\n')), part]);
	return new Map([['', intro], ...named]);
}

describe.skipIf(!existsSync(DATA))('docs/import-report.md', () => {
	const files = existsSync(DATA) ? reportFiles(DATA) : [];
	let written: Map<string, string>;
	let now: Map<string, string>;

	beforeAll(async () => {
		written = sections(readFileSync(PAGE, 'utf8'));
		now = sections(await importReport(DATA));
	});

	test('describes every real file of the folder, and only those', () => {
		expect([...written.keys()], BEHIND).toEqual(['', ...files]);
		expect(written.get(''), BEHIND).toBe(now.get(''));
	});

	test.each(files)('gives the counts and kinds of fixes the importer finds now in %s', (name) => {
		expect(written.get(name), BEHIND).toBe(now.get(name));
	});
});
