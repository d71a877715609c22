import { useEffect, useRef, useState } from 'react';
import type { QuoteRef, Span } from '../lib/highlight.js';
import { splitBySpans } from '../lib/highlight.js';
import { documentViewerPath, spansOnPage, type PageRange } from '../lib/document-viewer.js';
import { Link } from '../router.js';
import { Notice } from './feedback.js';

/**
 * One page of a document's stored text, with the quoted evidence marked and scrolled into view.
 * The text is shown as text (never as HTML, never the PDF itself), so nothing in a document can run.
 */
export function DocumentPage({ text, page, spans, pagesKnown, pageCount }: { text: string; page: PageRange; spans: readonly Span[]; pagesKnown: boolean; pageCount: number }) {
  const ref = useRef<HTMLDivElement>(null);
  const pageText = text.slice(page.start, page.end);
  const marks = spansOnPage(spans, page);
  const parts = splitBySpans(pageText, marks);
  const label = pagesKnown ? `Page ${page.number} of ${pageCount}` : 'Document text';
  useEffect(() => {
    const el = ref.current?.querySelector<HTMLElement>('mark');
    // Centred, so the lines around the quote show too; scrollIntoView is absent in some test DOMs.
    if (el && typeof el.scrollIntoView === 'function') el.scrollIntoView({ block: 'center' });
  }, [page.number, page.start, spans]);
  return (
    <div ref={ref} className="doc-text doc-page" tabIndex={0} role="region" aria-label={label} data-page={page.number}>
      {pageText.trim() === '' ? (
        <span className="muted">{pagesKnown ? 'This page has no text (a blank or scanned page).' : 'The document has no text.'}</span>
      ) : (
        parts.map((p, i) =>
          p.span ? (
            <mark key={i} className="active" data-evidence={p.span.key}>
              {p.text}
            </mark>
          ) : (
            <span key={i}>{p.text}</span>
          ),
        )
      )}
    </div>
  );
}

/**
 * The picture of a PDF's page (rendered by the server as PNG: the PDF itself is never shown inside
 * the workbench), beside the page's text so a reviewer can check what the text leaves out (a table,
 * a signature, a handwritten note). Loaded lazily; when it fails the text stays and a note says so.
 * The caller keys it by page, so a failure on one page does not hide the next page's picture.
 */
export function PageImage({ src, page, name }: { src: string; page: number; name: string }) {
  const [failed, setFailed] = useState(false);
  if (failed) {
    return (
      <p className="doc-page-image-failed muted small" role="note">
        The picture of page {page} could not be loaded; the text beside it is what the engine read. Download the original to see the page.
      </p>
    );
  }
  return (
    <figure className="doc-page-image">
      <img src={src} alt={`Page ${page} of ${name} as scanned/printed`} loading="lazy" decoding="async" onError={() => setFailed(true)} />
    </figure>
  );
}

/** Previous / next page, and which page this is; the page is part of the address (replaced, so Back leaves the viewer). */
export function PageNav({ page, count, onPage, quotePage }: { page: number; count: number; onPage(n: number): void; quotePage: number | null }) {
  if (count <= 1) return null;
  return (
    <nav className="row page-nav" aria-label="Pages">
      <button type="button" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        ← Previous page
      </button>
      <span aria-live="polite">
        Page {page} of {count}
      </span>
      <button type="button" disabled={page >= count} onClick={() => onPage(page + 1)}>
        Next page →
      </button>
      {quotePage !== null && quotePage !== page && (
        <button type="button" className="link" onClick={() => onPage(quotePage)}>
          Go to the quote (page {quotePage})
        </button>
      )}
    </nav>
  );
}

/** Beside a document's text on the case screen: the same document in the viewer, at the selected quote when there is one. */
export function ViewerLink({ caseId, docId, label, quote }: { caseId: string; docId: string; label: string; quote?: QuoteRef }) {
  return (
    <p className="small">
      <Link to={documentViewerPath(caseId, docId, quote ? { q: quote.quote, at: quote.start ?? null } : {})}>
        Open {label} page by page{quote ? ', at the selected quote' : ''}
      </Link>
    </p>
  );
}

/**
 * How OCR read a scan (a document summary's `ocr`, present once the server reads scans by OCR):
 * while it reads, and which pages to check against the original. Read defensively, so the viewer
 * works with a server that does not report OCR.
 */
interface OcrInfo {
  status: string;
  pagesDone: number;
  meanConfidence: number | null;
  lowConfidencePages: number[];
  pageConfidences?: number[];
}

export function OcrNote({ ocr, pageCount, page }: { ocr: OcrInfo | null | undefined; pageCount: number | null | undefined; page: number }) {
  if (!ocr) return null;
  if (ocr.status === 'queued' || ocr.status === 'reading') {
    return <Notice kind="info" title="A scan: OCR is reading it.">{ocr.pagesDone} of {pageCount ?? '?'} pages read so far; reload to see the text.</Notice>;
  }
  if (ocr.status === 'failed') return <Notice kind="warn" title="A scan that OCR could not read.">Download the original to read it, or ask intake for a clearer copy.</Notice>;
  const low = ocr.lowConfidencePages.includes(page);
  const confidence = ocr.pageConfidences?.[page - 1];
  return (
    <Notice kind={low ? 'warn' : 'info'} title={low ? `Page ${page} was read by OCR with low confidence: check it against the original.` : 'Text read from a scan by OCR.'}>
      Mean confidence {ocr.meanConfidence === null ? '—' : `${Math.round(ocr.meanConfidence)}%`}
      {confidence !== undefined ? `; this page ${Math.round(confidence)}%` : ''}
      {ocr.lowConfidencePages.length > 0 ? `; low-confidence pages: ${ocr.lowConfidencePages.join(', ')}` : ''}.
    </Notice>
  );
}
