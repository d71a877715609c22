/**
 * What submitting the intake form does once its checks pass: save the application, upload the
 * picked files one by one with their progress, then run the eligibility screening. A file that does
 * not upload, or a screening that does not run, does not undo the saved case: both are reported on
 * the received screen. The server is a port, so this runs in tests without one.
 */
import { ApiError } from '../api/client.js';
import type { EligibilityView } from '../api/endpoints.js';
import type { CreateCaseInput } from '../../../src/service/use-cases/cases.use-case.js';
import { formatBytes } from './format.js';
import { toApplication, toCaseExtras, type IntakeForm } from './intake-form.js';
import { fieldForPath, type Problems } from './intake-form-schema.js';

export type DocKind = 'ur_decision' | 'medical_record';

/** A file chosen on the intake form, uploaded once the application is saved. */
export interface PickedFile {
  file: File;
  kind: DocKind;
}

export const DOC_KIND_LABEL: Record<DocKind, string> = { ur_decision: 'UR decision', medical_record: 'Medical record' };

/** The files a picker offered, kept or refused (only PDF or text, up to the size limit), the refusals in words. */
export function pickFiles(files: Iterable<File>, kind: DocKind, maxBytes: number): { picked: PickedFile[]; problem: string | null } {
  const picked: PickedFile[] = [];
  const refused: string[] = [];
  for (const file of files) {
    const okType = /\.(pdf|txt)$/i.test(file.name) || file.type === 'application/pdf' || file.type === 'text/plain';
    if (!okType) refused.push(`${file.name}: only PDF or plain-text files are accepted.`);
    else if (file.size > maxBytes) refused.push(`${file.name} is ${formatBytes(file.size)}; the limit is ${formatBytes(maxBytes)} per file. Split or compress it.`);
    else picked.push({ file, kind });
  }
  return { picked, problem: refused.length ? refused.join(' ') : null };
}

/** A picked UR decision counts as the copy the application must carry, as the paper one does. */
export function withPickedFiles(form: IntakeForm, files: PickedFile[]): IntakeForm {
  return { ...form, urDecisionCopy: form.urDecisionCopy || files.some((f) => f.kind === 'ur_decision') };
}

/** The body of POST /api/cases for the form and the picked files (listed by name among the documents reviewed). */
export function toCreateCaseInput(form: IntakeForm, files: PickedFile[]): CreateCaseInput {
  return {
    application: toApplication(withPickedFiles(form, files)),
    ...toCaseExtras(form),
    ...(files.length ? { documentsReviewed: files.map((f) => `${DOC_KIND_LABEL[f.kind]}: ${f.file.name}`) } : {}),
  };
}

/** Where the submission is, for the progress line. */
export type SubmitProgress =
  | { step: 'creating' }
  | { step: 'uploading'; index: number; total: number; name: string; fraction: number }
  | { step: 'screening' };

/** The saved case, the files that did not upload (name: reason), and the screening or why it did not run. */
interface ApplicationReceipt {
  caseId: string;
  caseNumber: string;
  eligibility: EligibilityView | null;
  uploadErrors: string[];
  screeningError: unknown;
}

/** The calls a submission makes (the workbench's `api`). */
export interface IntakePort {
  createCase(input: CreateCaseInput): Promise<{ id: string; caseNumber: string }>;
  uploadDocument(caseId: string, file: File, kind: DocKind, onProgress: (fraction: number) => void): Promise<unknown>;
  checkEligibility(caseId: string): Promise<{ view: EligibilityView }>;
}

/** Saves, uploads and screens; throws only when the application itself was not saved. */
export async function submitApplication(port: IntakePort, form: IntakeForm, files: PickedFile[], progress: (p: SubmitProgress) => void): Promise<ApplicationReceipt> {
  progress({ step: 'creating' });
  const created = await port.createCase(toCreateCaseInput(form, files));
  const uploadErrors: string[] = [];
  for (const [index, { file, kind }] of files.entries()) {
    const at = { step: 'uploading', index, total: files.length, name: file.name } as const;
    progress({ ...at, fraction: 0 });
    try {
      await port.uploadDocument(created.id, file, kind, (fraction) => progress({ ...at, fraction }));
    } catch (err) {
      uploadErrors.push(`${file.name}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  progress({ step: 'screening' });
  let eligibility: EligibilityView | null = null;
  let screeningError: unknown = null;
  try {
    eligibility = (await port.checkEligibility(created.id)).view;
  } catch (err) {
    screeningError = err;
  }
  return { caseId: created.id, caseNumber: created.caseNumber, eligibility, uploadErrors, screeningError };
}

/** The server's per-field problems of a refused application, on the form's inputs (the first per input). */
export function serverProblems(err: unknown): Problems {
  const byField: Problems = {};
  if (err instanceof ApiError) for (const d of err.details) byField[fieldForPath(d.path.replace(/^(body\.)?application\./, ''))] ??= d.message;
  return byField;
}
