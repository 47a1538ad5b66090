/**
 * What the collaboration server and its browser clients agree on beyond the y-websocket
 * protocol: two extra message types, the close codes of refusals and their French messages.
 * Framework-free and free of Node: both sides import it.
 */

/** y-websocket's own message types (sync, awareness, auth, query awareness). */
export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_AUTH = 2;
export const MESSAGE_QUERY_AWARENESS = 3;

/**
 * Server → client: a Yjs snapshot (state vector and delete set) of what the server has stored
 * durably for the room. A client is "synchronisé" only when it covers everything it knows.
 */
export const MESSAGE_PERSISTED = 100;

/** Server → client: one byte, 1 when the room is read-only for this socket, 0 when writable. */
export const MESSAGE_ACCESS = 101;

export const CLOSE = {
	/** The server is stopping; reconnect to another process or later. */
	goingAway: 1001,
	/** ws's own limit on frame size (its hard cap is above ours). */
	messageTooBig: 1009,
	/** The page's origin is not this server's: cross-site websocket hijacking refused. */
	badOrigin: 4400,
	notSignedIn: 4401,
	notMember: 4403,
	unknownRoom: 4404,
	/** Not a close code we send: the reason shown with MESSAGE_ACCESS when a party is closed. */
	partyClosed: 4409,
	revoked: 4410,
	tooLarge: 4413,
	malformed: 4422,
	/** An update that writes where participants do not (the draft's base, its field list). */
	forbiddenWrite: 4423,
	rateLimited: 4429,
	/** The room could not be loaded or saved; the client keeps its edits and tries again. */
	serverError: 4500
} as const;

export type CloseCode = (typeof CLOSE)[keyof typeof CLOSE];

export const CLOSE_MESSAGES: Record<number, string> = {
	[CLOSE.badOrigin]: 'Connexion refusée : cette page n’a pas été ouverte depuis cartoparty.',
	[CLOSE.notSignedIn]: 'Votre session a expiré : reconnectez-vous pour continuer à modifier.',
	[CLOSE.notMember]: 'Vous ne faites pas partie de cette carto party.',
	[CLOSE.unknownRoom]: 'Cette fiche ou cette carto party n’existe pas (ou plus).',
	[CLOSE.partyClosed]: 'La carto party est close : les fiches sont en lecture seule.',
	[CLOSE.revoked]: 'Vous ne faites plus partie de cette carto party.',
	[CLOSE.tooLarge]: 'Modification trop volumineuse : elle n’a pas pu être enregistrée.',
	[CLOSE.messageTooBig]: 'Modification trop volumineuse : elle n’a pas pu être enregistrée.',
	[CLOSE.malformed]: 'Le serveur a reçu un message illisible ; rechargez la page.',
	[CLOSE.forbiddenWrite]:
		'Modification refusée : elle touche une partie de la fiche que personne ne modifie pendant une carto party. Rechargez la page.',
	[CLOSE.rateLimited]: 'Trop de modifications d’un coup : nouvelle tentative dans un instant.',
	[CLOSE.serverError]: 'Le serveur n’a pas pu enregistrer : nouvelle tentative dans un instant.'
};

/** Refusals that reconnecting cannot fix: the client stops and shows the message. */
const FINAL = new Set<number>([
	CLOSE.badOrigin,
	CLOSE.notSignedIn,
	CLOSE.notMember,
	CLOSE.unknownRoom,
	CLOSE.revoked,
	CLOSE.tooLarge,
	CLOSE.messageTooBig,
	CLOSE.malformed,
	CLOSE.forbiddenWrite
]);

export function isFinalClose(code: number): boolean {
	return FINAL.has(code);
}

/** The French message for a close code, or null for an ordinary disconnection. */
export function closeMessage(code: number): string | null {
	return CLOSE_MESSAGES[code] ?? null;
}
