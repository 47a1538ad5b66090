/**
 * Reads one flat record (a CSV row or a JSON object) of any version of the standard into our
 * internal form, normalising every field. Each change is a warning with `before` and `after`;
 * nothing is dropped silently: unknown columns are kept in `extra` as they came, and values
 * that could not be used are kept in `extra[REJECTED]` under their column, with an error.
 * Writing that reads as the same value is not a change and is not reported: spaces around or
 * between words, another list separator or a repeated list value, trailing zeros of a number,
 * the case of a host or domain name.
 *
 * `fields` is null when the row cannot be imported: id, nom, commune, code_postal or adresse
 * missing or beyond repair. Otherwise `fields` passes `validateListing` without errors, except
 * for `pivot`, which stays null (a warning) when the source has no identifier.
 */
import { normalizeLocation } from '../normalize/codes';
import { normalizeCoordinates } from '../normalize/coordinates';
import { normalizeDate } from '../normalize/date';
import { departementOf } from '../normalize/departement';
import { normalizeEmails } from '../normalize/email';
import { isEnumColumn, normalizeEnumCells } from '../normalize/enums';
import type { GeoLookup } from '../normalize/geo';
import { normalizeHours } from '../normalize/hours';
import { normalizePivot } from '../normalize/pivot';
import type { Normalized } from '../normalize/result';
import { normalizeTelephone } from '../normalize/telephone';
import { cellText, cleanBlock, cleanLine, decodeEntities, isBlank } from '../normalize/text';
import { normalizeUrl, normalizeUrls } from '../normalize/url';
import { describeCharacter, removeInvisible, showInvisible } from './characters';
import { columnOf, versionOf } from './columns';
import { EXPORT_VERSION, FIELDS, type ListingFields, type StandardVersion } from './fields';
import { error, lengthIssue, quote, rewritten, warning, type FieldIssue } from './issues';
import { countIssue, validateListing } from './validate';

/** The key of `extra` holding the values set aside, by source column. */
export const REJECTED = '_valeurs_non_reprises';

export interface ReadContext {
	geo: GeoLookup;
	/** YYYY-MM-DD, to spot dates in the future. */
	today: string;
	version?: StandardVersion;
}

export interface ReadResult {
	fields: ListingFields | null;
	extra: Record<string, unknown>;
	sourceVersion: '0.1' | '1.x';
	issues: FieldIssue[];
}

const REQUIRED = ['id', 'nom', 'commune', 'code_postal', 'adresse'] as const;
const LINES = [
	'id',
	'nom',
	'adresse',
	'complement_adresse',
	'source',
	'structure_parente'
] as const;
const BLOCKS = ['presentation_resume', 'presentation_detail'] as const;
const RESUME_LIMIT = 280;
const ENUM_ORDER = FIELDS.map((f) => f.name).filter(isEnumColumn);

export function readRecord(raw: Record<string, unknown>, ctx: ReadContext): ReadResult {
	const version = ctx.version ?? EXPORT_VERSION;
	const { cells, extra } = sortColumns(raw);
	const issues: FieldIssue[] = removeInvisibleCharacters(cells);
	const rejected: Record<string, string> = {};
	const take = <T>(column: string, result: Normalized<T>): T => {
		issues.push(...result.issues);
		if (result.setAside !== undefined) rejected[column] = result.setAside;
		return result.value;
	};
	const fields = {} as Record<string, unknown>;

	for (const name of [...LINES, ...BLOCKS])
		fields[name] = take(name, readText(name, cells.get(name)));
	moveLongResume(fields, issues);

	const location = normalizeLocation(
		{
			code_postal: cells.get('code_postal'),
			code_insee: cells.get('code_insee'),
			commune: cells.get('commune')
		},
		ctx.geo
	);
	Object.assign(fields, location.value);
	issues.push(...location.issues);
	Object.assign(rejected, location.setAside);
	const departement = departementOf(location.value.code_postal, location.value.code_insee);

	fields.pivot = take('pivot', normalizePivot(cells.get('pivot')));
	const position = normalizeCoordinates(cells.get('latitude'), cells.get('longitude'), departement);
	Object.assign(fields, position.value);
	issues.push(...position.issues);
	if (position.setAside) rejected.latitude = position.setAside;
	fields.telephone = take('telephone', normalizeTelephone(cells.get('telephone'), departement));
	fields.courriels = take('courriels', normalizeEmails(joinCells(cells, 'courriels', 'courriel')));
	fields.site_web = take('site_web', normalizeUrls(cells.get('site_web'), 'site_web'));
	fields.horaires = take('horaires', normalizeHours(cells.get('horaires')));
	fields.date_maj = take('date_maj', normalizeDate(cells.get('date_maj'), ctx.today));
	fields.prise_rdv = take('prise_rdv', normalizeUrl(cells.get('prise_rdv'), 'prise_rdv'));
	fields.fiche_acces_libre = take(
		'fiche_acces_libre',
		normalizeUrl(cells.get('fiche_acces_libre') ?? cells.get('accessibilite'), 'fiche_acces_libre')
	);

	const enums = normalizeEnumCells(
		[
			...ENUM_ORDER,
			'publics_accueillis',
			'conditions_acces',
			'conditions_access',
			'labels_nationaux',
			'labels_autres'
		]
			.filter((column) => cells.has(column))
			.map((column) => ({ column, raw: cells.get(column) })),
		version
	);
	for (const name of ENUM_ORDER) fields[name] = enums.values[name] ?? [];
	issues.push(...enums.issues);
	Object.assign(rejected, enums.setAside);

	if (!isBlank(cells.get('cle_ban'))) {
		issues.push(
			warning(
				'adresse',
				'cle_ban',
				`la colonne v0.1 « cle_ban » (${quote(cellText(cells.get('cle_ban')))}) n'existe plus en v1 : elle n'est pas reprise.`
			)
		);
	}
	enforceLimits(fields, rejected, issues);
	if (Object.keys(rejected).length > 0) extra[REJECTED] = rejected;

	const missing = REQUIRED.filter((name) => isBlank(fields[name]));
	for (const name of missing) {
		issues.push(
			error(
				name,
				'obligatoire',
				'ce champ obligatoire est vide ou illisible : la ligne ne peut pas être importée.'
			)
		);
	}
	const listing = missing.length > 0 ? null : (fields as unknown as ListingFields);
	if (listing) addValidation(listing, version, issues);
	return { fields: listing, extra, sourceVersion: versionOf(cells), issues };
}

/** Known columns (v1 and v0.1, by their canonical name) apart from unknown ones, kept as they came. */
function sortColumns(raw: Record<string, unknown>) {
	const cells = new Map<string, unknown>();
	const extra: Record<string, unknown> = {};
	for (const [header, value] of Object.entries(raw)) {
		const column = columnOf(header);
		if (column === undefined) extra[header] = value;
		else if (!cells.has(column) || isBlank(cells.get(column))) cells.set(column, value);
		else if (!isBlank(value)) extra[header] = value;
	}
	return { cells, extra };
}

/**
 * Takes control and text-direction characters (see characters.ts) out of the known columns
 * before anything reads them: no field may hold them, and they can make a value display as
 * something else. The report's `before` shows each one as its code point, where it was.
 * Unknown columns are kept as they came (they are never published).
 */
function removeInvisibleCharacters(cells: Map<string, unknown>): FieldIssue[] {
	const issues: FieldIssue[] = [];
	for (const [column, value] of cells) {
		const removed = new Set<string>();
		const clean = (item: unknown) => {
			if (typeof item !== 'string') return item;
			const result = removeInvisible(item);
			for (const character of result.removed) removed.add(character);
			return result.text;
		};
		const cleaned = Array.isArray(value) ? value.map(clean) : clean(value);
		if (removed.size === 0) continue;

		cells.set(column, cleaned);
		const names = [...removed].map(describeCharacter).join(', ');
		const reason =
			removed.size === 1
				? `caractère invisible retiré : ${names}.`
				: `caractères invisibles retirés : ${names}.`;
		issues.push(rewritten(column, 'caractere_retire', reason, shown(value), cleaned));
	}
	return issues;
}

/** A value with its invisible characters written as their code point: « Médiathèque[U+202E] ». */
function shown(value: unknown): unknown {
	const mark = (item: unknown) => (typeof item === 'string' ? showInvisible(item) : item);
	return Array.isArray(value) ? value.map(mark) : mark(value);
}

function joinCells(cells: ReadonlyMap<string, unknown>, ...columns: string[]): string {
	return columns
		.map((c) => cellText(cells.get(c)))
		.filter((t) => t.trim() !== '')
		.join('|');
}

function readText(name: string, raw: unknown): Normalized<string | null> {
	if (isBlank(raw)) return { value: null, issues: [] };
	if (typeof raw === 'object' && !Array.isArray(raw)) {
		const text = JSON.stringify(raw);
		return {
			value: null,
			issues: [
				error(name, 'type', `${quote(text)} n'est pas un texte.`, { before: text, after: null })
			],
			setAside: text
		};
	}
	const text = cellText(raw);
	const block = (BLOCKS as readonly string[]).includes(name);
	// Spaces tidied only: the same text, nothing worth reporting.
	const clean = block ? cleanBlock(text) : cleanLine(text);
	const value = decodeEntities(clean);
	if (value === clean) return { value, issues: [] };
	return {
		value,
		issues: [
			rewritten(name, 'texte_nettoye', 'entités HTML remplacées par leurs caractères.', text, value)
		]
	};
}

/**
 * Values over a length or count limit are set aside with an error, never cut: a truncated
 * name or description would publish something nobody wrote. A required field set aside
 * rejects the row.
 */
function enforceLimits(
	fields: Record<string, unknown>,
	rejected: Record<string, string>,
	issues: FieldIssue[]
) {
	for (const spec of FIELDS) {
		const value = fields[spec.name];
		if (typeof value === 'string') {
			const issue = lengthIssue(spec, value);
			if (!issue) continue;
			issues.push({ ...issue, before: value, after: null });
			rejected[spec.name] = value;
			fields[spec.name] = null;
		} else if (Array.isArray(value)) {
			const tooMany = countIssue(spec, value);
			const long = value.filter((v) => typeof v === 'string' && lengthIssue(spec, v));
			if (!tooMany && long.length === 0) continue;
			const kept = tooMany ? [] : value.filter((v) => !long.includes(v));
			const dropped = tooMany ? value : long;
			for (const v of tooMany ? [] : long) {
				const issue = lengthIssue(spec, v)!;
				issues.push({ ...issue, before: v, after: null });
			}
			if (tooMany) issues.push({ ...tooMany, before: value.join('|'), after: null });
			rejected[spec.name] = dropped.join('|');
			fields[spec.name] = kept;
		}
	}
}

/** A short description over the limit becomes the long one when there is none. */
function moveLongResume(fields: Record<string, unknown>, issues: FieldIssue[]) {
	const resume = fields.presentation_resume as string | null;
	if (resume === null || [...resume].length <= RESUME_LIMIT || fields.presentation_detail !== null)
		return;
	fields.presentation_detail = resume;
	fields.presentation_resume = null;
	issues.push(
		rewritten(
			'presentation_resume',
			'resume_deplace',
			`plus de ${RESUME_LIMIT} caractères : le texte passe dans la présentation détaillée, vide jusque-là.`,
			resume,
			null
		)
	);
}

/** The standard's checks on the result, minus what the normalisers already said. */
function addValidation(listing: ListingFields, version: StandardVersion, issues: FieldIssue[]) {
	const said = new Set(issues.map((i) => `${i.field} ${i.code}`));
	if (said.has('pivot pivot_fictif')) said.add('pivot pivot_manquant');
	for (const issue of validateListing(listing, version)) {
		if (!said.has(`${issue.field} ${issue.code}`)) issues.push(issue);
	}
}
