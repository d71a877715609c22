import type { FastifyRequest } from 'fastify';
import { ImrError } from '../errors/imr-error.js';
import type { AuditStore } from '../service/store/audit.store.js';
import type { RouteAccessConfig } from './app.js';

/** Rows a minute for anonymous 401s, all addresses together (one per address). */
const ALL_ADDRESSES_PER_MINUTE = 60;
const MAX_TRACKED_ADDRESSES = 10_000;

/**
 * Audits every refused request, from one place (app.ts calls it for every error reply):
 * - 403 from a role check or a case's access check: "case.access_denied" with the case when a
 *   case was refused, else "access.denied"; who, which route and method;
 * - 401 (no or unknown credentials): "auth.unauthenticated" with the route and client address.
 *   Anyone can send these, so they are aggregated: one row per address per minute, at most
 *   ALL_ADDRESSES_PER_MINUTE rows a minute in all; each row carries how many earlier 401s went
 *   unrecorded, so the count is never lost, only folded.
 * Rows hold no request data: no body, no query string, nothing the caller typed.
 * Public routes (login) audit their own refusals.
 */
export class RefusalAudit {
  private readonly byAddress = new Map<string, { minute: number; unrecorded: number }>();
  private global = { minute: -1, written: 0, unrecorded: 0 };

  constructor(private readonly audit: AuditStore, private readonly now: () => Date) {}

  async record(request: FastifyRequest, error: unknown): Promise<void> {
    if (!(error instanceof ImrError)) return;
    const route = request.routeOptions?.url ?? null;
    const base = { method: request.method, route };
    if (error.code === 'IMR_ERR_FORBIDDEN' && request.user) {
      const params = (request.params ?? {}) as Record<string, unknown>;
      // The case id only when it is the case the route names (and was validated to reach the check).
      const caseId = error.subject !== undefined && route?.startsWith('/api/cases/:id') && params.id === error.subject ? error.subject : null;
      await this.audit.record(request.user, caseId ? 'case.access_denied' : 'access.denied', caseId, { ...base, status: 403 }, this.now());
      return;
    }
    if (error.code === 'IMR_ERR_UNAUTHENTICATED') {
      if ((request.routeOptions?.config as RouteAccessConfig | undefined)?.public) return;
      const unrecorded = this.admit(request.ip, this.now());
      if (unrecorded === null) return;
      await this.audit.record(null, 'auth.unauthenticated', null, { ...base, status: 401, ip: request.ip, ...unrecorded }, this.now());
    }
  }

  /** null when this 401 is only counted; otherwise what went unrecorded before it. */
  private admit(address: string, at: Date): { earlierUnrecorded?: number; othersUnrecorded?: number } | null {
    const minute = Math.floor(at.getTime() / 60_000);
    if (this.global.minute !== minute) this.global = { minute, written: 0, unrecorded: this.global.unrecorded };
    const entry = this.byAddress.get(address);
    if (entry && entry.minute === minute) {
      entry.unrecorded++;
      return null;
    }
    if (this.global.written >= ALL_ADDRESSES_PER_MINUTE) {
      this.global.unrecorded++;
      return null;
    }
    if (this.byAddress.size >= MAX_TRACKED_ADDRESSES) {
      for (const [k, v] of this.byAddress) if (v.minute !== minute) { this.global.unrecorded += v.unrecorded; this.byAddress.delete(k); }
    }
    this.byAddress.set(address, { minute, unrecorded: 0 });
    this.global.written++;
    const out: { earlierUnrecorded?: number; othersUnrecorded?: number } = {};
    if (entry?.unrecorded) out.earlierUnrecorded = entry.unrecorded;
    if (this.global.unrecorded) {
      out.othersUnrecorded = this.global.unrecorded;
      this.global.unrecorded = 0;
    }
    return out;
  }
}
