import { describe, expect, it } from 'vitest';
import { initials } from './initials';

describe('initials', () => {
	it('takes the first letters of the first and last words', () => {
		expect(initials('Marie-Claire Dupont')).toBe('MD');
		expect(initials('  léa  martin ')).toBe('LM');
	});

	it('takes the first two letters of a single word, and "?" for no name', () => {
		expect(initials('Noé')).toBe('NO');
		expect(initials('   ')).toBe('?');
	});
});
