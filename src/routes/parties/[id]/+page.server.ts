import { fail } from '@sveltejs/kit';
import QRCode from 'qrcode';
import { count } from '$lib/i18n/plural';
import * as parties from '$lib/server/parties';
import { shareBase } from '$lib/server/public-url';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url, depends }) => {
	const { party } = await parties.requireFacilitator(locals.db, params.id, locals.user);
	// The page polls this key to keep the board current.
	depends('party:board');

	const share = shareBase(url);
	const joinUrl = new URL(`/join/${party.joinCode}`, share.origin).href;
	const [qrSvg, progress, members] = await Promise.all([
		QRCode.toString(joinUrl, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }),
		parties.progress(locals.db, party.id),
		parties.members(locals.db, party.id)
	]);
	const { joinCode: _, ...shown } = party;
	return { party: shown, joinUrl, joinNote: share.note, qrSvg, progress, members };
};

/** Runs a facilitator's action on the party, turning a refusal into a French form error. */
async function facilitate(
	{ locals, params }: Parameters<Actions[string]>[0],
	act: (partyId: string) => Promise<{ message: string }>
) {
	const { party } = await parties.requireFacilitator(locals.db, params.id!, locals.user);
	try {
		const { message } = await act(party.id);
		return { ok: true, message };
	} catch (error) {
		if (!(error instanceof parties.PartyError)) throw error;
		return fail(error.status, { ok: false, message: error.message });
	}
}

export const actions: Actions = {
	remove: (event) =>
		facilitate(event, async (partyId) => {
			const form = await event.request.formData();
			const userId = String(form.get('userId') ?? '');
			const { displayName } = await parties.removeMember(event.locals.db, partyId, userId);
			return { message: `${displayName} ne fait plus partie de la carto party.` };
		}),
	close: (event) =>
		facilitate(event, async (partyId) => {
			await parties.close(event.locals.db, partyId);
			return { message: 'La carto party est close : plus personne ne peut la rejoindre.' };
		}),
	sync: (event) =>
		facilitate(event, async (partyId) => {
			const added = await parties.syncQueue(event.locals.db, partyId);
			return {
				message: added
					? `${count(added, 'fiche ajoutée', 'fiches ajoutées')} à la liste.`
					: 'Aucune nouvelle fiche sur ce territoire.'
			};
		}),
	reopen: (event) =>
		facilitate(event, async (partyId) => {
			await parties.reopen(event.locals.db, partyId);
			return { message: 'La carto party est rouverte.' };
		})
};
