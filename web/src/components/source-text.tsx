import { useEffect, useRef } from 'react';
import { locateQuotes, splitBySpans, type QuoteRef } from '../lib/highlight.js';

/** A source text with the evidence quotes marked; the selected quote is outlined and scrolled to. */
export function SourceText({ text, quotes, activeKey, label }: { text: string; quotes: QuoteRef[]; activeKey: string | null; label: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const spans = locateQuotes(text, quotes);
  const parts = splitBySpans(text, spans);
  useEffect(() => {
    if (!activeKey || !ref.current) return;
    const el = ref.current.querySelector<HTMLElement>('mark.active');
    if (el) {
      const box = ref.current;
      box.scrollTop = Math.max(0, el.offsetTop - box.offsetTop - 40);
    }
  }, [activeKey, text]);
  if (!text.trim()) return <p className="muted">No text.</p>;
  return (
    <div ref={ref} className="doc-text" tabIndex={0} role="region" aria-label={label}>
      {parts.map((p, i) =>
        p.span ? (
          <mark key={i} className={p.span.key === activeKey ? 'active' : undefined} data-evidence={p.span.key}>
            {p.text}
          </mark>
        ) : (
          <span key={i}>{p.text}</span>
        ),
      )}
    </div>
  );
}
