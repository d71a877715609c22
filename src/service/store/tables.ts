import type { Kysely, Transaction } from 'kysely';
import type { AnyDb } from '../../db/database.js';

/** Row types of the review service's tables (migration 0100_service_core). */
export interface UserRow {
  id: string;
  username: string;
  display_name: string;
  role: string;
  password_hash: string | null;
  reviewer_id: string | null;
  active: number;
  created_at: string;
}
interface SessionRow {
  id: string;
  user_id: string;
  created_at: string;
  expires_at: string;
  /** When the session last answered a request (null: count from created_at); the idle timeout runs from here. */
  last_seen_at?: string | null;
}
interface ApiTokenRow {
  id: string;
  token_hash: string;
  user_id: string;
  name: string;
  created_at: string;
  revoked_at: string | null;
  /** Null only if a migration could not set it; treated as expired. */
  expires_at?: string | null;
}
export interface ReviewerRow {
  id: string;
  code: string;
  name: string;
  profile: string;
  active: number;
  created_at: string;
}
export interface CaseRow {
  id: string;
  case_number: string;
  status: string;
  priority: string;
  application: string;
  worker_key: string;
  worker_sex: string | null;
  received_on: string;
  reviewer_id: string | null;
  eligible_on: string | null;
  assigned_on: string | null;
  records_received_on: string | null;
  decided_on: string | null;
  deadlines: string | null;
  clinical_summary: string;
  documents_reviewed: string;
  /** Why the case was withdrawn or terminated (free text; the audit row only points here). */
  close_reason?: string | null;
  version: number;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}
interface CasePartyRow {
  case_id: string;
  user_id: string;
}
export interface CaseItemRow {
  id: string;
  case_id: string;
  position: number;
  request: string;
  ur_decision: string;
  ur_guideline: string | null;
  draft: string | null;
  /** The draft the latest background redraft replaced (what the reviewer may have seen). */
  previous_draft?: string | null;
  decision: string | null;
  citation: string | null;
  rationale: string | null;
  version: number;
  updated_at: string;
  updated_by: string | null;
}
export interface EligibilityRow {
  id: string;
  case_id: string;
  outcome: string;
  reasons: string;
  checked_on: string;
  checked_by: string | null;
  created_at: string;
  /** Intake's reason for overriding an ineligibility for good cause (free text; the audit row only points here). */
  override_reason?: string | null;
  /** The ineligible record this override replaced. */
  overrides_id?: string | null;
}
export interface AssignmentRow {
  id: string;
  case_id: string;
  reviewer_id: string;
  assigned_on: string;
  screening: string;
  ended_at: string | null;
  end_reason: string | null;
  created_by: string | null;
  created_at: string;
  /** Intake's reason for choosing this reviewer over the automatic choice (free text; the audit row only points here). */
  override_reason?: string | null;
}
export interface LetterRow {
  id: string;
  case_id: string;
  version: number;
  supersedes_id: string | null;
  correction_reason: string | null;
  letter: string;
  text: string;
  html: string;
  pdf_base64: string;
  sha256: string;
  text_sha256: string;
  html_sha256: string;
  /** SHA-256 of `letter` (the structured JSON as stored); null for letters issued before it was recorded. */
  letter_sha256: string | null;
  /** The publication (JSON: the redacted letter and what was removed); null for letters issued before it existed. */
  publication?: string | null;
  /** SHA-256 of `publication` as stored. */
  publication_sha256?: string | null;
  issued_on: string;
  issued_at: string;
  issued_by: string | null;
}
interface AuditRow {
  id: string;
  at: string;
  user_id: string | null;
  username: string | null;
  action: string;
  case_id: string | null;
  detail: string;
}

export interface CaseDocumentRow {
  id: string;
  case_id: string;
  kind: string;
  name: string;
  media_type: string;
  bytes: number;
  sha256: string;
  text: string;
  content_base64: string;
  uploaded_at: string;
  uploaded_by: string | null;
  /** Withdrawn (filed by mistake): kept, no longer evidence. The reason is free text (never in audit rows). */
  withdrawn_at?: string | null;
  withdrawn_by?: string | null;
  withdrawal_reason?: string | null;
  /** The record's date of service, when the uploader gave it (YYYY-MM-DD). */
  service_date?: string | null;
  /** Author or facility, when the uploader gave it. */
  author?: string | null;
  /** Pages of the file (a PDF's; null for a text file). */
  page_count?: number | null;
  /** A scan read by OCR: queued, reading, done or failed (null: the text was not made by OCR). */
  ocr_status?: string | null;
  ocr_pages_done?: number | null;
  /** JSON: the mean word confidence (0–100) of each page, when OCR is done. */
  ocr_confidences?: string | null;
  ocr_engine?: string | null;
  /** The error code when OCR failed. */
  ocr_error?: string | null;
}

/** A notice to the parties (today: the notice of ineligibility), kept as issued. */
export interface NoticeRow {
  id: string;
  case_id: string;
  kind: string;
  eligibility_id: string | null;
  /** JSON: the structured notice. */
  notice: string;
  text: string;
  html: string;
  text_sha256: string;
  issued_on: string;
  issued_at: string;
  issued_by: string | null;
  /** When intake overrode the ineligibility it announced (the notice stays on record). */
  overridden_at: string | null;
}

/** When a user last opened a case (for "redrafted since you last looked"). */
interface CaseViewRow {
  case_id: string;
  user_id: string;
  seen_at: string;
}

export interface ServiceTables {
  svc_case_views: CaseViewRow;
  svc_case_documents: CaseDocumentRow;
  svc_users: UserRow;
  svc_sessions: SessionRow;
  svc_api_tokens: ApiTokenRow;
  svc_reviewers: ReviewerRow;
  svc_cases: CaseRow;
  svc_case_parties: CasePartyRow;
  svc_case_items: CaseItemRow;
  svc_eligibility: EligibilityRow;
  svc_assignments: AssignmentRow;
  svc_letters: LetterRow;
  svc_notices: NoticeRow;
  svc_audit: AuditRow;
}

export type ServiceDb = Kysely<ServiceTables> | Transaction<ServiceTables>;

/** Narrows the untyped database handle to the service's tables. */
export function serviceDb(db: AnyDb): Kysely<ServiceTables> {
  return db as unknown as Kysely<ServiceTables>;
}

export function parseJson<T>(text: string | null, fallback: T): T {
  if (text === null || text === '') return fallback;
  return JSON.parse(text) as T;
}
