/**
 * The document viewer's addresses and page arithmetic. Pure: the viewer's state lives in its URL
 * (/cases/:id/documents/:docId?q=quote&at=offset&page=N), so a link from evidence opens the
 * document at the quote, Back returns, and the address can be bookmarked or shared with a colleague.
 */
import type { Span } from './highlight.js';

export interface ViewerTarget {
  /** The quote to highlight (the engine's evidence as written). */
  q?: string | null;
  /** Where the engine found it in the stored text (its offset), to tell repeated passages apart. */
  at?: number | null;
  page?: number | null;
}

export function documentViewerPath(caseId: string, docId: string, target: ViewerTarget = {}): string {
  const qs = new URLSearchParams();
  if (target.q) qs.set('q', target.q);
  if (target.at !== undefined && target.at !== null && Number.isInteger(target.at) && target.at >= 0) qs.set('at', String(target.at));
  if (target.page) qs.set('page', String(target.page));
  const s = qs.toString();
  return `/cases/${encodeURIComponent(caseId)}/documents/${encodeURIComponent(docId)}${s ? `?${s}` : ''}`;
}

/** The viewer's target read back from its address; anything malformed is left out, never an error. */
export function readViewerTarget(search: URLSearchParams): { q: string | null; at: number | null; page: number | null } {
  const q = search.get('q')?.trim() || null;
  const num = (k: string, min: number) => {
    const v = search.get(k);
    if (v === null || !/^\d{1,9}$/.test(v)) return null;
    const n = Number(v);
    return n >= min ? n : null;
  };
  return { q, at: num('at', 0), page: num('page', 1) };
}

export interface PageRange {
  number: number;
  start: number;
  end: number;
}

/** The page a text offset falls on (the last page for an offset at the very end). */
export function pageAt(pages: readonly PageRange[], offset: number): PageRange | undefined {
  return pages.find((p) => offset >= p.start && offset < p.end) ?? pages.find((p) => offset === p.end) ?? undefined;
}

/** The spans that fall on `page`, clipped to it and made relative to its start (a quote across a page break shows on both). */
export function spansOnPage(spans: readonly Span[], page: PageRange): Span[] {
  return spans
    .filter((s) => s.end > page.start && s.start < page.end)
    .map((s) => ({ key: s.key, start: Math.max(s.start, page.start) - page.start, end: Math.min(s.end, page.end) - page.start }));
}
