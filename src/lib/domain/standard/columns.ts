/**
 * The columns a record may come with: the 32 of v1.x, the v0.1 ones (2022) and the
 * pre-standard CNFS ones, and how to tell which version a record follows.
 */
import { FIELD_NAMES } from './fields';

/** Columns of v0.1 (and the CNFS draft's misspelling) that v1 renamed, split or dropped. */
export const V01_COLUMNS = [
	'courriel',
	'publics_accueillis',
	'conditions_acces',
	'conditions_access',
	'labels_nationaux',
	'labels_autres',
	'accessibilite',
	'cle_ban'
] as const;

/** Columns that only v1 has. */
const V1_ONLY = new Set([
	'courriels',
	'itinerance',
	'publics_specifiquement_adresses',
	'prise_en_charge_specifique',
	'frais_a_charge',
	'dispositif_programmes_nationaux',
	'formations_labels',
	'autres_formations_labels',
	'modalites_acces',
	'fiche_acces_libre'
]);

const KNOWN = new Set<string>([...FIELD_NAMES, ...V01_COLUMNS]);

/** v0.1 values whose presence marks an old record even in v1-named columns. */
const V01_VALUE =
	/(?:^|[;|,]\s*)(?:Seul|Avec de l'aide|Dans un atelier|A ma place) :|Prendre en main|Devenir autonome|Favoriser mon insertion|Accéder à /;

/** The standard's column a header stands for ("Code Postal", "\uFEFFid"), or undefined. */
export function columnOf(header: string): string | undefined {
	const name = header
		.replace(/^\uFEFF/, '')
		.trim()
		.toLowerCase()
		.replace(/[\s-]+/g, '_');
	return KNOWN.has(name) ? name : undefined;
}

/**
 * '1.x' when the record has a v1-only column; '0.1' when it has a v0.1 column or v0.1 values
 * in the columns both versions share (services, modalites_accompagnement); '1.x' otherwise.
 * Files mixing both exist (PACA 2023-05-17: v1 values with leftover v0.1 columns): every
 * column is read whatever the verdict.
 */
export function versionOf(cells: ReadonlyMap<string, unknown>): '0.1' | '1.x' {
	for (const column of cells.keys()) if (V1_ONLY.has(column)) return '1.x';
	for (const column of V01_COLUMNS) if (cells.has(column)) return '0.1';
	const shared = `${cells.get('services') ?? ''}|${cells.get('modalites_accompagnement') ?? ''}`;
	return V01_VALUE.test(shared) ? '0.1' : '1.x';
}
