import { DRUGS } from '../engine/request/vocabulary/drugs.js';
import { parseQuery, type QueryTerm } from './fts-query.js';

/**
 * Brand and generic names of one drug are one search: letters write "Flexeril" as often as
 * "cyclobenzaprine", "Neurontin" as "gabapentin", "Norco" as "hydrocodone/APAP". Built once from the
 * request normaliser's drug vocabulary: each product's generic and names, as words (a one-word name of
 * four letters or more) or phrases ("hydrocodone acetaminophen"); a phrase that holds one of the
 * product's one-word names adds nothing ("Ultram ER" beside "Ultram"). Compounded and skin-only
 * products name mixtures ("Cyclophene" is not cyclobenzaprine tablets) and are left out.
 */
const NAMES: ReadonlyMap<string, readonly string[][]> = (() => {
  const wordsOf = (s: string) => s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const groups = new Map<string, string[][]>();
  for (const d of DRUGS) {
    if (d.compounded || d.topicalOnly) continue;
    const key = d.generic.toLowerCase();
    const members = groups.get(key) ?? [];
    for (const n of [d.generic, ...(d.names ?? [])]) {
      const w = wordsOf(n);
      if (w.length === 0 || (w.length === 1 && (w[0].length < 4 || /\d/.test(w[0])))) continue;
      if (!members.some((m) => m.join(' ') === w.join(' '))) members.push(w);
    }
    groups.set(key, members);
  }
  const out = new Map<string, readonly string[][]>();
  for (const members of groups.values()) {
    const single = new Set(members.filter((m) => m.length === 1).map((m) => m[0]));
    const kept = members.filter((m) => m.length === 1 || !m.some((w) => single.has(w)));
    for (const w of single) out.set(w, kept);
  }
  return out;
})();

/** The other names of a one-word drug name, each as its words ("norco" → ["vicodin"], ["hydrocodone", "acetaminophen"], …), or none. */
function otherNames(word: string): readonly string[][] {
  const w = word.toLowerCase();
  return (NAMES.get(w) ?? []).filter((n) => !(n.length === 1 && n[0] === w));
}

/**
 * The query with each one-word drug name searched under all its names: "Flexeril" becomes
 * (flexeril OR cyclobenzaprine OR amrix OR fexmid); an excluded drug name excludes every name.
 * `expanded` lists what was added, for the screen to say so.
 */
export function withDrugNames(terms: QueryTerm[]): { terms: QueryTerm[]; expanded: Array<{ term: string; alternatives: string[] }> } {
  const out: QueryTerm[] = [];
  const expanded: Array<{ term: string; alternatives: string[] }> = [];
  for (const t of terms) {
    out.push(t);
    if (t.words.length !== 1) continue;
    const others = otherNames(t.words[0]).filter((n) => !terms.some((u) => u.negated === t.negated && u.words.join(' ') === n.join(' ')));
    if (others.length === 0) continue;
    expanded.push({ term: t.words[0], alternatives: others.map((n) => n.join(' ')) });
    for (const n of others) out.push({ words: [...n], negated: t.negated, orWithPrevious: !t.negated });
  }
  return { terms: out, expanded };
}

/** The terms a search runs: the user's query, each drug name under all its names. */
export function searchTerms(query: string): QueryTerm[] {
  return withDrugNames(parseQuery(query)).terms;
}
