/**
 * The export API and the import pages over HTTP, on the built app started on a free port with
 * its own database (seeded with the 54-listing sample at start).
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { UNAUTHORIZED_MESSAGE } from '../../src/lib/server/api-tokens';
import { startApp, type RunningApp } from '../helpers/app';

let app: RunningApp;
let cookie: string;

beforeAll(async () => {
	app = await startApp();
	// The first-run page creates the first coordinator and signs them in.
	const account = new URLSearchParams({
		username: 'camille',
		displayName: 'Camille',
		password: 'un mot de passe solide'
	});
	const response = await post('/setup', account, { accept: 'text/html' });
	expect(response.status).toBe(303);
	cookie = /cartoparty-session=[^;]+/.exec(response.headers.get('set-cookie') ?? '')![0];
}, 180_000);
afterAll(() => app?.dispose());

function post(path: string, body: BodyInit, headers: Record<string, string> = {}) {
	return fetch(`${app.url}${path}`, {
		method: 'POST',
		body,
		redirect: 'manual',
		headers: { origin: app.url, ...headers }
	});
}

function get(path: string, headers: Record<string, string> = {}) {
	return fetch(`${app.url}${path}`, { redirect: 'manual', headers });
}

/** Runs a form action the way the enhanced page does, and returns its JSON result. */
async function action(path: string, form: FormData) {
	const response = await post(path, form, {
		cookie,
		accept: 'application/json',
		'x-sveltekit-action': 'true'
	});
	return (await response.json()) as { type: string; status: number; location?: string; data?: string };
}

describe('request sizes', () => {
	test('a form other than the import takes at most 1 MB, refused in French before any work', async () => {
		const huge = new URLSearchParams({ username: 'x'.repeat(2_000_000), password: 'p' });
		const response = await post('/login', huge);

		expect(response.status).toBe(413);
		expect(await response.text()).toBe(
			'Requête trop volumineuse : 1 Mo au plus hors import de fichier.'
		);
	});
});

describe('signing out', () => {
	test('a POST from another site, even without a body, does not sign anyone out', async () => {
		const foreign = await fetch(`${app.url}/logout`, {
			method: 'POST',
			redirect: 'manual',
			headers: { cookie, origin: 'http://attaquant.example' }
		});
		expect(foreign.status).toBe(403);
		expect((await get('/api/lieux.json', { cookie })).status).toBe(200);
	});
});

describe('health', () => {
	test('is public and reports the database and the number of listings', async () => {
		const response = await get('/api/health');

		expect(response.status).toBe(200);
		expect(await response.json()).toEqual({
			status: 'ok',
			database: process.env.DATABASE_URL ? 'postgres' : 'pglite',
			listings: 54
		});
	});
});

describe('the export API', () => {
	test('answers 401 with a French message to anyone without a session or a token', async () => {
		for (const path of ['/api/lieux.csv', '/api/lieux.json', '/api/lieux.geojson']) {
			const anonymous = await get(path);
			const forged = await get(path, { authorization: 'Bearer cpt_inventé' });

			expect([anonymous.status, forged.status]).toEqual([401, 401]);
			expect(await anonymous.json()).toEqual({ message: UNAUTHORIZED_MESSAGE });
			expect(anonymous.headers.get('www-authenticate')).toBe('Bearer realm="cartoparty"');
		}
	});

	test('serves a coordinator signed in with the session cookie', async () => {
		const response = await get('/api/lieux.json', { cookie });

		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
		expect(await response.json()).toHaveLength(54);
	});

	test('serves a script with a token created on the export page, shown once', async () => {
		const form = new FormData();
		form.set('label', 'moisson data.gouv.fr');
		const created = await action('/export?/createToken', form);
		expect([created.type, created.status]).toEqual(['success', 200]);
		const token = /cpt_[a-z2-7]+/.exec(created.data ?? '')![0];

		const response = await get('/api/lieux.geojson?territoire=commune:63113', {
			authorization: `Bearer ${token}`
		});
		expect(response.status).toBe(200);
		expect(response.headers.get('content-disposition')).toMatch(
			/^attachment; filename="\d{4}-\d{2}-\d{2}_cartoparty_lieux-de-mediation-numerique_Clermont-Ferrand\.geojson"$/
		);
		expect((await response.json()).features).toHaveLength(11);

		const page = await (await get('/export', { cookie })).text();
		expect(page).toContain('moisson data.gouv.fr');
		expect(page).not.toContain(token);
	});

	test('refuses an unknown territory with a French message', async () => {
		const response = await get('/api/lieux.csv?territoire=canton:1', { cookie });

		expect(response.status).toBe(400);
		expect((await response.json()).message).toMatch(/^Territoire inconnu : « canton:1 »/);
	});
});

describe('the import pages', () => {
	test('send visitors who are not signed in to the login page', async () => {
		const response = await get('/import');

		expect(response.status).toBe(303);
		expect(response.headers.get('location')).toBe('/login?redirectTo=%2Fimport');
	});

	test('upload, report, apply: the listings change only after « Appliquer »', async () => {
		const csv =
			'id,nom,commune,code_postal,adresse,date_maj\n' +
			'api-1,Point numérique de Thiers,Thiers,63300,1 rue Conchette,2025-03-01\n' +
			'api-2,,Thiers,63300,2 rue Conchette,2025-03-01\n';
		const form = new FormData();
		form.set('file', new Blob([csv], { type: 'text/csv' }), 'thiers.csv');

		const uploaded = await action('/import?/upload', form);
		expect(uploaded.type).toBe('redirect');
		const batchPath = uploaded.location!;
		expect(batchPath).toMatch(/^\/import\/[0-9a-f-]{36}$/);

		const report = await (await get(batchPath, { cookie })).text();
		expect(report).toContain('Rapport d’import : thiers.csv');
		expect(report).toContain('Nom du lieu : ce champ obligatoire est vide ou illisible');
		expect((await (await get('/api/health')).json()).listings).toBe(54);

		const applied = await action(`${batchPath}?/apply`, new FormData());
		expect([applied.type, applied.status]).toEqual(['success', 200]);
		expect((await (await get('/api/health')).json()).listings).toBe(55);

		const again = await action(`${batchPath}?/apply`, new FormData());
		expect([again.type, again.status]).toEqual(['failure', 409]);
		expect(again.data).toContain('Cet import a déjà été appliqué');

		const csvReport = await get(`${batchPath}/report.csv`, { cookie });
		expect(csvReport.headers.get('content-disposition')).toBe(
			'attachment; filename="rapport-import_thiers.csv"'
		);
		const bytes = new Uint8Array(await csvReport.arrayBuffer());
		expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		expect(new TextDecoder().decode(bytes).split('\r\n')[0]).toBe(
			'ligne;id;nom;statut;action;champ;gravite;code;message;avant;apres'
		);
	});

	test('a malformed upload is refused with its reason and creates no batch', async () => {
		const form = new FormData();
		form.set('file', new Blob(['id,nom\n"x,y\n']), 'casse.csv');
		const refused = await action('/import?/upload', form);

		expect([refused.type, refused.status]).toEqual(['failure', 400]);
		expect(refused.data).toContain(
			"casse.csv, ligne 2, colonne 1 : un guillemet ouvert n'est jamais fermé"
		);
		const page = await (await get('/import', { cookie })).text();
		expect(page).not.toContain('casse.csv');
	});
});
