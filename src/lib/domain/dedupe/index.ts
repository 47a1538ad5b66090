export { DEFAULT_THRESHOLD, findDuplicates } from './find';
export type { DedupeListing, DuplicateCandidate } from './find';
export { scorePair } from './score';
export type { DedupeFields, PairScore } from './score';
