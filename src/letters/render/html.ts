import type { Letter } from '../model.js';
import { type Block, layoutLetter, letterTitle } from './layout.js';

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

const CSS = `
:root { color-scheme: light; }
body { margin: 0; background: #f3f3f1; color: #111; font: 12pt/1.45 "Times New Roman", Times, serif; }
main { box-sizing: border-box; max-width: 8.5in; margin: 1.5rem auto; padding: 0.9in 1in; background: #fff;
  box-shadow: 0 1px 4px rgba(0,0,0,.15); }
table.header { border-collapse: collapse; width: 100%; margin-bottom: 1.5em; font: 10pt/1.3 Arial, Helvetica, sans-serif; }
table.header th, table.header td { border: 1px solid #555; padding: 2px 6px; text-align: left; vertical-align: top; }
table.header th { background: #d9d9d9; font-weight: bold; white-space: nowrap; }
h2 { font-size: 12pt; text-align: center; margin: 1.6em 0 0.6em; letter-spacing: .02em; }
h3 { font-size: 12pt; margin: 1.4em 0 0.6em; }
h3 .decision { font-weight: normal; }
p { margin: 0 0 0.9em; }
p.credentials { margin-bottom: 0.9em; }
.label { font-weight: bold; }
section.item { margin-bottom: 1.2em; }
.upheld, .overturned { padding: 0 .2em; }
a:focus, :focus-visible { outline: 2px solid #1a56db; outline-offset: 2px; }
@media print {
  @page { size: letter; margin: 0.9in 1in; }
  body { background: #fff; font-size: 11pt; }
  main { margin: 0; padding: 0; max-width: none; box-shadow: none; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
  h3 + p, .item p.guideline { break-before: avoid; page-break-before: avoid; }
  p { orphans: 2; widows: 2; }
  table.header { break-inside: avoid; }
}
`;

function blockHtml(b: Block): string {
  switch (b.kind) {
    case 'header': {
      const cell = (f: { label: string; value: string } | null) =>
        f ? `<th scope="row">${escapeHtml(f.label)}</th><td>${escapeHtml(f.value)}</td>` : '<td colspan="2"></td>';
      const rows = b.rows.map(([l, r]) => `<tr>${cell(l)}${cell(r)}</tr>`).join('\n');
      return `<table class="header"><caption class="visually-hidden">Case details</caption>\n${rows}\n</table>`;
    }
    case 'heading':
      return `<h2>${escapeHtml(b.text)}</h2>`;
    case 'paragraph':
      return `<p>${escapeHtml(b.text)}</p>`;
    case 'entry':
      return `<li>${escapeHtml(b.text)}</li>`;
    case 'labelled':
      return `<p class="guideline"><span class="label">${escapeHtml(b.label)}</span> ${escapeHtml(b.text)}</p>`;
    case 'lines':
      // align="center", not a new CSS rule: the letter's one <style> is allowed by its hash, and issued letters keep theirs.
      return `<p class="credentials"${b.align === 'center' ? ' align="center"' : ''}>${b.lines
        .map((l) => (l.label ? `<span class="label">${escapeHtml(l.label)}</span> ${escapeHtml(l.text)}` : escapeHtml(l.text)))
        .join('<br>\n')}</p>`;
    case 'decision':
      return `<h3 id="item-${b.index + 1}">${escapeHtml(b.request)}: <span class="decision ${b.decision.toLowerCase()}">${escapeHtml(b.decision)}</span></h3>`;
  }
}

/**
 * The letter's one <style> element, exactly as written: the server's Content-Security-Policy
 * allows it by its SHA-256 (the workbench shows letters in a frame that inherits that policy).
 */
export const LETTER_STYLE = `${CSS}.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
`;

/**
 * The letter as one self-contained HTML document (inline CSS, no scripts, no external resources)
 * in the section layout of the published letters: a header table, one <section> per heading,
 * one <section> per disputed item headed by its decision line. Every text is escaped.
 */
export function renderLetterHtml(letter: Letter): string {
  return renderBlocksHtml(layoutLetter(letter), letterTitle(letter));
}

/** Blocks (a letter's, or a mailed letter's) as one self-contained HTML document titled `title`. */
export function renderBlocksHtml(blocks: readonly Block[], documentTitle: string): string {
  const parts: string[] = [];
  let itemOpen = false;
  let sectionOpen = false;
  const closeItem = () => {
    if (itemOpen) parts.push('</section>');
    itemOpen = false;
  };
  const closeSection = () => {
    closeItem();
    if (sectionOpen) parts.push('</section>');
    sectionOpen = false;
  };
  let headingCount = 0;
  let listOpen = false;
  for (const b of blocks) {
    if (b.kind === 'heading') {
      if (listOpen) parts.push('</ul>');
      listOpen = false;
      closeSection();
      headingCount++;
      parts.push(`<section aria-labelledby="s${headingCount}">`);
      parts.push(blockHtml(b).replace('<h2>', `<h2 id="s${headingCount}">`));
      sectionOpen = true;
      continue;
    }
    if (b.kind === 'entry' && !listOpen) {
      parts.push('<ul class="documents">');
      listOpen = true;
    } else if (b.kind !== 'entry' && listOpen) {
      parts.push('</ul>');
      listOpen = false;
    }
    if (b.kind === 'decision') {
      closeItem();
      parts.push(`<section class="item" aria-labelledby="item-${b.index + 1}">`);
      itemOpen = true;
    }
    parts.push(blockHtml(b));
  }
  closeSection();
  const title = escapeHtml(documentTitle);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>${LETTER_STYLE}</style>
</head>
<body>
<main>
<h1 class="visually-hidden">${title}</h1>
${parts.join('\n')}
</main>
</body>
</html>
`;
}
