/**
 * Carto parties, called as a namespace: `parties.create(db, …)`, `parties.requireMember(…)`.
 */
export * from './party';
export * from './members';
export * from './progress';
