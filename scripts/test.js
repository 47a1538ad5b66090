// `npm test`: the whole suite (unit, integration, browser) in one run, then one summary line.
// Browser tests need Debian's chromium; on a machine without it, running as root, it is
// installed from Debian's packages first (never a browser download).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

if (!existsSync(CHROMIUM)) {
	if (process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')) {
		console.log('Installing chromium from Debian packages for the browser tests…');
		const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
		for (const args of [['update', '-qq'], ['install', '-y', '-qq', 'chromium']]) {
			const r = spawnSync('apt-get', args, { stdio: 'inherit', env });
			if (r.status !== 0) process.exit(r.status ?? 1);
		}
	} else {
		console.error(`Browser tests need chromium at ${CHROMIUM}: sudo apt-get install chromium`);
		process.exit(1);
	}
}

mkdirSync('test-results', { recursive: true });
const projects = ['unit', 'integration', 'e2e'].flatMap((p) => ['--project', p]);
const result = spawnSync(
	'npx',
	[
		'vitest',
		'run',
		...projects,
		'--reporter=default',
		'--reporter=json',
		'--outputFile.json=test-results/vitest.json',
		...process.argv.slice(2)
	],
	{ stdio: 'inherit' }
);

try {
	const report = JSON.parse(readFileSync('test-results/vitest.json', 'utf8'));
	const skipped = report.numPendingTests + report.numTodoTests;
	console.log(
		`\n${report.numPassedTests} passed, ${report.numFailedTests} failed, ${skipped} skipped` +
			(process.env.DATABASE_URL ? ' (PostgreSQL)' : ' (PGlite)')
	);
} catch {
	console.log('\nNo test report was written.');
}
process.exit(result.status ?? 1);
