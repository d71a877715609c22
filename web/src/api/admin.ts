import { query, request } from './client.js';
import type { AuditEntryView, AuditQuery, ReviewerView, Role, UserView } from './types.js';

export type { UserView };
/** An audit row as GET /api/audit answers it (with the acting user's name). */
export type AuditRowView = AuditEntryView;

/** The admin screens' calls: users, the audit log, the reviewer registry's edits, party links. */

/** The audit log's filters: the server's query without its paging. */
export type AuditFilter = Omit<AuditQuery, 'limit' | 'offset'>;

/** A reviewer record as the registry stores it (what POST and PUT take), without the list's extras. */
export type ReviewerRecord = Omit<ReviewerView, 'qualification' | 'openCases'>;

const enc = encodeURIComponent;

export const adminApi = {
  async users(): Promise<UserView[]> {
    return (await request<{ users: UserView[] }>('GET', '/api/users')).users;
  },
  /** Without a password the server generates one and answers it, once. */
  createUser(input: { username: string; displayName?: string; role: Role; reviewerId?: string }): Promise<{ user: UserView; password?: string }> {
    return request('POST', '/api/users', input);
  },
  disableUser(id: string): Promise<{ user: UserView; sessionsEnded: number; tokensRevoked: number }> {
    return request('POST', `/api/users/${enc(id)}/disable`);
  },
  async enableUser(id: string): Promise<UserView> {
    return (await request<{ user: UserView }>('POST', `/api/users/${enc(id)}/enable`)).user;
  },
  resetPassword(id: string): Promise<{ user: UserView; password: string; sessionsEnded: number }> {
    return request('POST', `/api/users/${enc(id)}/password`);
  },
  async revokeTokens(id: string): Promise<number> {
    return (await request<{ revoked: number }>('POST', `/api/users/${enc(id)}/tokens/revoke`)).revoked;
  },

  audit(f: AuditFilter, limit: number, offset: number): Promise<{ total: number; entries: AuditRowView[] }> {
    return request('GET', `/api/audit${query({ ...f, refusals: f.refusals ? 'true' : undefined, limit, offset })}`);
  },
  async auditActions(): Promise<string[]> {
    return (await request<{ actions: string[] }>('GET', '/api/audit/actions')).actions;
  },

  addReviewer(r: ReviewerRecord): Promise<ReviewerView> {
    return request('POST', '/api/reviewers', r as unknown as Record<string, unknown>);
  },
  updateReviewer(id: string, r: Omit<ReviewerRecord, 'id'>): Promise<ReviewerView> {
    return request('PUT', `/api/reviewers/${enc(id)}`, r as unknown as Record<string, unknown>);
  },

  async parties(): Promise<Array<{ id: string; username: string; displayName: string }>> {
    return (await request<{ parties: Array<{ id: string; username: string; displayName: string }> }>('GET', '/api/parties')).parties;
  },
  async linkParty(caseId: string, userId: string): Promise<string[]> {
    return (await request<{ partyUserIds: string[] }>('POST', `/api/cases/${enc(caseId)}/parties`, { userId })).partyUserIds;
  },
};

/** The stored record of a listed reviewer (PUT refuses the list's extra fields). */
export function reviewerRecord(r: ReviewerView): ReviewerRecord {
  const { qualification: _q, openCases: _o, ...rest } = r;
  return rest;
}
