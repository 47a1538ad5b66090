import { error, fail, redirect } from '@sveltejs/kit';
import { requireCoordinator } from '$lib/server/auth/guard';
import { IoError } from '$lib/server/io/errors';
import { findingLabel } from '$lib/server/io/finding-labels';
import * as importer from '$lib/server/io/import';
import {
	ACTION_LABELS,
	duplicateText,
	STATUS_LABELS,
	type ImportReport,
	type RowReport
} from '$lib/server/io/report';
import type { Actions, PageServerLoad } from './$types';

const PAGE_SIZE = 100;

const FILTERS = {
	tout: () => true,
	rejetees: (r: RowReport) => r.status === 'rejected',
	normalisees: (r: RowReport) => r.status === 'normalised',
	maj: (r: RowReport) => r.action === 'update',
	doublons: (r: RowReport) => r.duplicates.length > 0,
	personnelles: (r: RowReport) => r.issues.some((i) => i.code === 'personal_data')
} as const;
type Filter = keyof typeof FILTERS;

export const load: PageServerLoad = async (event) => {
	requireCoordinator(event);
	const batch = await importer.batch(event.locals.db, event.params.id);
	if (!batch) error(404, 'Import introuvable.');

	const asked = event.url.searchParams.get('filtre') ?? 'tout';
	const filter: Filter = asked in FILTERS ? (asked as Filter) : 'tout';
	const rows = batch.report.rows.filter(FILTERS[filter]);
	const pages = Math.max(1, Math.ceil(rows.length / PAGE_SIZE));
	const page = Math.min(pages, Math.max(1, Number(event.url.searchParams.get('page')) || 1));
	const { rows: _all, ...report } = batch.report;

	return {
		batch: {
			...batch,
			report: { ...report, kinds: report.kinds.map((k) => ({ ...k, label: findingLabel(k.code) })) }
		},
		filter,
		tallies: Object.fromEntries(
			Object.entries(FILTERS).map(([name, test]) => [name, batch.report.rows.filter(test).length])
		) as Record<Filter, number>,
		rows: rows.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE).map((r) => shown(r, batch.report)),
		page,
		pages
	};
};

function valueText(value: unknown): string {
	if (value === null || value === undefined) return '(vide)';
	if (Array.isArray(value)) return value.length ? value.join(' | ') : '(vide)';
	return String(value);
}

/** A row as the page shows it: labels and sentences made here, on the server. */
function shown(row: RowReport, report: Omit<ImportReport, 'rows'>) {
	return {
		row: row.row,
		id: row.id,
		nom: row.nom,
		status: row.status,
		statusLabel: STATUS_LABELS[row.status],
		actionLabel: row.action ? ACTION_LABELS[row.action] : null,
		changed: row.changed ?? [],
		skipped: row.skipped ?? false,
		issues: row.issues.map((issue) => ({
			severity: issue.severity,
			message: issue.message,
			change:
				'before' in issue || 'after' in issue
					? `${valueText(issue.before)} → ${valueText(issue.after)}`
					: null
		})),
		duplicates: row.duplicates.map((hint) => ({
			uid: hint.uid ?? null,
			text: duplicateText(hint, report.format)
		}))
	};
}

async function attempt(run: () => Promise<unknown>) {
	try {
		await run();
		return null;
	} catch (error) {
		if (!(error instanceof IoError)) throw error;
		return fail(error.status, { message: error.message });
	}
}

export const actions: Actions = {
	apply: async (event) => {
		const user = requireCoordinator(event);
		const refused = await attempt(() => importer.apply(event.locals.db, event.params.id, user.id));
		return refused ?? { applied: true };
	},
	skip: async (event) => {
		requireCoordinator(event);
		const form = await event.request.formData();
		const row = Number(form.get('row'));
		if (!Number.isInteger(row)) return fail(400, { message: 'Ligne inconnue.' });
		const skipped = form.get('skip') === '1';
		const refused = await attempt(() =>
			importer.setRowSkipped(event.locals.db, event.params.id, row, skipped)
		);
		return refused ?? { skipped: row };
	},
	discard: async (event) => {
		requireCoordinator(event);
		const refused = await attempt(() => importer.discard(event.locals.db, event.params.id));
		if (refused) return refused;
		redirect(303, '/import?abandon=1');
	}
};
