import { describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import type { ListingFields } from '$lib/domain/standard/fields';
import {
	readDraft,
	seededUpdate,
	setText,
	setValue,
	toggleEnum,
	unpublishedChanges
} from './draft-doc';

const UID = '0b6f0a1e-8d4c-4c36-9a51-2d0f3e7b9c10';

const LISTING = {
	id: 'mairie-vergnes',
	nom: 'Mairie annexe des Vergnes',
	adresse: '1 rue des Vergnes',
	code_postal: '63100',
	commune: 'Clermont-Ferrand',
	telephone: '+33721209569',
	modalites_acces: ['Se présenter'],
	date_maj: '2024-03-01'
} as unknown as ListingFields;

/** A draft seeded as the server seeds it, in a document of its own. */
function seeded(): Y.Doc {
	const doc = new Y.Doc();
	Y.applyUpdate(doc, seededUpdate(UID, 3, LISTING));
	return doc;
}

describe('what sending a draft proposes', () => {
	test('a field edited and not published is proposed, against the published value', () => {
		const doc = seeded();
		setText(doc, 'telephone', '+33473000000');
		const published = { ...LISTING, telephone: '+33473111111' };

		expect(unpublishedChanges(readDraft(doc)!, published)).toEqual([
			{ field: 'telephone', base: '+33721209569', proposed: '+33473000000' }
		]);
	});

	test('a value of the draft published since is not proposed again', () => {
		const doc = seeded();
		setText(doc, 'telephone', '+33473000000');
		toggleEnum(doc, 'modalites_acces', 'Téléphoner', true);
		const published = { ...LISTING, telephone: '+33473000000' };

		expect(unpublishedChanges(readDraft(doc)!, published).map((c) => c.field)).toEqual([
			'modalites_acces'
		]);
	});

	test('a field left as seeded is not proposed, even when another value was published', () => {
		const doc = seeded();
		const published = { ...LISTING, telephone: '+33473111111' };

		expect(unpublishedChanges(readDraft(doc)!, published)).toEqual([]);
	});
});

describe('setting a field of a draft', () => {
	test('writes a text or a group of choices in one transaction, seen by another copy', () => {
		const doc = seeded();
		const other = seeded();
		doc.on('update', (update: Uint8Array) => Y.applyUpdate(other, update));
		let transactions = 0;
		doc.on('afterTransaction', () => transactions++);

		setValue(doc, 'telephone', '+33473000000');
		setValue(doc, 'modalites_acces', ['Contacter par mail', 'Téléphoner']);

		expect(transactions).toBe(2);
		expect(readDraft(other)!.values).toMatchObject({
			telephone: '+33473000000',
			modalites_acces: ['Téléphoner', 'Contacter par mail']
		});
	});

	test('writes nothing when the field already holds the value', () => {
		const doc = seeded();
		let updates = 0;
		doc.on('update', () => updates++);

		setValue(doc, 'telephone', '+33721209569');
		setValue(doc, 'modalites_acces', ['Se présenter']);

		expect(updates).toBe(0);
	});

	test('passes its origin on, for the undo of the person who asked', () => {
		const doc = seeded();
		const origins: unknown[] = [];
		doc.on('afterTransaction', (transaction: Y.Transaction) => origins.push(transaction.origin));
		const mine = Symbol('mine');

		setValue(doc, 'nom', 'Mairie des Vergnes', mine);

		expect(origins).toEqual([mine]);
	});
});
