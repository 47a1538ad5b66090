import { fail, redirect } from '@sveltejs/kit';
import { requireCoordinator } from '$lib/server/auth/guard';
import * as parties from '$lib/server/parties';
import { searchTerritories, territory, type TerritoryMatch } from '$lib/server/territory';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = requireCoordinator(event);
	// The territory search without JavaScript sends the creation form here by GET.
	const query = (event.url.searchParams.get('q') ?? '').slice(0, 100);
	return {
		parties: await parties.listAll(event.locals.db, user.id),
		query,
		title: event.url.searchParams.get('title') ?? '',
		matches: query ? searchTerritories(query, 20) : []
	};
};

/** What the refused form showed as chosen, so that it comes back chosen. */
function chosen(kind: string, code: string): TerritoryMatch | null {
	if (kind !== 'commune' && kind !== 'epci' && kind !== 'departement') return null;
	const place = territory(kind, code);
	return place ? { kind, code, name: place.name, context: code } : null;
}

export const actions: Actions = {
	create: async (event) => {
		const user = requireCoordinator(event);
		const form = await event.request.formData();
		const title = String(form.get('title') ?? '');
		const [kind = '', code = ''] = String(form.get('territory') ?? '').split(':');

		let created;
		try {
			created = await parties.create(event.locals.db, {
				title,
				territoryKind: kind,
				territoryCode: code,
				createdBy: user.id
			});
		} catch (error) {
			if (!(error instanceof parties.PartyError)) throw error;
			const selected = chosen(kind, code);
			return fail(error.status, { message: error.message, field: error.field, title, selected });
		}
		redirect(303, `/parties/${created.party.id}`);
	}
};
