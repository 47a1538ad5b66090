/**
 * Field-by-field review, called as a namespace: `review.submit(db, …)`, `review.queue(db)`,
 * `review.reviewOf(db, id)`, `review.proposalOutcome(db, id)`. Publishing is in
 * `listings/commit.ts` (`commitProposal`, `rejectProposal`).
 */
export * from './error';
export * from './submit';
export * from './queue';
export * from './proposal';
export * from './outcome';
