/**
 * Trimming without patterns. `s.replace(/[.;\s]+$/, '')` looks like a cheap call, but the pattern
 * is tried again from every space or stop in the string (each try runs to the first other
 * character and fails at `$`); on the reader's hot path that retrying added up. These walk back
 * from the end once and give exactly what the pattern gives.
 */

/** True for the code units JavaScript's `\s` matches. */
export function isJsSpace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0xa0) return false;
  return (
    c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

/** `s` without its trailing run of whitespace and of the characters in `stops`: `s.replace(/[<stops>\s]+$/, '')`. */
export function trimEndWith(s: string, stops: string): string {
  let end = s.length;
  while (end > 0) {
    const c = s.charCodeAt(end - 1);
    if (!isJsSpace(c) && stops.indexOf(s[end - 1]) < 0) break;
    end--;
  }
  return end === s.length ? s : s.slice(0, end);
}
