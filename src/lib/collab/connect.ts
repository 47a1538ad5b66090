/**
 * The browser's side of a collaboration room: a Yjs document kept in sync over the
 * y-websocket protocol, optionally kept in IndexedDB so that a reload offline keeps the edits,
 * and an honest status: "synchronisé" only once the server has stored every local edit.
 *
 * Framework-free: draft-state.svelte.ts wraps it for components.
 */
import { fromBase64 } from 'lib0/buffer';
import * as decoding from 'lib0/decoding';
import { IndexeddbPersistence } from 'y-indexeddb';
import type { Awareness } from 'y-protocols/awareness';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { count } from '../i18n/plural';
import { fieldsMap } from './draft-doc';
import { PendingEdits } from './pending';
import { setUser, type PresenceUser } from './presence';
import {
	CLOSE,
	MESSAGE_ACCESS,
	MESSAGE_PERSISTED,
	closeMessage,
	isFinalClose
} from './protocol';

export type Phase = 'connecting' | 'offline' | 'saving' | 'synced' | 'read-only' | 'refused';

export interface RoomStatus {
	phase: Phase;
	/** French, ready to show: "synchronisé", "hors ligne — 2 modifications en attente"… */
	label: string;
	/** Local edits the server has not confirmed storing. */
	pending: number;
	/** Why the server closed or limited the connection, in French; null when all is well. */
	message: string | null;
	/** The last close code received from the server, if any. */
	code: number | null;
}

export interface ConnectOptions {
	/** A room name from draft-doc's roomName. */
	room: string;
	user: PresenceUser;
	/** Keep the document in IndexedDB (drafts), so that edits survive a reload offline. */
	offline: boolean;
	/** ws(s)://host/yjs; defaults to the page's own host. */
	url?: string;
	/** For Node (tests): `ws`'s WebSocket class. */
	WebSocketPolyfill?: typeof WebSocket;
	/** Off by default (see connectRoom); pass false to sync tabs of one browser directly. */
	disableBc?: boolean;
}

export interface RoomConnection {
	readonly room: string;
	readonly doc: Y.Doc;
	readonly provider: WebsocketProvider;
	readonly awareness: Awareness;
	/** Undoes and redoes only this tab's edits. */
	readonly undo: Y.UndoManager;
	status(): RoomStatus;
	onStatus(listener: (status: RoomStatus) => void): () => void;
	/** Resolves once the server has stored everything this tab knows. */
	whenSaved(): Promise<void>;
	/** Removes the offline copy, only after the server has stored everything in it. */
	clearLocal(): Promise<void>;
	destroy(): void;
}

/** Transactions made by this tab's editing code may carry this origin (or none). */
export const LOCAL_ORIGIN = Symbol('local edit');

export function defaultUrl(): string {
	const { protocol, host } = window.location;
	return `${protocol === 'https:' ? 'wss' : 'ws'}://${host}/yjs`;
}

/** An undo manager over the draft's fields that only tracks this tab's own transactions. */
export function localUndoManager(doc: Y.Doc): Y.UndoManager {
	return new Y.UndoManager(fieldsMap(doc), { trackedOrigins: new Set([null, LOCAL_ORIGIN]) });
}

function plural(n: number): string {
	return `${count(n, 'modification', 'modifications')} en attente`;
}

export function connectRoom(options: ConnectOptions): RoomConnection {
	const doc = new Y.Doc();
	const pending = new PendingEdits();
	const listeners = new Set<(status: RoomStatus) => void>();
	const local = options.offline ? new IndexeddbPersistence(options.room, doc) : null;
	const provider = new WebsocketProvider(options.url ?? defaultUrl(), options.room, doc, {
		connect: false,
		// Tabs sync through the server only: an edit passed between tabs directly would look
		// stored in the receiving tab before the server had it.
		disableBc: options.disableBc ?? true,
		...(options.WebSocketPolyfill ? { WebSocketPolyfill: options.WebSocketPolyfill } : {}),
		shouldReconnect: (event) => !isFinalClose(event.code)
	});
	const undo = localUndoManager(doc);
	let readOnly = false;
	let everConnected = false;
	let code: number | null = null;
	let refused = false;
	let current = compute();

	provider.messageHandlers[MESSAGE_PERSISTED] = (_encoder, decoder) => {
		pending.acknowledge(decoding.readVarUint8Array(decoder));
	};
	provider.messageHandlers[MESSAGE_ACCESS] = (_encoder, decoder) => {
		readOnly = decoding.readVarUint(decoder) === 1;
		if (readOnly) code = CLOSE.partyClosed;
		else if (code === CLOSE.partyClosed) code = null;
		refresh();
	};

	doc.on('update', (change: Uint8Array, origin: unknown) => {
		// What the server sends is already stored there (it stores before it relays).
		if (origin === provider) return;
		// What IndexedDB restores may not be: the next snapshot from the server tells.
		if (local && origin === local) return refresh();
		pending.add(change);
	});
	pending.onChange(() => {
		refresh();
		// Best effort: without it a reload offline shows no count, and loses no edit.
		local?.set('pending', pending.serialize()).catch(() => {});
	});

	provider.on('status', ({ status }) => {
		if (status === 'connected') {
			everConnected = true;
			if (!readOnly && code !== CLOSE.partyClosed) code = null;
		}
		refresh();
	});
	provider.on('sync', () => refresh());
	provider.on('connection-close', (event) => {
		if (event) {
			code = event.code;
			refused = isFinalClose(event.code);
		}
		// The next connection tells again whether the room is read-only.
		readOnly = false;
		refresh();
	});

	// A socket can outlive the network for a while (until the ping times out): when the browser
	// says it is offline, stop at once so the status tells the truth, and come back when it is
	// online again.
	const browser = typeof window === 'undefined' ? null : window;

	// IndexedDB writes are asynchronous and a reload can cut the last ones short. When the page
	// goes away with edits the server has not stored, they are also written, synchronously, to
	// localStorage, and replayed (idempotent Yjs updates) when the room opens again.
	const backupKey = `cartoparty-pending:${options.room}`;
	const backup = () => {
		if (!local || pending.count === 0) return;
		try {
			browser?.localStorage.setItem(backupKey, pending.serialize());
		} catch {
			// Storage full or disabled: IndexedDB still has all but the last instants.
		}
	};
	const restoreBackup = () => {
		const saved = local ? browser?.localStorage.getItem(backupKey) : null;
		if (!saved) return;
		const edits = (JSON.parse(saved) as string[]).map((edit) => fromBase64(edit));
		doc.transact(() => {
			for (const edit of edits) Y.applyUpdate(doc, edit, backupKey);
		}, backupKey);
	};
	browser?.addEventListener('pagehide', backup);
	const goOffline = () => provider.disconnect();
	const goOnline = () => {
		if (!refused) provider.connect();
	};
	browser?.addEventListener('offline', goOffline);
	browser?.addEventListener('online', goOnline);

	setUser(provider.awareness, options.user);
	if (local) {
		void local.whenSynced
			.then(async () => {
				pending.restore((await local.get('pending')) as string | undefined);
				restoreBackup();
			})
			.finally(() => provider.connect());
	} else {
		provider.connect();
	}

	function compute(): RoomStatus {
		const count = pending.count;
		const message = code === null ? null : closeMessage(code);
		const status = (phase: Phase, label: string): RoomStatus => ({
			phase,
			label,
			pending: count,
			message,
			code
		});
		if (refused) return status('refused', message ?? 'connexion refusée');
		if (readOnly) return status('read-only', 'lecture seule');
		if (!provider.wsconnected) {
			if (!everConnected && count === 0) return status('connecting', 'connexion…');
			return status('offline', count > 0 ? `hors ligne — ${plural(count)}` : 'hors ligne');
		}
		// Not before this tab has received the server's document, and heard what is stored.
		if (!provider.synced || !pending.heard) return status('connecting', 'connexion…');
		if (pending.covers(doc)) return status('synced', 'synchronisé');
		return status('saving', count > 0 ? `enregistrement — ${plural(count)}` : 'enregistrement…');
	}

	function refresh() {
		const next = compute();
		if (next.phase === 'synced') browser?.localStorage.removeItem(backupKey);
		const same =
			next.phase === current.phase &&
			next.label === current.label &&
			next.message === current.message &&
			next.pending === current.pending;
		current = next;
		if (same) return;
		for (const listener of listeners) listener(next);
	}

	const whenSaved = () =>
		new Promise<void>((resolve) => {
			if (current.phase === 'synced') return resolve();
			const stop = onStatus((status) => {
				if (status.phase !== 'synced') return;
				stop();
				resolve();
			});
		});

	function onStatus(listener: (status: RoomStatus) => void) {
		listeners.add(listener);
		return () => listeners.delete(listener);
	}

	return {
		room: options.room,
		doc,
		provider,
		awareness: provider.awareness,
		undo,
		status: () => current,
		onStatus,
		whenSaved,
		async clearLocal() {
			if (!local) return;
			await whenSaved();
			await local.clearData();
		},
		destroy() {
			browser?.removeEventListener('offline', goOffline);
			browser?.removeEventListener('online', goOnline);
			browser?.removeEventListener('pagehide', backup);
			backup();
			listeners.clear();
			undo.destroy();
			provider.destroy();
			void local?.destroy();
			doc.destroy();
		}
	};
}
