import { describe, expect, test } from 'vitest';
import { TYPOLOGIES } from './fields';
import { TYPOLOGY_LABELS, typologyLabel } from './typologies';

describe('typologyLabel', () => {
	test('names every code of the typology, and only those', () => {
		expect(Object.keys(TYPOLOGY_LABELS).sort()).toEqual([...TYPOLOGIES].sort());
		expect(TYPOLOGIES.filter((code) => !typologyLabel(code))).toEqual([]);
	});

	test('gives the French name of a code', () => {
		expect(typologyLabel('BIB')).toBe('Bibliothèque, médiathèque');
		expect(typologyLabel('ASSO_CHOMEUR')).toBe('Association de chômeurs');
		expect(typologyLabel('CCAS')).toBe('Centre communal d’action sociale');
	});

	test('has no name for a code outside the list', () => {
		expect(typologyLabel('COMMUNE')).toBeNull();
	});
});
