/**
 * CSV for people who open files in Excel or LibreOffice rather than for machines: a BOM so that
 * Excel reads UTF-8, `;` because French Excel expects it, and no cell that a spreadsheet would
 * run as a formula (CSV injection: `=HYPERLINK(…)`, `@SUM(…)`, `+cmd|…`).
 *
 * A cell starting with = + - @, a tab or a carriage return gets a leading apostrophe, which
 * spreadsheets read as "this is text". Plain numbers are left alone: a telephone in the
 * standard's form (`+33180059880`) or a western longitude (`-1.553`) cannot carry a formula,
 * and an apostrophe would change the value for anyone who reads the file back as data.
 */
import { csvLine } from './csv';

const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?\d+(?:\.\d+)?$/;

export function neutralise(value: string): string {
	if (!FORMULA_START.test(value) || PLAIN_NUMBER.test(value)) return value;
	return `'${value}`;
}

export const BOM = '\uFEFF';

/** One `;`-separated line with every cell neutralised. */
export function spreadsheetLine(cells: readonly string[]): string {
	return csvLine(cells.map(neutralise), ';');
}
