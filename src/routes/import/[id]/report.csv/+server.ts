import { error } from '@sveltejs/kit';
import { requireCoordinator } from '$lib/server/auth/guard';
import * as importer from '$lib/server/io/import';
import { reportCsv } from '$lib/server/io/report';
import { attachment } from '$lib/server/io/serve';
import type { RequestHandler } from './$types';

/** The full report, one line per finding, for a spreadsheet. */
export const GET: RequestHandler = async (event) => {
	requireCoordinator(event);
	const batch = await importer.batch(event.locals.db, event.params.id);
	if (!batch) error(404, 'Import introuvable.');

	const name = batch.filename.replace(/\.[^.]*$/, '').replace(/[^\w.-]+/g, '_');
	const filename = `rapport-import_${name}.csv`;
	return attachment(reportCsv(batch.report), filename, 'text/csv; charset=utf-8');
};
