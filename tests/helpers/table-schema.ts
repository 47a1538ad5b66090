/**
 * An independent check of exported files against the official Table Schema of the standard
 * (tests/fixtures/lamednum_standard_schema_v1.0.x.json), read as JSON and applied as
 * Frictionless does. It deliberately shares no code with the app (no CSV reader, no field
 * list, no patterns of src/): a mistake copied from the app's standard code would pass both.
 *
 * Checked: UTF-8 without BOM; the header, names and order exactly the schema's; one value per
 * column on every row; `required`; `unique` (and the primary key); `pattern` with XML Schema
 * semantics, that is a match of the whole value (implicitly anchored at both ends, the way
 * Frictionless compiles it; `^` and `$` inside a pattern keep their usual meaning, as they do
 * in Frictionless's Python); `maxLength` and `minLength` in characters; types `number`
 * (decimal with optional exponent) and `date` (ISO YYYY-MM-DD, a real calendar day).
 */
import { readFileSync } from 'node:fs';

interface SchemaField {
	name: string;
	type: string;
	format?: string;
	constraints?: {
		required?: boolean;
		unique?: boolean;
		pattern?: string;
		maxLength?: number;
		minLength?: number;
	};
}

export interface TableSchema {
	version: string;
	fields: SchemaField[];
	primaryKey?: string | string[];
}

export interface SchemaProblem {
	/** 1-based data row (the CSV header is row 0), or 0 for the file as a whole. */
	row: number;
	field: string;
	message: string;
}

export function loadSchema(version: '1.0.1' | '1.0.2'): TableSchema {
	const path = new URL(`../fixtures/lamednum_standard_schema_v${version}.json`, import.meta.url);
	return JSON.parse(readFileSync(path, 'utf8')) as TableSchema;
}

/** RFC 4180, written here from the RFC and nothing else: quoted fields, "" for a quote. */
function rfc4180(text: string): string[][] {
	const rows: string[][] = [];
	let row: string[] = [];
	let cell = '';
	let i = 0;
	let quoted = false;
	while (i < text.length) {
		const c = text[i];
		if (quoted) {
			if (c === '"' && text[i + 1] === '"') {
				cell += '"';
				i += 2;
				continue;
			}
			if (c === '"') quoted = false;
			else cell += c;
			i++;
			continue;
		}
		if (c === '"' && cell === '') quoted = true;
		else if (c === ',') {
			row.push(cell);
			cell = '';
		} else if (c === '\r' && text[i + 1] === '\n') {
			i++;
			continue;
		} else if (c === '\n') {
			row.push(cell);
			rows.push(row);
			row = [];
			cell = '';
		} else cell += c;
		i++;
	}
	if (quoted) throw new Error('unterminated quoted field');
	if (cell !== '' || row.length) {
		row.push(cell);
		rows.push(row);
	}
	return rows;
}

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const SPECIAL_NUMBERS = new Set(['NaN', 'INF', '-INF']);

function isCalendarDate(value: string): boolean {
	const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
	if (!match) return false;
	const [y, m, d] = match.slice(1).map(Number);
	const date = new Date(Date.UTC(y, m - 1, d));
	return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** The problems of one non-empty value. */
function cellProblems(field: SchemaField, value: string): string[] {
	const problems: string[] = [];
	const c = field.constraints ?? {};
	if (field.type === 'number' && !NUMBER.test(value) && !SPECIAL_NUMBERS.has(value)) {
		problems.push(`type number: ${JSON.stringify(value)} is not a number`);
	}
	if (field.type === 'date' && !isCalendarDate(value)) {
		problems.push(`type date: ${JSON.stringify(value)} is not YYYY-MM-DD`);
	}
	if (c.pattern !== undefined && !new RegExp(`^(?:${c.pattern})$`, 'u').test(value)) {
		problems.push(`pattern: ${JSON.stringify(value)} does not match`);
	}
	const length = [...value].length;
	if (c.maxLength !== undefined && length > c.maxLength) {
		problems.push(`maxLength ${c.maxLength}: ${length} characters`);
	}
	if (c.minLength !== undefined && length < c.minLength) {
		problems.push(`minLength ${c.minLength}: ${length} characters`);
	}
	return problems;
}

function checkRows(schema: TableSchema, rows: (string | undefined)[][]): SchemaProblem[] {
	const problems: SchemaProblem[] = [];
	const keys = new Set([schema.primaryKey ?? []].flat());
	const seen = schema.fields.map(() => new Map<string, number>());
	rows.forEach((row, r) => {
		schema.fields.forEach((field, f) => {
			const value = row[f] ?? '';
			const unique = field.constraints?.unique || keys.has(field.name);
			if (value === '') {
				if (field.constraints?.required || keys.has(field.name)) {
					problems.push({ row: r + 1, field: field.name, message: 'required: empty' });
				}
				return;
			}
			for (const message of cellProblems(field, value)) {
				problems.push({ row: r + 1, field: field.name, message });
			}
			if (unique) {
				const first = seen[f].get(value);
				if (first !== undefined) {
					problems.push({ row: r + 1, field: field.name, message: `unique: same as row ${first}` });
				} else seen[f].set(value, r + 1);
			}
		});
	});
	return problems;
}

/** Problems of a CSV file (its bytes decoded or not) against the schema; empty when valid. */
export function checkCsv(file: string | Uint8Array, schema: TableSchema): SchemaProblem[] {
	const bytes = typeof file === 'string' ? new TextEncoder().encode(file) : file;
	if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
		return [{ row: 0, field: '', message: 'starts with a byte order mark' }];
	}
	let text: string;
	try {
		text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
	} catch {
		return [{ row: 0, field: '', message: 'not UTF-8' }];
	}
	const [header, ...rows] = rfc4180(text);
	const expected = schema.fields.map((f) => f.name);
	if (JSON.stringify(header) !== JSON.stringify(expected)) {
		return [{ row: 0, field: '', message: `header ${JSON.stringify(header)}` }];
	}
	const problems: SchemaProblem[] = [];
	rows.forEach((row, r) => {
		if (row.length !== expected.length) {
			problems.push({ row: r + 1, field: '', message: `${row.length} values for ${expected.length} columns` });
		}
	});
	return [...problems, ...checkRows(schema, rows)];
}

/**
 * Problems of a JSON export shaped like ANCT's twin of the CSV: an array of flat objects whose
 * keys are schema fields in schema order, strings for string and date fields, numbers for
 * number fields, empty fields left out.
 */
export function checkJson(items: unknown, schema: TableSchema): SchemaProblem[] {
	if (!Array.isArray(items)) return [{ row: 0, field: '', message: 'not an array' }];
	const names = schema.fields.map((f) => f.name);
	const problems: SchemaProblem[] = [];
	const rows = items.map((item, r) => {
		if (typeof item !== 'object' || item === null || Array.isArray(item)) {
			problems.push({ row: r + 1, field: '', message: 'not an object' });
			return [];
		}
		const keys = Object.keys(item);
		const unknown = keys.filter((k) => !names.includes(k));
		if (unknown.length) problems.push({ row: r + 1, field: '', message: `unknown keys ${unknown}` });
		const positions = keys.map((k) => names.indexOf(k));
		if (positions.some((p, i) => i > 0 && p < positions[i - 1])) {
			problems.push({ row: r + 1, field: '', message: 'keys out of schema order' });
		}
		return schema.fields.map((field) => {
			const value = (item as Record<string, unknown>)[field.name];
			if (value === undefined) return '';
			const expected = field.type === 'number' ? 'number' : 'string';
			if (typeof value !== expected) {
				problems.push({ row: r + 1, field: field.name, message: `a ${expected} is expected` });
			}
			if (value === '') problems.push({ row: r + 1, field: field.name, message: 'empty value present' });
			return String(value);
		});
	});
	return [...problems, ...checkRows(schema, rows)];
}
