import type { RequestContext } from './normalised-request.js';
import { isoDateFromParts } from '../../shared/iso-date.js';

const DOS = /\bDOS\s*:?\s*(\d{1,2})\/(\d{1,2})\/(\d{2,4})|\bdate of service\s*:?\s*(\d{1,2})\/(\d{1,2})\/(\d{2,4})/i;
const ADDITIONAL = /\b(additional|continued|continue|continuing|continuation|further|extra|ongoing|repeat|another|extension|more)\b/i;
const RETRO = /\bretro(?:spective|active)?\b|\bDOS\b|\bdate of service\b/i;
const PREOP = /\bpre-?op(?:erative)?\b|\bprior to surgery\b|\bclearance\b/i;
const POSTOP = /\bpost-?op(?:erative)?\b|\bpost-?surg(?:ery|ical)\b|\bafter surgery\b/i;
const ASSOC_SURG = /\bassociated surgical service\b/i;

/** Whether the request comes with a surgery: associated with it, after it or before it. */
export function contextOf(s: string): RequestContext {
  return ASSOC_SURG.test(s) ? 'associated_surgical' : POSTOP.test(s) ? 'postoperative' : PREOP.test(s) ? 'preoperative' : null;
}

/** Whether the request asks for more of a treatment ("additional", "continued", …). */
export function asksForMore(s: string): boolean {
  return ADDITIONAL.test(s);
}

/** The date of service written in the request ("DOS: 3/4/15"), as an ISO date. */
export function serviceDateOf(s: string): string | null {
  const dos = DOS.exec(s);
  let serviceDate: string | null = null;
  if (dos) {
    const mo = Number(dos[1] ?? dos[4]);
    const d = Number(dos[2] ?? dos[5]);
    let y = Number(dos[3] ?? dos[6]);
    if (y < 100) y += 2000;
    serviceDate = isoDateFromParts(y, mo, d);
  }
  return serviceDate;
}

/** A retrospective request: for care already given. */
export function isRetrospective(s: string): boolean {
  return RETRO.test(s);
}
