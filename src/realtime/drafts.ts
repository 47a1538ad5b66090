/**
 * Drafts as the review reads them: the stored document of a listing's draft room, as plain
 * values. Stored means stored: updates this process received but has not written yet are
 * written first, and what the database holds is what counts.
 */
import { readDraft, roomName, type DraftSnapshot } from '../lib/collab/draft-doc';
import type { Database } from '../lib/server/db';
import { liveInstances } from './registry';
import { buildDoc, readRows } from './store';

/** The draft of a listing in a party, or null when nobody has opened it yet. */
export async function loadDraftSnapshot(
	db: Database,
	partyId: string,
	listingUid: string
): Promise<DraftSnapshot | null> {
	await Promise.all([...liveInstances()].map((realtime) => realtime.flush()));

	const rows = await readRows(db, roomName.draft(partyId, listingUid));
	if (rows.length === 0) return null;
	const doc = buildDoc(rows);
	try {
		return readDraft(doc);
	} finally {
		doc.destroy();
	}
}
