import { describe, expect, test } from 'vitest';
import { error, reasonOf, reasonSentence, warning } from './issues';

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
