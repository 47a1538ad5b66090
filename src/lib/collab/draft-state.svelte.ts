/**
 * A room connection as rune state for components: `status`, `pending` and `presence` update
 * by themselves. Create it in the browser only (onMount or an effect), destroy it on leave.
 */
import { connectRoom, type ConnectOptions, type RoomConnection, type RoomStatus } from './connect';
import { onPresence, readPresence, setFocus, type Presence } from './presence';

export class DraftState {
	readonly connection: RoomConnection;
	status = $state<RoomStatus>() as RoomStatus;
	presence = $state<Presence[]>([]);
	private readonly stops: (() => void)[] = [];

	constructor(options: ConnectOptions) {
		this.connection = connectRoom(options);
		this.status = this.connection.status();
		this.presence = readPresence(this.connection.awareness);
		this.stops.push(
			this.connection.onStatus((status) => (this.status = status)),
			onPresence(this.connection.awareness, (list) => (this.presence = list))
		);
	}

	get doc() {
		return this.connection.doc;
	}

	get pending(): number {
		return this.status.pending;
	}

	/** Editing is possible: not read-only, not refused. */
	get editable(): boolean {
		return this.status.phase !== 'read-only' && this.status.phase !== 'refused';
	}

	setFocus(listingUid: string | null, field: string | null = null) {
		setFocus(this.connection.awareness, listingUid, field);
	}

	undo() {
		this.connection.undo.undo();
	}

	redo() {
		this.connection.undo.redo();
	}

	destroy() {
		for (const stop of this.stops) stop();
		this.connection.destroy();
	}
}
