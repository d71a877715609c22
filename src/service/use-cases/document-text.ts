import type { User } from '../store/users.store.js';
import { toDocumentSummary } from './case-view.js';
import type { DocumentSummary } from './documents.use-case.js';
import type { Services } from './services.js';

/**
 * A case document as the workbench's viewer reads it: its stored text, page by page, and the file as
 * uploaded. The stored text is what the engine read, so the engine's evidence offsets point into it.
 * Access (role, the case being the reader's) is checked by the caller; every read is audited here.
 */

/** One page of the stored text: [start, end) offsets into `text` (the page-break character excluded). */
export interface DocumentPage {
  number: number;
  start: number;
  end: number;
}

export interface DocumentPagesView {
  document: DocumentSummary;
  caseNumber: string;
  /** The text the engine reads (a PDF's text layer or OCR, pages separated by form feeds; a text file as is). */
  text: string;
  /** The pages, in order; a text file (or a text without page breaks) is one page. */
  pages: DocumentPage[];
  /** True when the text carries the file's pages (a PDF); false for one text without pages (a text file). */
  pagesKnown: boolean;
}

/**
 * The pages of a stored text. The PDF reader (and OCR) separate pages by a form feed; a text
 * without one is a single page. Offsets stay those of `text`, so quotes located in the whole text
 * fall on their page without being located again.
 */
export function pageRanges(text: string): DocumentPage[] {
  const pages: DocumentPage[] = [];
  let start = 0;
  for (;;) {
    const br = text.indexOf('\f', start);
    let end = br < 0 ? text.length : br;
    // The reader writes a break as "\n\f\n": the newlines around it belong to no page.
    let from = start;
    if (pages.length > 0 && text[from] === '\n' && from < end) from++;
    if (br >= 0 && end > from && text[end - 1] === '\n') end--;
    pages.push({ number: pages.length + 1, start: from, end });
    if (br < 0) return pages;
    start = br + 1;
  }
}

/** A document's stored text with its pages and what the viewer shows about it; the read is audited. */
export async function readDocumentPages(services: Services, actor: User, caseId: string, documentId: string): Promise<DocumentPagesView> {
  const kase = await services.cases.getOrThrow(caseId);
  const doc = await services.cases.document(caseId, documentId);
  await services.audit.record(actor, 'case.document_read', caseId, { documentId: doc.id, as: 'pages' }, services.now());
  const text = doc.text;
  return {
    document: toDocumentSummary(doc),
    caseNumber: kase.case_number,
    text,
    pages: pageRanges(text),
    pagesKnown: doc.media_type === 'application/pdf' || text.includes('\f'),
  };
}

/** The file as uploaded, to download (never shown inline); the read is audited. */
export async function readDocumentFile(services: Services, actor: User, caseId: string, documentId: string): Promise<{ name: string; mediaType: string; bytes: Buffer }> {
  const doc = await services.cases.document(caseId, documentId);
  await services.audit.record(actor, 'case.document_read', caseId, { documentId: doc.id, as: 'file' }, services.now());
  return { name: doc.name, mediaType: doc.media_type, bytes: Buffer.from(doc.content_base64, 'base64') };
}

/**
 * The Content-Disposition of a download: always an attachment (a PDF is never opened inside the
 * workbench's origin), with an ASCII file name and the exact name in RFC 5987 form.
 */
export function attachmentDisposition(name: string): string {
  const ascii = name.replace(/[^\w.\- ]/g, '_') || 'document';
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
