import { error, fail, redirect } from '@sveltejs/kit';
import * as cookie from '$lib/server/auth/cookie';
import { minutes, RateLimiter } from '$lib/server/auth/rate-limit';
import * as parties from '$lib/server/parties';
import { UserInputError } from '$lib/server/users';
import type { Actions, PageServerLoad } from './$types';

/**
 * Each join creates a guest account: bound how many one address may create. A venue's wifi
 * often shows one address for everyone, and a large party gathers two hundred people.
 */
const joinLimiter = new RateLimiter({ max: 300, windowMs: 10 * 60_000 });

const UNKNOWN =
	'Ce lien d’invitation ne correspond à aucune carto party. Vérifiez-le auprès de l’animateur.';

export const load: PageServerLoad = async ({ locals, params }) => {
	const party = await parties.byJoinCode(locals.db, params.code);
	if (!party) error(404, UNKNOWN);

	const user = locals.user;
	if (user?.role === 'coordinator') redirect(303, `/p/${party.id}`);
	if (user && (await parties.membership(locals.db, party.id, user.id))) {
		redirect(303, `/p/${party.id}`);
	}

	return {
		party: { title: party.title, territoryName: party.territoryName, status: party.status },
		revoked: user ? await parties.isRevoked(locals.db, party.id, user.id) : false
	};
};

/** A refusal of the service as a French form error; anything else is unexpected. */
function refused(e: unknown, displayName: string) {
	if (e instanceof parties.PartyError) return fail(e.status, { message: e.message, displayName });
	if (e instanceof UserInputError) return fail(400, { message: e.message, displayName });
	throw e;
}

export const actions: Actions = {
	default: async ({ locals, params, request, cookies, url, getClientAddress }) => {
		const displayName = String((await request.formData()).get('displayName') ?? '');

		// A signed-in guest of another party comes in under the name they already have.
		if (locals.user?.role === 'guest') {
			let party;
			try {
				party = await parties.joinAs(locals.db, { joinCode: params.code, userId: locals.user.id });
			} catch (e) {
				return refused(e, displayName);
			}
			redirect(303, `/p/${party.id}`);
		}

		const verdict = joinLimiter.consume(getClientAddress());
		if (!verdict.allowed) {
			const wait = minutes(verdict.retryAfterMs);
			const message = `Trop d’arrivées depuis cette connexion. Réessayez dans ${wait} min.`;
			return fail(429, { message, displayName });
		}

		let joined;
		try {
			joined = await parties.join(locals.db, { joinCode: params.code, displayName });
		} catch (e) {
			return refused(e, displayName);
		}
		cookie.set(cookies, url, joined.token, joined.session.expiresAt);
		redirect(303, `/p/${joined.party.id}`);
	}
};
