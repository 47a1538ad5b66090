/**
 * Presence from a socket is untrusted: each entry's user is overwritten with the signed-in
 * user (nobody shows up under someone else's name), the colour and focus are checked, and a
 * socket may only speak for the awareness client ids it introduced itself.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

export interface AwarenessEntry {
	clientId: number;
	clock: number;
	state: Record<string, unknown> | null;
}

const COLOR = /^#[0-9a-f]{6}$/i;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const FIELD = /^[a-z_]{1,64}$/;

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
	const clean: Record<string, unknown> = {
		...state,
		user: { id: user.id, name: user.displayName, color }
	};
	if (!optional(clean.listingUid, UUID)) delete clean.listingUid;
	if (!optional(clean.field, FIELD)) delete clean.field;
	return clean;
}

/** Absent, null, or a string of the given shape. */
function optional(value: unknown, pattern: RegExp): boolean {
	return value === undefined || value === null || (typeof value === 'string' && pattern.test(value));
}
