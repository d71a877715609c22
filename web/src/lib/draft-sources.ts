/**
 * The short line under a draft saying what it read and what it could not, so a reviewer sees at
 * once when a draft rests on an incomplete record. Pure.
 */
import type { DraftSourcesView } from '../api/types.js';
import { formatDate } from './format.js';

const KIND_LABELS: Record<string, string> = {
  medical_record: 'medical record',
  application: 'IMR application',
  ur_decision: 'UR decision',
  other: 'other document',
};

const NOT_READ_LABELS: Record<DraftSourcesView['notRead'][number]['reason'], string> = {
  ur_decision: "UR decision: the claims administrator's reasoning, never clinical evidence",
  no_text: 'no text: a scan waiting for OCR',
  too_large: 'too large to read',
};

/** "Read: PR-2.txt 03/21/2024 (medical record) · Not read: UR.pdf 03/21/2024 (UR decision: …)" (upload dates, US style). */
export function draftSourcesLine(sources: DraftSourcesView): string {
  const read = [
    ...(sources.clinicalSummary ? ['the clinical summary'] : []),
    ...sources.read.map((d) => `${d.name} ${formatDate(d.uploadedOn)} (${KIND_LABELS[d.kind] ?? KIND_LABELS.other})`),
  ];
  const parts = [read.length ? `Read: ${read.join(', ')}` : 'Read: no medical record'];
  if (sources.notRead.length) parts.push(`Not read: ${sources.notRead.map((d) => `${d.name} ${formatDate(d.uploadedOn)} (${NOT_READ_LABELS[d.reason]})`).join(', ')}`);
  return parts.join(' · ');
}

/** True when the draft read nothing clinical: no summary and no readable record. */
export function readNothingClinical(sources: DraftSourcesView): boolean {
  return !sources.clinicalSummary && sources.read.length === 0;
}

/**
 * The case's documents the draft has not seen at all (uploaded after it was made, while its redraft
 * is still running or was lost): the draft may be out of date.
 */
export function documentsNotSeen(sources: DraftSourcesView, documents: Array<{ id: string; name: string }>): string[] {
  const seen = new Set([...sources.read, ...sources.notRead].map((d) => d.documentId));
  return documents.filter((d) => !seen.has(d.id)).map((d) => d.name);
}
