import { error, json } from '@sveltejs/kit';
import { searchTerritories } from '$lib/server/territory';
import type { RequestHandler } from './$types';

const MAX_QUERY = 100;

/** `GET /api/territories?q=clermont`: communes, EPCI and départements by name or code. */
export const GET: RequestHandler = ({ locals, url }) => {
	if (!locals.user) error(401, 'Connectez-vous pour rechercher un territoire.');
	const q = (url.searchParams.get('q') ?? '').slice(0, MAX_QUERY);

	return json(searchTerritories(q, 10), {
		headers: { 'cache-control': 'private, max-age=300' }
	});
};
