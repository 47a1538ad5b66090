import { json } from '@sveltejs/kit';
import { processDatabase } from '$lib/server/db/process';
import { count } from '$lib/server/listings';
import type { RequestHandler } from './$types';

/** Public: load balancers and the test helpers poll it until the app is up. */
export const GET: RequestHandler = async ({ locals }) => {
	const { kind } = await processDatabase();
	return json({ status: 'ok', database: kind, listings: await count(locals.db) });
};
