/**
 * Batches incoming updates: everything received during one turn of the event loop is written
 * in one INSERT (one row per room), and only then handed on to be applied and relayed.
 * Writes run one at a time, so `flush()` means "everything received so far is stored".
 */
import * as Y from 'yjs';
import type { Database } from '../lib/server/db';
import { appendUpdates } from './store';

export interface Pending {
	room: string;
	update: Uint8Array;
}

export class Writer<T extends Pending> {
	private queue: T[] = [];
	private scheduled = false;
	private running: Promise<void> | null = null;

	constructor(
		private readonly db: Database,
		/** Called with the batch once it is stored, in the order the updates came. */
		private readonly written: (batch: T[]) => void,
		/** Called with the batch when storing failed: none of it may be relayed. */
		private readonly failed: (batch: T[], error: unknown) => void
	) {}

	push(item: T) {
		this.queue.push(item);
		if (this.scheduled) return;
		this.scheduled = true;
		setImmediate(() => {
			this.scheduled = false;
			void this.drain();
		});
	}

	get idle(): boolean {
		return this.queue.length === 0 && this.running === null;
	}

	/** Resolves when everything pushed before the call is stored (or reported failed). */
	async flush(): Promise<void> {
		while (!this.idle) await this.drain();
	}

	private drain(): Promise<void> {
		this.running ??= (async () => {
			try {
				while (this.queue.length > 0) await this.write(this.queue.splice(0));
			} finally {
				this.running = null;
			}
		})();
		return this.running;
	}

	private async write(batch: T[]) {
		const byRoom = new Map<string, Uint8Array[]>();
		for (const item of batch) {
			const list = byRoom.get(item.room) ?? [];
			list.push(item.update);
			byRoom.set(item.room, list);
		}
		const rows = [...byRoom].map(([room, updates]) => ({
			room,
			update: updates.length === 1 ? updates[0] : Y.mergeUpdates(updates)
		}));
		try {
			await appendUpdates(this.db, rows);
		} catch (error) {
			this.failed(batch, error);
			return;
		}
		this.written(batch);
	}
}
