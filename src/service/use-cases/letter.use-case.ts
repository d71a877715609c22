import { createHash, randomUUID } from 'node:crypto';
import { z } from 'zod';
import { ImrError, toImrError } from '../../errors/imr-error.js';
import { decisionSchema, letterSchema, type Citation, type Letter } from '../../letters/model.js';
import { citationInputSchema } from './review.use-case.js';
import { transition, type CaseStatus, type ImrApplication, type Reviewer } from '../domain/index.js';
import type { CaseItemRow, CaseRow, LetterRow } from '../store/tables.js';
import { parseJson } from '../store/tables.js';
import type { User } from '../store/users.store.js';
import { ageOn } from './assignment.use-case.js';
import { deadlinesFor, toLetterSummary, type LetterSummary } from './case-view.js';
import type { Services } from './services.js';
import { assertMedicalRecords, assertRecordsRead, lettersDocumentsReviewed, publicationColumns } from './publication.js';
import { assertCorrectionChanges, correctionOf } from './letter-correction.js';
import { buildMailedLetter, renderMailing } from './mailed-letter.js';
import { letterRemandOf } from './remand-links.js';

const STATE_NAMES: Record<string, string> = { CA: 'California', NV: 'Nevada', AZ: 'Arizona', OR: 'Oregon', WA: 'Washington', NY: 'New York', TX: 'Texas' };

/** A citation for an item where the claims administrator cited none. */
const NO_CITATION: Citation = { source: 'NONE', name: null, edition: null, topic: null, sections: [], pages: [], raw: 'None', alsoCites: [] };

/**
 * The Final Determination letter for a case, issued in the name of `organization` (the
 * Independent Medical Review Organization). The reviewer appears only by credentials (licensure,
 * specialty): never by name or id (LC 4610.6(f)).
 */
function buildLetter(row: CaseRow, items: CaseItemRow[], reviewer: Pick<Reviewer, 'licensureStates' | 'specialty' | 'subspecialty'>, decisionDate: string, organization: string): Letter {
  const app = JSON.parse(row.application) as ImrApplication;
  const missing = items.filter((i) => !i.decision || !i.citation || !i.rationale?.trim()).map((i) => i.position + 1);
  if (missing.length) {
    throw new ImrError('IMR_ERR_VALIDATION', `Every item needs a decision, a citation and a rationale before signing; item${missing.length > 1 ? 's' : ''} ${missing.join(', ')} ${missing.length > 1 ? 'are' : 'is'} incomplete.`, {
      details: missing.map((n) => ({ path: `items.${n - 1}`, message: 'decision, citation and rationale are required' })),
    });
  }
  const letter: Letter = {
    reviewOrganization: organization,
    header: {
      caseNumber: row.case_number,
      dateAssigned: row.assigned_on,
      injuryDate: app.injuredWorker.dateOfInjury,
      decisionDate,
      urDenialDate: app.urDecision.decisionDate,
      priority: row.priority as 'Standard' | 'Expedited',
      applicationReceived: app.applicationReceivedDate,
    },
    reviewer: {
      licensure: reviewer.licensureStates.map((s) => STATE_NAMES[s.trim().toUpperCase()] ?? s.trim()),
      specialty: reviewer.specialty,
      subspecialty: reviewer.subspecialty ?? null,
    },
    worker: { age: ageOn(app.injuredWorker.dateOfBirth, app.urDecision.decisionDate), sex: (row.worker_sex as 'male' | 'female' | null) ?? null, injuryDate: app.injuredWorker.dateOfInjury },
    urDecisionDate: app.urDecision.decisionDate,
    imrApplicationDate: app.applicationReceivedDate,
    clinicalSummary: row.clinical_summary,
    documentsReviewed: parseJson<string[]>(row.documents_reviewed, []),
    items: items.map((i) => ({
      request: i.request,
      decision: decisionSchema.parse(i.decision),
      claimsAdministratorGuideline: parseJson<Citation | null>(i.ur_guideline, null) ?? NO_CITATION,
      reviewerGuideline: parseJson<Citation>(i.citation, NO_CITATION),
      rationale: i.rationale ?? '',
    })),
  };
  const checked = letterSchema.safeParse(letter);
  if (!checked.success) {
    throw new ImrError('IMR_ERR_VALIDATION', 'The letter would be incomplete; fill in the fields listed.', {
      details: checked.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
    });
  }
  return checked.data;
}

const sha256 = (b: string | Uint8Array) => createHash('sha256').update(b).digest('hex');

async function render(services: Services, letter: Letter): Promise<{ text: string; html: string; pdf: Uint8Array }> {
  if (!services.renderer) throw new ImrError('IMR_ERR_RENDER_FAILED', 'No letter renderer is configured; the service cannot issue letters.');
  try {
    return { text: services.renderer.text(letter), html: services.renderer.html(letter), pdf: await services.renderer.pdf(letter) };
  } catch (e) {
    const err = toImrError(e);
    if (err.code !== 'IMR_ERR_INTERNAL') throw err;
    throw new ImrError('IMR_ERR_RENDER_FAILED', 'The letter could not be rendered; report this case id to the operator.', { cause: e });
  }
}

function letterRow(caseId: string, version: number, letter: Letter, out: { text: string; html: string; pdf: Uint8Array }, issuedOn: string, now: Date, actor: User, supersedes: LetterRow | null, reason: string | null): LetterRow {
  // The structured letter is hashed as the exact string stored, so a read compares bytes, not a re-serialisation.
  const json = JSON.stringify(letter);
  return {
    id: randomUUID(),
    case_id: caseId,
    version,
    supersedes_id: supersedes?.id ?? null,
    correction_reason: reason,
    letter: json,
    letter_sha256: sha256(json),
    text: out.text,
    html: out.html,
    pdf_base64: Buffer.from(out.pdf).toString('base64'),
    sha256: sha256(out.pdf),
    text_sha256: sha256(out.text),
    html_sha256: sha256(out.html),
    issued_on: issuedOn,
    issued_at: now.toISOString(),
    issued_by: actor.id,
  };
}

export const signInputSchema = z.object({
  /** The case version as last read: signing a case that changed meanwhile answers 409. */
  version: z.number().int().min(1).optional(),
});

/**
 * The reviewer signs: the case is decided, the Final Determination letter is rendered (text,
 * HTML, PDF) and stored with its SHA-256, and the case moves to "letter_issued"; one transaction.
 */
export async function signCase(services: Services, actor: User, caseId: string, expectedVersion?: number): Promise<LetterSummary> {
  const today = services.today();
  const now = services.now();
  const row0 = await services.cases.getOrThrow(caseId);
  if (expectedVersion !== undefined && row0.version !== expectedVersion) {
    throw new ImrError('IMR_ERR_CONFLICT', `The case changed since you read it (now version ${row0.version}); reload it and sign again.`, { subject: caseId });
  }
  if (row0.status === 'letter_issued') {
    throw new ImrError('IMR_ERR_LETTER_IMMUTABLE', 'The letter of this case is already issued and cannot be signed again; to change it, issue a correction (POST /api/cases/:id/letter/corrections).', { subject: caseId });
  }
  let status = row0.status as CaseStatus;
  if (status === 'assigned' || status === 'records_received') status = transition(status, 'in_review');
  status = transition(status, 'decided');
  status = transition(status, 'letter_issued');
  if (!row0.reviewer_id) throw new ImrError('IMR_ERR_INVALID_TRANSITION', 'The case has no reviewer; assign one first.', { subject: caseId });
  const reviewer = await services.reviewers.getOrThrow(row0.reviewer_id);
  const items0 = await services.cases.items(caseId);
  await assertMedicalRecords(services, caseId, row0.clinical_summary);
  await assertRecordsRead(services, caseId);
  const letter = { ...buildLetter(row0, items0, reviewer, today, services.organizationName), documentsReviewed: await lettersDocumentsReviewed(services, row0), ...(await letterRemandOf(services, caseId)) };
  const out = await render(services, letter);
  const mailed = await renderMailing(buildMailedLetter(services, JSON.parse(row0.application) as ImrApplication, letter, services.organizationName, today));
  return services.tx(async (stores) => {
    const row = await stores.cases.getOrThrow(caseId);
    const items = await stores.cases.items(caseId);
    const changed = row.version !== row0.version || items.some((i, k) => i.version !== items0[k]?.version);
    if (changed) throw new ImrError('IMR_ERR_CONFLICT', 'The case or an item changed while signing; reload it and sign again.', { subject: caseId });
    const lr = { ...letterRow(row.id, 1, letter, out, today, now, actor, null, null), ...publicationColumns(letter, JSON.parse(row.application) as ImrApplication) };
    const app = JSON.parse(row.application) as ImrApplication;
    // The case row first: a concurrent signature waits on its lock and then fails the version check.
    await stores.cases.update(row.id, row.version, { status, decided_on: today, deadlines: JSON.stringify(deadlinesFor(app, { ...row, decided_on: today }, today)) }, now);
    await stores.cases.insertLetter(lr);
    await stores.mailings.insert(mailed.row(lr, now));
    await stores.audit.record(actor, 'case.sign', row.id, { status: { from: row.status, to: status }, letterVersion: 1, sha256: lr.sha256, decisions: items.map((i) => i.decision) }, now);
    return toLetterSummary(lr);
  });
}

export const correctionInputSchema = z.object({
  reason: z.string().trim().min(1).max(2000),
  clinicalSummary: z.string().min(1).max(200_000).optional(),
  items: z
    .array(
      z.object({
        itemId: z.string().min(1),
        decision: decisionSchema.optional(),
        citation: citationInputSchema.optional(),
        rationale: z.string().trim().min(1).max(50_000).optional(),
      }),
    )
    .max(100)
    .optional(),
});
export type CorrectionInput = z.infer<typeof correctionInputSchema>;

/**
 * A correction: a new letter version that references the one it supersedes. The issued letters
 * stay as they were; the items and summary are updated and the letter re-rendered.
 */
export async function correctLetter(services: Services, actor: User, caseId: string, input: CorrectionInput): Promise<LetterSummary> {
  const now = services.now();
  const today = services.today();
  const row0 = await services.cases.getOrThrow(caseId);
  if (row0.status !== 'letter_issued') throw new ImrError('IMR_ERR_INVALID_TRANSITION', `Only an issued letter can be corrected; this case is "${row0.status}": sign it first.`, { subject: caseId });
  const previous = await services.cases.letter(caseId);
  if (!previous) throw new ImrError('IMR_ERR_NOT_FOUND', 'The case has no issued letter to correct.', { subject: caseId });
  const items0 = await services.cases.items(caseId);
  const updated = items0.map((i) => {
    const c = input.items?.find((x) => x.itemId === i.id);
    if (!c) return i;
    return { ...i, decision: c.decision ?? i.decision, citation: c.citation ? JSON.stringify(c.citation) : i.citation, rationale: c.rationale ?? i.rationale };
  });
  for (const c of input.items ?? []) if (!items0.some((i) => i.id === c.itemId)) throw new ImrError('IMR_ERR_NOT_FOUND', 'The case has no item with this id; read the case to see its item ids.', { subject: c.itemId });
  const row1 = { ...row0, clinical_summary: input.clinicalSummary ?? row0.clinical_summary };
  const reviewer = await services.reviewers.getOrThrow(row0.reviewer_id ?? '');
  // The correction copies the decision date and organisation of the letter it corrects: only from an untampered one.
  if (previous.letter_sha256 != null && sha256(previous.letter) !== previous.letter_sha256) {
    await services.audit.record(actor, 'case.letter_tampered', caseId, { letterId: previous.id, letterVersion: previous.version, parts: ['json'], requested: 'correction' }, now);
    throw new ImrError('IMR_ERR_LETTER_TAMPERED', `The stored letter version ${previous.version} no longer matches the hash recorded when it was issued; it cannot be corrected until it is restored from a backup.`, { subject: caseId });
  }
  const oldLetter = JSON.parse(previous.letter) as Letter;
  // A correction is the same determination: it keeps the organisation (and decision date) of the letter it corrects.
  const letter = { ...buildLetter(row1, updated, reviewer, oldLetter.header?.decisionDate ?? today, oldLetter.reviewOrganization ?? services.organizationName), documentsReviewed: await lettersDocumentsReviewed(services, row1), correction: correctionOf(previous, input.reason), ...(oldLetter.remand ? { remand: oldLetter.remand } : {}) };
  assertCorrectionChanges(oldLetter, letter, previous.version, caseId);
  const out = await render(services, letter);
  const mailed = await renderMailing(buildMailedLetter(services, JSON.parse(row1.application) as ImrApplication, letter, letter.reviewOrganization ?? services.organizationName, today));
  return services.tx(async (stores) => {
    const row = await stores.cases.getOrThrow(caseId);
    const latest = await stores.cases.letter(caseId);
    if (row.version !== row0.version || latest?.id !== previous.id) throw new ImrError('IMR_ERR_CONFLICT', 'The case changed while correcting; reload it and retry.', { subject: caseId });
    await stores.cases.update(row.id, row.version, { clinical_summary: row1.clinical_summary }, now);
    for (const [k, i] of updated.entries()) {
      if (i !== items0[k]) await stores.cases.updateItem(caseId, i.id, i.version, { decision: i.decision, citation: i.citation, rationale: i.rationale, updated_by: actor.id }, now);
    }
    const lr = { ...letterRow(row.id, previous.version + 1, letter, out, today, now, actor, previous, input.reason), ...publicationColumns(letter, JSON.parse(row.application) as ImrApplication) };
    await stores.cases.insertLetter(lr);
    await stores.mailings.insert(mailed.row(lr, now));
    await stores.audit.record(actor, 'case.letter_correction', row.id, {
      letterVersion: { from: previous.version, to: lr.version },
      supersedes: previous.id,
      // The reason is free text (it may name the patient): the row points at where it is kept.
      reason: { letterId: lr.id, field: 'correction_reason' },
      items: (input.items ?? []).map((c) => ({ itemId: c.itemId, fields: Object.keys(c).filter((k) => k !== 'itemId') })),
      clinicalSummaryChanged: input.clinicalSummary !== undefined,
    }, now);
    return toLetterSummary(lr);
  });
}

export type LetterFormat = 'json' | 'txt' | 'html' | 'pdf';

/** Whether the stored structured letter could be checked: letters issued before its hash was recorded cannot. */
export type LetterIntegrity = 'verified' | 'unverified';

/**
 * One issued letter (latest unless a version is given); records the read. What is served must
 * still match the hashes recorded at issue: the structured JSON (which every format's reply uses)
 * and the rendered format asked for. A mismatch is audited and answered IMR_ERR_LETTER_TAMPERED.
 */
export async function readLetter(services: Services, actor: User, caseId: string, format: LetterFormat, version?: number): Promise<{ summary: LetterSummary; letter: Letter; body: string | Buffer; integrity: LetterIntegrity }> {
  await services.cases.getOrThrow(caseId);
  const row = await services.cases.letter(caseId, version);
  if (!row) throw new ImrError('IMR_ERR_NOT_FOUND', version === undefined ? 'No letter has been issued for this case yet; sign the case first.' : `The case has no letter version ${version}.`, { subject: caseId });
  const body = format === 'pdf' ? Buffer.from(row.pdf_base64, 'base64') : format === 'html' ? row.html : format === 'txt' ? row.text : row.letter;
  const expected = format === 'pdf' ? row.sha256 : format === 'html' ? row.html_sha256 : format === 'txt' ? row.text_sha256 : null;
  const altered: string[] = [];
  if (row.letter_sha256 != null && sha256(row.letter) !== row.letter_sha256) altered.push('json');
  if (expected !== null && sha256(body) !== expected) altered.push(format);
  if (altered.length) {
    await services.audit.record(actor, 'case.letter_tampered', caseId, { letterId: row.id, letterVersion: row.version, parts: altered, requested: format }, services.now());
    throw new ImrError('IMR_ERR_LETTER_TAMPERED', `The stored ${altered.join(' and ')} of letter version ${row.version} no longer match${altered.length > 1 ? '' : 'es'} the hash recorded when it was issued; it was altered outside the service. It is not served: restore it from a backup and tell the operator.`, { subject: caseId });
  }
  const integrity: LetterIntegrity = row.letter_sha256 == null ? 'unverified' : 'verified';
  const letter = JSON.parse(row.letter) as Letter;
  await services.audit.record(actor, 'case.letter_read', caseId, { letterVersion: row.version, format, ...(integrity === 'unverified' ? { integrity } : {}) }, services.now());
  return { summary: toLetterSummary(row), letter, body: format === 'json' ? JSON.stringify(letter) : body, integrity };
}
