/**
 * The disputed treatment inside a request as written. Where utilization review modified the
 * request, the letter writes the whole story in the decision line ("X was the original request.
 * Y was authorized by the Claims Administrator. The remaining IMR eligible portion of the
 * original request, Z"); the item's `request` keeps all of it, and this returns Z (or X when the
 * original request stays IMR eligible). Other requests are returned unchanged.
 */
export function eligibleRequest(request: string): string {
  const remaining = /(?:IMR eligible portion of the original request|The original request)\s*(?:,|is|was)?\s+(.+)$/i.exec(request);
  if (remaining && !/^(?:IMR eligible|was)\b/i.test(remaining[1])) return remaining[1].replace(/[.,;\s]+$/, '').replace(/\s+(?:is|are)$/i, '');
  return request;
}
