import { describe, expect, it } from 'vitest';
import { checkEligibility } from './eligibility.js';
import { buildIneligibilityNotice, renderIneligibilityNoticeHtml, renderIneligibilityNoticeText } from './ineligibility-notice.js';
import { makeApplication } from './test-support/fixtures.js';

describe('notice of ineligibility', () => {
  const app = makeApplication({ signedByWorker: false, liabilityDisputed: true, expedited: { requested: true, physicianCertification: false }, urDecision: { conditionallyNonCertified: true } });
  const result = checkEligibility(app, { today: '2024-03-25', otherCases: [] });
  const notice = buildIneligibilityNotice({ caseNumber: 'CM24-000123', application: app, reasons: result.reasons, issuedOn: '2024-03-25', organization: 'Golden State Medical Review' });

  it('lists every failed rule that makes the case ineligible, with its message and source, and nothing that only defers or informs', () => {
    expect(result.eligible).toBe(false);
    expect(notice.reasons.map((r) => r.rule)).toEqual(['signed-by-worker', 'not-conditionally-non-certified']);
    for (const r of notice.reasons) {
      const original = result.reasons.find((x) => x.rule === r.rule)!;
      expect(r).toEqual({ rule: r.rule, message: original.message, source: original.source });
    }
    expect(notice.recipients.map((r) => r.role)).toEqual(['Injured worker', 'Employer', 'Claims administrator', 'Requesting physician']);
    expect(notice.appeal.source).toMatch(/^8 CCR 10575/);
  });

  it('renders as text with US dates, each reason followed by its source', () => {
    const text = renderIneligibilityNoticeText(notice);
    expect(text).toMatch(/^NOTICE OF INELIGIBILITY FOR INDEPENDENT MEDICAL REVIEW\n/);
    expect(text).toContain('Date of notice: 03/25/2024');
    expect(text).toContain('  1. The application is not signed by the injured worker or a representative.\n     Source: DWC ineligibility reasons');
    expect(text).toContain('Golden State Medical Review reviewed the application');
    expect(text).toContain('for the reasons below');
  });

  it('renders as one self-contained HTML document with every text escaped', () => {
    const hostile = buildIneligibilityNotice({ caseNumber: 'CM<1>', application: { ...app, employer: { name: 'Acme <script>alert(1)</script> & Co' } }, reasons: result.reasons, issuedOn: '2024-03-25', organization: 'Golden State Medical Review' });
    const html = renderIneligibilityNoticeHtml(hostile);
    expect(html).not.toContain('<script>');
    expect(html).toContain('Acme &lt;script&gt;alert(1)&lt;/script&gt; &amp; Co');
    expect(html.match(/<style>/g)).toHaveLength(1);
    expect(html).not.toMatch(/<(img|link|iframe|script)\b/);
  });
});
