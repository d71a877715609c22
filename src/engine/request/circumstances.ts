import type { RequestContext } from './normalised-request.js';
import { isoDateFromParts } from '../../shared/iso-date.js';

/**
 * The date of service: "DOS: 3/4/15", "date of service 3/4/2015", or, in a retrospective request, the
 * date the service was "performed on", "done on", "given on", "administered on" or "provided on".
 */
const DOS =
  /\b(?:DOS|dates? of service|(?:performed|done|given|administered|provided|rendered|received|dispensed)\s+on)\s*:?\s*(\d{1,2})\/(\d{1,2})\/(\d{2,4})(?![\d/])/i;
const ADDITIONAL = /\b(additional|continued|continue|continuing|continuation|further|extra|ongoing|repeat|another|extension|more)\b/i;
const RETRO = /\bretro(?:spective|active)?\b|\bDOS\b|\bdate of service\b/i;
/*
 * The words that tie a request to a surgery. A service that exists only because of a procedure is
 * "needed only for a surgery that is itself medically necessary" (ODG, Preoperative testing, general),
 * and the same holds after the surgery and for the services associated with it; so every way the
 * letters and requests write these words counts: "post-op", "postop", "post op", "post-operative",
 * "post operatively", "post-surgical", "following surgery", "peri-operative".
 */
/** A clearance is pre-operative when it is medical ("medical", "cardiac" clearance), not a return to work. */
const PREOP =
  /\bpre[- ]?op(?:erative(?:ly)?)?\b|\b(?:prior to|before) (?:the |his |her |planned |scheduled )?surgery\b|\b(?:medical|surgical|cardiac|cardiology|cardiopulmonary|pulmonary|anesthesia|internal medicine) clearance\b|\bclearance for (?:the |his |her )?surgery\b/i;
const POSTOP = /\bpost[- ]?op(?:erative(?:ly)?)?\b|\bpost[- ]?surg(?:ery|ical(?:ly)?)\b|\b(?:after|following) (?:the |his |her )?surgery\b/i;
/** A service of the surgery itself: "associated surgical service(s)", peri- or intra-operative care. */
const ASSOC_SURG = /\bassociated surgical services?\b|\b(?:peri|intra)[- ]?op(?:erative(?:ly)?)?\b/i;

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
    const mo = Number(dos[1]);
    const d = Number(dos[2]);
    let y = Number(dos[3]);
    if (y < 100) y += 2000;
    serviceDate = isoDateFromParts(y, mo, d);
  }
  return serviceDate;
}

/** A retrospective request: for care already given. */
export function isRetrospective(s: string): boolean {
  return RETRO.test(s);
}
