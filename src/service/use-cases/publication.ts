import { createHash } from 'node:crypto';
import { ImrError, toImrError } from '../../errors/imr-error.js';
import type { Letter } from '../../letters/model.js';
import { publicationOf, type CaseIdentifier, type Publication } from '../../letters/redact/publication.js';
import { textRedactor } from '../../letters/redact/redact-text.js';
import type { CorpusLetterRecord } from '../../corpus/records.js';
import { createLetterRenderer } from './letter-renderer.js';
import type { ImrApplication } from '../domain/index.js';
import { parseJson, type CaseRow, type LetterRow } from '../store/tables.js';
import { caseRecords, documentsReviewedList } from './case-records.js';
import type { User } from '../store/users.store.js';
import { toLetterSummary, type LetterSummary } from './case-view.js';
import type { Services } from './services.js';

/**
 * The publication of an issued letter (imr-process.md §6.7): made at signing (and with every
 * correction) from the letter and the identifiers entered at intake, stored with the letter and
 * hashed, served as JSON (with what was removed, for the signer to check), text, HTML or PDF in the
 * published layout.
 */

/** A representative, when intake records one (read loosely: older applications have none). */
interface MaybeRepresentative {
  representative?: { name?: string; address?: string; firm?: string } | null;
}

/** Every identifier intake entered: names, addresses, claim number, parties, date of birth. */
function caseIdentifiers(app: ImrApplication): CaseIdentifier[] {
  const ids: CaseIdentifier[] = [];
  const add = (kind: CaseIdentifier['kind'], value: string | null | undefined): void => {
    if (value && value.trim()) ids.push({ kind, value: value.trim() });
  };
  add('injured worker', app.injuredWorker.name);
  add('worker address', app.injuredWorker.address);
  add('claim number', app.injuredWorker.claimNumber);
  add('date of birth', app.injuredWorker.dateOfBirth);
  add('employer', app.employer.name);
  add('claims administrator', app.claimsAdministrator.name);
  add('claims administrator', app.claimsAdministrator.id);
  add('insurer', app.claimsAdministrator.insurerName);
  add('requesting provider', app.requestingProvider.name);
  add('provider group', app.requestingProvider.group);
  add('provider NPI', app.requestingProvider.npi);
  add('UR organization', app.urDecision.urOrganizationName);
  const rep = (app as ImrApplication & MaybeRepresentative).representative;
  add('representative', rep?.name);
  add('representative', rep?.firm);
  add('representative address', rep?.address);
  return ids;
}

const sha256 = (b: string | Uint8Array) => createHash('sha256').update(b).digest('hex');

/** The stored columns of a letter's publication. */
export function publicationColumns(letter: Letter, app: ImrApplication): Pick<LetterRow, 'publication' | 'publication_sha256'> {
  const json = JSON.stringify(publicationOf(letter, caseIdentifiers(app)));
  return { publication: json, publication_sha256: sha256(json) };
}

/**
 * Signing needs a medical record to decide on: an uploaded medical record still in evidence, or the
 * typed clinical case summary (which intake or the reviewer writes from the records, and which cases
 * made before uploads existed rest on). A case with neither is refused with what to add.
 */
export async function assertMedicalRecords(services: Services, caseId: string, clinicalSummary: string): Promise<void> {
  if (clinicalSummary.trim() !== '') return;
  const docs = await services.cases.documentSummaries(caseId);
  if (docs.some((d) => d.kind === 'medical_record' && !d.withdrawn_at)) return;
  throw new ImrError('IMR_ERR_RECORDS_MISSING', 'The case has no medical records to decide on (no medical record in evidence and no clinical case summary); add one (POST /api/cases/:id/documents with kind=medical_record) or write the clinical summary, then sign.', { subject: caseId });
}

/**
 * A scan still being read by OCR is a record the reviewer has not seen: the reviewer must review
 * all pertinent records submitted (Labor Code §4610.6(b)), so signing waits for it (or for its withdrawal).
 */
export async function assertRecordsRead(services: Services, caseId: string): Promise<void> {
  const pending = await services.cases.documentsBeingRead(caseId);
  if (pending.length === 0) return;
  throw new ImrError('IMR_ERR_RECORDS_PENDING', `${pending.length} record${pending.length > 1 ? 's are' : ' is'} still being read by OCR; sign once ${pending.length > 1 ? 'they are' : 'it is'} read (the case's documents show the progress), or withdraw ${pending.length > 1 ? 'them' : 'it'} if filed by mistake.`, { subject: caseId });
}

export type PublicationFormat = 'json' | 'txt' | 'html' | 'pdf';

/**
 * The publication of an issued letter (latest unless a version is given). Checked against the hash
 * recorded at issue; the rendered forms are made from it in the published layout. Records the read.
 */
export async function readPublication(services: Services, actor: User, caseId: string, format: PublicationFormat, version?: number): Promise<{ summary: LetterSummary; publication: Publication; body: string | Uint8Array }> {
  await services.cases.getOrThrow(caseId);
  const row = await services.cases.letter(caseId, version);
  if (!row) throw new ImrError('IMR_ERR_NOT_FOUND', version === undefined ? 'No letter has been issued for this case yet; sign the case first.' : `The case has no letter version ${version}.`, { subject: caseId });
  if (!row.publication) throw new ImrError('IMR_ERR_NOT_FOUND', `Letter version ${row.version} was issued before publications were made; issue a correction to make one.`, { subject: caseId });
  if (row.publication_sha256 && sha256(row.publication) !== row.publication_sha256) {
    await services.audit.record(actor, 'case.letter_tampered', caseId, { letterId: row.id, letterVersion: row.version, parts: ['publication'], requested: format }, services.now());
    throw new ImrError('IMR_ERR_LETTER_TAMPERED', `The stored publication of letter version ${row.version} no longer matches the hash recorded when it was issued; it is not served: restore it from a backup and tell the operator.`, { subject: caseId });
  }
  const publication = JSON.parse(row.publication) as Publication;
  await services.audit.record(actor, 'case.publication_read', caseId, { letterVersion: row.version, format }, services.now());
  const summary = toLetterSummary(row);
  if (format === 'json') return { summary, publication, body: row.publication };
  // The published layout, whatever the service's own renderer issues to the parties.
  const renderer = createLetterRenderer({ organizationName: services.organizationName });
  try {
    const body = format === 'txt' ? renderer.text(publication.letter) : format === 'html' ? renderer.html(publication.letter) : await renderer.pdf(publication.letter);
    return { summary, publication, body };
  } catch (e) {
    const err = toImrError(e);
    if (err.code !== 'IMR_ERR_INTERNAL') throw err;
    throw new ImrError('IMR_ERR_RENDER_FAILED', 'The publication could not be rendered; report this case id to the operator.', { cause: e });
  }
}

/** DOCUMENTS REVIEWED for the case's letter: each record in evidence once, with its kind and date. */
export async function lettersDocumentsReviewed(services: Services, row: Pick<CaseRow, 'id' | 'documents_reviewed'>): Promise<string[]> {
  return documentsReviewedList(caseRecords(parseJson<string[]>(row.documents_reviewed, []), await services.cases.documentSummaries(row.id)));
}

/**
 * The corpus import's check for this service's own letters: a letter whose case number is one of the
 * service's cases must not hold anything its intake entered (names, claim number, addresses…). Its
 * publication passes; the issued letter passes only when its text names no one. The reason says
 * which kinds of identifier remain, never the identifiers.
 */
export function ownLetterScreen(services: Pick<Services, 'cases'>): (record: Pick<CorpusLetterRecord, 'caseNumber' | 'rawText' | 'fileName'>) => Promise<void> {
  return async (record) => {
    if (!record.caseNumber) return;
    const { rows } = await services.cases.list({ caseNumber: record.caseNumber, limit: 5, offset: 0 });
    const row = rows.find((r) => r.case_number === record.caseNumber);
    if (!row) return;
    const found = textRedactor(caseIdentifiers(JSON.parse(row.application) as ImrApplication)).redact(record.rawText, 'text').removed;
    const own = [...new Set(found.filter((r) => !GENERIC_KINDS.has(r.kind)).map((r) => r.kind))].sort();
    if (own.length) {
      throw new ImrError('IMR_ERR_LETTER_NOT_REDACTED', `${record.fileName}: the letter of case ${record.caseNumber} still holds what intake entered (${own.join(', ')}); import its publication instead (GET /api/cases/:id/letter/publication.pdf).`, { subject: record.fileName });
    }
  };
}

/** Patterns any letter may hold (the IMRO's own telephone number): not the case's intake identifiers. */
const GENERIC_KINDS: ReadonlySet<string> = new Set(['telephone number', 'e-mail address', 'street address', 'labelled identifier', 'social security number']);
