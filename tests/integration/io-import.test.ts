import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import type { Database } from '../../src/lib/server/db';
import { importBatches, listingRevisions, listings } from '../../src/lib/server/db/schema';
import { IoError } from '../../src/lib/server/io/errors';
import * as importer from '../../src/lib/server/io/import';
import { reportCsv } from '../../src/lib/server/io/report';
import { testDatabase, type TestDatabase } from '../helpers/db';

const HEADER = [
	'id',
	'pivot',
	'nom',
	'commune',
	'code_postal',
	'code_insee',
	'adresse',
	'latitude',
	'longitude',
	'telephone',
	'date_maj',
	'services'
];
const SERVICE = 'Aide aux démarches administratives';

/** A listing in Clermont-Ferrand as a row of HEADER's columns. */
function row(id: string, nom: string, adresse: string, telephone: string, lat = '45.7772') {
	return [id, '43493312300029', nom, 'Clermont-Ferrand', '63000', '63113', adresse, lat, '3.0822', telephone, '2025-03-01', SERVICE];
}

/** `;`-separated, CRLF, with a BOM, as Excel writes "CSV UTF-8". */
function excelCsv(rows: string[][]): Uint8Array {
	const text = [HEADER, ...rows].map((cells) => cells.join(';')).join('\r\n');
	return new TextEncoder().encode(`\uFEFF${text}\r\n`);
}

const FILE = excelCsv([
	row('lieu-1', 'Médiathèque de Jaude', '9 place Louis Aragon', '+33473000000'),
	row('lieu-2', 'Espace numérique du Port', '12 rue du Port', '04 73 11 22 33', '45.7901'),
	row('lieu-3', '', '1 rue Vide', '+33473000001', '45.8'),
	row('lieu-1', 'Autre lieu', '3 rue Blatin', '+33473000002', '45.81'),
	row('lieu-4', 'Mediatheque Jaude', '9 place Louis Aragon', '+33473000000')
]);

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

const analyse = (bytes: Uint8Array, filename = 'lieux.csv') =>
	importer.analyse(db, { filename, bytes }, null, { today: '2025-06-01' });

async function listingRows() {
	return db.select().from(listings).orderBy(asc(listings.id));
}

describe('analysing a file', () => {
	test('every row is accepted, normalised or rejected with its reasons, and no listing is written', async () => {
		const { batchId, report } = await analyse(FILE);

		expect(report.format).toBe('csv');
		expect(report.delimiter).toBe(';');
		expect(report.encoding).toBe('utf-8');
		expect(report.counts).toEqual({
			rows: 5,
			accepted: 2,
			normalised: 1,
			rejected: 2,
			create: 3,
			update: 0,
			unchanged: 0,
			duplicates: 1,
			personalData: 0
		});
		const byRow = new Map(report.rows.map((r) => [r.row, r]));
		expect(byRow.get(2)).toBeUndefined();
		expect(byRow.get(3)?.issues.map((i) => [i.code, i.before, i.after])).toEqual([
			['telephone_format', '04 73 11 22 33', '+33473112233']
		]);
		expect(byRow.get(4)?.status).toBe('rejected');
		expect(byRow.get(4)?.issues.map((i) => i.message)).toEqual([
			'Nom du lieu : ce champ obligatoire est vide ou illisible : la ligne ne peut pas être importée.'
		]);
		expect(byRow.get(5)?.issues.map((i) => i.message)).toEqual([
			"Identifiant : « lieu-1 » est déjà l'identifiant de la ligne 2 : cette ligne ne peut pas être importée."
		]);
		expect(byRow.get(6)?.duplicates.map((d) => [d.kind, d.row, d.id])).toEqual([['file', 2, 'lieu-1']]);
		expect(byRow.get(6)?.duplicates[0].reasons).toContain('même adresse');

		expect(await listingRows()).toEqual([]);
		const [batch] = await db.select().from(importBatches).where(eq(importBatches.id, batchId));
		expect(batch.status).toBe('analysed');
		expect((batch.rows as { fields: { id: string } }[]).map((r) => r.fields.id)).toEqual([
			'lieu-1',
			'lieu-2',
			'lieu-4'
		]);
	});

	test('the report downloads as a spreadsheet CSV with one line per finding', async () => {
		const { report } = await analyse(FILE);
		const lines = reportCsv(report).split('\r\n');

		expect(lines[0]).toBe('\uFEFFligne;id;nom;statut;action;champ;gravite;code;message;avant;apres');
		expect(lines).toContain(
			'3;lieu-2;Espace numérique du Port;normalisée;création;telephone;avertissement;telephone_format;Téléphone : « 04 73 11 22 33 » réécrit au format international « +33473112233 ».;04 73 11 22 33;+33473112233'
		);
		expect(lines.filter((l) => l.startsWith('6;lieu-4;')).at(-1)).toMatch(
			/^6;lieu-4;Mediatheque Jaude;acceptée;création;;avertissement;doublon_probable;"Doublon probable de la ligne 2 du fichier « Médiathèque de Jaude » \(score \d+ : même adresse, /
		);
	});

	test('a Windows-1252 file is read as such, and the report says so', async () => {
		const text = [HEADER, row('lieu-9', 'Maison de quartier Fontgiève', '2 rue de l’Éclair', '+33473000009')]
			.map((cells) => cells.join(','))
			.join('\n')
			.replace('’', "'");
		const bytes = Uint8Array.from([...text].map((c) => c.charCodeAt(0)));
		const { report, batchId } = await analyse(bytes);

		expect(report.encoding).toBe('windows-1252');
		expect(report.notices).toEqual([
			"Le fichier n'est pas en UTF-8 : il a été lu comme Windows-1252 (encodage des anciens Excel). Vérifiez les accents dans le rapport."
		]);
		await importer.apply(db, batchId, null);
		const [listing] = await listingRows();
		expect([listing.nom, listing.adresse]).toEqual(['Maison de quartier Fontgiève', "2 rue de l'Éclair"]);
	});

	test('a GeoJSON FeatureCollection gives its Point coordinates to the listing', async () => {
		const [id, pivot, nom, commune, code_postal, code_insee, adresse] = row('geo-1', 'Tiers-lieu', '5 rue Gras', '');
		const geojson = {
			type: 'FeatureCollection',
			features: [
				{
					type: 'Feature',
					geometry: { type: 'Point', coordinates: [3.0871, 45.7781] },
					properties: { id, pivot, nom, commune, code_postal, code_insee, adresse, date_maj: '2025-01-02' }
				}
			]
		};
		const { batchId, report } = await analyse(new TextEncoder().encode(JSON.stringify(geojson)), 'lieux.geojson');
		await importer.apply(db, batchId, null);

		expect(report.format).toBe('geojson');
		const [listing] = await listingRows();
		expect([listing.latitude, listing.longitude]).toEqual([45.7781, 3.0871]);
	});

	test('unknown columns are kept with the listing and named in the report', async () => {
		const text = `${HEADER.join(',')},horaires_libres\n${row('lieu-5', 'Cyber-base', '4 rue Ballainvilliers', '').join(',')},lundi matin\n`;
		const { batchId, report } = await analyse(new TextEncoder().encode(text));
		await importer.apply(db, batchId, null);

		expect(report.columns.unknown).toEqual(['horaires_libres']);
		expect(report.notices).toEqual([
			"La colonne « horaires_libres », inconnue du standard, est conservée telle quelle avec chaque fiche (elle n'est pas exportée)."
		]);
		const [listing] = await listingRows();
		expect(listing.extra).toEqual({ horaires_libres: 'lundi matin' });
	});
});

describe('huge values', () => {
	test('a cell over 10 000 characters in an unknown column is not kept, and the report names the column and the size', async () => {
		const huge = 'x'.repeat(1024 * 1024);
		const text =
			`${HEADER.join(',')},notes\n` +
			`${row('lieu-1', 'Cyber-base', '4 rue Ballainvilliers', '').join(',')},${huge}\n` +
			`${row('lieu-2', 'Médiathèque', '9 place Louis Aragon', '').join(',')},${'y'.repeat(10_000)}\n`;
		const { batchId, report } = await analyse(new TextEncoder().encode(text));
		await importer.apply(db, batchId, null);

		const notKept = report.rows.flatMap((r) =>
			r.issues.filter((i) => i.code === 'valeur_non_conservee').map((i) => [r.row, i])
		);
		expect(notKept).toEqual([
			[
				2,
				{
					field: 'notes',
					severity: 'warning',
					code: 'valeur_non_conservee',
					message:
						'notes : valeur de 1\u202f048\u202f576 caractères, non conservée : des colonnes inconnues du standard, ' +
						'seules les valeurs de 10\u202f000 caractères au plus sont gardées avec la fiche.',
					before: `${'x'.repeat(79)}…`,
					after: null
				}
			]
		]);
		const [first, second] = await listingRows();
		expect(first.extra).toEqual({});
		expect(second.extra).toEqual({ notes: 'y'.repeat(10_000) });
		expect(JSON.stringify(report).length).toBeLessThan(20_000);
	});

	test('a value quoted in the report is cut without splitting an emoji, so the batch can be stored', async () => {
		const telephone = `${'a'.repeat(76)}😀${'b'.repeat(10)}`;
		const { report } = await analyse(excelCsv([row('lieu-1', 'Cyber-base', '4 rue Ballainvilliers', telephone)]));

		const messages = report.rows[0].issues.filter((i) => i.field === 'telephone').map((i) => i.message);
		expect(messages).toEqual([`Téléphone : « ${'a'.repeat(76)}… » ne contient aucun numéro.`]);
	});

	test('a column whose name is too long for a header is not kept, and the notice quotes it short', async () => {
		const name = `Notes ${'n'.repeat(50_000)}`;
		const text = `${HEADER.join(',')},${name}\n${row('lieu-1', 'Cyber-base', '4 rue Ballainvilliers', '').join(',')},à voir\n`;
		const { batchId, report } = await analyse(new TextEncoder().encode(text));
		await importer.apply(db, batchId, null);

		expect(report.notices).toEqual([
			`La colonne « Notes ${'n'.repeat(71)}… » n’est pas conservée : un nom de plus de 200 caractères ` +
				'n’est pas un en-tête (une ligne de données a-t-elle pris sa place ?).'
		]);
		expect(report.columns.unknown.map((c) => c.length)).toEqual([1000]);
		expect((await listingRows())[0].extra).toEqual({});
	});

	test('a huge value set aside from a field of the standard is not kept either, and the report quotes it short', async () => {
		const header = [...HEADER, 'presentation_detail'].join(',');
		const huge = `  ${'détail '.repeat(150_000)}`;
		const text = `${header}\n${row('lieu-1', 'Cyber-base', '4 rue Ballainvilliers', '').join(',')},${huge}\n`;
		const { batchId, report } = await analyse(new TextEncoder().encode(text));
		await importer.apply(db, batchId, null);

		const issues = report.rows[0].issues.filter((i) => i.field === 'presentation_detail');
		// The leading spaces are trimmed without a word: only the length is worth one.
		expect(issues.map((i) => i.code)).toEqual(['trop_long', 'valeur_non_conservee']);
		for (const issue of issues) {
			for (const value of [issue.before, issue.after]) {
				expect(typeof value === 'string' ? value.length : 0).toBeLessThanOrEqual(1000);
			}
		}
		expect(issues[1].message).toBe(
			'Présentation détaillée : valeur mise de côté de 1\u202f049\u202f999 caractères, non conservée : ' +
				'au-delà de 10\u202f000 caractères, elle n’est pas gardée avec la fiche.'
		);
		const [listing] = await listingRows();
		expect(listing.presentation_detail).toBeNull();
		expect(listing.extra).toEqual({});
		expect(JSON.stringify(report).length).toBeLessThan(20_000);
	});
});

describe('applying a batch', () => {
	test('creates the accepted listings at version 1 with one import revision each', async () => {
		const { batchId } = await analyse(FILE);
		const result = await importer.apply(db, batchId, null);

		expect(result).toEqual({ created: 3, updated: 0, unchanged: 0, skipped: 0 });
		const rows = await listingRows();
		expect(rows.map((r) => [r.id, r.version, r.sourceIds, r.telephone])).toEqual([
			['lieu-1', 1, ['lieu-1'], '+33473000000'],
			['lieu-2', 1, ['lieu-2'], '+33473112233'],
			['lieu-4', 1, ['lieu-4'], '+33473000000']
		]);
		const revisions = await db.select().from(listingRevisions);
		expect(revisions.map((r) => [r.kind, r.version])).toEqual([
			['import', 1],
			['import', 1],
			['import', 1]
		]);
		const first = revisions.find((r) => r.listingUid === rows[0].uid)!;
		expect(first.changes.nom).toEqual({ old: null, new: 'Médiathèque de Jaude' });
		expect(first.changes.services).toEqual({ old: null, new: [SERVICE] });
	});

	test('applying the same batch twice is refused and changes nothing the second time', async () => {
		const { batchId } = await analyse(FILE);
		await importer.apply(db, batchId, null);
		const before = await listingRows();

		const again = importer.apply(db, batchId, null);
		await expect(again).rejects.toThrow(IoError);
		await expect(importer.apply(db, batchId, null)).rejects.toThrow(
			/^Cet import a déjà été appliqué \(le .+\) : il ne peut pas l'être deux fois\.$/
		);
		expect(await listingRows()).toEqual(before);
	});

	test('a second file updates matching listings field by field and bumps their version', async () => {
		await importer.apply(db, (await analyse(FILE)).batchId, null);
		const changed = excelCsv([
			row('lieu-1', 'Médiathèque de Jaude', '9 place Louis Aragon', '+33473000000'),
			row('lieu-2', 'Espace numérique du Port', '14 rue du Port', '+33473112244', '45.7901')
		]);

		const { batchId, report } = await analyse(changed);
		const lieu2 = report.rows.find((r) => r.id === 'lieu-2');
		expect([lieu2?.action, lieu2?.changed]).toEqual(['update', ['adresse', 'telephone']]);
		expect(report.counts).toMatchObject({ create: 0, update: 1, unchanged: 1 });
		expect(await importer.apply(db, batchId, null)).toEqual({ created: 0, updated: 1, unchanged: 1, skipped: 0 });

		const [one, two] = await listingRows();
		expect([one.version, two.version, two.adresse, two.telephone]).toEqual([1, 2, '14 rue du Port', '+33473112244']);
		const [revision] = await db
			.select()
			.from(listingRevisions)
			.where(and(eq(listingRevisions.listingUid, two.uid), eq(listingRevisions.version, 2)));
		expect(revision.kind).toBe('import');
		expect(revision.changes).toEqual({
			adresse: { old: '12 rue du Port', new: '14 rue du Port' },
			telephone: { old: '+33473112233', new: '+33473112244' }
		});
	});

	test('a row matches a listing through an identifier it had in an earlier file', async () => {
		await importer.apply(db, (await analyse(FILE)).batchId, null);
		await db.update(listings).set({ sourceIds: ['lieu-1', 'national-77'] }).where(eq(listings.id, 'lieu-1'));

		const renamed = excelCsv([row('national-77', 'Médiathèque de Jaude (centre)', '9 place Louis Aragon', '+33473000000')]);
		const { batchId, report } = await analyse(renamed);
		await importer.apply(db, batchId, null);

		expect(report.counts).toMatchObject({ create: 0, update: 1 });
		const [listing] = await db.select().from(listings).where(eq(listings.id, 'lieu-1'));
		expect([listing.nom, listing.version, listing.sourceIds]).toEqual([
			'Médiathèque de Jaude (centre)',
			2,
			['lieu-1', 'national-77']
		]);
	});

	test('a failure in the middle of an apply leaves every listing and the batch as they were', async () => {
		await importer.apply(db, (await analyse(FILE)).batchId, null);
		const before = await listingRows();
		const update = excelCsv([
			row('lieu-1', 'Médiathèque de Jaude rénovée', '9 place Louis Aragon', '+33473000000'),
			row('lieu-7', 'Nouveau lieu', '1 rue Neuve', '+33473000007', '45.79')
		]);
		const { batchId } = await analyse(update);
		// The update statement runs first; the insert then breaks on a missing required value.
		const [batch] = await db.select().from(importBatches).where(eq(importBatches.id, batchId));
		const rows = batch.rows as { fields: Record<string, unknown> }[];
		rows[1].fields.nom = null;
		await db.update(importBatches).set({ rows }).where(eq(importBatches.id, batchId));

		await expect(importer.apply(db, batchId, null)).rejects.toThrow(/nom/);
		expect(await listingRows()).toEqual(before);
		expect(await db.select().from(listingRevisions)).toHaveLength(3);
		const [after] = await db.select().from(importBatches).where(eq(importBatches.id, batchId));
		expect(after.status).toBe('analysed');
	});

	test('a discarded batch keeps its report, loses its rows and can no longer be applied', async () => {
		const { batchId } = await analyse(FILE);
		await importer.discard(db, batchId);

		const [batch] = await db.select().from(importBatches).where(eq(importBatches.id, batchId));
		expect([batch.status, batch.rows]).toEqual(['discarded', []]);
		await expect(importer.apply(db, batchId, null)).rejects.toThrow(
			'Cet import a été abandonné : importez le fichier à nouveau.'
		);
		expect(await listingRows()).toEqual([]);
	});

	test('a likely duplicate set aside before applying is not written, and can be taken back', async () => {
		const { batchId, report } = await analyse(FILE);
		const twin = report.rows.find((r) => r.id === 'lieu-4')!;
		expect(twin.duplicates.map((d) => d.id)).toEqual(['lieu-1']);

		await importer.setRowSkipped(db, batchId, twin.row, true);
		await importer.setRowSkipped(db, batchId, 3, true);
		await importer.setRowSkipped(db, batchId, 3, false);
		await expect(importer.setRowSkipped(db, batchId, 99, true)).rejects.toThrow(
			'La ligne 99 n’est pas une ligne importable de ce fichier.'
		);
		const result = await importer.apply(db, batchId, null);

		expect(result).toEqual({ created: 2, updated: 0, unchanged: 0, skipped: 1 });
		expect((await listingRows()).map((l) => l.id)).toEqual(['lieu-1', 'lieu-2']);
		const [stored] = await db.select().from(importBatches).where(eq(importBatches.id, batchId));
		const final = stored.report as typeof report;
		expect(final.rows.find((r) => r.id === 'lieu-4')?.skipped).toBe(true);
		expect(final.counts.skipped).toBe(1);
		await expect(importer.setRowSkipped(db, batchId, twin.row, false)).rejects.toThrow(IoError);
	});

	test('listings already stored are flagged as likely duplicates of new rows', async () => {
		await importer.apply(db, (await analyse(FILE)).batchId, null);
		const twin = excelCsv([row('autre-1', 'Médiathèque Jaude', '9 place Louis Aragon', '+33473000000')]);
		const { report } = await analyse(twin);

		expect(report.rows[0].duplicates.map((d) => [d.kind, d.id])).toEqual([
			['existing', 'lieu-1'],
			['existing', 'lieu-4']
		]);
	});
});

describe('positions', () => {
	test('a place far from the other places of its commune is flagged, not moved', async () => {
		const { report } = await analyse(
			excelCsv([
				row('c-1', 'Médiathèque de Jaude', '9 place Louis Aragon', '+33473000001', '45.7772'),
				row('c-2', 'Maison des solidarités', '2 rue Fontgiève', '+33473000002', '45.7797'),
				row('c-3', 'Espace numérique Croix-de-Neyrat', '1 rue du Dr Hospital', '+33473000003', '45.7891'),
				row('c-4', 'Centre social Jean Zay', '4 rue Jean Zay', '+33473000004', '45.7641'),
				// 36 km north, under Clermont-Ferrand's postcode and INSEE code.
				row('c-5', 'France services', '12 rue Blatin', '+33473000005', '46.1')
			])
		);

		const flagged = report.rows.filter((r) => r.issues.some((i) => i.code === 'loin_de_la_commune'));
		expect(flagged.map((r) => r.id)).toEqual(['c-5']);
		expect(flagged[0].issues.find((i) => i.code === 'loin_de_la_commune')?.message).toMatch(
			/^Latitude : la position \(46\.1, 3\.0822\) est à 36 km du centre des 4 autres lieux de la même commune \(Clermont-Ferrand\) : à vérifier\.$/
		);
	});
});

describe('a city-sized file', () => {
	test('10 000 rows in one postcode are analysed with a bounded duplicate search, said in the report', async () => {
		const streets = ['rue Blatin', 'avenue des Paulines', 'boulevard Lafayette', 'rue Montlosier'];
		const rows = Array.from({ length: 10_000 }, (_, i) =>
			row(
				`ville-${i}`,
				`Point numérique ${i}`,
				`${1 + (i % 150)} ${streets[i % 4]}`,
				`+3347300${String(i).padStart(4, '0')}`,
				(45.76 + (i % 100) / 2000).toFixed(5)
			)
		);
		// The same place twice, 7 000 rows apart.
		rows[1000] = row('ville-1000', 'Médiathèque Hugo-Pratt', '2 rue du Bois-de-Cros', '+33473990000');
		rows[8000] = row('ville-8000', 'Mediatheque Hugo Pratt', '2 r du Bois de Cros', '+33473990000');

		const { report } = await analyse(excelCsv(rows));

		expect(report.counts.rows).toBe(10_000);
		expect(report.notices.some((n) => n.startsWith('Doublons : ') && n.includes('300 m'))).toBe(true);
		const twin = report.rows.find((r) => r.id === 'ville-8000');
		expect(twin?.duplicates[0]).toMatchObject({ kind: 'file', id: 'ville-1000' });
		expect(report.rows.every((r) => r.duplicates.length <= 3)).toBe(true);
	}, 120_000);
});
