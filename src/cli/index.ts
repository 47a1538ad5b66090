/**
 * `cartoparty import|export`: the importer and exporter without a browser, on the same database
 * settings as the server (DATABASE_URL, or the embedded database in DATA_DIR).
 *
 * `main` returns the exit code: 0 done, 1 refused or failed, 2 wrong usage. File arguments are
 * relative to `cwd`, where the command was typed.
 */
import { createReadStream, writeFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DatabaseLockedError, openDatabase, type DatabaseHandle } from '$lib/server/db';
import { readConfig } from '$lib/server/env';
import { count } from '$lib/i18n/plural';
import { readLimited } from '$lib/server/io/decode';
import { IoError } from '$lib/server/io/errors';
import * as exporter from '$lib/server/io/export';
import * as importer from '$lib/server/io/import';
import { reportCsv } from '$lib/server/io/report';
import { summaryLines } from './summary';

export interface CliOptions {
	cwd: string;
	/** Where results go (exported data, reports); process.stdout by default. */
	stdout?: (text: string) => void;
	/** Where messages go; process.stderr by default. */
	stderr?: (text: string) => void;
}

export const USAGE = `Utilisation :
  cartoparty import FICHIER [--apply] [--report rapport.csv]
      Analyse un fichier (CSV, JSON ou GeoJSON du standard) et affiche le rapport.
      --apply    applique ensuite l’import (sinon rien n’est écrit dans les fiches)
      --report   enregistre le rapport détaillé (une ligne par remarque) en CSV
  cartoparty export [--format csv|json|geojson|tableur] [--territoire X] [--producteur P]
                    [--out FICHIER]
      Exporte les fiches au standard v1.0.2 (sur la sortie standard sans --out).
      --territoire  commune:63113, epci:246300701 ou departement:63
      --producteur  SIRET ou RNA de la structure qui publie, pour le nom de fichier
`;

class UsageError extends Error {}

/** Both source (src/cli) and build (build/cli) sit two folders below the app's root. */
const MIGRATIONS = fileURLToPath(new URL('../../drizzle', import.meta.url));

export async function main(argv: string[], options: CliOptions): Promise<number> {
	const out = options.stdout ?? ((text: string) => void process.stdout.write(text));
	const err = options.stderr ?? ((text: string) => void process.stderr.write(text));
	// Database start-up lines would mix with an export written to stdout.
	const logLevel = process.env.LOG_LEVEL;
	process.env.LOG_LEVEL ||= 'warn';

	let handle: DatabaseHandle | undefined;
	try {
		const [command, ...rest] = argv;
		if (!command) {
			err(USAGE);
			return 2;
		}
		if (command === 'help' || command === '--help' || command === '-h') {
			out(USAGE);
			return 0;
		}
		if (command !== 'import' && command !== 'export') {
			throw new UsageError(`Commande inconnue : « ${command} ».`);
		}
		const args = parse(rest);
		const open = async () => {
			const { databaseUrl, dataDir } = readConfig();
			handle = await openDatabase({ databaseUrl, dataDir, migrationsFolder: MIGRATIONS });
			return handle;
		};
		if (command === 'import') return await runImport(args, options.cwd, open, out, err);
		return await runExport(args, options.cwd, open, out, err);
	} catch (error) {
		if (error instanceof UsageError) {
			err(`${error.message}\n\n${USAGE}`);
			return 2;
		}
		if (error instanceof DatabaseLockedError) {
			err(
				`${error.message}\nLe serveur cartoparty utilise cette base : arrêtez-le le temps de la commande, ou passez par les pages Import et Export de l'application.\n`
			);
			return 1;
		}
		if (error instanceof IoError) {
			err(`${error.message}\n`);
			return 1;
		}
		throw error;
	} finally {
		await handle?.close();
		if (logLevel === undefined) delete process.env.LOG_LEVEL;
		else process.env.LOG_LEVEL = logLevel;
	}
}

type Args = ReturnType<typeof parse>;
type Writer = (text: string) => void;
type Opener = () => Promise<DatabaseHandle>;

function parse(argv: string[]) {
	try {
		return parseArgs({
			args: argv,
			allowPositionals: true,
			options: {
				apply: { type: 'boolean' },
				report: { type: 'string' },
				format: { type: 'string', short: 'f' },
				territoire: { type: 'string', short: 't' },
				out: { type: 'string', short: 'o' },
				producteur: { type: 'string' }
			}
		});
	} catch (error) {
		const code = (error as { code?: string }).code;
		const option = /'(-[^' ]+)/.exec((error as Error).message)?.[1] ?? '';
		if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') throw new UsageError(`Option inconnue : ${option}`);
		if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
			throw new UsageError(`L'option ${option} attend une valeur.`);
		}
		throw new UsageError((error as Error).message);
	}
}

async function runImport(args: Args, cwd: string, open: Opener, out: Writer, err: Writer) {
	const [file, ...extra] = args.positionals;
	if (!file) throw new UsageError('Indiquez le fichier à importer.');
	if (extra.length) throw new UsageError(`Un seul fichier à la fois (reçu aussi « ${extra[0]} »).`);
	const path = resolve(cwd, file);
	const maxBytes = readConfig().maxUploadBytes;
	let bytes: Uint8Array;
	try {
		bytes = await readLimited(createReadStream(path), maxBytes, basename(path));
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
			throw new IoError(404, `Fichier introuvable : ${path}`);
		}
		throw error;
	}

	const { db } = await open();
	const upload = { filename: basename(path), bytes };
	const { batchId, report } = await importer.analyse(db, upload, null, { maxBytes });
	out(`${summaryLines(report).join('\n')}\n`);
	if (args.values.report) {
		const target = resolve(cwd, args.values.report);
		writeFileSync(target, reportCsv(report));
		err(`Rapport détaillé enregistré dans ${target}\n`);
	}

	if (!args.values.apply) {
		out(
			`\nRien n'a été écrit dans les fiches. Relancez avec --apply pour appliquer, ou ouvrez /import/${batchId} dans l'application.\n`
		);
		return 0;
	}
	const result = await importer.apply(db, batchId, null);
	out(
		`\nImport appliqué : ${count(result.created, 'fiche créée', 'fiches créées')}, ` +
			`${count(result.updated, 'mise', 'mises')} à jour, ` +
			`${count(result.unchanged, 'inchangée', 'inchangées')}.\n`
	);
	return 0;
}

async function runExport(args: Args, cwd: string, open: Opener, out: Writer, err: Writer) {
	if (args.positionals.length) {
		throw new UsageError(`Argument inattendu : « ${args.positionals[0]} » (utilisez --out FICHIER).`);
	}
	const format = args.values.format ?? 'csv';
	if (!exporter.isExportFormat(format)) {
		throw new UsageError(`Format inconnu : « ${format} » (csv, json, geojson ou tableur).`);
	}
	const territory = exporter.parseTerritory(args.values.territoire);

	const { db } = await open();
	const file = await exporter.exportListings(db, {
		format,
		territory,
		producer: args.values.producteur
	});
	await exporter.recordExport(db, file, format, territory, null);
	if (!args.values.out) {
		out(file.body);
		return 0;
	}
	const target = resolve(cwd, args.values.out);
	writeFileSync(target, file.body);
	err(
		`${count(file.count, 'fiche exportée', 'fiches exportées')} dans ${target} ` +
			`(nom conseillé par le standard : ${file.filename})\n`
	);
	return 0;
}
