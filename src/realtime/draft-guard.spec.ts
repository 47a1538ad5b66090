import { describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import { enumSet, fieldText, fieldsMap, metaMap, seededUpdate } from '../lib/collab/draft-doc';
import type { ListingFields } from '../lib/domain/standard/fields';
import { ApplyCheck, draftUpdateRefusal, onlyDeletes } from './draft-guard';

const LISTING = {
	id: 'lieu-1',
	nom: 'Médiathèque de Jaude',
	adresse: '9 place Louis Aragon',
	code_postal: '63000',
	commune: 'Clermont-Ferrand',
	date_maj: '2025-03-01',
	services: ['Aide aux démarches administratives'],
	courriels: [],
	site_web: [],
	typologie: [],
	itinerance: [],
	publics_specifiquement_adresses: [],
	prise_en_charge_specifique: [],
	frais_a_charge: [],
	dispositif_programmes_nationaux: [],
	formations_labels: [],
	autres_formations_labels: [],
	modalites_acces: [],
	modalites_accompagnement: []
} as unknown as ListingFields;

/** The server's copy of a seeded draft and a participant's copy synced from it. */
function pair() {
	const server = new Y.Doc();
	Y.applyUpdate(server, seededUpdate('00000000-0000-4000-8000-000000000001', 3, LISTING));
	const browser = new Y.Doc();
	Y.applyUpdate(browser, Y.encodeStateAsUpdate(server));
	return { server, browser };
}

/** What the participant's edit sends, and the server's verdict on it (applied when accepted). */
function edit(docs: { server: Y.Doc; browser: Y.Doc }, change: (doc: Y.Doc) => void) {
	const before = Y.encodeStateVector(docs.browser);
	change(docs.browser);
	const update = Y.encodeStateAsUpdate(docs.browser, before);
	const refusal = draftUpdateRefusal(docs.server, update);
	if (refusal === null) Y.applyUpdate(docs.server, update);
	return refusal;
}

describe('draftUpdateRefusal', () => {
	test('lets participants type, delete and tick inside the fields', () => {
		const docs = pair();
		expect(edit(docs, (d) => fieldText(d, 'nom')!.insert(11, ' municipale'))).toBeNull();
		expect(edit(docs, (d) => fieldText(d, 'nom')!.delete(0, 4))).toBeNull();
		expect(edit(docs, (d) => fieldText(d, 'telephone')!.insert(0, '+33473000000'))).toBeNull();
		expect(edit(docs, (d) => enumSet(d, 'modalites_acces')!.set('Téléphoner', true))).toBeNull();
		expect(edit(docs, (d) => enumSet(d, 'modalites_acces')!.set('Téléphoner', true))).toBeNull();
		expect(edit(docs, (d) => enumSet(d, 'services')!.delete('Aide aux démarches administratives'))).toBeNull();
		expect(fieldText(docs.server, 'nom')!.toString()).toBe('athèque municipale de Jaude');
		expect([...enumSet(docs.server, 'modalites_acces')!.keys()]).toEqual(['Téléphoner']);
	});

	test('accepts an edit next to one the server has not applied yet', () => {
		const docs = pair();
		const before = Y.encodeStateVector(docs.browser);
		fieldText(docs.browser, 'nom')!.insert(0, 'La ');
		const first = Y.encodeStateAsUpdate(docs.browser, before);
		const middle = Y.encodeStateVector(docs.browser);
		fieldText(docs.browser, 'nom')!.insert(3, 'grande ');
		const second = Y.encodeStateAsUpdate(docs.browser, middle);

		expect(draftUpdateRefusal(docs.server, second)).toBeNull();
		expect(draftUpdateRefusal(docs.server, first)).toBeNull();
	});

	test('refuses writes to the draft’s base and to its list of fields', () => {
		const refusals = [
			(d: Y.Doc) => metaMap(d).set('baseVersion', 99),
			(d: Y.Doc) => metaMap(d).delete('base'),
			(d: Y.Doc) => fieldsMap(d).set('nom', new Y.Text('Autre')),
			(d: Y.Doc) => fieldsMap(d).delete('telephone'),
			(d: Y.Doc) => fieldsMap(d).set('date_maj', new Y.Text('2030-01-01')),
			(d: Y.Doc) => d.getMap('ailleurs').set('x', 1),
			(d: Y.Doc) => d.getText('texte').insert(0, 'x')
		].map((change) => {
			const docs = pair();
			const refusal = edit(docs, change);
			expect(metaMap(docs.server).get('baseVersion')).toBe(3);
			expect(fieldText(docs.server, 'nom')!.toString()).toBe('Médiathèque de Jaude');
			return refusal;
		});
		expect(refusals).toEqual([
			'writes baseVersion at the top of meta',
			'deletes the entry base of meta',
			'writes nom at the top of fields',
			'deletes the entry telephone of fields',
			'writes date_maj at the top of fields',
			'writes x at the top of ailleurs',
			'writes into at the top of texte'
		]);
	});

	test('refuses anything but text in a text field and plain values in an enumeration', () => {
		const docs = pair();
		expect(edit(docs, (d) => fieldText(d, 'nom')!.insertEmbed(0, { image: 'x' }))).toBe(
			'writes embed content into nom'
		);
		expect(edit(docs, (d) => enumSet(d, 'services')!.set('x', new Y.Map() as never))).toBe(
			'writes type content into services'
		);
		expect(edit(docs, (d) => enumSet(d, 'services')!.set('é'.repeat(201), true))).toBe(
			'writes an over-long value into services'
		);
	});
});

describe('draftUpdateRefusal on sizes', () => {
	test('lets a field be typed over up to twice its limit, and no further', () => {
		const docs = pair();
		// nom: 250 characters in cartoparty, so 502 in the draft, "Médiathèque de Jaude" included.
		const room = 2 * 251 - 'Médiathèque de Jaude'.length;
		expect(edit(docs, (d) => fieldText(d, 'nom')!.insert(0, 'x'.repeat(room)))).toBeNull();
		const full = Y.encodeStateAsUpdate(docs.server);
		expect(edit(docs, (d) => fieldText(d, 'nom')!.insert(0, 'y'))).toBe('makes the field nom too long');

		// Deleting is always possible, and makes room again (a refused socket starts afresh).
		const again = { server: new Y.Doc(), browser: new Y.Doc() };
		Y.applyUpdate(again.server, full);
		Y.applyUpdate(again.browser, full);
		expect(edit(again, (d) => fieldText(d, 'nom')!.delete(0, 100))).toBeNull();
		expect(edit(again, (d) => fieldText(d, 'nom')!.insert(0, 'y'.repeat(100)))).toBeNull();
		expect(fieldText(again.server, 'nom')!.length).toBe(502);
	});

	test('an enumeration takes a bounded number of keys', () => {
		const docs = pair();
		const refusal = edit(docs, (d) => {
			const services = enumSet(d, 'services')!;
			for (let i = 0; i < 300; i++) services.set(`valeur ${i}`, true);
		});
		expect(refusal).toBe('makes the field services too long');
	});
});

describe('ApplyCheck', () => {
	// A room's state and an update that Yjs reads but fails to apply halfway (found by fuzzing
	// one byte of a legitimate update).
	const state = Buffer.from(
		'AQUBACgBBG1ldGELYmFzZVZlcnNpb24BfQEnAQZmaWVsZHMDbm9tAgQAAQEWTcOpZGlhdGjDqHF1ZSBkZSBKYXVkZScBBmZpZWxkcwhzZXJ2aWNlcwEoAAEWAUEBeAA=',
		'base64'
	);
	const poison = Buffer.from(
		'AQuSIQDEAQQBBQFYxJIhAAEFAllaxgEDAQQEYm9sZAR0cnVlxpIhAJIhAQRib2xkBG51bGzGAQSSIQAEYm9sZARudWxsxZIhBZIhAAl7ImltZyI6MX3GkiEGkiFnBGJvbGQEdHJ1ZSgAARYBQgF4KAEEbWV0YQF4AXYBAXl1An0BfQInAQZmaWVsZHMCbjICBACSIQoCYWIBAQECAg==',
		'base64'
	);

	test('refuses an update that would break the room, without touching the room', () => {
		const room = new Y.Doc();
		Y.applyUpdate(room, state);
		const before = Y.encodeStateAsUpdate(room);
		expect(() => Y.decodeUpdate(poison)).not.toThrow();
		const check = new ApplyCheck(room);

		expect(check.applies(poison)).toBe(false);
		expect(Y.encodeStateAsUpdate(room)).toEqual(before);
		// The shadow was rebuilt: a good update after a bad one is judged on the room as it is.
		const browser = new Y.Doc();
		Y.applyUpdate(browser, state);
		const vector = Y.encodeStateVector(browser);
		fieldText(browser, 'nom')!.insert(0, 'La ');
		expect(check.applies(Y.encodeStateAsUpdate(browser, vector))).toBe(true);
	});

	test('accepts an ordinary edit, and tells deletions apart', () => {
		const docs = pair();
		const before = Y.encodeStateVector(docs.browser);
		fieldText(docs.browser, 'nom')!.insert(0, 'La ');
		const insert = Y.encodeStateAsUpdate(docs.browser, before);
		const middle = Y.encodeStateVector(docs.browser);
		fieldText(docs.browser, 'nom')!.delete(0, 3);
		const removal = Y.encodeStateAsUpdate(docs.browser, middle);

		expect(new ApplyCheck(docs.server).applies(insert)).toBe(true);
		expect([onlyDeletes(insert), onlyDeletes(removal)]).toEqual([false, true]);
	});
});
