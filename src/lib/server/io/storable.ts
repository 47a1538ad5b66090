/**
 * What every value of a parsed file must be before anything stores it. A file breaking either
 * rule is refused as a whole, naming the row and the column:
 *
 * - No NUL character (U+0000). PostgreSQL takes it neither in text nor in jsonb ("unsupported
 *   Unicode escape sequence"), no field of the standard can hold it, and in a text file it
 *   usually means the file was damaged or badly converted (from UTF-16, say). Refusing says so;
 *   removing it quietly would hide that more than one character may be wrong. The first 4 KiB
 *   are checked earlier, as a sign of a binary file (decode.ts).
 * - JSON values nested at most MAX_NESTING levels. The standard's records are flat; a value
 *   nested thousands of levels deep overflows the stack of whatever walks it recursively, from
 *   our own helpers to `JSON.stringify` when the batch is stored.
 */
import { showInvisible } from '$lib/domain/standard/characters';
import { quote } from '$lib/domain/standard/issues';
import { IoError } from './errors';
import type { ParsedFile } from './parse';

/** Levels of lists and objects allowed inside one JSON value. */
export const MAX_NESTING = 32;

const NUL = '\u0000';

/**
 * Refuses a file holding a NUL or a too deeply nested value. `nulPossible` false (the text has
 * neither a NUL nor a `\u0000` escape) skips looking at every string for it.
 */
export function checkStorable(file: ParsedFile, nulPossible: boolean): void {
	if (file.format === 'csv') {
		if (nulPossible) checkCsv(file);
		return;
	}
	for (const { row, record } of file.rows) {
		const where = (column: string) =>
			`${file.filename}, élément ${row}, colonne ${quote(showInvisible(column))}`;
		checkJsonRecord(record, nulPossible, where);
	}
}

function nulFound(where: string, advice: string): IoError {
	return new IoError(
		400,
		`${where} : caractère nul (U+0000). Il n’a sa place dans aucune valeur et la base de ` +
			'données le refuse ; il trahit souvent un fichier abîmé ou mal converti. ' +
			`${advice}, puis réessayez.`
	);
}

function checkCsv(file: ParsedFile) {
	const advice = 'Supprimez-le (ou enregistrez à nouveau le fichier en « CSV UTF-8 »)';
	const at = (line: number, column: string) =>
		`${file.filename}, ligne ${line}, colonne ${quote(showInvisible(column))}`;
	for (const column of file.columns) {
		if (column.includes(NUL)) throw nulFound(at(1, column), advice);
	}
	for (const { row, record } of file.rows) {
		for (const [column, value] of Object.entries(record)) {
			const index = typeof value === 'string' ? value.indexOf(NUL) : -1;
			if (index === -1) continue;
			// A quoted cell may span lines: say the line the NUL is on.
			const line = row + (value as string).slice(0, index).split('\n').length - 1;
			throw nulFound(at(line, column), advice);
		}
	}
}

/** Walks each column's value with a stack of its own: its depth is what is in question. */
function checkJsonRecord(
	record: Record<string, unknown>,
	nulPossible: boolean,
	where: (column: string) => string
) {
	const hasNul = (text: string) => nulPossible && text.includes(NUL);
	for (const [column, value] of Object.entries(record)) {
		if (hasNul(column)) throw nulFound(where(column), 'Supprimez-le');
		const stack: [unknown, number][] = [[value, 1]];
		while (stack.length > 0) {
			const [item, depth] = stack.pop()!;
			if (typeof item === 'string') {
				if (hasNul(item)) throw nulFound(where(column), 'Supprimez-le');
				continue;
			}
			if (typeof item !== 'object' || item === null) continue;
			if (depth > MAX_NESTING) {
				throw new IoError(
					400,
					`${where(column)} : imbrication trop profonde (plus de ${MAX_NESTING} niveaux de listes ou ` +
						'd’objets). Les fiches du standard sont plates : chaque valeur est un texte, un nombre ou une liste.'
				);
			}
			for (const [key, child] of Object.entries(item)) {
				if (hasNul(key)) throw nulFound(where(column), 'Supprimez-le');
				stack.push([child, depth + 1]);
			}
		}
	}
}
