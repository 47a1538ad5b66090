/**
 * An uploaded file to flat records, whatever its shape: the standard's CSV (any of `,` `;`
 * tab, with or without BOM, UTF-8 or Windows-1252), the JSON twin ANCT publishes (an array
 * of flat objects) or a GeoJSON FeatureCollection (properties, and a Point for the position).
 *
 * Nothing here knows the standard's fields: `readRecord` reads the records. A file that cannot
 * be read at all is refused with an `IoError` naming the line, the column and the reason.
 */
import { count } from '$lib/i18n/plural';
import { CsvReader, CsvSyntaxError, DELIMITER_NAMES, detectDelimiter, type Delimiter } from './csv';
import { checkSize, decodeText, type Encoding } from './decode';
import { IoError } from './errors';
import { jsonSyntaxProblem } from './json-syntax';
import { checkStorable } from './storable';

export type FileFormat = 'csv' | 'json' | 'geojson';

export interface ParsedRow {
	/** CSV: the physical line where the row starts (the header is line 1). JSON: 1-based position. */
	row: number;
	record: Record<string, unknown>;
}

export interface ParsedFile {
	filename: string;
	format: FileFormat;
	encoding: Encoding;
	bom: boolean;
	delimiter: Delimiter | null;
	/** Column names in file order (JSON: every key seen, in order of first appearance). */
	columns: string[];
	rows: ParsedRow[];
	/** Things worth telling about the file as a whole, in French. */
	notices: string[];
}

export interface Upload {
	filename: string;
	bytes: Uint8Array;
}

/** How a row is named in messages: spreadsheet users count lines, JSON users count objects. */
export function rowLabel(format: FileFormat, row: number): string {
	return format === 'csv' ? `ligne ${row}` : `élément ${row}`;
}

export function parseFile(upload: Upload, maxBytes: number): ParsedFile {
	const filename = upload.filename || 'le fichier';
	checkSize(upload.bytes.byteLength, maxBytes, filename);
	const decoded = decodeText(upload.bytes, filename);
	const text = decoded.text;
	const notices: string[] = [];
	if (decoded.encoding === 'windows-1252') {
		notices.push(
			"Le fichier n'est pas en UTF-8 : il a été lu comme Windows-1252 (encodage des anciens Excel). Vérifiez les accents dans le rapport."
		);
	}
	if (text.trim() === '') throw new IoError(400, `${filename} est vide.`);

	const base = { filename, encoding: decoded.encoding, bom: decoded.bom, notices };
	const first = text.trimStart()[0];
	const file: ParsedFile =
		first === '[' || first === '{'
			? { ...base, ...parseJson(text, filename, notices) }
			: { ...base, format: 'csv', ...parseCsv(text, filename) };
	checkStorable(file, text);
	return file;
}

function parseCsv(text: string, filename: string) {
	const delimiter = detectDelimiter(text);
	const reader = new CsvReader(delimiter);
	let records;
	try {
		records = reader.push(text);
		records.push(...reader.end());
	} catch (error) {
		if (!(error instanceof CsvSyntaxError)) throw error;
		throw new IoError(400, `${filename}, ${error.message}`);
	}

	const [header, ...body] = records;
	const columns = headerNames(header.cells, filename);
	const width = columns.length;
	const rows: ParsedRow[] = [];
	for (const { line, cells } of body) {
		if (cells.length !== width && !onlyEmptyBeyond(cells, width)) {
			const hint =
				cells.length > width
					? `Une valeur contient peut-être le séparateur (${DELIMITER_NAMES[delimiter]}) sans être entre guillemets.`
					: 'Des séparateurs manquent, ou un retour à la ligne coupe une valeur qui n’est pas entre guillemets.';
			throw new IoError(
				400,
				`${filename}, ligne ${line} : ${cells.length} valeurs pour ${width} colonnes. ${hint}`
			);
		}
		const record: Record<string, unknown> = {};
		for (let i = 0; i < width; i++) record[columns[i]] = cells[i] ?? '';
		rows.push({ row: line, record });
	}
	return { delimiter, columns, rows };
}

/** Spreadsheets pad rows with separators (`a;b;;;`): empty cells past the header are harmless. */
function onlyEmptyBeyond(cells: string[], width: number): boolean {
	if (cells.length < width) return false;
	for (let i = width; i < cells.length; i++) if (cells[i].trim() !== '') return false;
	return true;
}

function headerNames(cells: string[], filename: string): string[] {
	// Trailing empty headers come from the same padding as above.
	let end = cells.length;
	while (end > 1 && cells[end - 1].trim() === '') end--;
	const names = cells.slice(0, end).map((cell, i) => cell.trim() || `colonne ${i + 1}`);
	const seen = new Map<string, number>();
	names.forEach((name, i) => {
		const before = seen.get(name);
		if (before !== undefined) {
			throw new IoError(
				400,
				`${filename}, ligne 1 : la colonne « ${name} » apparaît deux fois (colonnes ${before + 1} et ${i + 1}).`
			);
		}
		seen.set(name, i);
	});
	return names;
}

function parseJson(text: string, filename: string, notices: string[]) {
	let data: unknown;
	try {
		data = JSON.parse(text);
	} catch {
		const problem = jsonSyntaxProblem(text);
		const where = problem
			? `ligne ${problem.line}, colonne ${problem.column} : ${problem.reason}`
			: 'syntaxe invalide.';
		throw new IoError(400, `${filename} n'est pas un JSON valide, ${where}`);
	}

	if (isFeatureCollection(data)) {
		const features = fromFeatures(data.features, filename, notices);
		return { format: 'geojson' as const, delimiter: null, ...features };
	}
	if (!Array.isArray(data)) {
		throw new IoError(
			400,
			`${filename} : le JSON doit être une liste d'objets (comme les fichiers de la cartographie nationale) ou une FeatureCollection GeoJSON.`
		);
	}
	const rows = data.map((item, index) => {
		if (!isObject(item)) {
			throw new IoError(400, `${filename}, élément ${index + 1} : un objet { … } est attendu, trouvé ${describe(item)}.`);
		}
		return { row: index + 1, record: item };
	});
	return { format: 'json' as const, delimiter: null, columns: keysOf(rows), rows };
}

interface Feature {
	properties?: unknown;
	geometry?: { type?: unknown; coordinates?: unknown } | null;
}

function isFeatureCollection(data: unknown): data is { features: unknown[] } {
	return isObject(data) && data.type === 'FeatureCollection' && Array.isArray(data.features);
}

function fromFeatures(features: unknown[], filename: string, notices: string[]) {
	let notPoints = 0;
	const rows = features.map((feature, index) => {
		const at = `${filename}, entité ${index + 1}`;
		if (!isObject(feature)) throw new IoError(400, `${at} : un objet Feature est attendu, trouvé ${describe(feature)}.`);
		const { properties, geometry } = feature as Feature;
		if (properties !== null && properties !== undefined && !isObject(properties)) {
			throw new IoError(400, `${at} : « properties » doit être un objet.`);
		}
		const record: Record<string, unknown> = { ...(properties ?? {}) };
		const point = pointOf(geometry);
		if (point) {
			// The geometry is what maps draw: it wins over coordinates repeated in the properties.
			record.latitude = point[1];
			record.longitude = point[0];
		} else if (geometry) notPoints++;
		return { row: index + 1, record };
	});
	if (notPoints > 0) {
		notices.push(
			`${count(notPoints, 'entité a', 'entités ont')} une géométrie qui n'est pas un point : leur position vient de leurs propriétés latitude et longitude, s'il y en a.`
		);
	}
	return { columns: keysOf(rows), rows };
}

function pointOf(geometry: Feature['geometry']): [number, number] | null {
	if (!geometry || geometry.type !== 'Point' || !Array.isArray(geometry.coordinates)) return null;
	const [lon, lat] = geometry.coordinates as unknown[];
	return typeof lon === 'number' && typeof lat === 'number' ? [lon, lat] : null;
}

function keysOf(rows: ParsedRow[]): string[] {
	const keys = new Set<string>();
	for (const { record } of rows) for (const key in record) keys.add(key);
	return [...keys];
}

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
	if (Array.isArray(value)) return 'une liste';
	if (value === null) return 'null';
	const kind = typeof value === 'string' ? 'le texte' : 'la valeur';
	return `${kind} ${JSON.stringify(value).slice(0, 40)}`;
}
