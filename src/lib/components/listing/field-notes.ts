/**
 * What the editor says beside a field whose draft value is not the published one for a reason
 * the participant may not know: the coordinator refused it, or another value was published
 * since the draft began. A field the participant is simply editing gets no note.
 */
import { sameValue } from '$lib/collab/draft-doc';
import type { FieldValue } from '$lib/domain/standard/fields';

export interface Refusal {
	proposed: FieldValue;
	reason: string | null;
}

export type FieldNote =
	/** The draft still holds a value the coordinator refused: sending proposes it again. */
	| { kind: 'refused'; published: FieldValue; reason: string | null }
	/** Published since the draft began; the draft shows the older value, which is not sent. */
	| { kind: 'outdated'; published: FieldValue };

export function fieldNote(
	draft: FieldValue,
	seed: FieldValue,
	published: FieldValue,
	refusal?: Refusal
): FieldNote | null {
	if (sameValue(draft, published)) return null;
	if (refusal && sameValue(draft, refusal.proposed)) {
		return { kind: 'refused', published, reason: refusal.reason };
	}
	if (sameValue(draft, seed)) return { kind: 'outdated', published };
	return null;
}
