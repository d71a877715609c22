/**
 * Tesseract's TSV output (`tesseract page.png stdout tsv`) turned into a page's text and its mean
 * word confidence. Pure: no I/O. One run gives both, so a page is recognised once.
 *
 * Columns: level page_num block_num par_num line_num word_num left top width height conf text.
 * Level 5 rows are words; their confidence is 0–100 (-1 on the structural rows of levels 1–4).
 */
export interface TsvPage {
  text: string;
  /** Mean confidence of the page's words, 0–100 to one decimal (0 when there are none). */
  confidence: number;
  words: number;
}

export function parseTesseractTsv(tsv: string): TsvPage {
  const lines: string[] = [];
  let lineKey = '';
  let paragraphKey = '';
  let current: string[] = [];
  let confidenceSum = 0;
  let words = 0;
  const flush = (): void => {
    if (current.length) lines.push(current.join(' '));
    current = [];
  };
  for (const row of tsv.split('\n')) {
    const cols = row.split('\t');
    if (cols.length < 12 || cols[0] !== '5') continue;
    const word = cols.slice(11).join('\t').replace(/\r$/, '').trim();
    const conf = Number(cols[10]);
    if (!word || !Number.isFinite(conf) || conf < 0) continue;
    const para = `${cols[1]}/${cols[2]}/${cols[3]}`;
    const line = `${para}/${cols[4]}`;
    if (line !== lineKey) {
      flush();
      // A new paragraph (or block) after some text: a blank line, as the PDF text reader writes one.
      if (para !== paragraphKey && lines.length > 0) lines.push('');
      lineKey = line;
      paragraphKey = para;
    }
    current.push(word);
    confidenceSum += conf;
    words++;
  }
  flush();
  return { text: lines.join('\n'), confidence: words ? Math.round((confidenceSum / words) * 10) / 10 : 0, words };
}
