/**
 * Exporting listings to the standard (v1.0.2), for all of France or a territory, and keeping a
 * record of each export so that the next one can say what changed (changelog.ts).
 */
import { asc, count, desc, eq, isNull, type SQL } from 'drizzle-orm';
import { toStandardRecord } from '$lib/domain/standard/validate';
import { parisToday } from '$lib/i18n/date-time';
import {
	exportsLog,
	listings,
	TERRITORY_KINDS,
	type Listing,
	type TerritoryKind
} from '../db/schema';
import { territoryCondition, toFields } from '../listings';
import { territory as findTerritory, type Territory } from '../territory';
import type { Executor } from '../users';
import { IoError } from './errors';
import { toCsv, toGeoJson, toJson, toSpreadsheet, type StandardRecord } from './formats';

export const EXPORT_FORMATS = ['csv', 'json', 'geojson', 'tableur'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const FORMAT_LABELS: Record<ExportFormat, string> = {
	csv: 'CSV du standard',
	json: 'JSON',
	geojson: 'GeoJSON',
	tableur: 'CSV pour tableur (Excel, LibreOffice)'
};

const CONTENT_TYPES: Record<ExportFormat, string> = {
	csv: 'text/csv; charset=utf-8',
	json: 'application/json; charset=utf-8',
	geojson: 'application/geo+json; charset=utf-8',
	tableur: 'text/csv; charset=utf-8'
};

/**
 * What an export writes where the standard requires a pivot and the listing has none: the
 * national pipeline's placeholder. An empty cell would fail the schema's `required`.
 */
export const MISSING_PIVOT = '00000000000000';
const PRODUCER = /^[a-zA-Z0-9]{9,14}$/;

export function isExportFormat(value: string): value is ExportFormat {
	return (EXPORT_FORMATS as readonly string[]).includes(value);
}

/**
 * A territory from its `kind:code` form (`commune:63113`, `epci:246300701`, `departement:63`);
 * null for an empty parameter (all listings).
 */
export function parseTerritory(param: string | null | undefined): Territory | null {
	const value = param?.trim();
	if (!value) return null;
	const [kind, code = ''] = value.split(':');
	const found = (TERRITORY_KINDS as readonly string[]).includes(kind)
		? findTerritory(kind as TerritoryKind, code.trim())
		: undefined;
	if (!found) {
		throw new IoError(
			400,
			`Territoire inconnu : « ${value} ». Écrivez commune:<code INSEE>, epci:<SIREN> ou departement:<code>, par exemple commune:63113 ou departement:63.`
		);
	}
	return found;
}

export function territoryKey(territory: Territory | null): string | null {
	return territory ? `${territory.kind}:${territory.code}` : null;
}

/** "Puy-de-Dôme" → "Puy-de-Dome", for file names. */
export function slug(text: string): string {
	return text
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/[^A-Za-z0-9]+/g, '-')
		.replace(/^-|-$/g, '');
}

/**
 * The file name the standard recommends:
 * `YYYY-MM-DD_<SIRET or RNA of the producer>_lieux-de-mediation-numerique_<Territoire>.csv`.
 */
export function exportFilename(
	format: ExportFormat,
	options: { territory: Territory | null; producer?: string | null; today: string; suffix?: string }
): string {
	const producer = options.producer || 'cartoparty';
	const place = options.territory ? slug(options.territory.name) : 'tous-territoires';
	const extension = format === 'tableur' ? 'csv' : format;
	const suffix = options.suffix ?? (format === 'tableur' ? '_tableur' : '');
	return `${options.today}_${producer}_lieux-de-mediation-numerique_${place}${suffix}.${extension}`;
}

export interface ExportOptions {
	format: ExportFormat;
	territory?: Territory | null;
	/** SIRET or RNA of the producing organisation, for the file name. */
	producer?: string | null;
	/** YYYY-MM-DD, for the file name; defaults to today. */
	today?: string;
}

export interface ExportFile {
	filename: string;
	contentType: string;
	body: string;
	count: number;
	/** `{ listing uid: version }` of every listing in the file. */
	versions: Record<string, number>;
}

export function territoryWhere(territory: Territory | null | undefined): SQL | undefined {
	return territory ? territoryCondition(territory) : undefined;
}

/** The listings of a territory (or all), in the order of their standard id. */
export async function exportedListings(
	db: Executor,
	territory: Territory | null | undefined
): Promise<Listing[]> {
	return db.select().from(listings).where(territoryWhere(territory)).orderBy(asc(listings.id));
}

export async function countListings(db: Executor, territory: Territory | null): Promise<number> {
	const [row] = await db.select({ n: count() }).from(listings).where(territoryWhere(territory));
	return row.n;
}

export function standardRecord(listing: Listing): StandardRecord {
	return toStandardRecord(toFields(listing), { missingPivot: MISSING_PIVOT });
}

const WRITERS: Record<ExportFormat, (records: StandardRecord[]) => string> = {
	csv: toCsv,
	json: toJson,
	geojson: toGeoJson,
	tableur: toSpreadsheet
};

export async function exportListings(db: Executor, options: ExportOptions): Promise<ExportFile> {
	if (options.producer && !PRODUCER.test(options.producer)) {
		throw new IoError(
			400,
			`Producteur « ${options.producer} » : indiquez le SIRET (14 chiffres) ou le numéro RNA (W et 9 caractères) de la structure qui publie.`
		);
	}
	const territory = options.territory ?? null;
	const rows = await exportedListings(db, territory);
	const today = options.today ?? parisToday();
	return {
		filename: exportFilename(options.format, { territory, producer: options.producer, today }),
		contentType: CONTENT_TYPES[options.format],
		body: WRITERS[options.format](rows.map(standardRecord)),
		count: rows.length,
		versions: Object.fromEntries(rows.map((row) => [row.uid, row.version]))
	};
}

export function sameTerritory(key: string | null): SQL {
	return key === null ? isNull(exportsLog.territory) : eq(exportsLog.territory, key);
}

function sameVersions(a: Record<string, number>, b: Record<string, number>): boolean {
	const keys = Object.keys(a);
	return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key]);
}

/**
 * Records an export in the `exports` table, for the next changelog. An export identical in
 * content to the previous one of the same territory is not recorded again, so that scripts
 * polling the API do not fill the table. Returns whether a row was written.
 */
export async function recordExport(
	db: Executor,
	file: ExportFile,
	format: ExportFormat,
	territory: Territory | null,
	userId: string | null
): Promise<boolean> {
	const key = territoryKey(territory);
	const [previous] = await db
		.select({ versions: exportsLog.versions })
		.from(exportsLog)
		.where(sameTerritory(key))
		.orderBy(desc(exportsLog.id))
		.limit(1);
	if (previous && sameVersions(previous.versions, file.versions)) return false;
	await db.insert(exportsLog).values({
		format,
		territory: key,
		versions: file.versions,
		rowCount: file.count,
		createdBy: userId
	});
	return true;
}

/** Past exports of a territory (or of all listings), newest first. */
export async function pastExports(db: Executor, territory: Territory | null, limit = 20) {
	const key = territoryKey(territory);
	return db
		.select({
			id: exportsLog.id,
			format: exportsLog.format,
			rowCount: exportsLog.rowCount,
			createdAt: exportsLog.createdAt
		})
		.from(exportsLog)
		.where(sameTerritory(key))
		.orderBy(desc(exportsLog.id))
		.limit(limit);
}
