/**
 * Redaction of free text (a clinical summary, a rationale, a document name): the identifiers
 * entered at intake and a few patterns that identify anyone (telephone, SSN, e-mail, street
 * address, labelled fields such as "Claim Number: …") are replaced by a bracketed label that says
 * what stood there ("[injured worker]"). Pure: no I/O.
 */

/** What an identifier is, as the list of removals and the replacement label say it. */
type IdentifierKind =
  | 'injured worker'
  | 'worker address'
  | 'date of birth'
  | 'claim number'
  | 'employer'
  | 'claims administrator'
  | 'insurer'
  | 'requesting provider'
  | 'provider group'
  | 'provider NPI'
  | 'UR organization'
  | 'representative'
  | 'representative address'
  | 'telephone number'
  | 'social security number'
  | 'e-mail address'
  | 'street address'
  | 'labelled identifier';

/** One identifier of the case, as entered at intake. */
export interface CaseIdentifier {
  kind: IdentifierKind;
  /** The text as entered ("Maria L. Gonzalez", "123 Main St, Fresno, CA 93701", "2015-04-12" for a date). */
  value: string;
}

/** Replacement label per kind: what a reader of the publication sees in place of the identifier. */
const LABEL: Record<IdentifierKind, string> = {
  'injured worker': '[injured worker]',
  'worker address': '[address]',
  'date of birth': '[date of birth]',
  'claim number': '[claim number]',
  employer: '[employer]',
  'claims administrator': '[claims administrator]',
  insurer: '[insurer]',
  'requesting provider': '[provider]',
  'provider group': '[provider]',
  'provider NPI': '[provider]',
  'UR organization': '[UR organization]',
  representative: '[representative]',
  'representative address': '[address]',
  'telephone number': '[telephone]',
  'social security number': '[SSN]',
  'e-mail address': '[e-mail]',
  'street address': '[address]',
  'labelled identifier': '[redacted]',
};

/** A person's name (matched by each of its words as well as whole), as opposed to an organisation's (matched whole). */
const PERSON_KINDS: ReadonlySet<IdentifierKind> = new Set(['injured worker', 'requesting provider', 'representative']);
const ADDRESS_KINDS: ReadonlySet<IdentifierKind> = new Set(['worker address', 'representative address']);

/**
 * Words of a person's name that are not identifying on their own (titles, suffixes, particles) or
 * are too common in clinical prose to stand for the person ("May", "Will" are kept: a first name
 * is rarely the only trace, and over-redaction is visible in the list the signer checks).
 */
const NAME_NOISE = new Set(['mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'md', 'do', 'dc', 'pt', 'phd', 'np', 'pa', 'jr', 'sr', 'ii', 'iii', 'iv', 'de', 'la', 'del', 'van', 'von', 'der', 'da', 'di', 'le', 'the', 'and', 'of', 'esq']);

/** Credentials and suffixes after a person's name (", M.D.", " DC", ", Esq."). */
const CREDENTIALS = /(?:[\s,]+(?:M\.?D|D\.?O|D\.?C|D\.?P\.?M|Ph\.?D|Esq|Jr|Sr|N\.?P|P\.?A(?:-C)?|R\.?N|P\.?T|L\.?Ac|II|III|IV)\.?)+$/i;

/** Company suffixes dropped to match "Acme Widgets" for "Acme Widgets, Inc.". */
const ORG_SUFFIX = /[\s,]+(?:inc|incorporated|llc|l\.l\.c|llp|lp|ltd|co|corp|corporation|company|pc|p\.c|md|medical group)\.?$/i;

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A regex source for a phrase: its words in order, any spacing or punctuation between them. */
function phraseSource(phrase: string): string | null {
  const words = phrase.split(/[^\p{L}\p{N}'#]+/u).filter(Boolean);
  if (!words.length) return null;
  return words.map(escapeRe).join(String.raw`[\s,.\-]+`);
}

/** Word boundaries that work for letters with accents and for digits. */
const wrap = (src: string): string => String.raw`(?<![\p{L}\p{N}])(?:${src})(?![\p{L}\p{N}])`;

/** An honorific before a person's name goes with it ("Dr. Lee" becomes "[provider]", not "Dr. [provider]"). */
const HONORIFIC = String.raw`(?:(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.?\s+)?`;

interface Matcher {
  kind: IdentifierKind;
  re: RegExp;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** The ways a letter may write a date (2015-04-02, 04/02/2015, 4/2/15, 04-02-15, April 2, 2015). */
function dateForms(iso: string): string[] {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return [iso];
  const [, y, mo, d] = m as unknown as [string, string, string, string];
  const yy = y.slice(2);
  const mn = String(Number(mo));
  const dn = String(Number(d));
  const out = new Set<string>([iso, `${MONTHS[Number(mo) - 1]} ${dn}, ${y}`]);
  for (const sep of ['/', '-']) for (const mm of [mo, mn]) for (const dd of [d, dn]) for (const yr of [y, yy]) out.add(`${mm}${sep}${dd}${sep}${yr}`);
  return [...out];
}

/** The matchers for the case's identifiers: whole values first (longest first), then a person's single name words. */
function caseMatchers(ids: CaseIdentifier[]): Matcher[] {
  const whole: Array<{ kind: IdentifierKind; src: string; len: number }> = [];
  const words: Array<{ kind: IdentifierKind; src: string; len: number }> = [];
  for (const id of ids) {
    const value = id.value.replace(/\s+/g, ' ').trim();
    if (!value) continue;
    // A short number (a two-digit administrator id) would take "12 sessions" with it.
    if (/^[\d\s.\-/#]+$/.test(value) && value.replace(/\D/g, '').length < 5) continue;
    if (id.kind === 'date of birth') {
      for (const f of dateForms(value)) whole.push({ kind: id.kind, src: escapeRe(f), len: f.length });
      continue;
    }
    const variants = new Set([value, value.replace(ORG_SUFFIX, '')]);
    if (PERSON_KINDS.has(id.kind)) {
      // "Dr. Lee Rivera, M.D." is written "Dr. Lee Rivera" or "Lee Rivera"; "Maria L. Gonzalez" also "Maria Gonzalez".
      const core = value.replace(/^(?:(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.?\s+)+/i, '').replace(CREDENTIALS, '').trim();
      variants.add(core);
      variants.add(core.replace(/\s\p{L}\.?(?=\s)/gu, ''));
    }
    // An address is matched whole and by its street line (before the first comma or line break).
    if (ADDRESS_KINDS.has(id.kind)) variants.add(value.split(/[,\n]/)[0]!.trim());
    for (const v of variants) {
      const src = phraseSource(v);
      if (src && v.length >= 2) whole.push({ kind: id.kind, src: (PERSON_KINDS.has(id.kind) ? HONORIFIC : '') + src, len: v.length });
    }
    if (PERSON_KINDS.has(id.kind)) {
      // "Gonzalez-Whitfield" is also written "Ms. Gonzalez": each part of a double name counts.
      const parts = value.split(/[^\p{L}'-]+/u).flatMap((w) => (w.includes('-') ? [w, ...w.split('-')] : [w]));
      for (const w of parts) {
        const bare = w.replace(/^['-]+|['-]+$/g, '');
        if (bare.length < 2 || NAME_NOISE.has(bare.toLowerCase())) continue;
        words.push({ kind: id.kind, src: HONORIFIC + escapeRe(bare), len: bare.length });
      }
    }
  }
  const byLength = (a: { len: number }, b: { len: number }) => b.len - a.len;
  return [...whole.sort(byLength), ...words.sort(byLength)].map((m) => ({ kind: m.kind, re: new RegExp(wrap(m.src), 'giu') }));
}

/** Labels that introduce an identifying value on the same line ("Claim Number: 123", "Patient: Jane Roe"). */
const IDENTIFYING_LABEL = String.raw`(?:claim\s*(?:number|no\.?|#)|injured\s+worker(?:'s)?\s+name|employee(?:'s)?\s+name|employee|patient(?:'s)?\s+name|patient|applicant(?:'s)?\s+name|applicant|employer|claims?\s+administrator|insurer|insured|social\s+security\s+(?:number|no\.?)|ssn|date\s+of\s+birth|dob|home\s+address|address|phone|telephone|tel|fax|e-?mail|npi|representative|attorney|requesting\s+(?:provider|physician))`;

/** Patterns that identify someone whatever the case. */
const PATTERNS: Matcher[] = [
  { kind: 'e-mail address', re: /(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g },
  { kind: 'social security number', re: /(?<!\d)\d{3}-\d{2}-\d{4}(?!\d)/g },
  { kind: 'telephone number', re: /(?<![\w-])(?:\+?1[\s.-]?)?(?:\(\d{3}\)\s?|\d{3}[\s.-])\d{3}[\s.-]\d{4}(?!\d)/g },
  {
    kind: 'street address',
    re: /(?<![\w-])\d{1,6}\s+(?:[NSEW]\.?\s+)?(?:[A-Z][A-Za-z]+\.?\s+){1,4}(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Drive|Lane|Ln|Way|Court|Ct|Place|Pl|Circle|Cir|Terrace|Parkway|Pkwy|Highway|Hwy)\b\.?(?:,?\s+(?:Apt|Apartment|Suite|Ste|Unit|#)\.?\s*[\w-]+)?/g,
  },
  { kind: 'labelled identifier', re: new RegExp(String.raw`(?<=^|\n)([ \t]*${IDENTIFYING_LABEL}[ \t]*:[ \t]*)(?!\[)(\S[^\n]*)`, 'giu') },
];

/** One removal: where, what kind, what was removed (for the signer to check) and how often. */
export interface Removal {
  /** The field of the letter ("clinicalSummary", "items.0.rationale", "documentsReviewed.1"). */
  field: string;
  kind: IdentifierKind;
  /** The text removed, as it stood. */
  text: string;
  replacement: string;
  count: number;
}

/** A compiled redactor for one case: reuse it for every field of the letter. */
export interface TextRedactor {
  redact(text: string, field: string): { text: string; removed: Removal[] };
}

export function textRedactor(ids: CaseIdentifier[]): TextRedactor {
  // Whole e-mail addresses and numbers first (a name inside an e-mail address goes with it), then the
  // case's identifiers, then the street and labelled-field patterns for what intake did not enter.
  const early = new Set<IdentifierKind>(['e-mail address', 'social security number', 'telephone number']);
  const matchers = [...PATTERNS.filter((m) => early.has(m.kind)), ...caseMatchers(ids), ...PATTERNS.filter((m) => !early.has(m.kind))];
  return {
    redact(input, field) {
      const found = new Map<string, Removal>();
      const note = (kind: IdentifierKind, text: string): string => {
        const replacement = LABEL[kind];
        const key = `${kind}\u0000${text}`;
        const r = found.get(key);
        if (r) r.count++;
        else found.set(key, { field, kind, text, replacement, count: 1 });
        return replacement;
      };
      let text = input;
      for (const m of matchers) {
        m.re.lastIndex = 0;
        if (m.kind === 'labelled identifier') text = text.replace(m.re, (_all, label: string, value: string) => label + note(m.kind, value.trim()));
        else text = text.replace(m.re, (hit: string) => note(m.kind, hit));
      }
      return { text, removed: [...found.values()] };
    },
  };
}
