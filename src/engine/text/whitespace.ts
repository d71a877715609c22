/**
 * Every run of white space as one space: exactly what `text.replace(/\s+/g, ' ')` gives. Most runs
 * in the engine's texts (a rationale, a sentence) are one space already, and the plain replace
 * rewrites each of them; here only runs of two or more, and single tabs or line breaks, are
 * replaced, and a text with none is returned as it is (one scan by character code, no copy).
 */
export function collapseWhitespace(text: string): string {
  return needsCollapse(text) ? text.replace(RUNS, ' ') : text;
}

/** Whether the text has a run of two white-space characters, or one that is not a plain space (what /\s\s|[^\S ]/ tests). */
function needsCollapse(text: string): boolean {
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    // most characters: printable ASCII other than the space
    if (c > 32 && c < 160) continue;
    if (c === 32) {
      if (i + 1 < n && isSpace(text.charCodeAt(i + 1))) return true;
    } else if (isSpace(c)) return true;
  }
  return false;
}

/** The characters \s matches (ECMAScript WhiteSpace and LineTerminator). */
function isSpace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 160) return false;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** Such runs, whole: `\s{2,}` takes a run from its first character, so no run is split. */
const RUNS = /\s{2,}|[^\S ]/g;
