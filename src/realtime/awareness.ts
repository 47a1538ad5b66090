/**
 * Presence from a socket is untrusted: each entry's user is overwritten with the signed-in
 * user (nobody shows up under someone else's name), the colour and focus are checked, and a
 * socket may only speak for the awareness client ids it introduced itself.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { FIELD_NAMES } from '../lib/domain/standard/fields';

export interface AwarenessEntry {
	clientId: number;
	clock: number;
	state: Record<string, unknown> | null;
}

const COLOR = /^#[0-9a-f]{6}$/i;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function decodeAwareness(update: Uint8Array): AwarenessEntry[] {
	const decoder = decoding.createDecoder(update);
	const count = decoding.readVarUint(decoder);
	const entries: AwarenessEntry[] = [];
	for (let i = 0; i < count; i++) {
		const clientId = decoding.readVarUint(decoder);
		const clock = decoding.readVarUint(decoder);
		const state = JSON.parse(decoding.readVarString(decoder)) as unknown;
		if (state !== null && (typeof state !== 'object' || Array.isArray(state))) {
			throw new Error('awareness state is not an object');
		}
		entries.push({ clientId, clock, state: state as Record<string, unknown> | null });
	}
	return entries;
}

export function encodeAwareness(entries: AwarenessEntry[]): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, entries.length);
	for (const entry of entries) {
		encoding.writeVarUint(encoder, entry.clientId);
		encoding.writeVarUint(encoder, entry.clock);
		encoding.writeVarString(encoder, JSON.stringify(entry.state));
	}
	return encoding.toUint8Array(encoder);
}

/** The state as others will see it: the user from the session, a valid colour and focus. */
export function sanitizeState(
	state: Record<string, unknown>,
	user: { id: string; displayName: string }
): Record<string, unknown> {
	const claimed = (state.user ?? {}) as Record<string, unknown>;
	const color =
		typeof claimed.color === 'string' && COLOR.test(claimed.color) ? claimed.color : null;
	// Only what the party page reads is relayed: anything else a client adds is dropped.
	const clean: Record<string, unknown> = { user: { id: user.id, name: user.displayName, color } };
	const { listingUid, field } = state;
	if (listingUid === null || (typeof listingUid === 'string' && UUID.test(listingUid))) {
		clean.listingUid = listingUid;
	}
	if (field === null || (typeof field === 'string' && FIELD_NAMES.includes(field))) {
		clean.field = field;
	}
	return clean;
}


