import { fail, redirect } from '@sveltejs/kit';
import { requireCoordinator } from '$lib/server/auth/guard';
import { config } from '$lib/server/env';
import { IoError } from '$lib/server/io/errors';
import * as importer from '$lib/server/io/import';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requireCoordinator(event);
	return {
		batches: await importer.recent(event.locals.db),
		maxUploadBytes: config().maxUploadBytes
	};
};

export const actions: Actions = {
	upload: async (event) => {
		const user = requireCoordinator(event);
		const form = await event.request.formData();
		const file = form.get('file');
		if (!(file instanceof File) || file.size === 0) {
			return fail(400, { message: 'Choisissez un fichier CSV, JSON ou GeoJSON à importer.' });
		}

		let analysed;
		try {
			const bytes = new Uint8Array(await file.arrayBuffer());
			analysed = await importer.analyse(event.locals.db, { filename: file.name, bytes }, user.id);
		} catch (error) {
			if (!(error instanceof IoError)) throw error;
			return fail(error.status, { message: error.message });
		}
		redirect(303, `/import/${analysed.batchId}`);
	}
};
