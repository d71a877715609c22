import type { QuoteRef } from '../lib/highlight.js';
import { ErrorBox, Loading } from './feedback.js';
import { SourceText } from './source-text.js';

/** A source's text with its evidence marked; a document's text while it loads, or why it could not. */
export function SourceTabText({ text, quotes, activeKey, label }: { text: string | { error: unknown } | undefined; quotes: QuoteRef[]; activeKey: string | null; label: string }) {
  if (text === undefined) return <Loading label="Loading the document…" />;
  if (typeof text !== 'string') return <ErrorBox error={text.error} title="The document's text could not be loaded." />;
  return <SourceText text={text} quotes={quotes} activeKey={activeKey} label={label} />;
}
