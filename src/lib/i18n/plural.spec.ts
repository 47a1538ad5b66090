import { describe, expect, test } from 'vitest';
import { count, plural } from './plural';

describe('plural', () => {
	test('takes the singular for zero and one, the plural from two on', () => {
		expect(plural(0, 'fiche créée', 'fiches créées')).toBe('fiche créée');
		expect(plural(1, 'fiche', 'fiches')).toBe('fiche');
		expect(plural(2, 'fiche', 'fiches')).toBe('fiches');
		expect(plural(12, 'mise à jour', 'mises à jour')).toBe('mises à jour');
	});
});

describe('count', () => {
	test('writes the number with a narrow no-break space between thousands', () => {
		expect(count(1, 'fiche', 'fiches')).toBe('1 fiche');
		expect(count(0, 'ligne lue', 'lignes lues')).toBe('0 ligne lue');
		expect(count(12345, 'fiche', 'fiches')).toBe('12\u202f345 fiches');
	});
});
