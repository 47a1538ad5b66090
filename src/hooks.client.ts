import type { HandleClientError } from '@sveltejs/kit';

export const handleError: HandleClientError = ({ error, status }) => {
	const errorId = crypto.randomUUID().slice(0, 8);
	console.error(errorId, error);
	return {
		message: status === 404 ? 'Page introuvable.' : `Une erreur est survenue (${errorId}).`,
		errorId
	};
};
