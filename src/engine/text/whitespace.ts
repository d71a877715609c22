/**
 * Every run of white space as one space: exactly what `text.replace(/\s+/g, ' ')` gives. Most runs
 * in the engine's texts (a rationale, a sentence) are one space already, and the plain replace
 * rewrites each of them; here only runs of two or more, and single tabs or line breaks, are
 * replaced, and a text with none is returned as it is (one scan, no copy).
 */
export function collapseWhitespace(text: string): string {
  return NEEDS_COLLAPSE.test(text) ? text.replace(RUNS, ' ') : text;
}

/** A run of two white-space characters, or one that is not a plain space. */
const NEEDS_COLLAPSE = /\s\s|[^\S ]/;
/** Such runs, whole: `\s{2,}` takes a run from its first character, so no run is split. */
const RUNS = /\s{2,}|[^\S ]/g;
