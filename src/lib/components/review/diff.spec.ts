import { describe, expect, test } from 'vitest';
import { diffLists, diffWords } from './diff';

describe('diffWords', () => {
	test('keeps the common words and marks the replaced one', () => {
		expect(diffWords('180 Place Aristide Briand', '180 place Aristide Briand')).toEqual([
			{ kind: 'same', text: '180 ' },
			{ kind: 'removed', text: 'Place' },
			{ kind: 'added', text: 'place' },
			{ kind: 'same', text: ' Aristide Briand' }
		]);
	});

	test('shows a text written from nothing as added, and an emptied one as removed', () => {
		expect(diffWords('', 'Mo-Fr 09:00-12:00')).toEqual([
			{ kind: 'added', text: 'Mo-Fr 09:00-12:00' }
		]);
		expect(diffWords('Mo-Fr 09:00-12:00', '')).toEqual([
			{ kind: 'removed', text: 'Mo-Fr 09:00-12:00' }
		]);
	});

	test('identical texts are one unchanged part', () => {
		expect(diffWords('Point Information Jeunesse', 'Point Information Jeunesse')).toEqual([
			{ kind: 'same', text: 'Point Information Jeunesse' }
		]);
	});

	test('a very long text is shown as a swap instead of a word table', () => {
		const before = 'mot '.repeat(600);
		const after = 'autre '.repeat(600);
		expect(diffWords(before, after)).toEqual([
			{ kind: 'removed', text: before },
			{ kind: 'added', text: after }
		]);
	});
});

describe('diffLists', () => {
	test('names the items added and removed, whatever the order', () => {
		expect(diffLists(['Gratuit', 'Payant'], ['Payant', 'Gratuit sous condition'])).toEqual({
			added: ['Gratuit sous condition'],
			removed: ['Gratuit']
		});
	});
});
