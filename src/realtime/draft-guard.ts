/**
 * Checks on the updates participants send, before they are stored: `draftUpdateRefusal` (what
 * may be written where), `ApplyCheck` (Yjs can apply it) and `onlyDeletes`.
 *
 * What a participant may write into a draft, checked on every update before it is applied,
 * stored or relayed. The server seeds a draft (its `meta` map and one entry per field of the
 * `fields` map, see draft-doc.ts); a browser only edits inside those entries: characters of a
 * text field, keys of an enumeration's map. So an update is refused when it would:
 * - add, replace or delete anything at the top of the document (`meta`, `fields` entries,
 *   another root type), which would let someone rewrite the draft's base or remove a field;
 * - put anything but text into a text field, or anything but a plain value under an
 *   enumeration's key (no nested types, embeds or binary);
 * - use an enumeration key longer than any value of the standard;
 * - make a field hold more than twice what the standard (or cartoparty) accepts in it, which
 *   would let one participant fill the draft up to the room's size limit.
 * The field values themselves are checked by the standard's validator when the draft is
 * submitted and again before commit; this guard keeps the draft's shape.
 *
 * Updates arrive encoded: an item states its parent only when it has no neighbour, otherwise
 * the parent is its neighbour's. Neighbours are looked up in the update itself, then in the
 * room's document. An item whose neighbour is known to neither cannot be placed; Yjs keeps
 * it pending until the neighbour arrives, and that neighbour is checked here when it does, so
 * it is let through.
 */
import * as Y from 'yjs';
import { EDITABLE_FIELDS, FIELD_BY_NAME } from '../lib/domain/standard/fields';

const MAX_KEY_LENGTH = 200;
const EDITABLE = new Set<string>(EDITABLE_FIELDS);

/** Where an item sits: at the top of the document, inside a field, or somewhere unknown. */
type Place =
	| { at: 'root'; name: string; key: string | null }
	| { at: 'field'; field: string; key: string | null }
	| { at: 'nested' }
	| { at: 'unknown' };

export function draftUpdateRefusal(doc: Y.Doc, update: Uint8Array): string | null {
	const { structs, ds } = Y.decodeUpdate(update);
	const incoming = new Map<string, Y.Item>();
	for (const struct of structs) if (struct instanceof Y.Item) incoming.set(idKey(struct.id), struct);
	const fields = doc.getMap('fields');

	const inDoc = (id: Y.ID): Y.Item | null => {
		if (id.clock >= Y.getState(doc.store, id.client)) return null;
		const struct = Y.getItem(doc.store, id) as Y.Item | Y.GC;
		return struct instanceof Y.Item ? struct : null;
	};

	/** The place of the items inside a type: the type being an item of the doc. */
	const insideDocType = (type: Y.AbstractType<unknown>, key: string | null): Place => {
		const owner = type._item;
		if (owner === null) return { at: 'root', name: rootName(doc, type), key };
		if (owner.parent === fields && owner.parentSub !== null) {
			return { at: 'field', field: owner.parentSub, key };
		}
		return { at: 'nested' };
	};

	const placeOfDocItem = (item: Y.Item): Place =>
		insideDocType(item.parent as Y.AbstractType<unknown>, item.parentSub);

	/** Follows neighbours until an item that states its parent, with a bound on the walk. */
	const placeOf = (start: Y.Item): Place => {
		let item = start;
		for (let steps = 0; steps < incoming.size + 1; steps++) {
			const parent = item.parent as unknown;
			if (typeof parent === 'string') return { at: 'root', name: parent, key: item.parentSub };
			if (parent instanceof Y.ID) {
				// Inside a type created by this very update: that type is refused on its own.
				if (incoming.has(idKey(parent))) return { at: 'nested' };
				const owner = inDoc(parent);
				if (!owner) return { at: 'unknown' };
				if (!(owner.content instanceof Y.ContentType)) return { at: 'nested' };
				return insideDocType(owner.content.type, item.parentSub);
			}
			const neighbour = item.origin ?? item.rightOrigin;
			if (!neighbour) return { at: 'unknown' };
			const next = incoming.get(idKey(neighbour));
			if (next) {
				item = next;
				continue;
			}
			const known = inDoc(neighbour);
			return known ? placeOfDocItem(known) : { at: 'unknown' };
		}
		return { at: 'unknown' };
	};

	const added = new Map<string, number>();
	for (const struct of structs) {
		if (!(struct instanceof Y.Item)) continue;
		// Already in the document: applying it again changes nothing.
		if (struct.id.clock + struct.length <= Y.getState(doc.store, struct.id.client)) continue;
		const place = placeOf(struct);
		const refusal = checkInsert(place, struct);
		if (refusal) return refusal;
		if (place.at === 'field' && !(struct.content instanceof Y.ContentDeleted)) {
			added.set(place.field, (added.get(place.field) ?? 0) + struct.length);
		}
	}
	for (const [field, length] of added) {
		const entry = fields.get(field);
		const present = entry instanceof Y.Text ? entry.length : entry instanceof Y.Map ? entry.size : 0;
		if (present + length > roomFor(field)) return `makes the field ${field} too long`;
	}

	for (const [client, ranges] of ds.clients) {
		const stored = doc.store.clients.get(client);
		if (!stored) continue;
		for (const { clock, len } of ranges) {
			const end = Math.min(clock + len, Y.getState(doc.store, client));
			if (clock >= end) continue;
			for (let i = Y.findIndexSS(stored, clock); i < stored.length; i++) {
				const struct = stored[i];
				if (struct.id.clock >= end) break;
				if (!(struct instanceof Y.Item) || struct.deleted) continue;
				const place = placeOfDocItem(struct);
				if (place.at === 'root') return `deletes the entry ${place.key} of ${place.name}`;
				if (place.at === 'nested') return 'deletes inside a nested type';
			}
		}
	}
	return null;
}

/**
 * How much a field of a draft may hold: characters of a text field, keys of an enumeration.
 * Twice what the standard (or cartoparty) accepts, so that typing over a long value before
 * trimming it is never refused; far below what could fill a room.
 */
function roomFor(field: string): number {
	const spec = FIELD_BY_NAME.get(field);
	if (!spec) return 0;
	if (spec.kind === 'enum') return 2 * Math.max(spec.values?.length ?? 0, 50);
	const perValue = spec.maxLength ?? spec.cap ?? 100;
	const values = spec.multiple ? (spec.maxValues ?? 20) : 1;
	return 2 * values * (perValue + 1);
}

function checkInsert(place: Place, item: Y.Item): string | null {
	if (place.at === 'unknown') return null;
	if (place.at === 'root') return `writes ${place.key ?? 'into'} at the top of ${place.name}`;
	if (place.at === 'nested') return 'writes inside a nested type';
	if (!EDITABLE.has(place.field)) return `writes the field ${place.field}, which is not editable`;
	const content = item.content;
	if (content instanceof Y.ContentDeleted) return null;
	const isEnum = FIELD_BY_NAME.get(place.field)?.kind === 'enum';
	if (isEnum) {
		if (place.key === null) return `writes a list into the enumeration ${place.field}`;
		if (place.key.length > MAX_KEY_LENGTH) return `writes an over-long value into ${place.field}`;
		return content instanceof Y.ContentAny ? null : `writes ${kind(content)} content into ${place.field}`;
	}
	if (place.key !== null) return `writes a key into the text field ${place.field}`;
	return content instanceof Y.ContentString ? null : `writes ${kind(content)} content into ${place.field}`;
}

function kind(content: object): string {
	return content.constructor.name.replace(/^Content/, '').toLowerCase();
}

function idKey(id: Y.ID): string {
	return `${id.client}:${id.clock}`;
}

function rootName(doc: Y.Doc, type: Y.AbstractType<unknown>): string {
	for (const [name, shared] of doc.share) if (shared === type) return name;
	return '?';
}

/**
 * Tells whether updates apply to a document without error, by applying them first to a
 * shadow copy that follows the document. Yjs can read some crafted updates that it then fails
 * to apply halfway; stored, such an update would break every later load of the room. The
 * shadow costs one more apply per update instead of a copy of the room each time; after a
 * failure it is rebuilt from the document.
 */
export class ApplyCheck {
	private shadow: Y.Doc | null = null;
	private readonly follow = (update: Uint8Array) => {
		if (this.shadow) Y.applyUpdate(this.shadow, update);
	};

	constructor(private readonly doc: Y.Doc) {}

	applies(update: Uint8Array): boolean {
		if (!this.shadow) {
			this.shadow = copyOf(this.doc);
			this.doc.on('update', this.follow);
		}
		try {
			Y.applyUpdate(this.shadow, update);
			return true;
		} catch {
			this.shadow.destroy();
			this.shadow = copyOf(this.doc);
			return false;
		}
	}

	destroy() {
		this.doc.off('update', this.follow);
		this.shadow?.destroy();
		this.shadow = null;
	}
}

function copyOf(doc: Y.Doc): Y.Doc {
	const copy = new Y.Doc({ gc: doc.gc });
	Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
	return copy;
}

/** Whether an update only deletes (inserts no content). */
export function onlyDeletes(update: Uint8Array): boolean {
	return Y.decodeUpdate(update).structs.every(
		(struct) => !(struct instanceof Y.Item) || struct.content instanceof Y.ContentDeleted
	);
}
