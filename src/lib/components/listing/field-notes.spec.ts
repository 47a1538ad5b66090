import { describe, expect, test } from 'vitest';
import { fieldNote } from './field-notes';

const PUBLISHED = 'Médiathèque de Jaude';
const refusal = { proposed: 'Médiathèque Jaude', reason: 'Le nom officiel garde « de ».' };

describe('the note beside a field of the draft', () => {
	test('a refused value still in the draft comes with the reason and the published value', () => {
		expect(fieldNote('Médiathèque Jaude', PUBLISHED, PUBLISHED, refusal)).toEqual({
			kind: 'refused',
			published: PUBLISHED,
			reason: refusal.reason
		});
	});

	test('no note over the published value, or over a value other than the refused one', () => {
		expect(fieldNote(PUBLISHED, PUBLISHED, PUBLISHED, refusal)).toBeNull();
		expect(fieldNote('Médiathèque du centre', PUBLISHED, PUBLISHED, refusal)).toBeNull();
	});

	test('a value published since the draft began, over an untouched field, is pointed out', () => {
		expect(fieldNote('+33721209569', '+33721209569', '+33473000000')).toEqual({
			kind: 'outdated',
			published: '+33473000000'
		});
	});

	test('lists compare as sets, and empty values as one', () => {
		expect(fieldNote(['BIB', 'EPN'], ['EPN'], ['EPN', 'BIB'])).toBeNull();
		expect(fieldNote('', null, [])).toBeNull();
		expect(fieldNote(['EPN'], ['EPN'], [])).toEqual({ kind: 'outdated', published: [] });
	});
});
