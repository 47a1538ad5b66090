/**
 * An upload larger than the server accepts at all (MAX_UPLOAD_BYTES plus 1 MiB, adapter-node's
 * BODY_SIZE_LIMIT) never reaches the import code: the error page must still say why, in French.
 * The built app runs with MAX_UPLOAD_BYTES at 1 MiB.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startApp, type RunningApp } from '../helpers/app';

let app: RunningApp;
let cookie: string;

beforeAll(async () => {
	app = await startApp({ env: { MAX_UPLOAD_BYTES: String(1024 * 1024), SEED_DEMO: 'false' } });
	const account = new URLSearchParams({
		username: 'camille',
		displayName: 'Camille',
		password: 'un mot de passe solide'
	});
	const response = await fetch(`${app.url}/setup`, {
		method: 'POST',
		body: account,
		redirect: 'manual',
		headers: { origin: app.url, accept: 'text/html' }
	});
	expect(response.status).toBe(303);
	cookie = /cartoparty-session=[^;]+/.exec(response.headers.get('set-cookie') ?? '')![0];
}, 180_000);
afterAll(() => app?.dispose());

function upload(size: number) {
	const form = new FormData();
	form.set('file', new File([new Uint8Array(size).fill(0x61)], 'lieux.csv', { type: 'text/csv' }));
	return fetch(`${app.url}/import?/upload`, {
		method: 'POST',
		body: form,
		redirect: 'manual',
		headers: { origin: app.url, cookie, accept: 'text/html' }
	});
}

describe('an upload over the server’s body limit', () => {
	test('gets a French page naming the limit, not the generic error', async () => {
		const response = await upload(3 * 1024 * 1024);
		const html = await response.text();

		expect(response.status).toBe(413);
		expect(html).toContain('<h1 id="error-title">Fichier trop volumineux</h1>');
		expect(html).toContain(
			'Le fichier envoyé dépasse la taille acceptée : 1 Mo au plus par import (MAX_UPLOAD_BYTES). ' +
				'Découpez le fichier, par exemple par département.'
		);
		expect(html).not.toContain('Une erreur est survenue');
	});

	test('a file over MAX_UPLOAD_BYTES but under the body limit gets the import’s own message', async () => {
		const response = await upload(1.5 * 1024 * 1024);
		const html = await response.text();

		expect(response.status).toBe(413);
		expect(html).toContain(
			'lieux.csv fait 1,5 Mo : la limite est de 1 Mo par import (MAX_UPLOAD_BYTES). Découpez le fichier, par exemple par département.'
		);
	});
});
