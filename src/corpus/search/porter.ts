// The steps' helpers and rule tables, made once (they were closures and arrays made again for
// every word stemmed: most of the stemmer's time, and the snippets of a search stem many words).
function cons(s: string, i: number): boolean {
  const c = s[i];
  if (c === 'a' || c === 'e' || c === 'i' || c === 'o' || c === 'u') return false;
  if (c === 'y') return i === 0 ? true : !cons(s, i - 1);
  return true;
}
/** m(): the number of VC sequences in s. */
function measure(s: string): number {
  let n = 0;
  let i = 0;
  while (i < s.length && cons(s, i)) i++;
  while (i < s.length) {
    while (i < s.length && !cons(s, i)) i++;
    if (i >= s.length) break;
    n++;
    while (i < s.length && cons(s, i)) i++;
  }
  return n;
}
function hasVowel(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (!cons(s, i)) return true;
  return false;
}
const doubleC = (s: string): boolean => s.length >= 2 && s[s.length - 1] === s[s.length - 2] && cons(s, s.length - 1);
function cvc(s: string): boolean {
  const n = s.length;
  if (n < 3 || !cons(s, n - 1) || cons(s, n - 2) || !cons(s, n - 3)) return false;
  const c = s[n - 1];
  return c !== 'w' && c !== 'x' && c !== 'y';
}
/** Replaces suffix `from` by `to` when the stem before it meets `cond`; null when `from` does not end w. */
function rule(s: string, from: string, to: string, cond: (stem: string) => boolean): string | null {
  if (!s.endsWith(from)) return null;
  const stem = s.slice(0, s.length - from.length);
  return cond(stem) ? stem + to : s;
}
function firstOf(s: string, rules: ReadonlyArray<readonly [string, string]>, cond: (stem: string) => boolean): string {
  for (const [from, to] of rules) {
    const r = rule(s, from, to, cond);
    if (r !== null) return r;
  }
  return s;
}
const m0 = (stem: string) => measure(stem) > 0;
const m1 = (stem: string) => measure(stem) > 1;
const STEP2: ReadonlyArray<readonly [string, string]> = [
  ['ational', 'ate'], ['tional', 'tion'], ['enci', 'ence'], ['anci', 'ance'], ['izer', 'ize'], ['bli', 'ble'], ['alli', 'al'],
  ['entli', 'ent'], ['eli', 'e'], ['ousli', 'ous'], ['ization', 'ize'], ['ation', 'ate'], ['ator', 'ate'], ['alism', 'al'],
  ['iveness', 'ive'], ['fulness', 'ful'], ['ousness', 'ous'], ['aliti', 'al'], ['iviti', 'ive'], ['biliti', 'ble'], ['logi', 'log'],
];
const STEP3: ReadonlyArray<readonly [string, string]> = [['icate', 'ic'], ['ative', ''], ['alize', 'al'], ['iciti', 'ic'], ['ical', 'ic'], ['ful', ''], ['ness', '']];
const STEP4 = ['al', 'ance', 'ence', 'er', 'ic', 'able', 'ible', 'ant', 'ement', 'ment', 'ent', 'ion', 'ou', 'ism', 'ate', 'iti', 'ous', 'ive', 'ize'];

/**
 * Stems already worked out: the words of the letters repeat (a search's snippets stem the same
 * medical vocabulary over and over). Bounded; emptied when full, as the stems are cheap to redo.
 */
const STEM_CACHE_SIZE = 20_000;
const stems = new Map<string, string>();

/**
 * The original Porter stemmer (M. F. Porter, 1980, as in the reference C version), which SQLite's
 * FTS5 `porter` tokenizer and the PostgreSQL `corpus_fts` configuration (migration 0209) apply to the
 * corpus: snippets mark the words of a page's hits by it, without asking the engine once per hit.
 * Input: one lower-case word; words shorter than 3 or longer than 64 characters are kept as they
 * are (as FTS5 does). Pure.
 */
export function porterStem(word: string): string {
  if (word.length < 3 || word.length > 64) return word;
  const known = stems.get(word);
  if (known !== undefined) return known;
  const stem = stemWord(word);
  if (stems.size >= STEM_CACHE_SIZE) stems.clear();
  stems.set(word, stem);
  return stem;
}

function stemWord(word: string): string {
  let w = word;
  // Step 1a
  if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('ies')) w = w.slice(0, -2);
  else if (!w.endsWith('ss') && w.endsWith('s')) w = w.slice(0, -1);
  // Step 1b
  if (w.endsWith('eed')) {
    if (m0(w.slice(0, -3))) w = w.slice(0, -1);
  } else {
    const suffix = w.endsWith('ed') ? 'ed' : w.endsWith('ing') ? 'ing' : null;
    if (suffix && hasVowel(w.slice(0, -suffix.length))) {
      w = w.slice(0, -suffix.length);
      if (w.endsWith('at') || w.endsWith('bl') || w.endsWith('iz')) w += 'e';
      else if (doubleC(w) && !/[lsz]$/.test(w)) w = w.slice(0, -1);
      else if (measure(w) === 1 && cvc(w)) w += 'e';
    }
  }
  // Step 1c
  if (w.endsWith('y') && hasVowel(w.slice(0, -1))) w = `${w.slice(0, -1)}i`;
  // Step 2
  w = firstOf(w, STEP2, m0);
  // Step 3
  w = firstOf(w, STEP3, m0);
  // Step 4
  for (const suffix of STEP4) {
    if (!w.endsWith(suffix)) continue;
    const stem = w.slice(0, -suffix.length);
    if (m1(stem) && (suffix !== 'ion' || /[st]$/.test(stem))) w = stem;
    break;
  }
  // Step 5a
  if (w.endsWith('e')) {
    const stem = w.slice(0, -1);
    const m = measure(stem);
    if (m > 1 || (m === 1 && !cvc(stem))) w = stem;
  }
  // Step 5b
  if (measure(w) > 1 && doubleC(w) && w.endsWith('l')) w = w.slice(0, -1);
  return w;
}
