/**
 * Standard records (the 32 columns as strings, see `toStandardRecord`) written as files:
 * - CSV, the standard's reference format: UTF-8 without BOM, comma, the 32 columns in schema
 *   order with their exact names, `|` between values, RFC 4180 quoting;
 * - JSON, like the twin ANCT publishes next to each CSV: an array of flat objects with the
 *   same keys, multi-values as `|` strings, latitude and longitude as numbers, empty fields
 *   left out;
 * - GeoJSON: a FeatureCollection of Points [longitude, latitude] whose properties are the JSON
 *   object (a listing without position gets a null geometry, which GeoJSON allows);
 * - a spreadsheet CSV for Excel and LibreOffice (see spreadsheet.ts).
 */
import { FIELD_NAMES } from '$lib/domain/standard/fields';
import { csvLine } from './csv';
import { BOM, spreadsheetLine } from './spreadsheet';

export type StandardRecord = Record<string, string>;

export function toCsv(records: readonly StandardRecord[]): string {
	let out = csvLine(FIELD_NAMES);
	for (const record of records) out += csvLine(FIELD_NAMES.map((name) => record[name] ?? ''));
	return out;
}

export function toSpreadsheet(records: readonly StandardRecord[]): string {
	let out = BOM + spreadsheetLine(FIELD_NAMES);
	for (const record of records) {
		out += spreadsheetLine(FIELD_NAMES.map((name) => record[name] ?? ''));
	}
	return out;
}

const NUMBERS = new Set(['latitude', 'longitude']);

/** The JSON twin's object: keys in schema order, empty fields left out. */
export function jsonObject(record: StandardRecord): Record<string, string | number> {
	const object: Record<string, string | number> = {};
	for (const name of FIELD_NAMES) {
		const value = record[name] ?? '';
		if (value === '') continue;
		object[name] = NUMBERS.has(name) ? Number(value) : value;
	}
	return object;
}

/** One object per line inside the array: readable, diffable, and still plain JSON. */
function jsonLines(items: readonly unknown[]): string {
	if (items.length === 0) return '[]';
	return `[\n${items.map((item) => JSON.stringify(item)).join(',\n')}\n]`;
}

export function toJson(records: readonly StandardRecord[]): string {
	return `${jsonLines(records.map(jsonObject))}\n`;
}

export function toGeoJson(records: readonly StandardRecord[]): string {
	const features = records.map((record) => {
		const properties = jsonObject(record);
		const { latitude, longitude } = properties;
		const geometry =
			typeof latitude === 'number' && typeof longitude === 'number'
				? { type: 'Point', coordinates: [longitude, latitude] }
				: null;
		return { type: 'Feature', geometry, properties };
	});
	return `{"type":"FeatureCollection","features":${jsonLines(features)}}\n`;
}
