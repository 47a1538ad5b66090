import { error } from '@sveltejs/kit';
import { requireCoordinator } from '$lib/server/auth/guard';
import { IoError } from '$lib/server/io/errors';
import * as exporter from '$lib/server/io/export';
import { attachment } from '$lib/server/io/serve';
import type { RequestHandler } from './$types';

/** The export page's downloads, the spreadsheet CSV included; each one is recorded. */
export const GET: RequestHandler = async (event) => {
	const user = requireCoordinator(event);
	const format = event.url.searchParams.get('format') ?? 'csv';
	if (!exporter.isExportFormat(format)) error(400, `Format inconnu : « ${format} ».`);

	try {
		const territory = exporter.parseTerritory(event.url.searchParams.get('territoire'));
		const file = await exporter.exportListings(event.locals.db, { format, territory });
		await exporter.recordExport(event.locals.db, file, format, territory, user.id);
		return attachment(file.body, file.filename, file.contentType);
	} catch (caught) {
		if (caught instanceof IoError) error(caught.status, caught.message);
		throw caught;
	}
};
