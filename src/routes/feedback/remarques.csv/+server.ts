import { parisToday } from '$lib/i18n/date-time';
import { requireCoordinator } from '$lib/server/auth/guard';
import * as feedback from '$lib/server/feedback';
import type { RequestHandler } from './$types';

/** The remarks on the standard as CSV, for its maintainers. */
export const GET: RequestHandler = async (event) => {
	requireCoordinator(event);
	const csv = feedback.toCsv(await feedback.list(event.locals.db));
	const day = parisToday();
	return new Response(csv, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="remarques-standard-${day}.csv"`
		}
	});
};
