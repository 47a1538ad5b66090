import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { applyText, bindText, diffText, mapPosition } from './bind-text';

/** Two documents that pass every update to each other, as two browsers through the server. */
function pair(initial: string) {
	const a = new Y.Doc();
	const b = new Y.Doc();
	a.getText('t').insert(0, initial);
	Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
	const held: { to: Y.Doc; update: Uint8Array }[] = [];
	let live = true;
	a.on('update', (u: Uint8Array, origin: unknown) => {
		if (origin !== 'remote') held.push({ to: b, update: u });
	});
	b.on('update', (u: Uint8Array, origin: unknown) => {
		if (origin !== 'remote') held.push({ to: a, update: u });
	});
	const flush = () => {
		while (held.length) {
			const { to, update } = held.shift()!;
			Y.applyUpdate(to, update, 'remote');
		}
	};
	return {
		a,
		b,
		ta: a.getText('t'),
		tb: b.getText('t'),
		flush,
		/** Delivers each update as soon as it is made. */
		connect() {
			live = true;
			a.on('afterTransaction', () => live && flush());
			b.on('afterTransaction', () => live && flush());
		}
	};
}

/** Types `word` one key at a time at `at`, as an input's value changes on each keystroke. */
function type(ytext: Y.Text, at: number, word: string) {
	for (let i = 0; i < word.length; i++) {
		const now = ytext.toString();
		const caret = at + i + 1;
		applyText(ytext, now.slice(0, at + i) + word[i] + now.slice(at + i), null, caret);
	}
}

describe('diffText', () => {
	it('turns one typed character into a one-character insertion', () => {
		expect(diffText('Mairie', 'Mairie!')).toEqual({ index: 6, remove: 0, insert: '!' });
	});

	it('uses the caret to place a character typed next to an identical one', () => {
		expect(diffText('aa', 'aaa', 1)).toEqual({ index: 0, remove: 0, insert: 'a' });
		expect(diffText('aa', 'aaa')).toEqual({ index: 2, remove: 0, insert: 'a' });
	});

	it('turns a replaced selection into one deletion and one insertion', () => {
		expect(diffText('Rue de la Gare', 'Rue du Port')).toEqual({
			index: 5,
			remove: 9,
			insert: 'u Port'
		});
	});

	it('says nothing when the value did not change', () => {
		expect(diffText('x', 'x')).toBeNull();
	});
});

describe('applyText between two documents', () => {
	it('keeps both people’s keystrokes when they type in the same field at once', () => {
		const p = pair('Espace numérique');
		type(p.ta, 0, 'Grand ');
		type(p.tb, 16, ' de Riom');
		p.flush();

		expect(p.ta.toString()).toBe('Grand Espace numérique de Riom');
		expect(p.tb.toString()).toBe('Grand Espace numérique de Riom');
	});

	it('converges when keystrokes interleave one by one and cross on the wire', () => {
		const p = pair(' / ');
		const first = 'Médiathèque';
		const second = 'Tiers-lieu';
		for (let i = 0; i < Math.max(first.length, second.length); i++) {
			if (i < first.length) type(p.ta, p.ta.length, first[i]);
			if (i < second.length) type(p.tb, p.tb.toString().indexOf(' / '), second[i]);
			if (i % 3 === 2) p.flush();
		}
		p.flush();

		expect(p.ta.toString()).toBe(p.tb.toString());
		expect(p.ta.toString()).toBe('Tiers-lieu / Médiathèque');
	});

	it('sends a deletion as a deletion, so a concurrent insertion survives it', () => {
		const p = pair('Lundi 9h-12h, mardi');
		applyText(p.ta, 'Lundi 9h-12h', null, 12);
		type(p.tb, 5, ' matin');
		p.flush();

		expect(p.ta.toString()).toBe('Lundi matin 9h-12h');
		expect(p.tb.toString()).toBe('Lundi matin 9h-12h');
	});
});

describe('mapPosition', () => {
	function remoteDelta(initial: string, edit: (t: Y.Text) => void) {
		const p = pair(initial);
		let delta: unknown[] = [];
		p.tb.observe((event) => (delta = event.delta));
		edit(p.ta);
		p.flush();
		return delta as Parameters<typeof mapPosition>[0];
	}

	it('moves the caret right by what others insert before it', () => {
		const delta = remoteDelta('rue Pasteur', (t) => t.insert(0, '12 '));
		expect(mapPosition(delta, 4)).toBe(7);
	});

	it('leaves the caret alone when others type after it', () => {
		const delta = remoteDelta('rue Pasteur', (t) => t.insert(11, ', bâtiment B'));
		expect(mapPosition(delta, 4)).toBe(4);
	});

	it('moves the caret left by what others delete before it, and to the cut inside it', () => {
		const delta = remoteDelta('12 bis rue Pasteur', (t) => t.delete(3, 4));
		expect(mapPosition(delta, 10)).toBe(6);
		expect(mapPosition(delta, 5)).toBe(3);
	});

	it('keeps the caret after text others insert exactly where it is', () => {
		const delta = remoteDelta('abc', (t) => t.insert(3, 'x'));
		expect(mapPosition(delta, 3)).toBe(4);
	});
});

/** The parts of a text input that bindText uses; no DOM runs in unit tests. */
class FakeInput {
	value = '';
	selectionStart = 0;
	selectionEnd = 0;
	private listener: (() => void) | null = null;
	ownerDocument = { activeElement: this as unknown };
	addEventListener(_: string, listener: () => void) {
		this.listener = listener;
	}
	removeEventListener() {
		this.listener = null;
	}
	setSelectionRange(start: number, end: number) {
		this.selectionStart = start;
		this.selectionEnd = end;
	}
	/** A keystroke: the browser changes the value and the caret, then fires `input`. */
	key(char: string) {
		const at = this.selectionStart;
		this.value = this.value.slice(0, at) + char + this.value.slice(this.selectionEnd);
		this.setSelectionRange(at + char.length, at + char.length);
		this.listener?.();
	}
}

describe('bindText', () => {
	it('shows remote keystrokes in the input, the local caret after the same character', () => {
		const p = pair('Maison France Services');
		const inputA = new FakeInput();
		const inputB = new FakeInput();
		const stopA = bindText(inputA as unknown as HTMLInputElement, p.ta);
		const stopB = bindText(inputB as unknown as HTMLInputElement, p.tb);
		p.connect();

		inputB.setSelectionRange(6, 6); // after "Maison"
		inputA.setSelectionRange(0, 0);
		for (const char of 'La ') inputA.key(char);
		inputB.key('s');

		expect(inputA.value).toBe('La Maisons France Services');
		expect(inputB.value).toBe('La Maisons France Services');
		expect(p.tb.toString()).toBe('La Maisons France Services');
		expect(inputB.selectionStart).toBe(10);
		expect(inputA.selectionStart).toBe(3);
		stopA();
		stopB();
	});
});
