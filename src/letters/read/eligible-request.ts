import { trimEndWith } from './trim.js';

/**
 * The disputed treatment inside a request as written. Where utilization review modified the
 * request, the letter writes the whole story in the decision line ("X was the original request.
 * Y was authorized by the Claims Administrator. The remaining IMR eligible portion of the
 * original request, Z: Upheld", or "… leaving the original request IMR eligible. The original
 * request, X: Upheld"); the item's `request` keeps all of it, as written, and this returns Z (or
 * X). Other requests are returned unchanged.
 */
export function eligibleRequest(request: string): string {
  const m = /^.*\bthe original request(?:,\s*|\s+is\s+)(.+)$/is.exec(request);
  if (!m || /^IMR eligible\b/i.test(m[1])) return request;
  return trimEndWith(m[1], '.,;').replace(/\s+(?:is|are)$/i, '');
}
