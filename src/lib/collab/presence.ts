/**
 * Who is where in a party: each browser's awareness state in the party room says who it is
 * and which listing and field it is on. The server replaces `user.id` and `user.name` with
 * the signed-in user's, so what others see cannot be forged.
 */
import type { Awareness } from 'y-protocols/awareness';

export interface PresenceUser {
	id: string;
	name: string;
	/** `#rrggbb`; see colorFor. */
	color: string;
}

export interface PresenceState {
	user: PresenceUser;
	listingUid?: string | null;
	field?: string | null;
}

export interface Presence {
	clientId: number;
	user: PresenceUser;
	listingUid: string | null;
	field: string | null;
	/** This browser tab. */
	self: boolean;
}

/** Colours readable on white and on the map, one per person (chosen from the user id). */
const PALETTE = [
	'#1f77b4',
	'#d62728',
	'#2ca02c',
	'#9467bd',
	'#8c564b',
	'#e377c2',
	'#7f7f7f',
	'#bcbd22',
	'#17becf',
	'#ff7f0e'
];

export function colorFor(userId: string): string {
	let hash = 0;
	for (const char of userId) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
	return PALETTE[hash % PALETTE.length];
}

export function setUser(awareness: Awareness, user: PresenceUser) {
	awareness.setLocalStateField('user', user);
}

/** Says which listing and field this tab is on (null when none). */
export function setFocus(
	awareness: Awareness,
	listingUid: string | null,
	field: string | null = null
) {
	const state = awareness.getLocalState() ?? {};
	awareness.setLocalState({ ...state, listingUid, field });
}

/** Everyone present, this tab included, ordered by name. */
export function readPresence(awareness: Awareness): Presence[] {
	const list: Presence[] = [];
	for (const [clientId, raw] of awareness.getStates()) {
		const state = raw as Partial<PresenceState>;
		if (!state.user || typeof state.user.id !== 'string') continue;
		list.push({
			clientId,
			user: {
				id: state.user.id,
				name: String(state.user.name ?? ''),
				color: state.user.color || colorFor(state.user.id)
			},
			listingUid: state.listingUid ?? null,
			field: state.field ?? null,
			self: clientId === awareness.clientID
		});
	}
	return list.sort(
		(a, b) => a.user.name.localeCompare(b.user.name, 'fr') || a.clientId - b.clientId
	);
}

/** People on a listing, other than this tab (one entry per person even with several tabs). */
export function othersOn(list: Presence[], listingUid: string): Presence[] {
	const seen = new Set<string>();
	return list.filter((p) => {
		if (p.self || p.listingUid !== listingUid || seen.has(p.user.id)) return false;
		seen.add(p.user.id);
		return true;
	});
}

export function onPresence(awareness: Awareness, listener: (list: Presence[]) => void): () => void {
	const handler = () => listener(readPresence(awareness));
	awareness.on('change', handler);
	return () => awareness.off('change', handler);
}
