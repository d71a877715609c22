import type { Citation, CitationRef, CitationSource } from '../model.js';
import { isJsSpace, trimEndWith } from './trim.js';

/**
 * Parses the text of one guideline line of a determination letter ("Decision based on MTUS
 * Chronic Pain Medical Treatment 2016, Section(s): Topical analgesics.", "… outside of the MTUS
 * Guidelines. Decision based on Non-MTUS Citation Official Disability Guidelines (ODG) …", "The
 * Claims Administrator did not cite any medical evidence for its decision.") into a structured
 * citation. The first guideline named is the citation; any further ones are in `alsoCites`.
 */

/** MTUS guidelines and chapters, longest names first; `family` is the citation source. */
const MTUS_NAMES: Array<{ re: RegExp; source: CitationSource; isFamilyName: boolean }> = [
  { re: /^(?:Chronic Pain Medical Treatment(?: Guidelines?)?|Chronic Pain Treatment Guidelines?|Chronic Pain(?: Guidelines?)?)/i, source: 'MTUS-CPMTG', isFamilyName: true },
  { re: /^(?:Opioids? Treatment(?: Guidelines?)?|Opioids? Guidelines?)/i, source: 'MTUS-OPIOIDS', isFamilyName: true },
  { re: /^(?:Acupuncture(?: Medical)? Treatment(?: Guidelines?)?|Acupuncture Guidelines?)/i, source: 'MTUS-AMTG', isFamilyName: true },
  { re: /^(?:Post-?surgical Treatment(?: Guidelines?)?|Post-?surgical Guidelines?)/i, source: 'MTUS-PSTG', isFamilyName: true },
  { re: /^(?:(?:MTUS )?Drug Formulary|Formulary)/i, source: 'MTUS-FORMULARY', isFamilyName: true },
  { re: /^(?:\(?ACOEM\)?(?: Practice Guidelines?)?)/i, source: 'MTUS-ACOEM', isFamilyName: true },
];

/** The ACOEM-based chapters of the 2004–2017 MTUS, as letters name them. */
const ACOEM_CHAPTERS = [
  'General Approaches', 'Initial Approaches to Treatment', 'Prevention', 'Independent Medical Examinations and Consultations',
  'Neck and Upper Back Complaints', 'Shoulder Complaints', 'Elbow Disorders', 'Elbow Complaints', 'Forearm, Wrist, and Hand Complaints',
  'Forearm, Wrist and Hand Complaints', 'Low Back Complaints', 'Knee Complaints', 'Ankle and Foot Complaints', 'Stress Related Conditions',
  'Stress-Related Conditions', 'Eye', 'Hip and Groin', 'Occupational Interstitial Lung Disease', 'Work-Related Asthma', 'Cornea',
];
/** Chapter names that can follow ", and " inside one MTUS citation, to split several chapters. */
const CHAPTER_START = new RegExp(
  `,?\\s+and\\s+(?=(?:${[
    ...ACOEM_CHAPTERS,
    'Chronic Pain Medical Treatment', 'Chronic Pain Treatment', 'Opioids? Treatment', 'Acupuncture(?: Medical)? Treatment', 'Post-?surgical Treatment',
    'Drug Formulary',
  ]
    .map((c) => c.replace(/[.*+?^${}()|[\]\\]/g, (m) => (m === '?' || m === '(' || m === ')' || m === '|' ? m : `\\${m}`)))
    .join('|')})\\b)`,
  'gi',
);

const NON_MTUS_NAMES: Array<{ re: RegExp; name: string }> = [
  { re: /^(?:the\s+)?(?:Official Disability Guidelines?|ODG)(?:\s*\(ODG\))?(?:\s+Treatment in Workers'? Comp(?:ensation)?)?/i, name: 'ODG' },
  { re: /^(?:the\s+)?(?:American College of Occupational and Environmental Medicine|ACOEM)(?:\s*\(ACOEM\))?(?:\s+(?:Occupational Medicine\s+)?Practice Guidelines?)?/i, name: 'ACOEM' },
  { re: /^(?:Occupational Medicine Practice Guidelines)/i, name: 'ACOEM' },
  { re: /^(?:Medical Disability Advisor|MDGuidelines|www\.mdguidelines\.com)/i, name: 'MDGuidelines' },
  { re: /^(?:UpToDate)/i, name: 'UpToDate' },
  { re: /^(?:Medicare|CMS)\b/i, name: 'Medicare' },
];

const NONE_RE = /did not cite any (?:medical )?evidence/i;

function normaliseSpace(s: string): string {
  if (s.indexOf('  ') < 0 && !/[\t\n\r\f\u00A0]/.test(s)) return s.trim();
  return s.replace(/\s+/g, ' ').trim();
}

/** Page numbers after "Page(s):", ranges expanded in the order written ("58-59, 8" → 58, 59, 8). */
export function parsePages(text: string): number[] {
  const pages: number[] = [];
  for (const m of text.matchAll(/(\d{1,4})(?:\s*(?:-|–|to|through)\s*(\d{1,4}))?/g)) {
    const a = Number(m[1]);
    const b = m[2] === undefined ? a : Number(m[2]);
    if (b >= a && b - a <= 200) for (let p = a; p <= b; p++) pages.push(p);
    else pages.push(a, b);
  }
  return pages;
}

/**
 * Splits a "Section(s):" list into section names. A comma separates sections, except where the
 * next part starts in lower case ("TENS, chronic pain (…)", "Opioids, criteria for use") or the
 * CPMTG itself titles a section with a comma ("NSAIDs, GI symptoms & cardiovascular risk").
 */
export function splitSections(text: string): string[] {
  const clean = trimEndWith(text, '.;');
  // Split at ", " outside parentheses only ("Naproxen (Naprosyn, EC-Naprosyn)" is one section).
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < clean.length; i++) {
    const ch = clean[i];
    if (ch === '(' || ch === '[') depth++;
    else if ((ch === ')' || ch === ']') && depth > 0) depth--;
    else if (ch === ',' && depth === 0 && clean[i + 1] === ' ') {
      parts.push(clean.slice(start, i));
      start = i + 2;
    }
  }
  parts.push(clean.slice(start));
  // Numbered sections (the 2016 Opioids guideline: "3.3.9 Opioids for …: …") hold commas of their own.
  const numbered = /^\d+(?:\.\d+)*\.?\s/.test(parts[0]?.trim() ?? '');
  const out: string[] = [];
  for (const raw of parts) {
    const p = raw.trim();
    if (!p) continue;
    const prev = out[out.length - 1];
    const glue =
      prev !== undefined &&
      (numbered
        ? !/^\d+(?:\.\d+)*\.?\s/.test(p)
        : /^[a-z]/.test(p) || (/^NSAIDs$/i.test(prev) && /^(?:GI symptoms|specific drug list|hypertension)/i.test(p)));
    if (glue) out[out.length - 1] = `${prev}, ${p}`;
    else out.push(p);
  }
  return out.filter(Boolean);
}

function emptyRef(source: CitationSource, raw: string): CitationRef {
  return { source, name: null, edition: null, topic: null, sections: [], pages: [], raw };
}

/** A citation from its first reference: written out rather than spread, which is slow on a hot path (same keys, same order). */
function citation(ref: CitationRef, raw: string, alsoCites: CitationRef[]): Citation {
  return { source: ref.source, name: ref.name, edition: ref.edition, topic: ref.topic, sections: ref.sections, pages: ref.pages, raw, alsoCites };
}

/** Splits a topic glued from two lines of an older letter ("manipulationPain Outcomes") at the seam. */
function unglue(topic: string): string {
  return topic.replace(/([a-z]{3,})([A-Z][a-z]+(?:\s|$))/g, '$1; $2');
}

const SECTIONS_WORD = /Section\(s\):\s*/i;

/**
 * Where ", Section(s): " is in `text`: the match of the case-insensitive pattern `,?\s*Section\(s\):\s*`,
 * found from its literal part and widened back over the spaces and comma before it (a pattern that
 * starts with optional characters is tried at every position of the line).
 */
function sectionsLabel(text: string): { start: number; end: number } | null {
  const m = SECTIONS_WORD.exec(text);
  if (!m) return null;
  let start = m.index;
  while (start > 0 && isJsSpace(text.charCodeAt(start - 1))) start--;
  if (start > 0 && text.charCodeAt(start - 1) === 44 /* , */) start--;
  return { start, end: m.index + m[0].length };
}

/**
 * Parses one MTUS chapter citation ("Low Back Complaints 2004, Section(s): Special Studies").
 * `text` and `raw` are pieces of the line `parseCitation` has already normalised, so trimming them
 * is all the normalising they need.
 */
function parseMtusChapter(text: string, raw: string): CitationRef {
  let rest = text.trim().replace(/^(?:the\s+)?(?:CA\s+)?MTUS\s*(?:\(ACOEM\)\s*)?/i, '');
  rest = trimEndWith(rest, '.;,');
  let pages: number[] = [];
  const pageMatch = /\b(?:Page\(s\)|Pages?|pgs?\.?|pp?\.)\s*:?\s*([\d\s,\-–and&to]+)/i.exec(rest);
  if (pageMatch) {
    pages = parsePages(pageMatch[1].replace(/\band\b|&/g, ','));
    rest = (rest.slice(0, pageMatch.index) + rest.slice(pageMatch.index + pageMatch[0].length)).trim();
  }
  let sections: string[] = [];
  const label = sectionsLabel(rest);
  if (label) {
    sections = splitSections(rest.slice(label.end));
    rest = rest.slice(0, label.start).trim();
  }
  rest = trimEndWith(rest, '.;,');
  let edition: number | null = null;
  const yearMatch = /[\s,(]((?:19|20)\d{2})\)?$/.exec(rest) ?? /\((?:19|20)\d{2}\)/.exec(rest);
  if (yearMatch) {
    edition = Number(/\d{4}/.exec(yearMatch[0])![0]);
    rest = trimEndWith((rest.slice(0, yearMatch.index) + rest.slice(yearMatch.index + yearMatch[0].length)).replace(/\s+,/g, ','), '.;,').trim();
  }
  let source: CitationSource = 'MTUS-ACOEM';
  let topic: string | null = rest || null;
  for (const n of MTUS_NAMES) {
    const m = n.re.exec(rest);
    if (m) {
      source = n.source;
      const after = rest.slice(m[0].length).replace(/^[\s,:;-]+/, '').trim();
      topic = after ? unglue(after) : null;
      break;
    }
  }
  return { source, name: null, edition, topic, sections, pages, raw: raw.trim() };
}

/** Parses one non-MTUS citation ("Official Disability Guidelines (ODG) Low Back Chapter, MRI"); `text` is a piece of the normalised line. */
function parseNonMtus(text: string): CitationRef {
  const raw = text.trim().replace(/\s+(?=[.,;])/g, '');
  let rest = trimEndWith(raw, '.;');
  let name: string | null = null;
  let topic: string | null;
  for (const n of NON_MTUS_NAMES) {
    const m = n.re.exec(rest);
    if (m) {
      name = n.name;
      rest = rest.slice(m[0].length);
      break;
    }
  }
  let edition: number | null = null;
  const year = /^[\s,:(-]*((?:19|20)\d{2})\)?(?=[\s,.;:]|$)/.exec(rest);
  if (name && year) {
    edition = Number(year[1]);
    rest = rest.slice(year[0].length);
  }
  if (name === null && /\bODG\b|Official Disability Guidelines/i.test(rest)) {
    name = 'ODG';
    topic = rest.trim() || null;
  } else if (name === null) {
    // Another source: the name is its first phrase (a title, a web address, a publisher).
    const url = /^(?:https?:\/\/)?(?:www\.)?([a-z0-9-]+(?:\.[a-z0-9-]+)+)/i.exec(rest);
    if (url && /\./.test(url[1]) && /^(?:https?:\/\/|www\.)/i.test(rest)) name = url[1].toLowerCase();
    else name = (/^[^,.:;(]+/.exec(rest)?.[0] ?? rest).trim().slice(0, 80) || null;
    topic = null;
  } else {
    topic = rest.replace(/^[\s,:;–-]+/, '').trim() || null;
  }
  let pages: number[] = [];
  const pageMatch = /\bPage\(s\)\s*:?\s*([\d\s,\-–]+)/i.exec(raw);
  if (pageMatch) pages = parsePages(pageMatch[1]);
  return { source: 'NON-MTUS', name, edition, topic, sections: [], pages, raw };
}

/** Splits the text of a guideline line into its "Decision based on …" parts. */
const DECISION_BASED_ON = /Decision based on\s+(Non-?\s?MTUS Citation\s*:?|(?:the\s+)?(?:CA\s+)?MTUS\b)/gi;

function decisionParts(text: string): Array<{ kind: 'mtus' | 'non-mtus'; text: string }> {
  const parts: Array<{ kind: 'mtus' | 'non-mtus'; text: string }> = [];
  // An exec loop on one shared pattern: cheaper than spreading a matchAll iterator on every line.
  const hits: RegExpExecArray[] = [];
  DECISION_BASED_ON.lastIndex = 0;
  for (let m = DECISION_BASED_ON.exec(text); m !== null; m = DECISION_BASED_ON.exec(text)) hits.push(m);
  hits.forEach((m, i) => {
    const start = m.index! + m[0].length - (/^non/i.test(m[1]) ? 0 : m[1].length);
    const end = i + 1 < hits.length ? hits[i + 1].index! : text.length;
    parts.push({ kind: /^non/i.test(m[1]) ? 'non-mtus' : 'mtus', text: text.slice(start, end).trim() });
  });
  return parts;
}

/**
 * Parses one guideline line (the text after "Claims Administrator guideline:" or "MAXIMUS
 * guideline:") into a citation. Text that names no guideline at all gives source NONE.
 */
export function parseCitation(rawText: string): Citation {
  const raw = normaliseSpace(rawText.replace(/^(?:Claims Administrator|MAXIMUS|Expert Reviewer|Reviewer)\s+guideline:\s*/i, ''));
  const refs: CitationRef[] = [];
  for (const part of decisionParts(raw)) {
    if (part.kind === 'non-mtus') {
      // "… and Other Medical Treatment Guidelines X" adds a further source in the same sentence.
      const [first, ...others] = part.text.split(/\s+and Other Medical Treatment Guidelines?\s+/i);
      refs.push(parseNonMtus(first));
      for (const o of others) refs.push(parseNonMtus(o));
    } else {
      const chapters = part.text.split(CHAPTER_START).filter((c) => c.trim());
      for (const c of chapters) refs.push(parseMtusChapter(c, c));
    }
  }
  if (refs.length === 0) {
    if (NONE_RE.test(raw) || raw === '') return citation(emptyRef('NONE', raw), raw, []);
    // A guideline named without the "Decision based on" formula (older or hand-written letters).
    const mtus = /\bMTUS\b/.exec(raw);
    const ref = mtus ? parseMtusChapter(raw.slice(mtus.index), raw) : parseNonMtus(raw);
    return citation(ref, raw, []);
  }
  const [primary, ...also] = refs;
  return citation(primary, raw, also);
}
