import { describe, expect, test } from 'vitest';
import { cut, error, quote, reasonOf, reasonSentence, warning } from './issues';

describe('reasonOf', () => {
	test("drops the field's label the message starts with", () => {
		const issue = error('telephone', 'format', '« 04 » ne respecte pas le format du standard.');
		expect(issue.message).toBe('Téléphone : « 04 » ne respecte pas le format du standard.');
		expect(reasonOf(issue)).toBe('« 04 » ne respecte pas le format du standard.');
	});

	test('leaves a message that does not start with the label as it is', () => {
		const issue = { field: 'nom', message: 'Valeur refusée.' };
		expect(reasonOf(issue)).toBe('Valeur refusée.');
	});
});

describe('reasonSentence', () => {
	test('starts the reason with a capital, for a line of its own', () => {
		const issue = warning('nom', 'espaces', 'espaces en début ou en fin de valeur.');
		expect(reasonSentence(issue)).toBe('Espaces en début ou en fin de valeur.');
	});
});

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
