import { formatLetterDate } from '../../letters/render/format.js';
import { californiaDate } from './services.js';

/**
 * The records of a case, each listed once: the uploaded documents (with kind, author or facility,
 * date of service) and the records intake listed by name without uploading them. Intake lists a
 * file it is about to upload ("Medical record: pr2.pdf"), and older cases also recorded each
 * upload's name: such an entry is the upload's, not a second record. DOCUMENTS REVIEWED prints the
 * records still in evidence; a withdrawn document stays on screen, marked. Pure: no I/O.
 */

const RECORD_KIND_LABELS: Readonly<Record<string, string>> = {
  medical_record: 'Medical record',
  ur_decision: 'UR decision',
  application: 'Application',
  other: 'Other document',
};

export interface CaseRecord {
  /** The uploaded document; null for a record intake listed without uploading it. */
  documentId: string | null;
  /** The document kind (medical_record, ur_decision…); null for a listed record. */
  kind: string | null;
  name: string;
  author: string | null;
  /** Date of service, when given (YYYY-MM-DD). */
  serviceDate: string | null;
  /** The upload date (California), for an uploaded document. */
  receivedOn: string | null;
  /** When and why it was withdrawn (filed by mistake): no longer evidence, not in the letter. */
  withdrawn: { at: string; reason: string | null } | null;
  /** The line the letter's DOCUMENTS REVIEWED prints for it. */
  label: string;
}

/** A stored document as the listing needs it. */
export interface RecordDocument {
  id: string;
  kind: string;
  name: string;
  uploaded_at: string;
  withdrawn_at?: string | null;
  withdrawal_reason?: string | null;
  service_date?: string | null;
  author?: string | null;
}

/** A listed entry reduced to the file name it may stand for: the kind prefix intake writes is dropped. */
function entryKey(entry: string): string {
  const s = entry.replace(/\s+/g, ' ').trim().toLowerCase();
  const m = /^(?:medical record|ur decision|application|other(?: document)?|document)\s*:\s*(.+)$/.exec(s);
  return (m ? m[1]! : s).trim();
}

/** The DOCUMENTS REVIEWED line of an uploaded document: kind, name, author, and its date of service or receipt. */
function recordLabel(d: Pick<CaseRecord, 'kind' | 'name' | 'author' | 'serviceDate' | 'receivedOn'>): string {
  const parts = [`${RECORD_KIND_LABELS[d.kind ?? 'other'] ?? RECORD_KIND_LABELS.other}: ${d.name}`];
  if (d.author) parts.push(d.author);
  if (d.serviceDate) parts.push(`date of service ${formatLetterDate(d.serviceDate)}`);
  else if (d.receivedOn) parts.push(`received ${formatLetterDate(d.receivedOn)}`);
  return parts.join(', ');
}

/** The case's records, each once: uploads in date order, then listed records no upload stands for. */
export function caseRecords(listed: readonly string[], documents: readonly RecordDocument[]): CaseRecord[] {
  const uploaded = documents.map((d) => {
    const r = {
      documentId: d.id,
      kind: d.kind,
      name: d.name,
      author: d.author ?? null,
      serviceDate: d.service_date ?? null,
      receivedOn: californiaDate(new Date(d.uploaded_at)),
      withdrawn: d.withdrawn_at ? { at: d.withdrawn_at, reason: d.withdrawal_reason ?? null } : null,
    };
    return { ...r, label: recordLabel(r), uploadedAt: d.uploaded_at };
  });
  // In date order (date of service, else receipt), as a reader of the letter looks for a record.
  uploaded.sort((a, b) => (a.serviceDate ?? a.receivedOn!).localeCompare(b.serviceDate ?? b.receivedOn!) || a.uploadedAt.localeCompare(b.uploadedAt) || a.name.localeCompare(b.name));
  const names = new Set(documents.map((d) => d.name.trim().toLowerCase()));
  const seen = new Set<string>();
  const typed: CaseRecord[] = [];
  for (const entry of listed) {
    const key = entryKey(entry);
    if (names.has(key) || seen.has(key)) continue;
    seen.add(key);
    typed.push({ documentId: null, kind: null, name: entry, author: null, serviceDate: null, receivedOn: null, withdrawn: null, label: entry.replace(/\s+/g, ' ').trim() });
  }
  return [...uploaded.map(({ uploadedAt: _, ...r }) => r), ...typed];
}

/** The records still in evidence, as DOCUMENTS REVIEWED lists them. */
export function documentsReviewedList(records: readonly CaseRecord[]): string[] {
  return records.filter((r) => !r.withdrawn).map((r) => r.label);
}
