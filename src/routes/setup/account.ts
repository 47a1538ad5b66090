/** The coordinator account form, shared by the first-run page and the accounts page. */
import { fail } from '@sveltejs/kit';
import { UserInputError, type NewCoordinator } from '$lib/server/users';

export function readAccount(form: FormData): NewCoordinator {
	return {
		username: String(form.get('username') ?? ''),
		displayName: String(form.get('displayName') ?? ''),
		password: String(form.get('password') ?? '')
	};
}

/** The refusal to send back, with the form's values but never the password; rethrows the rest. */
export function refused(error: unknown, input: NewCoordinator) {
	if (!(error instanceof UserInputError)) throw error;
	const { username, displayName } = input;
	return fail(400, { field: error.field, message: error.message, username, displayName });
}
