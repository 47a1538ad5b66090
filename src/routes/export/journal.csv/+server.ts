import { error } from '@sveltejs/kit';
import { parisToday } from '$lib/i18n/date-time';
import { requireCoordinator } from '$lib/server/auth/guard';
import { changelog, changelogCsv } from '$lib/server/io/changelog';
import { IoError } from '$lib/server/io/errors';
import * as exporter from '$lib/server/io/export';
import { attachment } from '$lib/server/io/serve';
import type { RequestHandler } from './$types';

/** What changed since a past export (`?depuis=<id>`, else the latest), as a spreadsheet. */
export const GET: RequestHandler = async (event) => {
	requireCoordinator(event);
	const params = event.url.searchParams;
	try {
		const territory = exporter.parseTerritory(params.get('territoire'));
		const since = Number(params.get('depuis')) || undefined;
		const log = await changelog(event.locals.db, territory, since);
		const filename = exporter.exportFilename('csv', {
			territory,
			today: parisToday(),
			suffix: '_journal-des-modifications'
		});
		return attachment(changelogCsv(log), filename, 'text/csv; charset=utf-8');
	} catch (caught) {
		if (caught instanceof IoError) error(caught.status, caught.message);
		throw caught;
	}
};
