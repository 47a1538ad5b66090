/**
 * Invisible characters no listing value may hold:
 * - control characters (U+0000–U+001F, DEL and U+0080–U+009F): meaningless in published data,
 *   and U+0000 is refused outright by PostgreSQL;
 * - the bidirectional embedding, override and isolate controls (U+202A–U+202E, U+2066–U+2069),
 *   which reorder how the text around them is displayed, so that a value can read as something
 *   it is not (the "Trojan Source" spoofing, CVE-2021-42574).
 *
 * Line breaks and tabs are text in the fields typed in a multi-line box: the two presentations
 * and the free lists, whose lines are their values.
 */
import type { FieldSpec } from './fields';

const MULTILINE_TEXT = new Set(['presentation_resume', 'presentation_detail']);

/** Refused everywhere. */
const INVISIBLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/u;
/** Refused in one-line fields: the same plus tab and line feed. */
const INVISIBLE_ON_ONE_LINE = /[\p{Cc}\u202a-\u202e\u2066-\u2069]/u;
/** What the importer removes: tab, line feed and carriage return are left to the whitespace cleaning. */
const REMOVED_ON_IMPORT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/u;
const ALL_REMOVED_ON_IMPORT = new RegExp(REMOVED_ON_IMPORT.source, 'gu');

/** The end of a French refusal for a free text holding such a character (« Le titre … »). */
export const INVISIBLE_MESSAGE =
	'contient un caractère invisible (caractère nul, de contrôle ou de sens d’écriture) : retirez-le.';

/** Whether a field is typed in a multi-line box, where line breaks and tabs are allowed. */
export function isMultiline(spec: Pick<FieldSpec, 'name' | 'kind'>): boolean {
	return spec.kind === 'list' || MULTILINE_TEXT.has(spec.name);
}

/** The first character of `value` that the field may not hold, with its position; null if none. */
export function invisibleCharacter(
	value: string,
	multiline: boolean
): { character: string; index: number } | null {
	const found = (multiline ? INVISIBLE : INVISIBLE_ON_ONE_LINE).exec(value);
	return found ? { character: found[0], index: found.index } : null;
}

/** Whether `text` holds a bidirectional control (display names refuse them too). */
export function hasDirectionControl(text: string): boolean {
	return /[\u202a-\u202e\u2066-\u2069]/u.test(text);
}

/** « U+202E ». */
function codePoint(character: string): string {
	return `U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** « U+202E (contrôle du sens d'écriture) »: the code point, then what it is, in French. */
export function describeCharacter(character: string): string {
	const code = character.codePointAt(0)!;
	const names: Record<number, string> = {
		0x00: 'caractère nul',
		0x09: 'tabulation',
		0x0a: 'retour à la ligne',
		0x0d: 'retour chariot'
	};
	const name =
		names[code] ?? (code >= 0x202a ? "contrôle du sens d'écriture" : 'caractère de contrôle');
	return `${codePoint(character)} (${name})`;
}

/**
 * `value` without the characters no field may hold, for the importer, and which were removed
 * (each kind once, in order of appearance).
 */
export function removeInvisible(value: string): { text: string; removed: string[] } {
	if (!REMOVED_ON_IMPORT.test(value)) return { text: value, removed: [] };
	const removed = new Set<string>();
	const text = value.replace(ALL_REMOVED_ON_IMPORT, (character) => {
		removed.add(character);
		return '';
	});
	return { text, removed: [...removed] };
}

/** `value` with the characters `removeInvisible` takes out written as « [U+202E] », to show where they were. */
export function showInvisible(value: string): string {
	return value.replace(ALL_REMOVED_ON_IMPORT, (character) => `[${codePoint(character)}]`);
}
