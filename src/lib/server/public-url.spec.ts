import { networkInterfaces } from 'node:os';
import { describe, expect, test } from 'vitest';
import { shareBase } from './public-url';

const lan = Object.values(networkInterfaces())
	.flat()
	.find((a) => a && a.family === 'IPv4' && !a.internal)?.address;

describe('shareBase', () => {
	test('keeps the page’s address when ORIGIN is set or the page came through the network', () => {
		expect(shareBase(new URL('http://localhost:3000/parties/x'), 'https://carto.example.fr')).toEqual({
			origin: 'http://localhost:3000',
			note: null
		});
		expect(shareBase(new URL('http://192.168.1.20:3000/parties/x'), '')).toEqual({
			origin: 'http://192.168.1.20:3000',
			note: null
		});
	});

	test('replaces a loopback address with this machine’s address on the local network', () => {
		for (const page of ['http://localhost:3000/p', 'http://127.0.0.1:3000/p', 'http://[::1]:3000/p']) {
			const share = shareBase(new URL(page), '');
			if (lan) {
				expect(share.origin).toBe(`http://${lan}:3000`);
				expect(share.note).toContain(`réseau local (${lan})`);
			} else {
				expect(share.origin).toBe(new URL(page).origin);
				expect(share.note).toMatch(/^Ce lien désigne cet ordinateur \(localhost\)/);
			}
		}
	});
});
