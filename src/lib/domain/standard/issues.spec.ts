import { describe, expect, test } from 'vitest';
import { cut, quote } from './issues';

describe('quote', () => {
	test('quotes short values whole and cuts long ones to 77 characters and « … »', () => {
		expect(quote('Médiathèque')).toBe('« Médiathèque »');
		expect(quote(['a', 'b'])).toBe('« a | b »');
		expect(quote('x'.repeat(80))).toBe(`« ${'x'.repeat(80)} »`);
		expect(quote('x'.repeat(40 * 1024 * 1024))).toBe(`« ${'x'.repeat(77)}… »`);
	});

	test('never cuts an emoji in half, which would not be valid Unicode', () => {
		const quoted = quote(`${'a'.repeat(76)}😀${'b'.repeat(10)}`);
		expect(quoted).toBe(`« ${'a'.repeat(76)}… »`);
		expect(quoted.isWellFormed()).toBe(true);
		expect(cut('ab😀', 3)).toBe('ab');
		expect(cut('ab😀', 4)).toBe('ab😀');
		expect(cut('abc', 2)).toBe('ab');
	});
});
