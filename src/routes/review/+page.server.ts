import { requireCoordinator } from '$lib/server/auth/guard';
import * as review from '$lib/server/review';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requireCoordinator(event);
	const party = event.url.searchParams.get('party') || null;
	return { queue: await review.queue(event.locals.db, { partyId: party }), party };
};
