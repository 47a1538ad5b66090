/**
 * The shape of a listing draft as a Yjs document, shared by the browser, the websocket server
 * and the review code. Framework-free: no Svelte, no Leaflet, no database.
 *
 * Layout:
 * - `meta` (Y.Map): `listingUid`, `baseVersion` (listing version the draft was seeded from) and
 *   `base` (the listing's fields at that version, as plain JSON).
 * - `fields` (Y.Map): one entry per editable field. Single values, numbers and free lists are a
 *   Y.Text, so that two people typing in one field merge character by character (a free list
 *   holds one value per line). Enumerations are a Y.Map of `value → true`, so that two people
 *   ticking different boxes both keep their tick.
 *
 * A draft is seeded once, on the server, from the database; never by a browser. Seeding uses a
 * fixed client id so that two processes seeding the same room at once write identical items,
 * which Yjs merges into one.
 */
import * as Y from 'yjs';
import {
	EDITABLE_FIELDS,
	FIELD_BY_NAME,
	type FieldValue,
	type ListingFields
} from '../domain/standard/fields';

export type EditableField = (typeof EDITABLE_FIELDS)[number];
export const SEED_CLIENT_ID = 1;

export const roomName = {
	party: (partyId: string) => `party.${partyId}`,
	draft: (partyId: string, listingUid: string) => `draft.${partyId}.${listingUid}`
};

/** Parses a room name; null when it is not one of ours. */
export function parseRoom(
	name: string
): { kind: 'party'; partyId: string } | { kind: 'draft'; partyId: string; listingUid: string } | null {
	const uuid = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
	let m = new RegExp(`^party\\.(${uuid})$`).exec(name);
	if (m) return { kind: 'party', partyId: m[1] };
	m = new RegExp(`^draft\\.(${uuid})\\.(${uuid})$`).exec(name);
	if (m) return { kind: 'draft', partyId: m[1], listingUid: m[2] };
	return null;
}

export function isEnumField(name: string): boolean {
	return FIELD_BY_NAME.get(name)?.kind === 'enum';
}

/** The text a field shows in its input, from its stored value. */
export function valueToText(name: string, value: FieldValue): string {
	if (value === null || value === undefined) return '';
	if (Array.isArray(value)) return value.join('\n');
	return String(value);
}

/** The stored value of a field from the text of its input (no normalisation: see the validator). */
export function textToValue(name: string, text: string): FieldValue {
	const spec = FIELD_BY_NAME.get(name);
	if (spec?.multiple) {
		return text
			.split(/\n/)
			.map((v) => v.trim())
			.filter(Boolean);
	}
	const trimmed = text.trim();
	if (trimmed === '') return null;
	if (spec?.kind === 'number') {
		const n = Number(trimmed.replace(',', '.'));
		return Number.isFinite(n) ? n : trimmed;
	}
	return trimmed;
}

export function fieldsMap(doc: Y.Doc): Y.Map<Y.Text | Y.Map<boolean>> {
	return doc.getMap('fields');
}

export function metaMap(doc: Y.Doc): Y.Map<unknown> {
	return doc.getMap('meta');
}

export function isSeeded(doc: Y.Doc): boolean {
	return metaMap(doc).has('baseVersion');
}

/** Writes a listing into an empty draft. Call on a doc whose clientID is SEED_CLIENT_ID. */
export function seedDraft(doc: Y.Doc, listingUid: string, version: number, listing: ListingFields) {
	doc.transact(() => {
		const meta = metaMap(doc);
		meta.set('listingUid', listingUid);
		meta.set('baseVersion', version);
		meta.set('base', JSON.parse(JSON.stringify(listing)));
		const fields = fieldsMap(doc);
		for (const name of EDITABLE_FIELDS) {
			const value = listing[name] as FieldValue;
			if (isEnumField(name)) {
				const set = new Y.Map<boolean>();
				for (const v of (value as string[]) ?? []) set.set(v, true);
				fields.set(name, set);
			} else {
				fields.set(name, new Y.Text(valueToText(name, value)));
			}
		}
	});
}

/** A seeded document with the given listing, as the server creates it. */
export function seededUpdate(listingUid: string, version: number, listing: ListingFields): Uint8Array {
	const doc = new Y.Doc();
	doc.clientID = SEED_CLIENT_ID;
	seedDraft(doc, listingUid, version, listing);
	const update = Y.encodeStateAsUpdate(doc);
	doc.destroy();
	return update;
}

export function fieldText(doc: Y.Doc, name: string): Y.Text | undefined {
	const v = fieldsMap(doc).get(name);
	return v instanceof Y.Text ? v : undefined;
}

export function enumSet(doc: Y.Doc, name: string): Y.Map<boolean> | undefined {
	const v = fieldsMap(doc).get(name);
	return v instanceof Y.Map ? v : undefined;
}

/** Replaces a whole text field in one transaction (for selects and programmatic fixes). */
export function setText(doc: Y.Doc, name: string, text: string) {
	const t = fieldText(doc, name);
	if (!t || t.toString() === text) return;
	doc.transact(() => {
		t.delete(0, t.length);
		t.insert(0, text);
	});
}

/**
 * Gives a field a value in one transaction, through the same shared types people type and
 * tick in (so everyone in the room sees it and undo takes it back in one step). Only what
 * differs is written.
 */
export function setValue(doc: Y.Doc, name: string, value: FieldValue, origin: unknown = null) {
	const set = enumSet(doc, name);
	const text = fieldText(doc, name);
	doc.transact(() => {
		if (set) {
			const wanted = new Set(Array.isArray(value) ? value : []);
			for (const key of [...set.keys()]) if (!wanted.has(key)) set.delete(key);
			for (const key of wanted) if (set.get(key) !== true) set.set(key, true);
		} else if (text && text.toString() !== valueToText(name, value)) {
			text.delete(0, text.length);
			text.insert(0, valueToText(name, value));
		}
	}, origin);
}

export function toggleEnum(doc: Y.Doc, name: string, value: string, on: boolean) {
	const set = enumSet(doc, name);
	if (!set) return;
	if (on) set.set(value, true);
	else set.delete(value);
}

export interface DraftSnapshot {
	listingUid: string;
	baseVersion: number;
	base: ListingFields;
	values: Record<EditableField, FieldValue>;
}

/** Reads a draft as plain values, in the standard's enum order. Null when not seeded. */
export function readDraft(doc: Y.Doc): DraftSnapshot | null {
	if (!isSeeded(doc)) return null;
	const meta = metaMap(doc);
	// Any member can write to a shared document: a draft whose metadata is not what the server
	// seeded is unreadable rather than trusted.
	const baseVersion = meta.get('baseVersion');
	const base = meta.get('base');
	if (!Number.isInteger(baseVersion) || (baseVersion as number) < 1) return null;
	if (typeof base !== 'object' || base === null || Array.isArray(base)) return null;
	const values = {} as Record<EditableField, FieldValue>;
	for (const name of EDITABLE_FIELDS) {
		const entry = fieldsMap(doc).get(name);
		if (entry instanceof Y.Map) {
			const chosen = [...entry.keys()].filter((k) => entry.get(k) === true);
			const order = FIELD_BY_NAME.get(name)?.values ?? [];
			chosen.sort((a, b) => rank(order, a) - rank(order, b) || a.localeCompare(b));
			values[name] = chosen;
		} else if (entry instanceof Y.Text) {
			values[name] = textToValue(name, entry.toString());
		} else {
			values[name] = null;
		}
	}
	return {
		listingUid: String(meta.get('listingUid')),
		baseVersion: Number(meta.get('baseVersion')),
		base: meta.get('base') as ListingFields,
		values
	};
}

function rank(order: readonly string[], value: string): number {
	const i = order.indexOf(value);
	return i === -1 ? order.length : i;
}

export function sameValue(a: FieldValue | undefined, b: FieldValue | undefined): boolean {
	const norm = (v: FieldValue | undefined) => {
		if (v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) return null;
		return Array.isArray(v) ? [...v].sort() : v;
	};
	return JSON.stringify(norm(a)) === JSON.stringify(norm(b));
}

/** Fields whose draft value differs from the value the draft began with. */
export function draftChanges(
	snapshot: DraftSnapshot
): { field: EditableField; base: FieldValue; proposed: FieldValue }[] {
	return EDITABLE_FIELDS.filter(
		(name) => !sameValue(snapshot.base[name] as FieldValue, snapshot.values[name])
	).map((name) => ({
		field: name,
		base: (snapshot.base[name] ?? null) as FieldValue,
		proposed: snapshot.values[name]
	}));
}

export type DraftChange = ReturnType<typeof draftChanges>[number];

/**
 * What sending the draft proposes: the fields edited in the draft whose value is not already
 * the published one. A draft is never reset after a commit, so a value published from it stays
 * in it; it is not proposed again. The server records exactly these fields
 * (review/submit.ts), and the editor's summary lists them, with the published value as
 * « avant ».
 */
export function unpublishedChanges(
	snapshot: DraftSnapshot,
	published: ListingFields
): DraftChange[] {
	return draftChanges(snapshot).filter(
		(c) => !sameValue(c.proposed, published[c.field] as FieldValue)
	);
}
