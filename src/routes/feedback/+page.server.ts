import { requireCoordinator } from '$lib/server/auth/guard';
import * as feedback from '$lib/server/feedback';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requireCoordinator(event);
	return { remarks: await feedback.list(event.locals.db), kinds: feedback.FEEDBACK_KIND_LABELS };
};
