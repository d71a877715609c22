import { NUM, parseNumber } from './numbers.js';

/** The parts of a prescription's directions ("take 1 tablet by mouth every 8 hours as needed"). */
const SIG_PARTS = [
  new RegExp(`(?<![\\w#])(${NUM})(?:\\s*(?:-|to)\\s*(${NUM}))?\\s*(?:tab(?:let)?s?|cap(?:sule)?s?|patch(?:es)?|pills?|puffs?)\\b`, 'i'),
  /\b(?:take|apply)\b/i,
  /\b(?:orally|by mouth|PO)\b/i,
  new RegExp(`\\bevery\\s+(${NUM})(?:\\s*(?:-|to)\\s*(${NUM}))?\\s*(?:hours?|hrs?|h)\\b|\\bq\\.?\\s*(\\d+)(?:\\s*(?:-|to)\\s*(\\d+))?\\s*h(?:rs?|ours?)?\\b\\.?`, 'i'),
  /\b(?:once|one time)\s+(?:a\s+|per\s+)?day\b|\bonce daily\b|\bdaily\b|\bq\.?d\.?\b|\bqhs\b|\bat bedtime\b|\bnightly\b|\bevery (?:day|night)\b/i,
  /\btwice (?:a |per )?day\b|\btwice daily\b|\b(?:two|2) times (?:a |per )?day\b|\bb\.?i\.?d\.?\b/i,
  /\b(?:three|3) times (?:a |per )?day\b|\bt\.?i\.?d\.?\b/i,
  /\b(?:four|4) times (?:a |per )?day\b|\bq\.?i\.?d\.?\b/i,
  /\bas needed\b|\bp\.?r\.?n\.?\b/i,
  // "2-3 times a day", "3x daily", "1 to 2 times per day"
  new RegExp(`(?<![\\w.])(${NUM})(?:\\s*(?:-|to|or)\\s*(${NUM}))?\\s*(?:x|times)\\s*(?:a\\s+|per\\s+|\\/\\s*|each\\s+)?(?:day|daily)\\b`, 'i'),
];

/** A stated daily ceiling: "not to exceed 6 tablets a day", "max 8/day", "no more than 3 in 24 hours". */
const CEILING = new RegExp(`\\b(?:not to exceed|no more than|do not exceed|max(?:imum)?(?:\\s+of)?|up to)\\s+(${NUM})\\s*(?:tab(?:let)?s?|cap(?:sule)?s?|pills?)?\\s*(?:(?:a|per|each|in)\\s+(?:day|24\\s*h(?:ou)?rs?)|\\/\\s*(?:day|24\\s*h(?:ou)?rs?)|daily)\\b`, 'i');

/**
 * A prescription's directions: the words that give them, the doses a day they allow (lowest and
 * highest), the units a dose and the units a day at most. `unitsPerDayMax` is the total daily amount
 * prescribed, which the MTUS morphine-equivalent calculation multiplies by strength and conversion
 * factor (CPMTG p. 86, Opioids, dosing: the total daily dose of opioid; MTUS Opioids Treatment
 * Guidelines 2016, MED): for a range the prescribed maximum ("1-2 tablets every 6 hours" = 2 x 4 = 8
 * a day), and the same for a dose taken as needed (PRN allows up to that many; it does not lower what
 * is prescribed). A stated ceiling ("not to exceed 6 a day") is the maximum where it is written.
 */
export function sigOf(s: string): { sig: string | null; dosesPerDayMax: number | null; dosesPerDayMin: number | null; unitsPerDoseMax: number | null; unitsPerDayMax: number | null } {
  let start = Infinity;
  let end = -1;
  // the frequency that allows the most doses decides; its own lower bound is the minimum ("every 4-6 hours" = 4 to 6)
  let doses: { min: number; max: number } | null = null;
  const offer = (min: number, max: number) => {
    if (max > 0 && (!doses || max > doses.max || (max === doses.max && min < doses.min))) doses = { min: Math.min(min, max), max };
  };
  let units: number | null = null;
  // The ceiling is read first and blanked out (offsets kept), so that its "4 tablets" is not a dose
  // and its "daily" not a once-a-day frequency ("max 4 tablets daily").
  const c = CEILING.exec(s);
  const cap = c ? parseNumber(c[1]) : null;
  if (c) {
    start = c.index;
    end = c.index + c[0].length;
  }
  const text = c ? s.slice(0, c.index) + ' '.repeat(c[0].length) + s.slice(c.index + c[0].length) : s;
  SIG_PARTS.forEach((re, i) => {
    const m = re.exec(text);
    if (!m) return;
    start = Math.min(start, m.index);
    end = Math.max(end, m.index + m[0].length);
    if (i === 0) units = parseNumber(m[2]) ?? parseNumber(m[1]);
    if (i === 3) {
      const h = parseNumber(m[1] ?? m[3]);
      const hHi = parseNumber(m[2] ?? m[4]) ?? h;
      if (h !== null && h > 0 && hHi !== null && hHi > 0) offer(Math.floor(24 / Math.max(h, hHi)), Math.floor(24 / Math.min(h, hHi)));
    }
    if (i === 4) offer(1, 1);
    if (i === 5) offer(2, 2);
    if (i === 6) offer(3, 3);
    if (i === 7) offer(4, 4);
    if (i === 9) {
      const lo = parseNumber(m[1]);
      const hi = parseNumber(m[2]) ?? lo;
      if (lo !== null && hi !== null && hi <= 12) offer(Math.min(lo, hi), Math.max(lo, hi));
    }
  });
  if (end < 0) return { sig: null, dosesPerDayMax: null, dosesPerDayMin: null, unitsPerDoseMax: null, unitsPerDayMax: null };
  const sig = s.slice(start, end).replace(/^[\s,]+|[\s,]+$/g, '');
  const d = doses as { min: number; max: number } | null;
  // a frequency with no unit count ("Norco 10/325 mg every 6 hours") is one unit a dose
  const fromSig = d ? d.max * ((units as number | null) ?? 1) : null;
  const unitsPerDayMax = cap !== null && cap > 0 ? (fromSig !== null ? Math.min(fromSig, cap) : cap) : fromSig;
  return { sig: sig || null, dosesPerDayMax: d?.max ?? null, dosesPerDayMin: d?.min ?? null, unitsPerDoseMax: units, unitsPerDayMax };
}
