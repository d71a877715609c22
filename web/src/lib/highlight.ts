/**
 * Where the engine's evidence quotes sit in a source text, as non-overlapping [start, end) spans.
 * Offsets from the engine are trusted when the text at them matches the quote; otherwise the quote
 * is searched for (whitespace-insensitively), so evidence still shows after re-formatting.
 */
export interface Span {
  start: number;
  end: number;
  /** Key of the evidence the span belongs to (to mark the selected one). */
  key: string;
}

export interface QuoteRef {
  key: string;
  quote: string;
  start?: number;
  end?: number;
}

function findLoose(text: string, quote: string): [number, number] | null {
  const q = quote.trim();
  if (!q) return null;
  const exact = text.indexOf(q);
  if (exact >= 0) return [exact, exact + q.length];
  const lower = text.toLowerCase().indexOf(q.toLowerCase());
  if (lower >= 0) return [lower, lower + q.length];
  // Whitespace-insensitive: the quote's words separated by any run of whitespace.
  const words = q.split(/\s+/).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  if (words.length > 60) return null;
  const m = new RegExp(words.join('\\s+'), 'i').exec(text);
  return m ? [m.index, m.index + m[0].length] : null;
}

export function locateQuotes(text: string, quotes: readonly QuoteRef[]): Span[] {
  const spans: Span[] = [];
  for (const q of quotes) {
    let at: [number, number] | null = null;
    if (q.start !== undefined && q.end !== undefined && q.end > q.start && q.end <= text.length) {
      const slice = text.slice(q.start, q.end);
      if (slice.replace(/\s+/g, ' ').trim().toLowerCase() === q.quote.replace(/\s+/g, ' ').trim().toLowerCase()) at = [q.start, q.end];
    }
    at ??= findLoose(text, q.quote);
    if (at) spans.push({ start: at[0], end: at[1], key: q.key });
  }
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  // Drop overlaps: keep the earliest-starting, longest span.
  const out: Span[] = [];
  for (const s of spans) {
    const last = out[out.length - 1];
    if (last && s.start < last.end) continue;
    out.push(s);
  }
  return out;
}

/** Splits `text` into plain and marked pieces for rendering. */
export function splitBySpans(text: string, spans: readonly Span[]): Array<{ text: string; span?: Span }> {
  const parts: Array<{ text: string; span?: Span }> = [];
  let at = 0;
  for (const s of spans) {
    if (s.start > at) parts.push({ text: text.slice(at, s.start) });
    parts.push({ text: text.slice(s.start, s.end), span: s });
    at = s.end;
  }
  if (at < text.length) parts.push({ text: text.slice(at) });
  return parts;
}
