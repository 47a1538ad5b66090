import { error } from '@sveltejs/kit';
import { parisToday } from '$lib/i18n/date-time';
import { requireCoordinator } from '$lib/server/auth/guard';
import { IoError } from '$lib/server/io/errors';
import { parseTerritory } from '$lib/server/io/export';
import { attachment } from '$lib/server/io/serve';
import { sourceChanges, sourceChangesCsv, sourceFilename } from '$lib/server/io/sources';
import type { RequestHandler } from './$types';

/** `?source=Hinaura[&territoire=…]`: the approved changes to send back to that source. */
export const GET: RequestHandler = async (event) => {
	requireCoordinator(event);
	const source = event.url.searchParams.get('source') ?? '';
	try {
		const territory = parseTerritory(event.url.searchParams.get('territoire'));
		const changes = (await sourceChanges(event.locals.db, territory)).get(source);
		if (!changes) error(404, `Aucune modification validée pour la source « ${source} ».`);
		const filename = sourceFilename(source, parisToday());
		return attachment(sourceChangesCsv(changes), filename, 'text/csv; charset=utf-8');
	} catch (caught) {
		if (caught instanceof IoError) error(caught.status, caught.message);
		throw caught;
	}
};
