import { describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import { localUndoManager } from './connect';
import { fieldText, seededUpdate } from './draft-doc';
import { closeMessage, isFinalClose, CLOSE } from './protocol';
import type { ListingFields } from '../domain/standard/fields';

const LISTING = { nom: 'Médiathèque', adresse: '1 place de Jaude' } as unknown as ListingFields;

describe('undo', () => {
	test('undo only undoes your own changes', () => {
		const mine = new Y.Doc();
		const theirs = new Y.Doc();
		const seed = seededUpdate('00000000-0000-4000-8000-000000000001', 1, LISTING);
		Y.applyUpdate(mine, seed, 'server');
		Y.applyUpdate(theirs, seed, 'server');
		const undo = localUndoManager(mine);
		mine.on('update', (u: Uint8Array, origin: unknown) => {
			if (origin !== 'server') Y.applyUpdate(theirs, u, 'server');
		});

		fieldText(mine, 'nom')!.insert(0, 'Grande ');
		undo.stopCapturing();
		fieldText(theirs, 'adresse')!.insert(0, 'Hall 2, ');
		Y.applyUpdate(mine, Y.encodeStateAsUpdate(theirs), 'server');
		expect(fieldText(mine, 'adresse')!.toString()).toBe('Hall 2, 1 place de Jaude');

		undo.undo();

		expect(fieldText(mine, 'nom')!.toString()).toBe('Médiathèque');
		expect(fieldText(mine, 'adresse')!.toString()).toBe('Hall 2, 1 place de Jaude');
		expect(undo.canUndo()).toBe(false);
	});
});

describe('close codes', () => {
	test('refusals that reconnecting cannot fix stop the client', () => {
		expect(isFinalClose(CLOSE.notMember)).toBe(true);
		expect(isFinalClose(CLOSE.revoked)).toBe(true);
		expect(isFinalClose(CLOSE.rateLimited)).toBe(false);
		expect(isFinalClose(CLOSE.serverError)).toBe(false);
		expect(isFinalClose(1006)).toBe(false);
	});

	test('each refusal has its French message', () => {
		expect(closeMessage(CLOSE.notSignedIn)).toBe(
			'Votre session a expiré : reconnectez-vous pour continuer à modifier.'
		);
		expect(closeMessage(1000)).toBeNull();
	});
});
