/**
 * Text cleaning for letters: turns extracted or typed letter text into lines with explicit
 * paragraph breaks, and lines into clean paragraphs. Pure functions, no I/O.
 */

/** A paragraph break in the line list returned by {@link letterLines}. */
export const BREAK = '';

// Windows-1252 code points for bytes 0x80–0x9F, so mis-decoded UTF-8 can be turned back into bytes.
const CP1252: Record<number, number> = {
  0x20ac: 0x80, 0x201a: 0x82, 0x0192: 0x83, 0x201e: 0x84, 0x2026: 0x85, 0x2020: 0x86, 0x2021: 0x87,
  0x02c6: 0x88, 0x2030: 0x89, 0x0160: 0x8a, 0x2039: 0x8b, 0x0152: 0x8c, 0x017d: 0x8e, 0x2018: 0x91,
  0x2019: 0x92, 0x201c: 0x93, 0x201d: 0x94, 0x2022: 0x95, 0x2013: 0x96, 0x2014: 0x97, 0x02dc: 0x98,
  0x2122: 0x99, 0x0161: 0x9a, 0x203a: 0x9b, 0x0153: 0x9c, 0x017e: 0x9e, 0x0178: 0x9f,
};
const CONTINUATION = '[\\u0080-\\u00BF\\u20AC\\u201A\\u0192\\u201E\\u2026\\u2020\\u2021\\u02C6\\u2030\\u0160\\u2039\\u0152\\u017D\\u2018\\u2019\\u201C\\u201D\\u2022\\u2013\\u2014\\u02DC\\u2122\\u0161\\u203A\\u0153\\u017E\\u0178]';
// A UTF-8 lead byte read as Latin-1/CP1252 (Â..ô) followed by continuation bytes read the same way.
const MOJIBAKE = new RegExp(`[\\u00C2-\\u00F4]${CONTINUATION}{1,3}(?:[\\u00C2-\\u00F4]${CONTINUATION}{1,3})*`, 'g');
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Characters that may stand in a letter; anything else produced by a repair is dropped. */
const PRINTABLE = /^[\p{L}\p{N}\p{P}\p{S}\p{Zs}]+$/u;
const ASSIGNED_SENSIBLE = /^[\u0020-\u024F\u2010-\u2027\u2030-\u205E\u20AC\u2122\u00A0-\u00FF]+$/;

/**
 * Repairs UTF-8 text that was decoded as Windows-1252 or Latin-1 somewhere on its way ("â€™" for
 * "’", "Â°" for "°"). A sequence that decodes to something no letter contains (an unassigned or
 * private-use character, the usual residue of a broken conversion) is dropped.
 */
export function fixMojibake(text: string): string {
  // Most letters are plain ASCII, which the native byte count tells far faster than a pattern can.
  if (isAscii(text) || !/[\u00C2-\u00F4]/.test(text)) return text;
  return text.replace(MOJIBAKE, (seq) => {
    const bytes: number[] = [];
    for (const ch of seq) {
      const cp = ch.codePointAt(0)!;
      const b = cp <= 0xff ? cp : CP1252[cp];
      if (b === undefined) return seq;
      bytes.push(b);
    }
    let decoded: string;
    try {
      decoded = utf8.decode(new Uint8Array(bytes));
    } catch {
      return seq; // not UTF-8 after all: genuine accented text (e.g. "Café")
    }
    if (decoded === '\u00A0') return ' ';
    return PRINTABLE.test(decoded) && ASSIGNED_SENSIBLE.test(decoded) ? decoded : '';
  }).replace(/\uFFFD/g, '');
}

/**
 * True when every character of `s` is ASCII: its UTF-8 length is its length. Node's Buffer counts
 * natively (about 15 times faster than scanning with a pattern); elsewhere (a browser), the pattern.
 */
function isAscii(s: string): boolean {
  return typeof Buffer !== 'undefined' ? Buffer.byteLength(s, 'utf8') === s.length : !/[^\p{ASCII}]/u.test(s);
}

function isBlank(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 12 && c !== 13 && c !== 0xa0) return false;
  }
  return true;
}

/** Page furniture that is not letter content: page numbers and running page headers/footers. */
const PAGE_FURNITURE = /^(?:page\s+\d+(?:\s+of\s+\d+)?|\d+\s+of\s+\d+|-\s*\d+\s*-)$/i;

/**
 * Splits letter text into trimmed lines with paragraph breaks as {@link BREAK}, whatever the
 * source: single-spaced text (one blank line between paragraphs, as extracted from a PDF or
 * typed) or the double-spaced text of the older letters (an empty line after every line, a line
 * holding only spaces between paragraphs, extra empty lines where a page broke). Form feeds and
 * page numbers are dropped; a page break is not a paragraph break.
 */
export function letterLines(text: string): string[] {
  const fixed = fixMojibake(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  const raw = fixed.indexOf('\r') >= 0 ? fixed.split(/\r\n|\r|\n/) : fixed.split('\n');
  // Double-spaced text: most content lines are followed by an empty line.
  let content = 0;
  let followedByEmpty = 0;
  for (let i = 0; i < raw.length - 1; i++) {
    if (isBlank(raw[i])) continue;
    content++;
    if (raw[i + 1] === '') followedByEmpty++;
  }
  const doubleSpaced = content >= 4 && followedByEmpty / content > 0.6;
  const out: string[] = [];
  const pushBreak = () => {
    if (out.length > 0 && out[out.length - 1] !== BREAK) out.push(BREAK);
  };
  // Which kinds of odd whitespace the text has at all, so that each line is searched only for those
  // (most letters have none, or only form feeds): one search of the whole text instead of four per line.
  const hasDouble = fixed.indexOf('  ') >= 0;
  const hasTab = fixed.indexOf('\t') >= 0;
  const hasFormFeed = fixed.indexOf('\f') >= 0;
  const hasNbsp = fixed.indexOf('\u00A0') >= 0;
  const anyOdd = hasDouble || hasTab || hasFormFeed || hasNbsp;
  for (const line of raw) {
    let t = line;
    // Fast path: most lines need no more than a trim.
    if (
      anyOdd &&
      ((hasDouble && t.indexOf('  ') >= 0) || (hasTab && t.indexOf('\t') >= 0) || (hasFormFeed && t.indexOf('\f') >= 0) || (hasNbsp && t.indexOf('\u00A0') >= 0))
    ) {
      if (t.includes('\f') && t.replace(/\f/g, '').trim() === '') continue; // page break: not a paragraph break
      t = t.replace(/[\f\u00A0\t]/g, ' ').replace(/\s+/g, ' ');
    }
    t = t.trim();
    if (t === '') {
      if (!doubleSpaced || line.length > 0) pushBreak();
      continue;
    }
    if (t.length < 16 && PAGE_FURNITURE.test(t)) continue;
    out.push(t);
  }
  while (out.length > 0 && out[out.length - 1] === BREAK) out.pop();
  return out;
}

/** Joins wrapped lines into one line of text: a line ending in "word-" continues without a space. */
export function joinLines(lines: readonly string[]): string {
  let s = '';
  // The last two characters of `s`, tracked as lines are added: reading them from `s` itself would
  // flatten the growing concatenation on every line (quadratic in the paragraph's length).
  let last = NaN;
  let before = NaN;
  for (const l of lines) {
    if (l === BREAK) continue;
    if (s === '') s = l;
    else {
      const isAlnum = (before >= 48 && before <= 57) || (before >= 65 && before <= 90) || (before >= 97 && before <= 122);
      if (last === 45 /* - */ && isAlnum) s += l;
      else {
        s += ' ' + l;
        last = 32;
      }
    }
    // `l` is never empty (an empty line is a BREAK), so it always supplies the last character.
    before = l.length >= 2 ? l.charCodeAt(l.length - 2) : last;
    last = l.charCodeAt(l.length - 1);
  }
  return s;
}

/** Splits lines into paragraphs at breaks, each joined into clean text. */
export function paragraphs(lines: readonly string[]): string[] {
  const out: string[] = [];
  let cur: string[] = [];
  for (const l of lines) {
    if (l === BREAK) {
      if (cur.length) out.push(joinLines(cur));
      cur = [];
    } else cur.push(l);
  }
  if (cur.length) out.push(joinLines(cur));
  return out.filter((p) => p.length > 0);
}

/** Clean text of several lines: paragraphs separated by one blank line. */
export function cleanText(lines: readonly string[]): string {
  return paragraphs(lines).join('\n\n');
}
