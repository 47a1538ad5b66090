/**
 * The command line on its own database, as a user runs it: the embedded database in DATA_DIR,
 * or a fresh PostgreSQL database when DATABASE_URL is set.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { main } from '../../src/cli/index';
import { openDatabase } from '../../src/lib/server/db';
import { parisToday } from '../../src/lib/i18n/date-time';
import { importBatches, listings } from '../../src/lib/server/db/schema';
import { createPostgresDatabase, usingPostgres } from '../helpers/db';

const SAMPLE = new URL('../../src/lib/server/seed/hinaura-puy-de-dome-2023.json', import.meta.url).pathname;

let work: string;
let dropDatabase = async () => {};
const saved = { DATABASE_URL: process.env.DATABASE_URL, DATA_DIR: process.env.DATA_DIR };

beforeAll(async () => {
	work = mkdtempSync(join(tmpdir(), 'cartoparty-cli-'));
	process.env.DATA_DIR = join(work, 'data');
	if (usingPostgres) {
		const created = await createPostgresDatabase();
		process.env.DATABASE_URL = created.url;
		dropDatabase = created.drop;
	}
});
afterAll(async () => {
	await dropDatabase();
	rmSync(work, { recursive: true, force: true });
	for (const [name, value] of Object.entries(saved)) {
		if (value === undefined) delete process.env[name];
		else process.env[name] = value;
	}
});

async function run(...argv: string[]) {
	let stdout = '';
	let stderr = '';
	const code = await main(argv, {
		cwd: work,
		stdout: (text) => (stdout += text),
		stderr: (text) => (stderr += text)
	});
	return { code, stdout, stderr };
}

async function stored() {
	const handle = await openDatabase({
		databaseUrl: process.env.DATABASE_URL ?? null,
		dataDir: process.env.DATA_DIR!
	});
	try {
		return {
			listings: await handle.db.select({ id: listings.id }).from(listings),
			batches: await handle.db.select({ status: importBatches.status }).from(importBatches)
		};
	} finally {
		await handle.close();
	}
}

describe('cartoparty import', () => {
	test('prints the report and writes nothing without --apply', async () => {
		const { code, stdout } = await run('import', SAMPLE);
		const lines = stdout.split('\n');

		expect(code).toBe(0);
		expect(lines.slice(0, 5)).toEqual([
			'Fichier : hinaura-puy-de-dome-2023.json (JSON, UTF-8)',
			'Version du standard : 0 ligne en v1.x, 54 en v0.1',
			'54 lignes : 0 acceptée, 54 normalisées, 0 rejetée',
			"À l'application : 54 créations, 0 mise à jour, 0 inchangée",
			'Doublons probables : 1 ligne · données personnelles possibles : 4 lignes'
		]);
		expect(stdout).toContain('Corrections (lignes concernées) :');
		expect(stdout).toMatch(
			/ {6}53 {2}Code INSEE : Code INSEE déduit \(code_insee_deduit\) — ex\. Code INSEE : déduit/
		);
		expect(stdout).toMatch(/Rien n'a été écrit dans les fiches\. Relancez avec --apply pour appliquer, ou ouvrez \/import\/[0-9a-f-]{36} dans l'application\.\n$/);
		const now = await stored();
		expect([now.listings.length, now.batches.map((b) => b.status)]).toEqual([0, ['analysed']]);
	});

	test('--apply writes the listings and --report saves the detailed report', async () => {
		const { code, stdout, stderr } = await run('import', SAMPLE, '--apply', '--report', 'rapport.csv');

		expect(code).toBe(0);
		expect(stdout).toContain('\nImport appliqué : 54 fiches créées, 0 mise à jour, 0 inchangée.\n');
		expect(stderr).toBe(`Rapport détaillé enregistré dans ${join(work, 'rapport.csv')}\n`);
		const report = readFileSync(join(work, 'rapport.csv'), 'utf8');
		expect(report.split('\r\n')[0]).toBe('\uFEFFligne;id;nom;statut;action;champ;gravite;code;message;avant;apres');
		expect((await stored()).listings).toHaveLength(54);
	});

	test('a file that is not there, and a malformed one, are refused with exit code 1', async () => {
		writeFileSync(join(work, 'casse.csv'), 'id,nom\n"a,b\n');

		const missing = await run('import', 'absent.csv');
		const broken = await run('import', 'casse.csv');

		expect([missing.code, missing.stderr]).toEqual([1, `Fichier introuvable : ${join(work, 'absent.csv')}\n`]);
		expect([broken.code, broken.stderr]).toEqual([
			1,
			"casse.csv, ligne 2, colonne 1 : un guillemet ouvert n'est jamais fermé (le champ commence par « a,b »).\n"
		]);
	});
});

describe('cartoparty export', () => {
	test('writes the standard JSON of a territory to stdout', async () => {
		const { code, stdout } = await run('export', '--format', 'json', '--territoire', 'commune:63113');
		const items = JSON.parse(stdout) as { code_insee: string }[];

		expect(code).toBe(0);
		expect(items).toHaveLength(11);
		expect(new Set(items.map((i) => i.code_insee))).toEqual(new Set(['63113']));
	});

	test('--out writes the CSV to a file and says where', async () => {
		const { code, stdout, stderr } = await run('export', '--out', 'lieux.csv');
		const today = parisToday();

		expect([code, stdout]).toEqual([0, '']);
		expect(stderr).toBe(
			`54 fiches exportées dans ${join(work, 'lieux.csv')} (nom conseillé par le standard : ${today}_cartoparty_lieux-de-mediation-numerique_tous-territoires.csv)\n`
		);
		expect(readFileSync(join(work, 'lieux.csv'), 'utf8').split('\r\n')[0]).toMatch(/^id,pivot,nom,/);
	});

	test('wrong usage gets the reason and the usage, with exit code 2', async () => {
		const format = await run('export', '--format', 'xlsx');
		const option = await run('export', '--tout');
		const command = await run('exporter');

		expect([format.code, option.code, command.code]).toEqual([2, 2, 2]);
		expect(format.stderr.split('\n')[0]).toBe('Format inconnu : « xlsx » (csv, json, geojson ou tableur).');
		expect(option.stderr.split('\n')[0]).toBe('Option inconnue : --tout');
		expect(command.stderr.split('\n')[0]).toBe('Commande inconnue : « exporter ».');
		expect(command.stderr).toContain('Utilisation :\n  cartoparty import FICHIER');
	});

	test('an unknown territory is refused with exit code 1', async () => {
		const { code, stderr } = await run('export', '--territoire', 'commune:99999');

		expect(code).toBe(1);
		expect(stderr).toBe(
			'Territoire inconnu : « commune:99999 ». Écrivez commune:<code INSEE>, epci:<SIREN> ou departement:<code>, par exemple commune:63113 ou departement:63.\n'
		);
	});
});

describe.skipIf(usingPostgres)('the embedded database held by a running server', () => {
	let holder: ChildProcess;
	afterAll(() => holder?.kill());

	test('is refused with a French explanation instead of being opened twice', async () => {
		// A live process other than this one owns the lock file, as a running server would.
		holder = spawn('sleep', ['30']);
		const lock = join(process.env.DATA_DIR!, 'pglite.lock');
		writeFileSync(lock, String(holder.pid));

		const { code, stderr } = await run('export');
		rmSync(lock);

		expect(code).toBe(1);
		expect(stderr).toBe(
			`La base embarquée ${join(process.env.DATA_DIR!, 'pglite')} est déjà ouverte par le processus ${holder.pid}. ` +
				'Arrêtez-le, ou utilisez DATABASE_URL (PostgreSQL) pour partager la base entre plusieurs processus.\n' +
				"Le serveur cartoparty utilise cette base : arrêtez-le le temps de la commande, ou passez par les pages Import et Export de l'application.\n"
		);
	});

	test('a lock left by a killed server is taken over before the dead process is reaped', async () => {
		// The background sleep dies at once, and its parent (now `sleep 30`) never reaps it.
		const parent = spawn('sh', ['-c', 'sleep 0 & echo $!; exec sleep 30']);
		const zombie = await new Promise<number>((done) =>
			parent.stdout!.once('data', (chunk) => done(Number(String(chunk).trim())))
		);
		await new Promise((r) => setTimeout(r, 300));
		expect(readFileSync(`/proc/${zombie}/stat`, 'utf8')).toMatch(/\) Z /);
		const lock = join(process.env.DATA_DIR!, 'pglite.lock');
		writeFileSync(lock, String(zombie));

		const { code } = await run('export', '--out', join(process.env.DATA_DIR!, 'z.csv'));
		parent.kill();

		expect(code).toBe(0);
		expect(existsSync(lock)).toBe(false);
	});

	test('a lock whose pid now belongs to another program is taken over', async () => {
		holder = spawn('sleep', ['30']);
		const lock = join(process.env.DATA_DIR!, 'pglite.lock');
		// The same pid, started at another time: the lock's owner is gone, its pid reused.
		writeFileSync(lock, `${holder.pid} 1`);

		const { code } = await run('export', '--out', join(process.env.DATA_DIR!, 'r.csv'));

		expect(code).toBe(0);
		expect(existsSync(lock)).toBe(false);
	});
});
