import { describe, expect, it } from 'vitest';
import { documentViewerPath, pageAt, readViewerTarget, spansOnPage } from './document-viewer.js';
import { locateQuotes } from './highlight.js';

describe('document viewer addresses', () => {
  it('puts the quote, its offset and the page in the address, and reads them back', () => {
    const path = documentViewerPath('case 1', 'doc/2', { q: 'lifting tolerance & range', at: 120, page: 2 });
    expect(path).toBe('/cases/case%201/documents/doc%2F2?q=lifting+tolerance+%26+range&at=120&page=2');
    const search = new URL(path, 'http://x').searchParams;
    expect(readViewerTarget(search)).toEqual({ q: 'lifting tolerance & range', at: 120, page: 2 });
    expect(documentViewerPath('c', 'd')).toBe('/cases/c/documents/d');
  });
  it('ignores a malformed page or offset instead of failing', () => {
    expect(readViewerTarget(new URLSearchParams('page=0&at=-3&q=%20'))).toEqual({ q: null, at: null, page: null });
    expect(readViewerTarget(new URLSearchParams('page=two&at=1e3'))).toEqual({ q: null, at: null, page: null });
  });
});

describe('pages and highlights', () => {
  const text = 'Page one text.\n\f\nPage two has the quoted finding here.\n\f\nPage three.';
  const pages = [
    { number: 1, start: 0, end: 15 },
    { number: 2, start: 16, end: 54 },
    { number: 3, start: 55, end: text.length },
  ];
  it('finds the page a quote is on and marks it relative to that page', () => {
    const spans = locateQuotes(text, [{ key: 'q', quote: 'the quoted finding' }]);
    const page = pageAt(pages, spans[0]!.start)!;
    expect(page.number).toBe(2);
    const onPage = spansOnPage(spans, page);
    const pageText = text.slice(page.start, page.end);
    expect(pageText.slice(onPage[0]!.start, onPage[0]!.end)).toBe('the quoted finding');
    expect(spansOnPage(spans, pages[0]!)).toEqual([]);
  });
  it('shows a quote that crosses a page break on both pages', () => {
    const spans = [{ key: 'q', start: 10, end: 25 }];
    expect(spansOnPage(spans, pages[0]!)).toEqual([{ key: 'q', start: 10, end: 15 }]);
    expect(spansOnPage(spans, pages[1]!)).toEqual([{ key: 'q', start: 0, end: 9 }]);
  });
  it('puts an offset at the very end on the last page', () => {
    expect(pageAt(pages, text.length)?.number).toBe(3);
    expect(pageAt(pages, 999)).toBeUndefined();
  });
});
