/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />

/**
 * Lets a participant on weak wifi reload the party page without a connection: the app's own
 * files are cached at install, and the party pages (HTML and their data) are cached each time
 * they load, then served from the cache only when the network fails. The draft itself lives in
 * IndexedDB (see src/lib/collab/connect.ts); this only brings the page back around it.
 */
import { build, files, version } from '$service-worker';

const sw = self as unknown as ServiceWorkerGlobalScope;
const CACHE = `cartoparty-${version}`;
const ASSETS = new Set([...build, ...files]);

/** Pages worth having offline: a party's page and its data, nothing else. */
function isPartyPage(url: URL): boolean {
	return /^\/p\/[0-9a-f-]{36}\/?(__data\.json)?$/.test(url.pathname);
}

sw.addEventListener('install', (event) => {
	event.waitUntil(
		caches
			.open(CACHE)
			.then((cache) => cache.addAll([...ASSETS]))
			.then(() => sw.skipWaiting())
	);
});

sw.addEventListener('activate', (event) => {
	event.waitUntil(
		caches
			.keys()
			.then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
			.then(() => sw.clients.claim())
	);
});

/** Party pages are cached by path: the query (`?fiche=…`) only picks a listing on the page. */
function cacheKey(url: URL): string {
	return url.pathname;
}

async function respond(request: Request, url: URL): Promise<Response> {
	const cache = await caches.open(CACHE);
	if (ASSETS.has(url.pathname)) {
		const cached = await cache.match(url.pathname);
		if (cached) return cached;
		return fetch(request);
	}
	try {
		const response = await fetch(request);
		if (response.ok) {
			await cache.put(cacheKey(url), response.clone());
			// A party page reached by in-app navigation never loaded as a document: fetch its
			// HTML once so that a reload without network can show it.
			const documentPath = url.pathname.replace(/\/?__data\.json$/, '');
			if (documentPath !== url.pathname && !(await cache.match(documentPath))) {
				fetch(documentPath, { credentials: 'same-origin' })
					.then((page) => (page.ok ? cache.put(documentPath, page) : undefined))
					.catch(() => {});
			}
		}
		return response;
	} catch (error) {
		const cached = await cache.match(cacheKey(url));
		if (cached) return cached;
		throw error;
	}
}

sw.addEventListener('fetch', (event) => {
	const url = new URL(event.request.url);
	if (event.request.method !== 'GET' || url.origin !== sw.location.origin) return;
	if (!ASSETS.has(url.pathname) && !isPartyPage(url)) return;
	event.respondWith(respond(event.request, url));
});
