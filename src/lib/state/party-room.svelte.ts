/**
 * The party page's shared state: who is in the party and where, from the party room's
 * awareness. Create in the browser only (onMount), destroy on leave.
 */
import { DraftState } from '$lib/collab/draft-state.svelte';
import { colorFor, othersOn, type Presence, type PresenceUser } from '$lib/collab/presence';
import { roomName } from '$lib/collab/draft-doc';

export class PartyRoom {
	private readonly state: DraftState;

	constructor(partyId: string, user: { id: string; name: string }) {
		this.state = new DraftState({
			room: roomName.party(partyId),
			user: { ...user, color: colorFor(user.id) },
			offline: false
		});
	}

	/** Everyone present, one entry per person (several tabs count once), this person included. */
	get people(): PresenceUser[] {
		const seen = new Map<string, PresenceUser>();
		for (const p of this.state.presence) if (!seen.has(p.user.id)) seen.set(p.user.id, p.user);
		return [...seen.values()];
	}

	get presence(): Presence[] {
		return this.state.presence;
	}

	/** Other people on a listing. */
	on(listingUid: string): Presence[] {
		return othersOn(this.state.presence, listingUid);
	}

	/** Other people on each listing that has someone on it, one entry per person. */
	byListing(): Record<string, PresenceUser[]> {
		const result: Record<string, PresenceUser[]> = {};
		for (const p of this.state.presence) {
			if (p.self || !p.listingUid) continue;
			const here = (result[p.listingUid] ??= []);
			if (!here.some((user) => user.id === p.user.id)) here.push(p.user);
		}
		return result;
	}

	/** Other people editing one field of a listing. */
	editing(listingUid: string, field: string): Presence[] {
		return this.on(listingUid).filter((p) => p.field === field);
	}

	focus(listingUid: string | null, field: string | null = null) {
		this.state.setFocus(listingUid, field);
	}

	destroy() {
		this.state.destroy();
	}
}
