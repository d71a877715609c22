/**
 * Whether a letter's text still names a person: the check that keeps unredacted letters out of the
 * public corpus. A published letter (DWC's, or this service's publication) has no field that names
 * the worker, the claim or a party: those are blanked or replaced by a bracketed label. A letter as
 * mailed to the parties has them filled in ("Claim Number: 05-12345", "Injured Worker: Jane Roe",
 * "Dear Ms. Roe"). Pure: no I/O.
 */

/** Header fields that only the unredacted (mailed) letter fills in. */
const FIELD = String.raw`(?:claim\s*(?:number|no\.?|#)|injured\s+worker(?:'s\s+name)?|employee(?:'s)?\s+name|employee|patient(?:'s)?\s+name|applicant(?:'s)?\s+name|applicant|employer|claims\s+administrator|insurer|requesting\s+(?:provider|physician)|treating\s+physician|representative|attorney|social\s+security\s+(?:number|no\.?)|ssn|date\s+of\s+birth|dob)`;

const FILLED_FIELD = new RegExp(String.raw`^[ \t]*(?:re:[ \t]*)?(${FIELD})[ \t]*:[ \t]*(\S[^\n]*)$`, 'gimu');
const SALUTATION = /^[ \t]*Dear\s+(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.?\s+\p{Lu}/gmu;
const SSN = /(?<!\d)\d{3}-\d{2}-\d{4}(?!\d)/;

/** A field value that is a redaction or a placeholder, not a name: "[redacted]", "[injured worker]", "XXXX", "0000000", "N/A", "—". */
const REDACTED_VALUE = /^(?:\[[^\]]*\]|[X*•█■_\-–—.]+|0+|n\/?a|none|redacted|withheld)(?:\s|$)/i;

/**
 * The reasons the text names someone (empty when it reads as redacted): each says which field or
 * pattern, never the name itself (the reason is shown and logged).
 */
export function personNamingReasons(text: string): string[] {
  const reasons: string[] = [];
  for (const m of text.matchAll(FILLED_FIELD)) {
    const label = m[1]!.replace(/\s+/g, ' ');
    const value = m[2]!.trim();
    if (REDACTED_VALUE.test(value)) continue;
    const reason = `the "${label}" field is filled in`;
    if (!reasons.includes(reason)) reasons.push(reason);
  }
  if (SALUTATION.test(text)) reasons.push('it is addressed to a person by name ("Dear …")');
  SALUTATION.lastIndex = 0;
  if (SSN.test(text)) reasons.push('it holds a social security number');
  return reasons;
}
