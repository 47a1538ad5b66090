import { building } from '$app/environment';
import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import * as auth from '$lib/server/auth/session';
import * as cookie from '$lib/server/auth/cookie';
import { closeProcessDatabase, db, processDatabase } from '$lib/server/db/process';
import { config } from '$lib/server/env';
import { logger } from '$lib/server/log';
import { formatBytes } from '$lib/server/io/errors';
import { seedIfEmpty } from '$lib/server/io/seed';
import { processRealtime } from '$realtime/process';

const log = logger('http');

export const init: ServerInit = async () => {
	if (building) return;
	const handle = await processDatabase();
	if (config().seedDemo) await seedIfEmpty(handle.db);
	// The Node entry (server.js, or the Vite plugin in dev) routes websocket upgrades to it.
	await processRealtime();
	process.once('sveltekit:shutdown', () => void closeProcessDatabase());
};

const session: Handle = async ({ event, resolve }) => {
	event.locals.db = await db();
	event.locals.user = null;
	event.locals.session = null;

	const token = event.cookies.get(auth.SESSION_COOKIE);
	if (token) {
		const valid = await auth.validate(event.locals.db, token);
		if (valid) {
			event.locals.user = valid.user;
			event.locals.session = valid.session;
			cookie.set(event.cookies, event.url, token, valid.session.expiresAt);
		} else {
			cookie.clear(event.cookies, event.url);
		}
	}
	return resolve(event);
};

/** Only the import page takes files; every other request body is a small form. */
const FORM_BYTES = 1024 * 1024;

const bodyLimit: Handle = async ({ event, resolve }) => {
	const length = Number(event.request.headers.get('content-length') ?? 0);
	if (length > FORM_BYTES && event.url.pathname !== '/import') {
		return new Response('Requête trop volumineuse : 1 Mo au plus hors import de fichier.', {
			status: 413,
			// The body is left unread: the connection cannot serve another request.
			headers: { 'content-type': 'text/plain; charset=utf-8', connection: 'close' }
		});
	}
	return resolve(event);
};

const securityHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	response.headers.set('X-Content-Type-Options', 'nosniff');
	response.headers.set('Referrer-Policy', 'same-origin');
	if (!response.headers.has('X-Frame-Options')) response.headers.set('X-Frame-Options', 'DENY');
	return response;
};

export const handle = sequence(bodyLimit, session, securityHeaders);

export const handleError: HandleServerError = ({ error, event, status }) => {
	const errorId = crypto.randomUUID().slice(0, 8);
	const request = `${errorId} ${event.request.method} ${event.url.pathname}`;
	if (status === 404) return { message: 'Page introuvable.', errorId };
	// adapter-node refuses a body over BODY_SIZE_LIMIT (server.js: MAX_UPLOAD_BYTES + 1 MiB)
	// before the import reads it; the import page checks sizes first, but not without JavaScript.
	if (status === 413) {
		log.warn(`${request}: request body over the size limit`);
		const limit = formatBytes(config().maxUploadBytes);
		return {
			message:
				`Le fichier envoyé dépasse la taille acceptée : ${limit} au plus par import ` +
				'(MAX_UPLOAD_BYTES). Découpez le fichier, par exemple par département.',
			errorId
		};
	}
	log.error(request, error);
	return { message: `Une erreur est survenue (${errorId}).`, errorId };
};
