import { describe, expect, it } from 'vitest';
import { EMPTY_SEARCH, hasSearch, searchApiFilters, hitLetterPath, hitsCsv, markSpans, matchedWords, parseSearchState, serialiseSearchState } from './corpus-search-state.js';

const hit = {
  caseNumber: 'CM16-0000001', fileName: 'a.pdf', letterId: 7, itemId: 31, year: 2016, decision: 'Upheld' as const,
  request: '12 chiropractic visits', category: 'chiropractic', citation: { family: 'MTUS-CPMTG', name: null, topic: null, section: null, raw: 'MTUS, page 58' },
  reviewerSpecialty: 'Chiropractor', matchedIn: 'request' as const, snippet: 'no Functional improvement with chiropractic; functional gains', highlights: [[3, 13], [14, 25], [45, 55]] as Array<[number, number]>,
};

describe('corpus search state in the address', () => {
  it('round-trips query, filters and page offset, leaving empty values out', () => {
    const state = { ...EMPTY_SEARCH, q: '"functional improvement" -massage', decision: 'Upheld', category: 'chiropractic', citation: 'MTUS-CPMTG', offset: 40 };
    const qs = serialiseSearchState(state);
    expect(qs).toBe('?q=%22functional+improvement%22+-massage&decision=Upheld&category=chiropractic&citation=MTUS-CPMTG&offset=40');
    expect(parseSearchState(new URLSearchParams(qs))).toEqual(state);
    expect(serialiseSearchState({ ...EMPTY_SEARCH, q: '  flexeril ' })).toBe('?q=flexeril');
    expect(serialiseSearchState(EMPTY_SEARCH)).toBe('');
    expect(hasSearch(EMPTY_SEARCH)).toBe(false);
    expect(hasSearch({ ...EMPTY_SEARCH, decision: 'Overturned' })).toBe(true);
  });

  it('carries DWC\'s public search filters: specialty, case number and date ranges', () => {
    const state = { ...EMPTY_SEARCH, specialty: 'Physical Medicine & Rehabilitation', caseNumber: 'CM16-0000001', injuryFrom: '2014-01-01', decisionTo: '2017-12-31' };
    const qs = serialiseSearchState(state);
    expect(qs).toBe('?specialty=Physical+Medicine+%26+Rehabilitation&caseNumber=CM16-0000001&injuryFrom=2014-01-01&decisionTo=2017-12-31');
    expect(parseSearchState(new URLSearchParams(qs))).toEqual(state);
    expect(hasSearch({ ...EMPTY_SEARCH, receivedFrom: '2016-01-01' })).toBe(true);
    expect(searchApiFilters({ ...state, q: ' mri ' })).toMatchObject({ q: 'mri', caseNumber: 'CM16-0000001', injuryFrom: '2014-01-01', receivedFrom: '' });
  });

  it('reads a hand-edited or foreign address as the nearest valid search', () => {
    expect(parseSearchState(new URLSearchParams('?q=mri&offset=-5&colour=red'))).toEqual({ ...EMPTY_SEARCH, q: 'mri' });
    expect(parseSearchState(new URLSearchParams('?offset=2.5')).offset).toBe(0);
    expect(parseSearchState(new URLSearchParams('?offset=abc')).offset).toBe(0);
    expect(parseSearchState(new URLSearchParams('')).q).toBe('');
  });
});

describe('corpus search export', () => {
  it('writes one row per hit and escapes every cell a spreadsheet would run as a formula', () => {
    const csv = hitsCsv([
      hit,
      { ...hit, caseNumber: null, fileName: '=HYPERLINK("http://x")', request: '+1 visit', snippet: '-2 sessions, then @SUM(A1)', reviewerSpecialty: '@ortho', matchedIn: null },
    ]).split('\r\n');
    expect(csv[0]).toBe('case_number,file_name,letter_id,item_id,year,decision,request,category,citation,reviewer_specialty,matched_in,snippet');
    expect(csv[1]).toBe('CM16-0000001,a.pdf,7,31,2016,Upheld,12 chiropractic visits,chiropractic,"MTUS, page 58",Chiropractor,request,no Functional improvement with chiropractic; functional gains');
    expect(csv[2]).toBe(`,"'=HYPERLINK(""http://x"")",7,31,2016,Upheld,'+1 visit,chiropractic,"MTUS, page 58",'@ortho,,"'-2 sessions, then @SUM(A1)"`);
    expect(csv[3]).toBe('');
  });
});

describe('a hit opened in its letter', () => {
  it('carries the matched words, once each, into the letter address', () => {
    expect(matchedWords(hit)).toEqual(['Functional', 'improvement']);
    expect(hitLetterPath(hit)).toBe('/corpus/letters/7?item=31&mark=Functional&mark=improvement');
  });

  it('marks whole words only, in any case', () => {
    const text = 'Functional improvement: no functional-improvement; dysfunctional; IMPROVEMENTS';
    const spans = markSpans(text, ['functional', 'improvement']);
    expect(spans.map(([s, e]) => text.slice(s, e))).toEqual(['Functional', 'improvement', 'functional', 'improvement']);
    expect(markSpans(text, [])).toEqual([]);
    expect(markSpans('take 10/325 mg', ['10/325'])).toEqual([[5, 11]]);
  });
});
