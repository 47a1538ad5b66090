/**
 * A streaming CSV reader (RFC 4180 plus what real files do) and the writer's quoting.
 *
 * The reader is a small state machine fed with text chunks of any size: quoted fields may hold
 * separators, line breaks (LF or CRLF) and doubled quotes, and may span chunks. Unquoted runs
 * are sliced out of the chunk in one go rather than appended character by character, which is
 * what keeps it near the speed of a naive `split` on files without quotes.
 *
 * Tolerated: a lone quote inside an unquoted field (`5 "bis" rue`) is kept as a character, as
 * Python's csv module does. Refused, with the line and column: text after a closing quote, and
 * a quote still open at the end of the file.
 */

export type Delimiter = ',' | ';' | '\t';

export const DELIMITER_NAMES: Record<Delimiter, string> = {
	',': 'virgule',
	';': 'point-virgule',
	'\t': 'tabulation'
};

/** A malformed file: `line` is the physical line (1 = first), `field` the 1-based column. */
export class CsvSyntaxError extends Error {
	constructor(
		readonly line: number,
		readonly field: number,
		readonly reason: string
	) {
		super(`ligne ${line}, colonne ${field} : ${reason}`);
		this.name = 'CsvSyntaxError';
	}
}

export interface CsvRecord {
	/** Physical line where the record starts (1-based), as a spreadsheet numbers it. */
	line: number;
	cells: string[];
}

const QUOTE = 34;
const LF = 10;
const CR = 13;

// Reader states between two characters.
const FIELD_START = 0;
const UNQUOTED = 1;
const QUOTED = 2;
/** A quote was read inside a quoted field: either the closing one or the first of a pair. */
const QUOTE_IN_QUOTED = 3;
/** A CR ended a record; a following LF belongs to it. */
const AFTER_CR = 4;

export class CsvReader {
	private readonly separator: number;
	private state = FIELD_START;
	private field = '';
	private cells: string[] = [];
	private line = 1;
	private recordLine = 1;
	private out: CsvRecord[] = [];

	constructor(delimiter: Delimiter) {
		this.separator = delimiter.charCodeAt(0);
	}

	/** Reads a chunk and returns the records it completed. */
	push(chunk: string): CsvRecord[] {
		const sep = this.separator;
		const length = chunk.length;
		let i = 0;
		while (i < length) {
			const state = this.state;
			if (state === UNQUOTED || state === FIELD_START) {
				const code = chunk.charCodeAt(i);
				if (state === FIELD_START && code === QUOTE) {
					this.state = QUOTED;
					i++;
					continue;
				}
				// Slice the whole unquoted run up to the next separator or line end.
				let end = i;
				while (end < length) {
					const c = chunk.charCodeAt(end);
					if (c === sep || c === LF || c === CR) break;
					end++;
				}
				if (end > i) this.field += chunk.slice(i, end);
				this.state = UNQUOTED;
				if (end === length) return this.drain();
				i = this.delimit(chunk.charCodeAt(end), end);
			} else if (state === QUOTED) {
				const close = chunk.indexOf('"', i);
				const end = close === -1 ? length : close;
				const text = chunk.slice(i, end);
				this.field += text;
				this.countLines(text);
				if (close === -1) return this.drain();
				this.state = QUOTE_IN_QUOTED;
				i = close + 1;
			} else if (state === QUOTE_IN_QUOTED) {
				const code = chunk.charCodeAt(i);
				if (code === QUOTE) {
					this.field += '"';
					this.state = QUOTED;
					i++;
				} else if (code === sep || code === LF || code === CR) {
					i = this.delimit(code, i);
				} else {
					throw new CsvSyntaxError(
						this.line,
						this.cells.length + 1,
						`texte après les guillemets fermants (« ${excerpt(chunk.slice(i, i + 20))} ») : un guillemet à l'intérieur d'un champ entre guillemets doit être doublé ("").`
					);
				}
			} else {
				// AFTER_CR
				this.state = FIELD_START;
				if (chunk.charCodeAt(i) === LF) i++;
			}
		}
		return this.drain();
	}

	/** Ends the input: the last record needs no final line break. */
	end(): CsvRecord[] {
		if (this.state === QUOTED) {
			throw new CsvSyntaxError(
				this.recordLine,
				this.cells.length + 1,
				`un guillemet ouvert n'est jamais fermé (le champ commence par « ${excerpt(this.field.slice(0, 30))} »).`
			);
		}
		if (this.state !== FIELD_START && this.state !== AFTER_CR) this.endRecord();
		else if (this.cells.length > 0) this.endRecord();
		return this.drain();
	}

	/** Handles the separator or line break at `index`; returns where to continue. */
	private delimit(code: number, index: number): number {
		this.cells.push(this.field);
		this.field = '';
		if (code === this.separator) {
			this.state = FIELD_START;
			return index + 1;
		}
		this.finishRecord();
		this.line++;
		this.recordLine = this.line;
		this.state = code === CR ? AFTER_CR : FIELD_START;
		return index + 1;
	}

	private endRecord() {
		this.cells.push(this.field);
		this.field = '';
		this.finishRecord();
	}

	private finishRecord() {
		const cells = this.cells;
		this.cells = [];
		// Blank lines (one empty unquoted cell) are skipped, as every spreadsheet does.
		if (cells.length === 1 && cells[0] === '' && this.state !== QUOTE_IN_QUOTED) return;
		this.out.push({ line: this.recordLine, cells });
	}

	private countLines(text: string) {
		let at = text.indexOf('\n');
		while (at !== -1) {
			this.line++;
			at = text.indexOf('\n', at + 1);
		}
	}

	private drain(): CsvRecord[] {
		const out = this.out;
		this.out = [];
		return out;
	}
}

/** The first line of a piece of text, for a message. */
function excerpt(text: string): string {
	return text.split(/[\r\n]/)[0];
}

/** Reads a whole text at once. */
export function readCsv(text: string, delimiter: Delimiter): CsvRecord[] {
	const reader = new CsvReader(delimiter);
	const records = reader.push(text);
	for (const record of reader.end()) records.push(record);
	return records;
}

/**
 * The separator of a file: the most frequent of `,` `;` and tab on its first line, outside
 * quotes. A one-column file reads as comma-separated.
 */
export function detectDelimiter(text: string): Delimiter {
	const counts = { ',': 0, ';': 0, '\t': 0 };
	let quoted = false;
	for (let i = 0; i < text.length; i++) {
		const c = text[i];
		if (c === '"') quoted = !quoted;
		else if (!quoted && (c === '\n' || c === '\r')) break;
		else if (!quoted && (c === ',' || c === ';' || c === '\t')) counts[c]++;
	}
	let best: Delimiter = ',';
	for (const d of [';', '\t'] as const) if (counts[d] > counts[best]) best = d;
	return best;
}

const NEEDS_QUOTES = /[",;\t\r\n]|^\s|\s$/;

/**
 * One CSV cell, quoted only when needed (RFC 4180: a separator, a quote or a line break
 * inside; we also quote outer spaces, which some readers trim), inner quotes doubled.
 */
export function csvCell(value: string): string {
	if (!NEEDS_QUOTES.test(value)) return value;
	return `"${value.replaceAll('"', '""')}"`;
}

/** One CSV line; `delimiter` decides the separator, line ends are CRLF as RFC 4180 says. */
export function csvLine(cells: readonly string[], delimiter: Delimiter = ','): string {
	let line = '';
	for (let i = 0; i < cells.length; i++) {
		if (i > 0) line += delimiter;
		line += csvCell(cells[i]);
	}
	return `${line}\r\n`;
}
