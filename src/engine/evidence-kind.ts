/** The kinds of evidence (src/shared/evidence-kind.ts) and the groups of them the engine uses. */
export { EVIDENCE_KINDS, type EvidenceKind } from '../shared/evidence-kind.js';
import type { EvidenceKind } from '../shared/evidence-kind.js';

/** Kinds that are clinical evidence of the worker's condition and care (never plan, review, administrative). */
export const CLINICAL_KINDS: readonly EvidenceKind[] = ['exam', 'test', 'complaint', 'diagnosis', 'history'];

/** Kinds that are objective findings (for criteria that require an objective finding or deficit). */
export const OBJECTIVE_KINDS: readonly EvidenceKind[] = ['exam', 'test'];

