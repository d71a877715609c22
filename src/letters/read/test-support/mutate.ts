/**
 * Mutated letters for the fuzzing suite: damage done to a letter's text or to its PDF bytes the way
 * disks, mail gateways, careless edits and partial downloads do it. Deterministic: the same seed
 * gives the same mutations, so a finding can be replayed from its seed and index.
 */

/** A small seeded PRNG (mulberry32): the same sequence on every machine. */
export { seededRandom as prng } from '../../../shared/rng.js';

export type Random = () => number;

/** An integer in [lo, hi]. */
function between(rnd: Random, lo: number, hi: number): number {
  return lo + Math.floor(rnd() * (hi - lo + 1));
}

function pick<T>(rnd: Random, xs: readonly T[]): T {
  return xs[Math.floor(rnd() * xs.length)];
}

export interface Mutation {
  /** What was done, with its positions: enough to understand and replay a finding. */
  what: string;
  bytes: Uint8Array;
}

const enc = new TextEncoder();

const JUNK_PIECES = ['\u0000', '\uFFFD', '\f', '\t', '  ', '###', 'Upheld', ': Overturned', 'Decision rationale:', 'Ã©', '\u200B', '\u202E', 'lorem ipsum', '\r\n', '%%EOF'];

function junk(rnd: Random): string {
  let s = '';
  const n = between(rnd, 1, 6);
  for (let i = 0; i < n; i++) s += rnd() < 0.5 ? pick(rnd, JUNK_PIECES) : String.fromCharCode(between(rnd, 32, 126));
  return s;
}

// -- Text letters ----------------------------------------------------------------------------------

type TextMutator = (text: string, rnd: Random) => { what: string; text: string };

const DECISION_LINE = /^.*(?:Upheld|Overturned)\.?[ \t]*$/gm;

const TEXT_MUTATORS: Record<string, TextMutator> = {
  deleteChars(t, rnd) {
    const at = between(rnd, 0, t.length - 1);
    const n = between(rnd, 1, Math.min(2000, t.length - at));
    return { what: `deleteChars at ${at} n ${n}`, text: t.slice(0, at) + t.slice(at + n) };
  },
  truncate(t, rnd) {
    const at = between(rnd, Math.floor(t.length * 0.3), t.length - 1);
    return { what: `truncate at ${at} of ${t.length}`, text: t.slice(0, at) };
  },
  deleteLines(t, rnd) {
    const lines = t.split('\n');
    const at = between(rnd, 0, lines.length - 1);
    const n = between(rnd, 1, 5);
    lines.splice(at, n);
    return { what: `deleteLines at ${at} n ${n}`, text: lines.join('\n') };
  },
  swapLines(t, rnd) {
    const lines = t.split('\n');
    const a = between(rnd, 0, lines.length - 1);
    const b = between(rnd, 0, lines.length - 1);
    [lines[a], lines[b]] = [lines[b], lines[a]];
    return { what: `swapLines ${a} ${b}`, text: lines.join('\n') };
  },
  duplicateLines(t, rnd) {
    const lines = t.split('\n');
    const at = between(rnd, 0, lines.length - 1);
    const n = between(rnd, 1, 20);
    const to = between(rnd, 0, lines.length);
    lines.splice(to, 0, ...lines.slice(at, at + n));
    return { what: `duplicateLines ${at} n ${n} to ${to}`, text: lines.join('\n') };
  },
  insertJunk(t, rnd) {
    const at = between(rnd, 0, t.length);
    const j = junk(rnd);
    return { what: `insertJunk at ${at} ${JSON.stringify(j)}`, text: t.slice(0, at) + j + t.slice(at) };
  },
  /** The damage the issue met: one decision line gone. */
  deleteDecisionLine(t, rnd) {
    const hits = [...t.matchAll(DECISION_LINE)];
    if (hits.length === 0) return { what: 'deleteDecisionLine (none)', text: t };
    const m = pick(rnd, hits);
    return { what: `deleteDecisionLine at ${m.index}`, text: t.slice(0, m.index) + t.slice(m.index! + m[0].length) };
  },
};

/** One random mutation of a text letter, as UTF-8 bytes. */
export function mutateText(text: string, rnd: Random): Mutation {
  const name = pick(rnd, Object.keys(TEXT_MUTATORS));
  const r = TEXT_MUTATORS[name](text, rnd);
  return { what: `text ${r.what}`, bytes: enc.encode(r.text) };
}

// -- PDF letters -----------------------------------------------------------------------------------

/** Where the data of each `stream … endstream` lies in a PDF's bytes. */
function streamRanges(pdf: Uint8Array): Array<[number, number]> {
  const s = latin1(pdf);
  const out: Array<[number, number]> = [];
  const re = /stream\r?\n/g;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    if (s.slice(Math.max(0, m.index - 3), m.index) === 'end') continue;
    const start = m.index + m[0].length;
    const end = s.indexOf('endstream', start);
    if (end < 0) break;
    if (end > start) out.push([start, end]);
    re.lastIndex = end + 9;
  }
  return out;
}

function latin1(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i += 8192) s += String.fromCharCode(...b.subarray(i, i + 8192));
  return s;
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

type PdfMutator = (pdf: Uint8Array, rnd: Random) => { what: string; bytes: Uint8Array };

const PDF_MUTATORS: Record<string, PdfMutator> = {
  deleteBytes(b, rnd) {
    const at = between(rnd, 0, b.length - 1);
    const n = between(rnd, 1, Math.min(1000, b.length - at));
    return { what: `deleteBytes at ${at} n ${n}`, bytes: concat(b.subarray(0, at), b.subarray(at + n)) };
  },
  truncate(b, rnd) {
    const at = between(rnd, Math.floor(b.length * 0.2), b.length - 1);
    return { what: `truncate at ${at} of ${b.length}`, bytes: b.slice(0, at) };
  },
  /** The damage the issue met: a bit or three flipped inside a (compressed) stream. */
  flipStreamBits(b, rnd) {
    const ranges = streamRanges(b);
    const out = b.slice();
    const flips: string[] = [];
    const n = between(rnd, 1, 3);
    for (let i = 0; i < n; i++) {
      const [s, e] = ranges.length ? pick(rnd, ranges) : [0, b.length];
      const at = between(rnd, s, e - 1);
      const bit = between(rnd, 0, 7);
      out[at] ^= 1 << bit;
      flips.push(`${at}:${bit}`);
    }
    return { what: `flipStreamBits ${flips.join(',')}`, bytes: out };
  },
  zeroStreamRange(b, rnd) {
    const ranges = streamRanges(b);
    const [s, e] = ranges.length ? pick(rnd, ranges) : [0, b.length];
    const at = between(rnd, s, e - 1);
    const n = between(rnd, 1, Math.min(64, e - at));
    const out = b.slice();
    out.fill(0, at, at + n);
    return { what: `zeroStreamRange at ${at} n ${n}`, bytes: out };
  },
  duplicateBytes(b, rnd) {
    const at = between(rnd, 0, b.length - 1);
    const n = between(rnd, 1, Math.min(2000, b.length - at));
    const to = between(rnd, 0, b.length);
    return { what: `duplicateBytes ${at} n ${n} to ${to}`, bytes: concat(b.subarray(0, to), b.subarray(at, at + n), b.subarray(to)) };
  },
  insertJunk(b, rnd) {
    const at = between(rnd, 0, b.length);
    const j = enc.encode(junk(rnd));
    return { what: `insertJunk at ${at} n ${j.length}`, bytes: concat(b.subarray(0, at), j, b.subarray(at)) };
  },
};

/** One random mutation of a PDF letter. */
export function mutatePdf(pdf: Uint8Array, rnd: Random): Mutation {
  const name = pick(rnd, Object.keys(PDF_MUTATORS));
  const r = PDF_MUTATORS[name](pdf, rnd);
  return { what: `pdf ${r.what}`, bytes: r.bytes };
}
