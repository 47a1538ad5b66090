import { error, fail } from '@sveltejs/kit';
import { FIELDS } from '$lib/domain/standard/fields';
import { count } from '$lib/i18n/plural';
import { requireCoordinator } from '$lib/server/auth/guard';
import { listingHistory, revertRevision } from '$lib/server/listings/history';
import { ReviewError } from '$lib/server/review';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requireCoordinator(event);
	const history = await listingHistory(event.locals.db, event.params.uid);
	if (!history) error(404, 'Fiche introuvable.');
	const labels = Object.fromEntries(FIELDS.map((f) => [f.name, f.label]));
	return { ...history, labels };
};

export const actions: Actions = {
	revert: async (event) => {
		const user = requireCoordinator(event);
		const form = await event.request.formData();
		const revisionId = Number(form.get('revision'));
		const field = form.get('field');
		try {
			const result = await revertRevision(event.locals.db, {
				listingUid: event.params.uid,
				revisionId,
				userId: user.id,
				fields: typeof field === 'string' && field ? [field] : undefined
			});
			const fields = count(result.restored.length, 'champ remis', 'champs remis');
			return {
				ok: true,
				message: `${fields} comme avant (version ${result.version}).`
			};
		} catch (failure) {
			if (!(failure instanceof ReviewError)) throw failure;
			return fail(failure.status, { ok: false, message: failure.message, revisionId });
		}
	}
};
