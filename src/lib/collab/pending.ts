/**
 * Honest saving status: which local edits the server has stored durably. The server sends a
 * snapshot (state vector and delete set) of its stored document after every write; a local
 * edit is saved once that snapshot contains it.
 */
import { fromBase64, toBase64 } from 'lib0/buffer';
import * as Y from 'yjs';

export class PendingEdits {
	private edits: Uint8Array[] = [];
	private persisted: Y.Snapshot | null = null;
	private readonly listeners = new Set<() => void>();

	/** A local edit (an update this browser made, not one it received). */
	add(update: Uint8Array) {
		if (this.persisted && Y.snapshotContainsUpdate(this.persisted, update)) return;
		this.edits.push(update);
		this.changed();
	}

	/** The server's latest stored snapshot, encoded as it travels. */
	acknowledge(encodedSnapshot: Uint8Array) {
		const snapshot = Y.decodeSnapshot(encodedSnapshot);
		this.persisted = snapshot;
		this.edits = this.edits.filter((edit) => !Y.snapshotContainsUpdate(snapshot, edit));
		this.changed();
	}

	/** Edits the server has not confirmed yet. */
	get count(): number {
		return this.edits.length;
	}

	/** Whether a snapshot from the server has arrived yet. */
	get heard(): boolean {
		return this.persisted !== null;
	}

	/** Whether the server has stored everything in `doc` (a seen snapshot is required). */
	covers(doc: Y.Doc): boolean {
		return (
			this.persisted !== null &&
			this.edits.length === 0 &&
			Y.snapshotContainsUpdate(this.persisted, Y.encodeStateAsUpdate(doc))
		);
	}

	/** For offline storage, so that a reload still knows what is waiting. */
	serialize(): string {
		return JSON.stringify(this.edits.map((edit) => toBase64(edit)));
	}

	restore(serialized: string | undefined) {
		if (!serialized) return;
		const stored = (JSON.parse(serialized) as string[]).map((edit) => fromBase64(edit));
		this.edits = [...stored, ...this.edits];
		this.changed();
	}

	onChange(listener: () => void): () => void {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	}

	private changed() {
		for (const listener of this.listeners) listener();
	}
}
