/**
 * The server's checks on keystrokes in a draft (where each writes, and that it applies, tried
 * on a shadow of the room), against the floor, the room applying the keystroke (which it does
 * anyway), and against the simple way, trying it on a fresh copy of the room each time. The
 * draft holds a real listing typed over for a while; every iteration takes the next keystroke,
 * so that no task is flattered by applying the same update twice.
 */
import { bench, describe } from 'vitest';
import * as Y from 'yjs';
import { fieldText, seededUpdate } from '../../src/lib/collab/draft-doc';
import { readRecord } from '../../src/lib/domain/standard/read-record';
import type { ListingFields } from '../../src/lib/domain/standard/fields';
import * as geo from '../../src/lib/server/territory';
import sample from '../../src/lib/server/seed/hinaura-puy-de-dome-2023.json';
import { ApplyCheck, draftUpdateRefusal } from '../../src/realtime/draft-guard';

const KEYSTROKES = 6000;
const listing = readRecord(sample[0] as Record<string, unknown>, { geo, today: '2025-06-01' })
	.fields as ListingFields;
const seed = seededUpdate('00000000-0000-4000-8000-000000000001', 1, listing);

const browser = new Y.Doc();
Y.applyUpdate(browser, seed);
const history: Uint8Array[] = [];
const keystrokes: Uint8Array[] = [];
for (let i = 0; i < 300 + KEYSTROKES; i++) {
	const before = Y.encodeStateVector(browser);
	const text = fieldText(browser, ['nom', 'adresse', 'presentation_resume'][i % 3])!;
	if (i % 4 === 3) text.delete(text.length - 1, 1);
	else text.insert(text.length, 'a');
	(i < 300 ? history : keystrokes).push(Y.encodeStateAsUpdate(browser, before));
}

/** A room at the end of the history, and the index of the next keystroke it has not seen. */
function room() {
	const doc = new Y.Doc();
	Y.applyUpdate(doc, seed);
	for (const update of history) Y.applyUpdate(doc, update);
	return { doc, next: 0 };
}
const size = Y.encodeStateAsUpdate(room().doc).byteLength;

const CHEAP = { time: 0, iterations: KEYSTROKES, warmupTime: 0, warmupIterations: 0 };
const COSTLY = { time: 0, iterations: 500, warmupTime: 0, warmupIterations: 0 };

describe(`check one keystroke on a draft of ${size} bytes`, () => {
	const floor = room();
	bench('baseline: the room applies it (Y.applyUpdate)', () => {
		Y.applyUpdate(floor.doc, keystrokes[floor.next++ % KEYSTROKES]);
	}, CHEAP);

	const guarded = room();
	bench('cartoparty: where it writes (draftUpdateRefusal), then the room applies it', () => {
		const update = keystrokes[guarded.next++ % KEYSTROKES];
		draftUpdateRefusal(guarded.doc, update);
		Y.applyUpdate(guarded.doc, update);
	}, CHEAP);

	const shadowed = room();
	const check = new ApplyCheck(shadowed.doc);
	bench('cartoparty: tried on the shadow (ApplyCheck), then the room applies it', () => {
		const update = keystrokes[shadowed.next++ % KEYSTROKES];
		check.applies(update);
		Y.applyUpdate(shadowed.doc, update);
	}, CHEAP);

	const copied = room();
	bench('alternative: tried on a fresh copy of the room, then the room applies it', () => {
		const update = keystrokes[copied.next++ % KEYSTROKES];
		const copy = new Y.Doc();
		Y.applyUpdate(copy, Y.encodeStateAsUpdate(copied.doc));
		Y.applyUpdate(copy, update);
		copy.destroy();
		Y.applyUpdate(copied.doc, update);
	}, COSTLY);
});
