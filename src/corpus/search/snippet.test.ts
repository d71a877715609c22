import { describe, expect, it } from 'vitest';
import { parseQuery } from '../fts-query.js';
import { splitHighlights } from './common.js';
import { porterStem } from './porter.js';
import { markedSnippet, snippetQuery, SNIPPET_WORDS } from './snippet.js';

const marked = (texts: string[], query: string) => {
  const m = markedSnippet(texts, snippetQuery(parseQuery(query)));
  if (m === null) return null;
  const { snippet, highlights } = splitHighlights(m);
  return { snippet, words: highlights.map(([s, e]) => snippet.slice(s, e)) };
};

describe('porterStem', () => {
  it('stems as the original Porter stemmer (FTS5 porter, PostgreSQL snowball "porter")', () => {
    const pairs: Array<[string, string]> = [
      ['caresses', 'caress'], ['ponies', 'poni'], ['agreed', 'agre'], ['motoring', 'motor'], ['hopping', 'hop'], ['filing', 'file'],
      ['happy', 'happi'], ['relational', 'relat'], ['conditional', 'condit'], ['triplicate', 'triplic'], ['adjustment', 'adjust'],
      ['chiropractic', 'chiropract'], ['chiropractors', 'chiropractor'], ['injections', 'inject'], ['dying', 'dy'], ['generalization', 'gener'],
      ['controll', 'control'], ['is', 'is'],
    ];
    for (const [word, stem] of pairs) expect([word, porterStem(word)]).toEqual([word, stem]);
  });
});

describe('markedSnippet', () => {
  it('marks a phrase as one span and each stemmed form of a word', () => {
    const r = marked(['There is no evidence of specific nerve compromise warranting an MRI.'], '"nerve compromise" mri');
    expect(r).toEqual({ snippet: 'There is no evidence of specific nerve compromise warranting an MRI.', words: ['nerve compromise', 'MRI'] });
    expect(marked(['Prior injections gave relief; another injection is requested.'], 'injected')?.words).toEqual(['injections', 'injection']);
    // Words are split at every character other than a letter or digit, as the engines split them.
    expect(marked(['Continued chiropractic/physiotherapy for the neck.'], 'physiotherapy')?.words).toEqual(['physiotherapy']);
  });

  it('takes the text holding the most of the query, and cuts a long one around the match', () => {
    const request = 'Chiropractic care 12 visits';
    const summary = `${'The injured worker reports pain. '.repeat(10)}She fell from a ladder at work and has chiropractic care. ${'Work status is modified. '.repeat(10)}`;
    const r = marked([request, 'Not medically necessary.', summary], 'chiropractic ladder');
    expect(r?.words).toEqual(['ladder', 'chiropractic']);
    expect(r?.snippet.startsWith('…')).toBe(true);
    expect(r?.snippet.endsWith('…')).toBe(true);
    expect(r?.snippet.replace(/…/g, '').trim().split(/\s+/).length).toBeLessThanOrEqual(SNIPPET_WORDS);
    // Only the request holds "visits": the request is the passage.
    expect(marked([request, 'Not medically necessary.', summary], 'chiropractic visits')?.snippet).toBe(request);
    expect(marked([request], 'acupuncture')).toBeNull();
  });

  it('matches the same words in a text with accented letters as in a plain one', () => {
    expect(marked(['Físical therapy after the Café incident; PHYSICAL therapy again.'], '"physical therapy"')?.words).toEqual(['PHYSICAL therapy']);
    expect(marked(['Référé for a consultation.'], 'refere')?.words).toEqual(['Référé']);
    expect(marked(['Referred for a consultation.'], 'CONSULTATION')?.words).toEqual(['consultation']);
  });

  it('prefers the request when it holds every phrase, however often the summary repeats them', () => {
    const r = marked(['Acupuncture 6 sessions', 'Not medically necessary.', 'acupuncture '.repeat(50)], 'acupuncture');
    expect(r).toEqual({ snippet: 'Acupuncture 6 sessions', words: ['Acupuncture'] });
  });
});
