/**
 * The HTTP side of exports, shared by the API endpoints and the export page's downloads:
 * who is asking, which territory, the file as an attachment.
 */
import { json, type RequestEvent } from '@sveltejs/kit';
import { exportAccess, UNAUTHORIZED_MESSAGE } from '../api-tokens';
import { IoError } from './errors';
import { exportListings, parseTerritory, recordExport, type ExportFormat } from './export';

/** A file download; the name is ASCII (see `exportFilename`), so no RFC 5987 encoding is needed. */
export function attachment(body: string, filename: string, contentType: string): Response {
	return new Response(body, {
		headers: {
			'content-type': contentType,
			'content-disposition': `attachment; filename="${filename}"`,
			'cache-control': 'no-store'
		}
	});
}

/** A refused request as JSON with a French message, for scripts. */
export function refusal(status: number, message: string): Response {
	const headers: Record<string, string> =
		status === 401 ? { 'www-authenticate': 'Bearer realm="cartoparty"' } : {};
	return json({ message }, { status, headers });
}

/**
 * `GET /api/lieux.<format>?territoire=departement:63[&producteur=SIRET]`: a coordinator's
 * session or an API token; each export is recorded for the next changelog.
 */
export async function serveExport(event: RequestEvent, format: ExportFormat): Promise<Response> {
	const { locals, request, url } = event;
	const access = await exportAccess(locals.db, locals.user, request.headers.get('authorization'));
	if (!access) return refusal(401, UNAUTHORIZED_MESSAGE);

	try {
		const territory = parseTerritory(url.searchParams.get('territoire'));
		const producer = url.searchParams.get('producteur');
		const file = await exportListings(locals.db, { format, territory, producer });
		await recordExport(locals.db, file, format, territory, access.userId);
		return attachment(file.body, file.filename, file.contentType);
	} catch (error) {
		if (error instanceof IoError) return refusal(error.status, error.message);
		throw error;
	}
}
