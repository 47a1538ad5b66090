/**
 * Enumerated fields from one record's cells, v1 or v0.1: separators `|`, `;` or `, `, any
 * case, typographic apostrophes, missing accents, NBSP, v0.1 labels mapped to v1 values (a
 * v0.1 column may feed two v1 fields). Nothing is dropped silently: a label without a v1
 * equivalent or outside the list is reported and set aside for `extra`.
 */
import {
	enumValues,
	EXPORT_VERSION,
	FIELD_BY_NAME,
	type StandardVersion
} from '../standard/fields';
import { error, quote, rewritten, warning, type FieldIssue } from '../standard/issues';
import { cellText, cleanLine, fold, isBlank, straighten, unique } from './text';
import { VOCABULARIES, type Target, type Vocabulary } from './vocabulary';

export interface EnumReading {
	/** Values by v1 field, in the order they were read. */
	values: Record<string, string[]>;
	issues: FieldIssue[];
	/** Text that could not be used, by source column. */
	setAside: Record<string, string>;
}

/** The v1 field a v0.1 column mostly feeds: issues about the column are filed under it. */
const MAIN_FIELD: Record<string, string> = {
	publics_accueillis: 'publics_specifiquement_adresses',
	conditions_acces: 'frais_a_charge',
	conditions_access: 'frais_a_charge',
	labels_nationaux: 'dispositif_programmes_nationaux',
	labels_autres: 'autres_formations_labels'
};

const LIST_SEPARATOR = /\s*[|;]\s*/;
const COMMA = /\s*,\s*/;
const ADULTES = fold('Adultes');
const ONLY_WOMEN = fold('Uniquement femmes');

const indexes = new Map<Vocabulary, Map<string, Target[]>>();

function indexOf(vocabulary: Vocabulary): Map<string, Target[]> {
	let index = indexes.get(vocabulary);
	if (!index) {
		index = new Map(Object.entries(vocabulary.entries).map(([label, t]) => [fold(label), t]));
		indexes.set(vocabulary, index);
	}
	return index;
}

/** True for the columns this module reads. */
export function isEnumColumn(column: string): boolean {
	return column in VOCABULARIES;
}

export function normalizeEnumCells(
	cells: readonly { column: string; raw: unknown }[],
	version: StandardVersion = EXPORT_VERSION
): EnumReading {
	const reading: EnumReading = { values: {}, issues: [], setAside: {} };
	for (const { column, raw } of cells) {
		if (!isBlank(raw)) readCell(column, cellText(raw), version, reading);
	}
	for (const [field, values] of Object.entries(reading.values))
		reading.values[field] = unique(values);
	return reading;
}

function readCell(column: string, text: string, version: StandardVersion, reading: EnumReading) {
	const vocabulary = VOCABULARIES[column];
	const index = indexOf(vocabulary);
	const main = MAIN_FIELD[column] ?? column;
	const found: Target[] = [];
	const rejected: string[] = [];
	const empty: string[] = [];
	/** The values as the cell writes them, once split. */
	const written: string[] = [];

	const resolve = (piece: string): Target[] | undefined => {
		const targets = index.get(fold(piece)) ?? index.get(fold(piece.split(':')[0]));
		if (!targets) return undefined;
		// A value of a later version (Étapes numériques in 1.0.1) reads as unknown.
		const kept = targets.filter(([field, value]) => allowed(field, value, version));
		return kept.length < targets.length && kept.length === 0 ? undefined : kept;
	};
	const unknown = (piece: string) => {
		written.push(cleanLine(piece));
		const clean = straighten(piece);
		if (vocabulary.unknown === 'refuse') rejected.push(cleanLine(piece));
		else found.push([vocabulary.unknown === 'keep' ? column : vocabulary.unknown, clean]);
	};
	const take = (piece: string, targets: Target[]) => {
		written.push(cleanLine(piece));
		if (targets.length === 0) empty.push(cleanLine(piece));
		found.push(...targets);
	};

	const pieces = text.split(LIST_SEPARATOR).filter((p) => p !== '');
	for (const piece of pieces) {
		const targets = resolve(piece);
		if (targets) {
			take(piece, targets);
			continue;
		}
		// "A, B, C" (pre-standard lists) splits only when some of its parts are known values.
		const parts = piece.split(COMMA).filter((p) => p !== '');
		const resolved = parts.map(resolve);
		if (parts.length < 2 || resolved.every((r) => r === undefined)) unknown(piece);
		else parts.forEach((part, i) => (resolved[i] ? take(part, resolved[i]) : unknown(part)));
	}

	if (column === 'publics_accueillis') forEveryone(pieces, found, text, reading);
	report(column, text, found, unique(written), reading);
	for (const piece of rejected) {
		const reason = `${quote(piece)} n'est pas une valeur de la liste « ${FIELD_BY_NAME.get(main)?.label ?? main} » du standard.`;
		reading.issues.push(error(main, 'enum_inconnue', reason, { before: piece, after: null }));
	}
	for (const piece of empty.filter((p) => fold(p) !== ADULTES)) {
		const reason = `${quote(piece)} (colonne « ${column} ») n'a pas d'équivalent dans la version 1 du standard.`;
		reading.issues.push(
			warning(main, 'enum_sans_equivalent', reason, { before: piece, after: null })
		);
	}
	const aside = [...rejected, ...empty.filter((p) => fold(p) !== ADULTES)];
	if (aside.length > 0) reading.setAside[column] = aside.join('|');
}

function allowed(field: string, value: string, version: StandardVersion): boolean {
	const spec = FIELD_BY_NAME.get(field);
	return !spec?.values || spec.openEnum === true || enumValues(spec, version).includes(value);
}

/**
 * "Adultes" in v0.1 meant "all adults", i.e. no specific public: the national conversion kept
 * no public for such places. Some sources also expanded "tout public" into every label at once
 * (with "Uniquement femmes"), which says nothing about specific needs either.
 */
function forEveryone(pieces: string[], found: Target[], text: string, reading: EnumReading) {
	const keys = pieces.map((p) => fold(p));
	if (!keys.includes(ADULTES)) return;
	const expanded = keys.includes(ONLY_WOMEN) || keys.length >= 10;
	const dropped = found.filter(([f]) => expanded || f === 'publics_specifiquement_adresses');
	for (const target of dropped) found.splice(found.indexOf(target), 1);
	reading.issues.push(
		warning(
			'publics_specifiquement_adresses',
			'publics_tout_public',
			expanded
				? `${quote(text)} énumère tous les publics, c'est-à-dire « tout public » : aucun public ni besoin spécifique n'est repris.`
				: `${quote(text)} inclut « Adultes », c'est-à-dire tout public : aucun public spécifique n'est repris.`,
			{
				before: text,
				after: found.filter(([f]) => f === 'publics_specifiquement_adresses').map(([, v]) => v)
			}
		)
	);
}

/**
 * One rewrite per v1 field fed by this cell, unless the cell already held exactly these values:
 * another separator (`;` in v0.1), spaces or a repeated value do not change them.
 */
function report(
	column: string,
	text: string,
	found: Target[],
	written: string[],
	reading: EnumReading
) {
	const byField = new Map<string, string[]>();
	for (const [field, value] of found) byField.set(field, [...(byField.get(field) ?? []), value]);
	for (const [field, values] of byField) {
		(reading.values[field] ??= []).push(...values);
		const after = unique(values);
		if (field === column && after.join('|') === written.join('|')) continue;
		const reason =
			field === column
				? `${quote(text)} réécrit ${quote(after)}.`
				: `repris de la colonne « ${column} » (${quote(text)}) : ${quote(after)}.`;
		reading.issues.push(
			rewritten(field, field === column ? 'enum_format' : 'enum_colonne', reason, text, after)
		);
	}
}
