/**
 * Remarks on the standard itself ("this place offers a service the list lacks"), sent by
 * participants from a listing and read by coordinators, who pass them on to the standard's
 * maintainers as CSV.
 */
import { desc, eq } from 'drizzle-orm';
import { INVISIBLE_MESSAGE, invisibleCharacter } from '$lib/domain/standard/characters';
import { FIELD_BY_NAME } from '$lib/domain/standard/fields';
import type { Database } from './db';
import { listings, standardFeedback, users } from './db/schema';

export const FEEDBACK_KINDS = ['missing_value', 'unclear_label', 'cannot_fill', 'other'] as const;
export type FeedbackKind = (typeof FEEDBACK_KINDS)[number];

export const FEEDBACK_KIND_LABELS: Record<FeedbackKind, string> = {
	missing_value: 'Valeur manquante',
	unclear_label: 'Libellé peu clair',
	cannot_fill: 'Champ impossible à remplir',
	other: 'Autre'
};

export const MESSAGE_MAX = 2000;

export class FeedbackError extends Error {
	constructor(
		readonly field: 'field' | 'kind' | 'message',
		message: string
	) {
		super(message);
		this.name = 'FeedbackError';
	}
}

export interface FeedbackInput {
	listingUid: string | null;
	/** A field of the standard, or null for a remark on the standard as a whole. */
	field: string | null;
	kind: string;
	message: string;
	authorId: string;
}

/** Checks and stores one remark; throws FeedbackError with a French message naming the input. */
export async function record(db: Database, input: FeedbackInput): Promise<{ id: string }> {
	const field = input.field?.trim() || null;
	if (field && !FIELD_BY_NAME.has(field)) {
		throw new FeedbackError('field', `« ${field} » n'est pas un champ du standard.`);
	}
	if (!FEEDBACK_KINDS.includes(input.kind as FeedbackKind)) {
		throw new FeedbackError('kind', 'Choisissez le type de problème.');
	}
	const message = input.message.trim();
	if (!message) throw new FeedbackError('message', 'Décrivez le problème en quelques mots.');
	if (message.length > MESSAGE_MAX) {
		throw new FeedbackError('message', `Le message doit faire au plus ${MESSAGE_MAX} caractères.`);
	}
	if (invisibleCharacter(message, true)) {
		throw new FeedbackError('message', `Le message ${INVISIBLE_MESSAGE}`);
	}

	const [row] = await db
		.insert(standardFeedback)
		.values({
			listingUid: input.listingUid,
			field,
			kind: input.kind as FeedbackKind,
			message,
			authorId: input.authorId
		})
		.returning({ id: standardFeedback.id });
	return row;
}

export interface FeedbackRow {
	id: string;
	createdAt: Date;
	field: string | null;
	kind: FeedbackKind;
	message: string;
	listingUid: string | null;
	listingName: string | null;
	authorName: string | null;
}

/** Every remark, newest first. */
export async function list(db: Database): Promise<FeedbackRow[]> {
	return db
		.select({
			id: standardFeedback.id,
			createdAt: standardFeedback.createdAt,
			field: standardFeedback.field,
			kind: standardFeedback.kind,
			message: standardFeedback.message,
			listingUid: standardFeedback.listingUid,
			listingName: listings.nom,
			authorName: users.displayName
		})
		.from(standardFeedback)
		.leftJoin(listings, eq(listings.uid, standardFeedback.listingUid))
		.leftJoin(users, eq(users.id, standardFeedback.authorId))
		.orderBy(desc(standardFeedback.createdAt), desc(standardFeedback.id));
}

const CSV_COLUMNS = ['date', 'champ', 'libelle_champ', 'type', 'message', 'fiche_uid', 'fiche_nom'];

function cell(value: string): string {
	// Quotes a cell when needed (RFC 4180), and defuses spreadsheet formulas.
	const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
	return /[",\n\r;]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * The remarks as CSV (comma-separated, UTF-8, CRLF line ends) for the standard's maintainers.
 * The author's name is left out: the maintainers need the remark, not who made it.
 */
export function toCsv(rows: FeedbackRow[]): string {
	const lines = [CSV_COLUMNS.join(',')];
	for (const row of rows) {
		lines.push(
			[
				row.createdAt.toISOString(),
				row.field ?? '',
				row.field ? (FIELD_BY_NAME.get(row.field)?.label ?? '') : '',
				FEEDBACK_KIND_LABELS[row.kind],
				row.message,
				row.listingUid ?? '',
				row.listingName ?? ''
			]
				.map(cell)
				.join(',')
		);
	}
	return lines.join('\r\n') + '\r\n';
}
