import { describe, expect, it } from 'vitest';
import { parseQuery, significantWords, termGroups, toFts5, toFts5Tiers } from './fts-query.js';
import { searchTerms, withDrugNames } from './drug-synonyms.js';

describe('search query', () => {
  it('reads words, "phrases", -exclusions and OR', () => {
    const terms = parseQuery('"functional improvement" chiropractic OR acupuncture -surgery');
    expect(terms).toEqual([
      { words: ['functional', 'improvement'], negated: false, orWithPrevious: false },
      { words: ['chiropractic'], negated: false, orWithPrevious: false },
      { words: ['acupuncture'], negated: false, orWithPrevious: true },
      { words: ['surgery'], negated: true, orWithPrevious: false },
    ]);
    expect(toFts5(terms)).toBe('("functional improvement" AND ("chiropractic" OR "acupuncture")) NOT ("surgery")');
    // Both engines group the same way: OR joins neighbours, and the groups are all required.
    const { groups, excluded } = termGroups(terms);
    expect(groups.map((g) => g.map((t) => t.words.join(' ')))).toEqual([['functional improvement'], ['chiropractic', 'acupuncture']]);
    expect(excluded.map((t) => t.words.join(' '))).toEqual(['surgery']);
  });

  it('searches a drug under its brand and generic names, and excludes all of them when one is excluded', () => {
    expect(toFts5(searchTerms('Flexeril knee'))).toBe('("flexeril" OR "cyclobenzaprine" OR "amrix" OR "fexmid") AND "knee"');
    expect(toFts5(searchTerms('gabapentin'))).toMatch(/^\("gabapentin" OR "neurontin"/);
    expect(toFts5(searchTerms('knee -Flexeril'))).toBe('("knee") NOT ("flexeril" OR "cyclobenzaprine" OR "amrix" OR "fexmid")');
    expect(withDrugNames(parseQuery('Lyrica OR tramadol')).expanded).toEqual([
      { term: 'lyrica', alternatives: ['pregabalin'] },
      { term: 'tramadol', alternatives: expect.arrayContaining(['ultram']) },
    ]);
    // A word that names no drug is searched as written.
    expect(toFts5(searchTerms('chiropractic'))).toBe('"chiropractic"');
  });

  it('quotes every token so FTS5 and SQL syntax in the query is plain text', () => {
    const fts = toFts5(parseQuery(`MRI'); DROP TABLE corpus_items; -- NEAR(a b) request:x* ^c "unclosed`));
    expect(fts).toBe('"mri" AND "drop" AND "table" AND "corpus items" AND "near a" AND "b" AND "request x" AND "c" AND "unclosed"');
    expect(toFts5(parseQuery('x-ray L4-5'))).toBe('"x ray" AND "l4 5"');
  });

  it('splits a query into relevance tiers over the searchable columns, never the filter tags', () => {
    const tiers = toFts5Tiers(parseQuery('chiropractic knee -surgery'));
    expect(tiers.all).toBe('({request rationale facts} : ("chiropractic" AND "knee")) NOT ({request rationale facts} : ("surgery"))');
    expect(tiers.request).toBe('({request} : ("chiropractic" AND "knee")) NOT ({request rationale facts} : ("surgery"))');
    expect(tiers.item).toBe('(({request rationale} : ("chiropractic" AND "knee")) NOT ({request rationale facts} : ("surgery"))) NOT ({request} : ("chiropractic" AND "knee"))');
    expect(tiers.summary).toBe('(({request rationale facts} : ("chiropractic" AND "knee")) NOT ({request rationale facts} : ("surgery"))) NOT ({request rationale} : ("chiropractic" AND "knee"))');
    expect(tiers.requestOnly).toBeNull();
    expect(toFts5Tiers(parseQuery('"home exercise" OR tens')).requestOnly).toBe('{request} : (("home exercise" OR "tens"))');
    expect(() => toFts5Tiers(parseQuery('-surgery'))).toThrow(/no words to search for/);
  });

  it('rejects a query with nothing to search for but exclusions', () => {
    expect(() => toFts5(parseQuery('-surgery'))).toThrow(/no words to search for/);
    expect(parseQuery('*** ;; ()')).toEqual([]);
  });

  it('keeps the distinctive words of a request', () => {
    expect(significantWords('Norco 10/325 mg #90 for the lumbar spine')).toEqual(['norco', 'lumbar', 'spine']);
  });
});
