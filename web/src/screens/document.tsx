import { useMemo } from 'react';
import { ApiError } from '../api/client.js';
import { api } from '../api/endpoints.js';
import type { DocumentPagesView } from '../api/types.js';
import { useAuth } from '../auth.js';
import { DocumentPage, OcrNote, PageImage, PageNav } from '../components/document-pages.js';
import { ErrorBox, Loading, Notice } from '../components/feedback.js';
import { documentViewerPath, pageAt, readViewerTarget } from '../lib/document-viewer.js';
import { formatBytes, formatDate, formatDateTime } from '../lib/format.js';
import { locateQuotes } from '../lib/highlight.js';
import { documentKindLabel, isClaimsAdministratorReasoning } from '../lib/outcome.js';
import { useQuery } from '@tanstack/react-query';
import { queryKeys } from '../api/query-keys.js';
import { Link, useRouter } from '../router.js';

/**
 * The document viewer: a case document's text page by page, opened from the case's record list
 * or from a draft's evidence link, with the quoted evidence highlighted and scrolled to. The
 * address holds the quote and the page, so Back returns to the case. A PDF's page is shown beside
 * its text as a picture the server renders; the original file is offered as a download only: a PDF
 * is never opened inside the workbench.
 */
export function DocumentScreen({ caseId, docId }: { caseId: string; docId: string }) {
  const { me } = useAuth();
  const d = useQuery({ queryKey: queryKeys.documentPages(caseId, docId), queryFn: () => api.documentPages(caseId, docId) });
  const casePath = `/cases/${encodeURIComponent(caseId)}`;
  if (d.error !== null && !d.data) {
    const api403 = d.error instanceof ApiError && d.error.status === 403;
    const api404 = d.error instanceof ApiError && d.error.status === 404;
    return (
      <section>
        <div className="page-head">
          <h1>Document</h1>
        </div>
        <ErrorBox
          error={d.error}
          title={api403 ? 'You cannot open this document.' : api404 ? 'This document is not in the case.' : 'The document could not be loaded.'}
          onRetry={api403 || api404 ? undefined : () => void d.refetch()}
          next={api403 ? (me?.role === 'reviewer' ? 'Open one of your assignments from the queue. If this case should be yours, ask the intake team to check its assignment.' : 'Use the menu above to reach the screens your role allows.') : undefined}
        />
        {me?.role !== 'party' && <Link to={casePath}>Back to the case</Link>}
      </section>
    );
  }
  if (!d.data) return <Loading label="Loading the document…" />;
  return <Viewer view={d.data} caseId={caseId} docId={docId} casePath={casePath} />;
}

function Viewer({ view, caseId, docId, casePath }: { view: DocumentPagesView; caseId: string; docId: string; casePath: string }) {
  const { search, navigate } = useRouter();
  const target = readViewerTarget(search);
  const { document: doc, text, pages } = view;
  const spans = useMemo(
    () => (target.q ? locateQuotes(text, [{ key: 'quote', quote: target.q, ...(target.at !== null ? { start: target.at, end: target.at + target.q.length } : {}) }]) : []),
    [text, target.q, target.at],
  );
  const quotePage = spans[0] ? (pageAt(pages, spans[0].start)?.number ?? null) : null;
  const pageNo = target.page !== null && target.page <= pages.length ? target.page : (quotePage ?? 1);
  const page = pages[pageNo - 1] ?? pages[0]!;
  const claimsAdministrator = isClaimsAdministratorReasoning(doc);
  // Present once the server reads scans by OCR (older servers do not say).
  const { ocr, pageCount } = doc as { ocr?: Parameters<typeof OcrNote>[0]['ocr']; pageCount?: number | null };
  const goTo = (n: number) => navigate(documentViewerPath(caseId, docId, { q: target.q, at: target.at, page: n }), { replace: true });
  const details = [
    documentKindLabel(doc.kind),
    doc.author,
    doc.serviceDate ? `date of service ${formatDate(doc.serviceDate)}` : null,
    `uploaded ${formatDateTime(doc.uploadedAt)}`,
    view.pagesKnown ? `${pageCount ?? pages.length} page${(pageCount ?? pages.length) === 1 ? '' : 's'}` : null,
  ].filter(Boolean);

  return (
    <section aria-labelledby="document-title">
      <div className="page-head">
        <h1 id="document-title">{doc.name}</h1>
        <div className="actions">
          <Link to={casePath}>← Case <span className="mono">{view.caseNumber}</span></Link>
          <a className="button" href={api.documentFileUrl(caseId, docId)} download={doc.name}>
            Download the original ({doc.mediaType === 'application/pdf' ? 'PDF' : 'text'}, {formatBytes(doc.bytes)})
          </a>
        </div>
      </div>
      <p className="muted small">{details.join(' · ')}</p>
      {doc.withdrawnAt && (
        <Notice kind="warn" title={`Withdrawn on ${formatDate(doc.withdrawnAt)}: no longer evidence.`}>
          {doc.withdrawalReason && <p>Reason: {doc.withdrawalReason}</p>}
        </Notice>
      )}
      {claimsAdministrator && (
        <div className="claims-reasoning" role="note">
          <strong>The claims administrator's reasoning.</strong> This UR decision is not clinical evidence: the engine does not read it.
        </div>
      )}
      {target.q &&
        (spans.length > 0 ? (
          <p className="small" role="status">
            The quoted evidence is highlighted{view.pagesKnown ? ` on page ${quotePage}` : ''}: <q>{target.q}</q>
          </p>
        ) : (
          <Notice kind="warn" title="The quoted passage is not in this document's text.">
            <p>
              <q>{target.q}</q> — the document may have been replaced or its text re-read since the draft was made. Redraft the item, or search the text below.
            </p>
          </Notice>
        ))}
      {!view.pagesKnown && <p className="muted small">A text file: shown whole, as one page.</p>}
      <OcrNote ocr={ocr} pageCount={pageCount} page={page.number} />
      <PageNav page={page.number} count={pages.length} onPage={goTo} quotePage={quotePage} />
      {doc.mediaType === 'application/pdf' ? (
        // The page's picture beside its text (above it on a narrow screen); the highlight stays on the text.
        <div className="doc-page-pair">
          <PageImage key={page.number} src={api.documentPageImageUrl(caseId, docId, page.number)} page={page.number} name={doc.name} />
          <DocumentPage text={text} page={page} spans={spans} pagesKnown={view.pagesKnown} pageCount={pages.length} />
        </div>
      ) : (
        <DocumentPage text={text} page={page} spans={spans} pagesKnown={view.pagesKnown} pageCount={pages.length} />
      )}
    </section>
  );
}
