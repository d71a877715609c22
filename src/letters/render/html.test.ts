import { describe, expect, it } from 'vitest';
import { escapeHtml, renderLetterHtml } from './html.js';
import { headerlessLetter, sampleLetter } from './test-support/sample-letters.js';

describe('renderLetterHtml', () => {
  it('is one self-contained document: no scripts, no external resources', () => {
    const html = renderLetterHtml(sampleLetter());
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).not.toMatch(/<script|<link|\ssrc=|url\(|@import/i);
  });

  it('titles the document by case number only', () => {
    const html = renderLetterHtml(sampleLetter());
    expect(html).toContain('<title>IMR Final Determination CM16-0000001</title>');
    expect(renderLetterHtml(headerlessLetter())).toContain('<title>IMR Final Determination</title>');
  });

  it('escapes every text taken from the letter', () => {
    const l = sampleLetter();
    l.items[0].request = '<script>alert("x")</script> & <b>';
    l.clinicalSummary = 'A "quoted" <img src=x onerror=alert(1)> summary & more';
    const html = renderLetterHtml(l);
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;: <span class="decision upheld">Upheld</span>');
    expect(html).toContain('A &quot;quoted&quot; &lt;img src=x onerror=alert(1)&gt; summary &amp; more');
    expect(escapeHtml(`'`)).toBe('&#39;');
  });

  it('structures the letter for assistive technology: header table with row headers, labelled sections, one heading per item', () => {
    const html = renderLetterHtml(sampleLetter());
    expect(html).toContain('<th scope="row">Case Number:</th><td>CM16-0000001</td>');
    expect(html.match(/<h2 id="s\d">/g)).toHaveLength(3);
    expect(html.match(/<section class="item" aria-labelledby="item-\d">/g)).toHaveLength(3);
    expect(html).toContain('<h3 id="item-2">');
    expect(html).toMatch(/<h2 id="s1">HOW THE IMR FINAL DETERMINATION WAS MADE<\/h2>[\s\S]*<h2 id="s2">CLINICAL CASE SUMMARY<\/h2>[\s\S]*<h2 id="s3">IMR ISSUES, DECISIONS AND RATIONALES<\/h2>/);
    // Sections and items are balanced.
    expect(html.match(/<section/g)?.length).toBe(html.match(/<\/section>/g)?.length);
  });

  it('prints: a print stylesheet with page margins and no break after a decision heading', () => {
    const html = renderLetterHtml(sampleLetter());
    expect(html).toMatch(/@media print[\s\S]*@page[\s\S]*break-after: avoid/);
  });

  it('writes the same words as the text rendering: guideline lines and rationale paragraphs', () => {
    const l = sampleLetter();
    const html = renderLetterHtml(l);
    expect(html).toContain('<span class="label">Claims Administrator guideline:</span> The Claims Administrator did not cite any medical evidence for its decision.');
    for (const p of l.items[1].rationale.split('\n\n')) expect(html).toContain(escapeHtml(p));
  });

  it("names the letter's organisation, escaped, in the how paragraph and the reviewer's label", () => {
    const html = renderLetterHtml({ ...sampleLetter(), reviewOrganization: "O'Brien & Partners Review, Inc." });
    expect(html).toContain('O&#39;Brien &amp; Partners Review, Inc. sent the complete case file');
    expect(html).toContain('<span class="label">O&#39;Brien &amp; Partners Review guideline:</span>');
    expect(html).not.toContain('MAXIMUS');
  });

  it('lists the documents reviewed as a list', () => {
    const html = renderLetterHtml({ ...sampleLetter(), documentsReviewed: ['Report A & B', 'Report C'] });
    expect(html).toContain('<h2 id="s2">DOCUMENTS REVIEWED</h2>\n<ul class="documents">\n<li>Report A &amp; B</li>\n<li>Report C</li>\n</ul>');
  });
});
