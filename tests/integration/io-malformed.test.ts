/**
 * Files that cannot be imported are refused as a whole with a French message naming the line,
 * the column and the reason, and leave no trace: no batch, no listing. Rows that cannot be
 * used in a readable file are rejected one by one, and only the others are applied.
 */
import { Readable } from 'node:stream';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import type { Database } from '../../src/lib/server/db';
import { importBatches, listings } from '../../src/lib/server/db/schema';
import { readLimited } from '../../src/lib/server/io/decode';
import { IoError } from '../../src/lib/server/io/errors';
import * as importer from '../../src/lib/server/io/import';
import { testDatabase, type TestDatabase } from '../helpers/db';

const HEADER = 'id,nom,commune,code_postal,adresse,date_maj';
const GOOD = 'lieu-1,Médiathèque de Jaude,Clermont-Ferrand,63000,9 place Louis Aragon,2025-03-01';

let handle: TestDatabase;
let db: Database;
beforeAll(async () => {
	handle = await testDatabase();
	db = handle.db;
});
afterAll(() => handle?.dispose());
beforeEach(async () => {
	await db.delete(listings);
	await db.delete(importBatches);
});

const bytes = (text: string) => new TextEncoder().encode(text);

/** The analysis is refused with exactly `message`, and nothing is stored. */
async function refused(filename: string, content: Uint8Array, message: string, maxBytes?: number) {
	const attempt = importer.analyse(db, { filename, bytes: content }, null, { maxBytes });
	await expect(attempt).rejects.toThrow(IoError);
	await expect(importer.analyse(db, { filename, bytes: content }, null, { maxBytes })).rejects.toThrow(
		message
	);
	expect(await db.select().from(importBatches)).toEqual([]);
	expect(await db.select().from(listings)).toEqual([]);
}

describe('files that cannot be read', () => {
	test('a quote inside a quoted field that is not doubled', async () => {
		const text = `${HEADER}\n"lieu-1","Maison "France" services","Thiers","63300","1 rue Conchette","2025-03-01"\n`;
		await refused(
			'lieux.csv',
			bytes(text),
			'lieux.csv, ligne 2, colonne 2 : texte après les guillemets fermants (« France" services","T ») : un guillemet à l\'intérieur d\'un champ entre guillemets doit être doublé ("").'
		);
	});

	test('a quote opened and never closed', async () => {
		const text = `${HEADER}\n${GOOD}\nlieu-2,"Espace numérique,Thiers,63300,1 rue Conchette,2025-03-01\n`;
		await refused(
			'lieux.csv',
			bytes(text),
			"lieux.csv, ligne 3, colonne 2 : un guillemet ouvert n'est jamais fermé (le champ commence par « Espace numérique,Thiers,63300, »)."
		);
	});

	test('a row with more values than columns', async () => {
		const text = `${HEADER}\n${GOOD}\nlieu-2,Espace numérique,Thiers,63300,1, rue Conchette,2025-03-01\n`;
		await refused(
			'lieux.csv',
			bytes(text),
			'lieux.csv, ligne 3 : 7 valeurs pour 6 colonnes. Une valeur contient peut-être le séparateur (virgule) sans être entre guillemets.'
		);
	});

	test('a header without the columns every listing needs, other columns named', async () => {
		const text = 'id_fs;lib_fs;adresse;code_postal;lib_com\n1;France services de Thiers;1 rue Conchette;63300;Thiers\n';
		await refused(
			'france-services.csv',
			bytes(text),
			"france-services.csv n'a pas les colonnes obligatoires du standard : id, nom. Colonnes non reconnues : « id_fs », « lib_fs », « lib_com ». Renommez les colonnes comme dans le standard (ligne d’en-tête), puis réessayez."
		);
	});

	test('the same column twice', async () => {
		await refused(
			'lieux.csv',
			bytes(`${HEADER},nom\n${GOOD},Autre\n`),
			'lieux.csv, ligne 1 : la colonne « nom » apparaît deux fois (colonnes 2 et 7).'
		);
	});

	test('a header and no listing', async () => {
		await refused('lieux.csv', bytes(`${HEADER}\r\n`), "lieux.csv ne contient aucune fiche (seulement l'en-tête).");
	});

	test('a file over the size limit', async () => {
		const text = `${HEADER}\n${GOOD}\n`.repeat(1).padEnd(3000, ' ');
		await refused(
			'lieux.csv',
			bytes(text),
			'lieux.csv fait 2,9 ko : la limite est de 2 ko par import (MAX_UPLOAD_BYTES). Découpez le fichier, par exemple par département.',
			2048
		);
	});

	test('a stream over the size limit is refused before it is all read', async () => {
		let served = 0;
		const chunks = (function* () {
			for (let i = 0; i < 1000; i++) {
				served++;
				yield new Uint8Array(1024);
			}
		})();

		await expect(readLimited(Readable.from(chunks), 4096, 'gros.csv')).rejects.toThrow(
			'gros.csv fait plus de 4 ko : la limite est de 4 ko par import (MAX_UPLOAD_BYTES). Découpez le fichier, par exemple par département.'
		);
		expect(served).toBeLessThan(10);
	});

	test('a UTF-16 file, as Excel saves « Texte Unicode »', async () => {
		const text = `${HEADER}\n${GOOD}\n`;
		const utf16 = new Uint8Array(2 + text.length * 2);
		utf16.set([0xff, 0xfe]);
		for (let i = 0; i < text.length; i++) utf16[2 + 2 * i] = text.charCodeAt(i) & 0xff;
		await refused(
			'lieux.txt',
			utf16,
			"lieux.txt est encodé en UTF-16 (« Texte Unicode » d'Excel) : enregistrez-le en « CSV UTF-8 » puis réessayez."
		);
	});

	test('a spreadsheet sent instead of its CSV', async () => {
		await refused(
			'lieux.xlsx',
			Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]),
			'lieux.xlsx est un fichier compressé (un classeur .xlsx ou .ods, ou une archive .zip), pas un CSV : enregistrez-le au format « CSV UTF-8 » puis réessayez.'
		);
	});

	test('JSON with a trailing comma, located by line and column', async () => {
		const text = '[\n  {"id": "lieu-1", "nom": "Médiathèque"},\n  {"id": "lieu-2",}\n]';
		await refused(
			'lieux.json',
			bytes(text),
			"lieux.json n'est pas un JSON valide, ligne 3, colonne 19 : nom de propriété entre guillemets attendu, trouvé « } » (virgule en trop ?)."
		);
	});

	test('a NUL character past the first 4 KiB of a CSV, located by line and column', async () => {
		const rows = Array.from({ length: 80 }, (_, i) =>
			`lieu-${i + 1},Médiathèque ${i + 1},Clermont-Ferrand,63000,${i + 1} place Louis Aragon,2025-03-01,`
		);
		rows[69] += '"note sur\ndeux lignes\u0000"';
		const text = `${HEADER},remarque\n${rows.join('\n')}\n`;
		expect(text.indexOf('\u0000')).toBeGreaterThan(4096);

		await refused(
			'lieux.csv',
			bytes(text),
			'lieux.csv, ligne 72, colonne « remarque » : caractère nul (U+0000). Il n’a sa place dans aucune valeur ' +
				'et la base de données le refuse ; il trahit souvent un fichier abîmé ou mal converti. ' +
				'Supprimez-le (ou enregistrez à nouveau le fichier en « CSV UTF-8 »), puis réessayez.'
		);
	});

	test('a \\u0000 escape in a JSON string or key, even in an unknown column, located by element', async () => {
		const listing = { id: 'lieu-1', nom: 'Médiathèque', commune: 'Thiers', code_postal: '63300', adresse: '1 rue Conchette' };
		const message = (column: string) =>
			`lieux.json, élément 2, colonne « ${column} » : caractère nul (U+0000). Il n’a sa place dans aucune valeur ` +
			'et la base de données le refuse ; il trahit souvent un fichier abîmé ou mal converti. ' +
			'Supprimez ce caractère, puis réessayez.';

		const inValue = [listing, { ...listing, id: 'lieu-2', notes: { interne: ['ok', 'fin\u0000'] } }];
		await refused('lieux.json', bytes(JSON.stringify(inValue)), message('notes'));
		const inKey = [listing, { ...listing, id: 'lieu-2', 'no\u0000te': 'x' }];
		await refused('lieux.json', bytes(JSON.stringify(inKey)), message('no[U+0000]te'));
	});

	test('half a character escaped in JSON (an emoji cut in two) is refused, located by element', async () => {
		const text = '[{"id": "lieu-1", "nom": "Médiathèque", "commune": "Thiers", "code_postal": "63300", "adresse": "1 rue Conchette", "notes": "super \\ud83d"}]';
		await refused(
			'lieux.json',
			bytes(text),
			'lieux.json, élément 1, colonne « notes » : moitié de caractère isolée (un « \\uD83D » sans son ' +
				'complément, comme un emoji coupé en deux) : ce n’est pas de l’Unicode valide et la base de ' +
				'données la refuse. Supprimez ce caractère, puis réessayez.'
		);
	});

	test('JSON nested 5 000 levels deep in an unknown column is refused, not a crash', async () => {
		const deep = `${'['.repeat(5000)}1${']'.repeat(5000)}`;
		const text = `[{"id": "lieu-1", "nom": "Médiathèque", "commune": "Thiers", "code_postal": "63300", "adresse": "1 rue Conchette", "profond": ${deep}}]`;
		await refused(
			'lieux.json',
			bytes(text),
			'lieux.json, élément 1, colonne « profond » : imbrication trop profonde (plus de 32 niveaux de listes ou ' +
				'd’objets). Les fiches du standard sont plates : chaque valeur est un texte, un nombre ou une liste.'
		);
	});

	test('JSON that is neither a list of objects nor a FeatureCollection', async () => {
		await refused(
			'lieux.json',
			bytes('{"lieux": []}'),
			"lieux.json : le JSON doit être une liste d'objets (comme les fichiers de la cartographie nationale) ou une FeatureCollection GeoJSON."
		);
	});
});

describe('rows that cannot be used', () => {
	test('a row with a bad value is rejected with the reason, and only the others are applied', async () => {
		const text = `${HEADER}\n${GOOD}\nlieu-2,Espace numérique,Thiers,ABCDE,1 rue Conchette,2025-03-01\n`;
		const { batchId, report } = await importer.analyse(db, { filename: 'lieux.csv', bytes: bytes(text) }, null);

		const rejected = report.rows.filter((r) => r.status === 'rejected');
		const errors = (r: (typeof rejected)[number]) =>
			r.issues.filter((i) => i.severity === 'error').map((i) => i.message);
		expect(rejected.map((r) => [r.row, errors(r)])).toEqual([
			[
				3,
				[
					"Code postal : « ABCDE » n'est pas un code postal (5 chiffres).",
					'Code postal : ce champ obligatoire est vide ou illisible : la ligne ne peut pas être importée.'
				]
			]
		]);
		await importer.apply(db, batchId, null);
		expect((await db.select({ id: listings.id }).from(listings)).map((r) => r.id)).toEqual(['lieu-1']);
	});
});
