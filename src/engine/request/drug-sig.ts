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

/** A prescription's directions: the words that give them, the doses a day they allow (lowest and highest) and the units a dose. */
export function sigOf(s: string): { sig: string | null; dosesPerDayMax: number | null; dosesPerDayMin: number | null; unitsPerDoseMax: number | null } {
  let start = Infinity;
  let end = -1;
  // the frequency that allows the most doses decides; its own lower bound is the minimum ("every 4-6 hours" = 4 to 6)
  let doses: { min: number; max: number } | null = null;
  const offer = (min: number, max: number) => {
    if (max > 0 && (!doses || max > doses.max || (max === doses.max && min < doses.min))) doses = { min: Math.min(min, max), max };
  };
  let units: number | null = null;
  SIG_PARTS.forEach((re, i) => {
    const m = re.exec(s);
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
  if (end < 0) return { sig: null, dosesPerDayMax: null, dosesPerDayMin: null, unitsPerDoseMax: null };
  const sig = s.slice(start, end).replace(/^[\s,]+|[\s,]+$/g, '');
  const d = doses as { min: number; max: number } | null;
  return { sig: sig || null, dosesPerDayMax: d?.max ?? null, dosesPerDayMin: d?.min ?? null, unitsPerDoseMax: units };
}
