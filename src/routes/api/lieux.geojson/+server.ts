import { serveExport } from '$lib/server/io/serve';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) => serveExport(event, 'geojson');
