/**
 * What every value of a parsed file must be before anything stores it. A file breaking a rule
 * is refused as a whole, naming the row and the column:
 *
 * - No NUL character (U+0000). PostgreSQL takes it neither in text nor in jsonb ("unsupported
 *   Unicode escape sequence"), no field of the standard can hold it, and in a text file it
 *   usually means the file was damaged or badly converted (from UTF-16, say). Refusing says so;
 *   removing it quietly would hide that more than one character may be wrong. The first 4 KiB
 *   are checked earlier, as a sign of a binary file (decode.ts).
 * - No half character: a JSON `\ud83d` escape without its pair (an emoji cut in two) is not
 *   Unicode, and jsonb refuses it. Decoded CSV text cannot hold one.
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
/** A NUL or half a character in the file's text, or escaped in its JSON. */
const SUSPECT = /\u0000|\\u(?:0000|d[89a-f])/i;

/** Refuses a file (parsed from `text`) holding a NUL, half a character or a too deep value. */
export function checkStorable(file: ParsedFile, text: string): void {
	const suspect = SUSPECT.test(text);
	if (file.format === 'csv') {
		if (suspect) checkCsv(file);
		return;
	}
	for (const { row, record } of file.rows) {
		const where = (column: string) =>
			`${file.filename}, élément ${row}, colonne ${quote(showInvisible(column))}`;
		checkJsonRecord(record, suspect, where);
	}
}

/** What is wrong with `text`, in French, or null. */
function unstorable(text: string): string | null {
	if (text.includes(NUL)) {
		return (
			'caractère nul (U+0000). Il n’a sa place dans aucune valeur et la base de données le ' +
			'refuse ; il trahit souvent un fichier abîmé ou mal converti'
		);
	}
	if (!text.isWellFormed()) {
		return (
			'moitié de caractère isolée (un « \\uD83D » sans son complément, comme un emoji coupé en ' +
			'deux) : ce n’est pas de l’Unicode valide et la base de données la refuse'
		);
	}
	return null;
}

function refused(where: string, problem: string, advice: string): IoError {
	return new IoError(400, `${where} : ${problem}. ${advice}, puis réessayez.`);
}

function checkCsv(file: ParsedFile) {
	const advice = 'Supprimez-le (ou enregistrez à nouveau le fichier en « CSV UTF-8 »)';
	const at = (line: number, column: string) =>
		`${file.filename}, ligne ${line}, colonne ${quote(showInvisible(column))}`;
	for (const column of file.columns) {
		const problem = unstorable(column);
		if (problem) throw refused(at(1, column), problem, advice);
	}
	for (const { row, record } of file.rows) {
		for (const [column, value] of Object.entries(record)) {
			const index = typeof value === 'string' ? value.indexOf(NUL) : -1;
			if (index === -1) continue;
			// A quoted cell may span lines: say the line the NUL is on.
			const line = row + (value as string).slice(0, index).split('\n').length - 1;
			throw refused(at(line, column), unstorable(NUL)!, advice);
		}
	}
}

/** Walks each column's value with a stack of its own: its depth is what is in question. */
function checkJsonRecord(
	record: Record<string, unknown>,
	suspect: boolean,
	where: (column: string) => string
) {
	const check = (text: string, column: string) => {
		const problem = suspect && unstorable(text);
		if (problem) throw refused(where(column), problem, 'Supprimez ce caractère');
	};
	for (const [column, value] of Object.entries(record)) {
		check(column, column);
		const stack: [unknown, number][] = [[value, 1]];
		while (stack.length > 0) {
			const [item, depth] = stack.pop()!;
			if (typeof item === 'string') {
				check(item, column);
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
				check(key, column);
				stack.push([child, depth + 1]);
			}
		}
	}
}
