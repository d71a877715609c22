import { createHash, randomUUID } from 'node:crypto';
import { ImrError } from '../../errors/imr-error.js';
import {
  buildIneligibilityNotice,
  renderIneligibilityNoticeHtml,
  renderIneligibilityNoticeText,
  reopenForGoodCause,
  type CaseStatus,
  type EligibilityReason,
  type ImrApplication,
  type IneligibilityNotice,
} from '../domain/index.js';
import type { CaseRow, NoticeRow } from '../store/tables.js';
import type { User } from '../store/users.store.js';
import { deadlinesFor, toEligibilityView, type EligibilityView } from './case-view.js';
import type { Services, Stores } from './services.js';

/**
 * The notice of ineligibility (issued with the screening that finds a case ineligible, kept as
 * issued with the SHA-256 of its text) and intake's override of an ineligibility for good cause.
 */

const INELIGIBILITY = 'ineligibility';

export interface NoticeView {
  id: string;
  kind: 'ineligibility';
  eligibilityId: string | null;
  notice: IneligibilityNotice;
  textSha256: string;
  issuedOn: string;
  issuedAt: string;
  /** When intake overrode the ineligibility for good cause (the notice stays on record). */
  overriddenAt: string | null;
}

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

export function toNoticeView(r: NoticeRow): NoticeView {
  return { id: r.id, kind: 'ineligibility', eligibilityId: r.eligibility_id, notice: JSON.parse(r.notice) as IneligibilityNotice, textSha256: r.text_sha256, issuedOn: r.issued_on, issuedAt: r.issued_at, overriddenAt: r.overridden_at };
}

/** Issues the notice inside the screening's transaction; audited without its contents. */
export async function issueIneligibilityNotice(
  stores: Stores,
  actor: User,
  row: CaseRow,
  app: ImrApplication,
  eligibility: { id: string; reasons: EligibilityReason[] },
  at: { now: Date; today: string; organization: string },
): Promise<NoticeRow> {
  const notice = buildIneligibilityNotice({ caseNumber: row.case_number, application: app, reasons: eligibility.reasons, issuedOn: at.today, organization: at.organization });
  const text = renderIneligibilityNoticeText(notice);
  const record: NoticeRow = {
    id: randomUUID(),
    case_id: row.id,
    kind: INELIGIBILITY,
    eligibility_id: eligibility.id,
    notice: JSON.stringify(notice),
    text,
    html: renderIneligibilityNoticeHtml(notice),
    text_sha256: sha256(text),
    issued_on: at.today,
    issued_at: at.now.toISOString(),
    issued_by: actor.id,
    overridden_at: null,
  };
  await stores.notices.insert(record);
  await stores.audit.record(actor, 'case.notice_issued', row.id, { kind: INELIGIBILITY, noticeId: record.id, eligibilityId: eligibility.id, rules: notice.reasons.map((r) => r.rule) }, at.now);
  return record;
}

/** The latest notice of ineligibility of a case, checked against the hash recorded when issued. */
export async function latestIneligibilityNotice(services: Services, caseId: string): Promise<NoticeRow> {
  await services.cases.getOrThrow(caseId);
  const [row] = await services.notices.ofCase(caseId, INELIGIBILITY);
  if (!row) throw new ImrError('IMR_ERR_NOT_FOUND', 'This case has no notice of ineligibility: it has not been found ineligible.', { subject: caseId });
  if (sha256(row.text) !== row.text_sha256) {
    throw new ImrError('IMR_ERR_LETTER_TAMPERED', 'The notice of ineligibility no longer matches the hash recorded when it was issued; restore it from a backup.', { subject: caseId });
  }
  return row;
}

/**
 * Intake finds an ineligible case eligible for good cause: a new eligibility record ("eligible",
 * with the reason and the record it overrides), the case back in "eligibility", found eligible
 * today, ready for assignment; the notice stays on record, marked overridden. The audit row
 * points at the reason instead of holding it.
 */
export async function overrideIneligibility(services: Services, actor: User, caseId: string, reason: string): Promise<{ eligibility: EligibilityView; status: CaseStatus }> {
  const now = services.now();
  const today = services.today();
  return services.tx(async (stores) => {
    const row = await stores.cases.getOrThrow(caseId);
    const status = reopenForGoodCause(row.status as CaseStatus);
    const [latest] = await stores.cases.eligibilityHistory(caseId, 1);
    if (!latest || latest.outcome !== 'ineligible') {
      throw new ImrError('IMR_ERR_INVALID_TRANSITION', 'The case has no ineligible screening to override.', { subject: caseId });
    }
    const app = JSON.parse(row.application) as ImrApplication;
    // Strictly later than the record it overrides, so "newest first" reads the override first.
    const createdAt = new Date(Math.max(now.getTime(), Date.parse(latest.created_at) + 1)).toISOString();
    const rec = await stores.cases.insertEligibility({
      case_id: row.id,
      outcome: 'eligible',
      reasons: latest.reasons,
      checked_on: today,
      checked_by: actor.id,
      created_at: createdAt,
      override_reason: reason,
      overrides_id: latest.id,
    });
    await stores.cases.update(row.id, row.version, { status, eligible_on: today, deadlines: JSON.stringify(deadlinesFor(app, { ...row, eligible_on: today })) }, now);
    await stores.notices.markOverridden(row.id, INELIGIBILITY, now);
    const failed = (JSON.parse(latest.reasons) as EligibilityReason[]).filter((r) => !r.passed && r.effect === 'ineligible').map((r) => r.rule);
    await stores.audit.record(actor, 'case.eligibility_override', row.id, {
      status: { from: row.status, to: status },
      overrides: latest.id,
      failed,
      reason: { eligibilityId: rec.id, field: 'override_reason' },
    }, now);
    return { eligibility: toEligibilityView(rec), status };
  });
}
