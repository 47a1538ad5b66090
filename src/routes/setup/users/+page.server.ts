import { requireCoordinator } from '$lib/server/auth/guard';
import { coordinators, createCoordinator } from '$lib/server/users';
import { readAccount, refused } from '../account';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requireCoordinator(event);
	return { coordinators: await coordinators(event.locals.db) };
};

export const actions: Actions = {
	default: async (event) => {
		requireCoordinator(event);
		const input = readAccount(await event.request.formData());

		try {
			const user = await createCoordinator(event.locals.db, input);
			return { created: user.displayName };
		} catch (error) {
			return refused(error, input);
		}
	}
};
