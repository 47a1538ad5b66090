import { describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import { PendingEdits } from './pending';

/** A server document and a browser document, with the browser's edits recorded. */
function pair() {
	const server = new Y.Doc();
	const browser = new Y.Doc();
	const pending = new PendingEdits();
	browser.on('update', (update: Uint8Array, origin: unknown) => {
		if (origin !== 'server') pending.add(update);
	});
	const store = () => {
		Y.applyUpdate(server, Y.encodeStateAsUpdate(browser));
		pending.acknowledge(Y.encodeSnapshot(Y.snapshot(server)));
	};
	return { server, browser, pending, store };
}

describe('pending edits', () => {
	test('an edit stays pending until a snapshot from the server contains it', () => {
		const { browser, pending, store } = pair();
		browser.getText('t').insert(0, 'bonjour');
		expect(pending.count).toBe(1);
		expect(pending.covers(browser)).toBe(false);

		store();

		expect(pending.count).toBe(0);
		expect(pending.covers(browser)).toBe(true);
	});

	test('a deletion alone is pending too, though it changes no state vector', () => {
		const { browser, pending, store } = pair();
		browser.getText('t').insert(0, 'bonjour');
		store();

		browser.getText('t').delete(0, 3);
		expect(pending.count).toBe(1);
		expect(pending.covers(browser)).toBe(false);
		store();
		expect(pending.count).toBe(0);
	});

	test('a snapshot older than an edit does not confirm it', () => {
		const { server, browser, pending } = pair();
		const old = Y.encodeSnapshot(Y.snapshot(server));
		browser.getText('t').insert(0, 'x');
		pending.acknowledge(old);
		expect(pending.count).toBe(1);
	});

	test('what was pending survives serialisation (a reload offline)', () => {
		const { browser, pending, server } = pair();
		browser.getText('t').insert(0, 'a');
		browser.getText('t').insert(1, 'b');
		const restored = new PendingEdits();
		restored.restore(pending.serialize());
		expect(restored.count).toBe(2);

		Y.applyUpdate(server, Y.encodeStateAsUpdate(browser));
		restored.acknowledge(Y.encodeSnapshot(Y.snapshot(server)));
		expect(restored.count).toBe(0);
	});
});
