/** Posts to one of the party page's form actions from code, and reads SvelteKit's answer. */
import { deserialize } from '$app/forms';

export type ActionData = Record<string, unknown> & { message?: string };

export type ActionAnswer =
	| { ok: true; data: ActionData }
	| { ok: false; status: number; data: ActionData };

export async function postAction(
	partyId: string,
	name: string,
	fields: Record<string, string>
): Promise<ActionAnswer> {
	const body = new FormData();
	for (const [key, value] of Object.entries(fields)) body.set(key, value);
	const response = await fetch(`/p/${partyId}?/${name}`, {
		method: 'POST',
		body,
		headers: { 'x-sveltejs-action': 'true' }
	});
	const result = deserialize(await response.text());
	if (result.type === 'success') return { ok: true, data: (result.data ?? {}) as ActionData };
	if (result.type === 'failure') {
		return { ok: false, status: result.status, data: (result.data ?? {}) as ActionData };
	}
	if (result.type === 'error') {
		const message = (result.error as { message?: string })?.message;
		const data = { message: message ?? 'Erreur du serveur.' };
		return { ok: false, status: result.status ?? 500, data };
	}
	return { ok: false, status: 500, data: { message: 'Réponse inattendue du serveur.' } };
}
