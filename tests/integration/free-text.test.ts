/** Free texts typed outside listings (titles, labels, remarks) refuse invisible characters. */
import { describe, expect, test } from 'vitest';
import * as apiTokens from '../../src/lib/server/api-tokens';
import * as feedback from '../../src/lib/server/feedback';
import * as parties from '../../src/lib/server/parties';
import { sampleDatabase } from './parties-fixtures';

const ctx = sampleDatabase();
const ENDING =
	'contient un caractère invisible (caractère nul, de contrôle ou de sens d’écriture) : retirez-le.';

describe('invisible characters in free texts', () => {
	test('a party title, a token name and a remark are refused in French, nothing stored', async () => {
		await expect(
			parties.create(ctx.db, {
				title: 'Carto\u0000party',
				territoryKind: 'commune',
				territoryCode: '63113',
				createdBy: ctx.creator.id
			})
		).rejects.toThrow(`Le titre ${ENDING}`);
		await expect(apiTokens.create(ctx.db, ctx.creator.id, 'script \u202egpj.exe')).rejects.toThrow(
			`Le nom du jeton ${ENDING}`
		);
		await expect(
			feedback.record(ctx.db, {
				listingUid: null,
				field: null,
				kind: feedback.FEEDBACK_KINDS[0],
				message: 'Il manque\u0000 un service.',
				authorId: ctx.creator.id
			})
		).rejects.toThrow(`Le message ${ENDING}`);

		expect(await apiTokens.list(ctx.db)).toEqual([]);
		expect(await feedback.list(ctx.db)).toEqual([]);
	});

	test('line breaks stay allowed in a remark', async () => {
		const { id } = await feedback.record(ctx.db, {
			listingUid: null,
			field: null,
			kind: feedback.FEEDBACK_KINDS[0],
			message: 'Deux lignes :\nla seconde.',
			authorId: ctx.creator.id
		});
		expect(id).toMatch(/^[0-9a-f-]{36}$/);
	});
});
