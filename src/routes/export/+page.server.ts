import { fail } from '@sveltejs/kit';
import * as tokens from '$lib/server/api-tokens';
import { requireCoordinator } from '$lib/server/auth/guard';
import { changelog, type Changelog } from '$lib/server/io/changelog';
import { IoError } from '$lib/server/io/errors';
import * as exporter from '$lib/server/io/export';
import { sourceChanges } from '$lib/server/io/sources';
import { searchTerritories, type Territory } from '$lib/server/territory';
import type { Actions, PageServerLoad } from './$types';

/** Entries shown per changelog list; the CSV has them all. */
const SHOWN = 100;

export const load: PageServerLoad = async (event) => {
	requireCoordinator(event);
	const { db } = event.locals;
	const params = event.url.searchParams;
	const query = (params.get('q') ?? '').slice(0, 100);

	let territory: Territory | null = null;
	let problem: string | null = null;
	try {
		territory = exporter.parseTerritory(params.get('territoire'));
	} catch (error) {
		if (!(error instanceof IoError)) throw error;
		problem = error.message;
	}

	const since = Number(params.get('depuis')) || undefined;
	let log: Changelog;
	try {
		log = await changelog(db, territory, since);
	} catch (error) {
		if (!(error instanceof IoError)) throw error;
		problem = error.message;
		log = await changelog(db, territory);
	}
	const sources = await sourceChanges(db, territory);

	return {
		query,
		matches: query ? searchTerritories(query, 20) : [],
		territory: territory && {
			kind: territory.kind,
			code: territory.code,
			name: territory.name,
			context: territory.code
		},
		key: exporter.territoryKey(territory),
		problem,
		count: await exporter.countListings(db, territory),
		formats: exporter.EXPORT_FORMATS.map((format) => ({
			format,
			label: exporter.FORMAT_LABELS[format]
		})),
		changelog: {
			since: log.since,
			counts: { added: log.added.length, changed: log.changed.length, removed: log.removed.length },
			added: log.added.slice(0, SHOWN),
			changed: log.changed.slice(0, SHOWN),
			removed: log.removed.slice(0, SHOWN)
		},
		past: await exporter.pastExports(db, territory),
		sources: [...sources].map(([source, changes]) => ({
			source,
			changes: changes.length,
			listings: new Set(changes.map((c) => c.id)).size
		})),
		tokens: await tokens.list(db)
	};
};

export const actions: Actions = {
	createToken: async (event) => {
		const user = requireCoordinator(event);
		const form = await event.request.formData();
		const label = String(form.get('label') ?? '');
		try {
			const created = await tokens.create(event.locals.db, user.id, label);
			return { token: created.token, label };
		} catch (error) {
			if (!(error instanceof tokens.TokenError)) throw error;
			return fail(400, { tokenMessage: error.message, label });
		}
	},
	revokeToken: async (event) => {
		requireCoordinator(event);
		const form = await event.request.formData();
		const revoked = await tokens.revoke(event.locals.db, String(form.get('id') ?? ''));
		if (!revoked) return fail(404, { tokenMessage: 'Ce jeton n’existe plus.' });
		return { revoked: true };
	}
};
