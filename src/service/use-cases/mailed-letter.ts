import { createHash } from 'node:crypto';
import { ImrError, toImrError } from '../../errors/imr-error.js';
import type { Letter } from '../../letters/model.js';
import { mailingSchema, type Addressee, type MailedLetter, type Mailing } from '../../letters/mailed-model.js';
import { renderMailedHtml, renderMailedPdf, renderMailedText } from '../../letters/render/mailed.js';
import type { ImrApplication } from '../domain/index.js';
import type { MailingRow } from '../store/mailings.store.js';
import type { LetterRow } from '../store/tables.js';
import type { User } from '../store/users.store.js';
import { toLetterSummary, type LetterSummary } from './case-view.js';
import type { LetterFormat, LetterIntegrity } from './letter.use-case.js';
import type { Services } from './services.js';

/**
 * The determination as mailed to the parties (imr-process.md §2.11): built at signing and at each
 * correction from the case's application (addressees, claim number, employer), the configured
 * letterhead and the issued letter; stored beside the letter with the SHA-256 of its data and of
 * each rendered format, checked on every read.
 */

const sha256 = (b: string | Uint8Array) => createHash('sha256').update(b).digest('hex');

/** An address as lines: as typed, one line per line. */
function addressLines(address: string | undefined): string[] {
  return (address ?? '').split(/\r?\n/).map((l) => l.replace(/\s+/g, ' ').trim()).filter((l) => l.length > 0);
}

/** A representative, when intake records one (read loosely: applications without one are the norm). */
interface MaybeRepresentative {
  representative?: { name?: string; address?: string; firm?: string } | null;
}

/**
 * The addressees of LC 4610.6: the injured worker and the worker's representative (when there is
 * one), the claims administrator, the requesting provider.
 */
function addresseesOf(app: ImrApplication): Addressee[] {
  const { injuredWorker: w, claimsAdministrator: ca, requestingProvider: rp } = app;
  const rep = (app as ImrApplication & MaybeRepresentative).representative;
  const repName = rep?.name?.trim();
  return [
    { role: 'injured worker', name: w.name, lines: addressLines(w.address) },
    ...(repName ? [{ role: 'representative' as const, name: repName, lines: [...(rep?.firm?.trim() ? [rep.firm.trim()] : []), ...addressLines(rep?.address)] }] : []),
    { role: 'claims administrator', name: ca.name, lines: ca.insurerName ? [`for ${ca.insurerName}`] : [] },
    { role: 'requesting provider', name: rp.name, lines: [rp.specialty, ...(rp.group ? [rp.group] : [])] },
  ];
}

/** The mailed letter for an issued `letter`, dated `date`; a validation error (paths only, no names) when a field cannot stand in a letter. */
export function buildMailedLetter(services: Pick<Services, 'letterhead'>, app: ImrApplication, letter: Letter, organization: string, date: string): MailedLetter {
  const mailing: Mailing = {
    letterhead: { name: organization, lines: services.letterhead.lines, phone: services.letterhead.phone },
    date,
    claimNumber: app.injuredWorker.claimNumber?.trim() || null,
    employer: app.employer.name,
    addressees: addresseesOf(app),
  };
  const checked = mailingSchema.safeParse(mailing);
  if (!checked.success) {
    throw new ImrError('IMR_ERR_VALIDATION', 'The mailed letter cannot carry some of the application\'s names or addresses; correct the fields listed.', {
      details: checked.error.issues.map((i) => ({ path: `mailing.${i.path.map(String).join('.')}`, message: i.message })),
    });
  }
  return { mailing: checked.data, determination: letter };
}

/** The mailed letter rendered and ready to store beside letter row `letterId` (whose id is known only in the transaction). */
export interface RenderedMailing {
  row(letter: Pick<LetterRow, 'id' | 'case_id'>, now: Date): MailingRow;
}

export async function renderMailing(m: MailedLetter): Promise<RenderedMailing> {
  let out: { text: string; html: string; pdf: Uint8Array };
  try {
    out = { text: renderMailedText(m), html: renderMailedHtml(m), pdf: await renderMailedPdf(m) };
  } catch (e) {
    const err = toImrError(e);
    if (err.code !== 'IMR_ERR_INTERNAL') throw err;
    throw new ImrError('IMR_ERR_RENDER_FAILED', 'The mailed letter could not be rendered; report this case id to the operator.', { cause: e });
  }
  // The data is hashed as the exact string stored, so a read compares bytes.
  const json = JSON.stringify(m.mailing);
  return {
    row: (letter, now) => ({
      letter_id: letter.id,
      case_id: letter.case_id,
      mailing: json,
      mailing_sha256: sha256(json),
      text: out.text,
      text_sha256: sha256(out.text),
      html: out.html,
      html_sha256: sha256(out.html),
      pdf_base64: Buffer.from(out.pdf).toString('base64'),
      sha256: sha256(out.pdf),
      created_at: now.toISOString(),
    }),
  };
}

export type MailedFormat = Exclude<LetterFormat, 'json'>;

/**
 * The mailed letter of one issued version (latest unless given); records the read. Served only
 * while its data, the format asked for and the letter it carries match the hashes recorded at issue.
 */
export async function readMailedLetter(services: Services, actor: User, caseId: string, format: MailedFormat, version?: number): Promise<{ summary: LetterSummary; caseNumber: string | null; body: string | Buffer; sha256: string; integrity: LetterIntegrity }> {
  await services.cases.getOrThrow(caseId);
  const letter = await services.cases.letter(caseId, version);
  if (!letter) throw new ImrError('IMR_ERR_NOT_FOUND', version === undefined ? 'No letter has been issued for this case yet; sign the case first.' : `The case has no letter version ${version}.`, { subject: caseId });
  const row = await services.mailings.forLetter(letter.id);
  if (!row) throw new ImrError('IMR_ERR_NOT_FOUND', `Letter version ${letter.version} was issued before mailed letters were kept; issue a correction to produce one.`, { subject: caseId });
  const body = format === 'pdf' ? Buffer.from(row.pdf_base64, 'base64') : format === 'html' ? row.html : row.text;
  const expected = format === 'pdf' ? row.sha256 : format === 'html' ? row.html_sha256 : row.text_sha256;
  const altered: string[] = [];
  if (sha256(row.mailing) !== row.mailing_sha256) altered.push('mailing');
  if (letter.letter_sha256 != null && sha256(letter.letter) !== letter.letter_sha256) altered.push('json');
  if (sha256(body) !== expected) altered.push(`mailed ${format}`);
  if (altered.length) {
    await services.audit.record(actor, 'case.letter_tampered', caseId, { letterId: letter.id, letterVersion: letter.version, parts: altered, requested: `mailed.${format}` }, services.now());
    throw new ImrError('IMR_ERR_LETTER_TAMPERED', `The stored ${altered.join(' and ')} of mailed letter version ${letter.version} no longer match${altered.length > 1 ? '' : 'es'} the hash recorded when it was issued; it was altered outside the service. It is not served: restore it from a backup and tell the operator.`, { subject: caseId });
  }
  await services.audit.record(actor, 'case.letter_read', caseId, { letterVersion: letter.version, format, mailed: true }, services.now());
  const caseNumber = (JSON.parse(letter.letter) as Letter).header?.caseNumber ?? null;
  return { summary: toLetterSummary(letter), caseNumber, body, sha256: expected, integrity: letter.letter_sha256 == null ? 'unverified' : 'verified' };
}
