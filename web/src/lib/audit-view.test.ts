import { describe, expect, it } from 'vitest';
import { auditCsv, auditDetailText, isRefusal, spreadsheetSafe } from './audit-view.js';

describe('audit rows on screen and in the CSV', () => {
  it('marks refusals, writes detail as key: value pairs, and exports every field with formula-looking cells neutralised', () => {
    expect(isRefusal('case.access_denied')).toBe(true);
    expect(isRefusal('auth.login_failed')).toBe(true);
    expect(isRefusal('case.read')).toBe(false);
    expect(auditDetailText({ method: 'GET', route: '/api/cases/:id', status: 403 })).toBe('method: GET · route: /api/cases/:id · status: 403');
    expect(spreadsheetSafe('=HYPERLINK("x")')).toBe(`'=HYPERLINK("x")`);
    expect(spreadsheetSafe('admin')).toBe('admin');
    const csv = auditCsv([
      { at: '2024-03-21T18:00:00.000Z', userId: 'u1', username: 'rob', action: 'case.access_denied', caseId: 'c1', detail: { route: '/api/cases/:id', status: 403 } },
      { at: '2024-03-21T17:00:00.000Z', userId: null, username: null, action: 'auth.login_failed', caseId: null, detail: { reason: 'wrong_password' } },
    ]);
    expect(csv.split('\r\n')).toEqual([
      'at,user_id,username,action,refusal,case_id,detail',
      '2024-03-21T18:00:00.000Z,u1,rob,case.access_denied,yes,c1,"{""route"":""/api/cases/:id"",""status"":403}"',
      '2024-03-21T17:00:00.000Z,,,auth.login_failed,yes,,"{""reason"":""wrong_password""}"',
      '',
    ]);
  });
});
