import { describe, expect, it } from 'vitest';
import { normaliseRequest } from '../request/index.js';
import { buildKnowledgeBase } from './knowledge-base.js';
import { loadKnowledgeBase } from './load-knowledge-base.js';
import { coverageScore, phaseFit, selectTopic, versionInForce, type CarePhase } from './select-topic.js';
import type { KnowledgeBase } from './knowledge-base.js';
import type { NormalisedRequest } from '../request/normalised-request.js';

/** A synthetic knowledge base: two MTUS topics for the same request, scoped to different phases. */
const findings = [{ path: 'findings/test.yaml', data: { need: { label: 'need', present: ['\\bneed\\b'] } } }];
function topic(id: string, source: string, opts: { phases?: string[]; priority?: number; terms?: string[]; from?: string; categories?: string[] }) {
  return {
    path: `${id}.yaml`,
    data: {
      id,
      title: id,
      recommendation: 'conditional',
      priority: opts.priority ?? 0,
      covers: { categories: opts.categories ?? ['electrodiagnostic'], terms: opts.terms ?? ['EMG'], phases: opts.phases ?? [] },
      versions: [{ id: `${id}-v`, from: opts.from ?? '2007-06-15', to: null, citation: { source, name: source === 'NON-MTUS' ? 'ODG' : null } }],
      rule: 'a rule',
      criteria: [{ id: 'need', type: 'requiresFinding', params: { anyOf: ['need'] }, statement: 'A need.', verified: false }],
      cases: [
        { name: 'a', request: 'EMG', summary: 'need', date: '2015-01-01', expect: 'Overturned' },
        { name: 'b', request: 'EMG', summary: '', date: '2015-01-01', expect: 'Upheld' },
      ],
    },
  };
}
const synthetic = buildKnowledgeBase(
  [
    // the chronic-pain topic scores higher by priority: it is chosen whenever phases do not decide
    topic('chronic-topic', 'MTUS-CPMTG', { phases: ['chronic'], priority: 1 }),
    topic('body-part-topic', 'MTUS-ACOEM', { phases: ['acute', 'subacute'] }),
    topic('outside-topic', 'NON-MTUS', { phases: [], priority: 5 }),
    // a request only an out-of-phase MTUS topic and a guideline outside the MTUS address
    topic('only-mtus', 'MTUS-ACOEM', { phases: ['acute', 'subacute'], terms: ['lumbar support'], categories: [] }),
    topic('only-odg', 'NON-MTUS', { phases: [], terms: ['lumbar support'], categories: [], priority: 5 }),
    // two topics for every phase: the score decides
    topic('general-a', 'MTUS-ACOEM', { phases: [], terms: ['Referral'], categories: [] }),
    topic('general-b', 'MTUS-CPMTG', { phases: ['chronic'], terms: ['Referral to pain management'], categories: [] }),
    // the request's own service (its category) against a topic that shares a word of it and ranks higher
    topic('home-care', 'MTUS-CPMTG', { phases: [], terms: ['home care'], categories: ['home_health'] }),
    topic('visits', 'MTUS-CPMTG', { phases: [], terms: ['medication management'], categories: ['office_visit'], priority: 1 }),
  ],
  findings,
);

const pick = (request: string, chronicity?: CarePhase | null, kb = synthetic, date = '2015-01-01') => {
  const s = selectTopic(kb, normaliseRequest(request), date, chronicity === undefined ? undefined : { chronicity });
  return s && { id: s.topic.topic.id, fit: s.phaseFit };
};

describe('topic selection by phase of care', () => {
  it('with unknown chronicity behaves as before: the best score wins', () => {
    expect(pick('EMG of the lower extremities')).toEqual({ id: 'chronic-topic', fit: 'unknown' });
    expect(pick('EMG of the lower extremities', null)).toEqual({ id: 'chronic-topic', fit: 'unknown' });
  });

  it('prefers the topic whose phases include the case phase over one whose phases exclude it', () => {
    expect(pick('EMG of the lower extremities', 'chronic')).toEqual({ id: 'chronic-topic', fit: 'in_scope' });
    expect(pick('EMG of the lower extremities', 'acute')).toEqual({ id: 'body-part-topic', fit: 'in_scope' });
    expect(pick('EMG of the lower extremities', 'subacute')).toEqual({ id: 'body-part-topic', fit: 'in_scope' });
  });

  it('keeps an out-of-phase MTUS topic when it is the only MTUS topic: the MTUS is not silent', () => {
    expect(pick('Lumbar support', 'chronic')).toEqual({ id: 'only-mtus', fit: 'out_of_scope' });
    expect(pick('Lumbar support', 'acute')).toEqual({ id: 'only-mtus', fit: 'in_scope' });
  });

  it('never lets a guideline outside the MTUS win over an MTUS topic, whatever the phase', () => {
    for (const phase of ['acute', 'subacute', 'chronic', null] as const) expect(pick('EMG of the lower extremities', phase)?.id).not.toBe('outside-topic');
  });

  it('treats a topic without phases as covering every phase, so the score decides between it and an in-scope topic', () => {
    expect(pick('Referral to pain management', 'chronic')).toEqual({ id: 'general-b', fit: 'in_scope' });
    expect(pick('Referral to pain management', 'acute')).toEqual({ id: 'general-a', fit: 'every_phase' });
  });

  it('chooses the topic for the service requested (its category) over one that only shares a phrase, whatever their priorities', () => {
    // CPMTG home health services: nursing at home is home health care, though its orders mention medication management.
    expect(pick('Home nursing visits daily for 4 weeks for wound care and medication management')?.id).toBe('home-care');
  });

  it('reports how a topic fits a phase', () => {
    const t = synthetic.topics.find((x) => x.topic.id === 'chronic-topic')!;
    const g = synthetic.topics.find((x) => x.topic.id === 'general-a')!;
    expect(phaseFit(t, 'chronic')).toBe('in_scope');
    expect(phaseFit(t, 'subacute')).toBe('out_of_scope');
    expect(phaseFit(t, null)).toBe('unknown');
    expect(phaseFit(g, 'acute')).toBe('every_phase');
  });
});

describe('phases in the shipped knowledge base', () => {
  const kb = loadKnowledgeBase();
  const real = (request: string, date: string, chronicity: CarePhase | null) => selectTopic(kb, normaliseRequest(request), date, { chronicity })?.topic.topic.id;

  it('uses the Chronic Pain guideline for electrodiagnosis in chronic pain and the ACOEM chapter in acute and subacute complaints', () => {
    expect(real('EMG/NCV of the bilateral lower extremities', '2017-01-10', 'chronic')).toBe('electrodiagnostic-2016');
    expect(real('EMG/NCV of the bilateral lower extremities', '2017-01-10', 'subacute')).toBe('electrodiagnostic-lower');
    expect(real('EMG/NCV of the bilateral lower extremities', '2017-01-10', null)).toBe('electrodiagnostic-2016');
    // before the 2016 CPMTG, the ACOEM chapter is the only MTUS text, in every phase
    expect(real('EMG/NCV of the bilateral lower extremities', '2015-01-10', 'chronic')).toBe('electrodiagnostic-lower');
  });

  it('uses at-home heat or cold (ACOEM) in acute complaints and passive modalities (CPMTG) in chronic pain', () => {
    expect(real('Hot/cold packs', '2015-03-01', 'acute')).toBe('heat-cold-applications');
    expect(real('Hot/cold packs', '2015-03-01', 'chronic')).toBe('passive-modalities');
  });

  it('uses ACOEM chapter 7 for a consultation in acute and subacute cases, and before the 2016 CPMTG in every phase', () => {
    expect(real('Orthopedic surgeon consultation', '2017-01-10', 'subacute')).toBe('referral-consultation');
    expect(real('Orthopedic surgeon consultation', '2015-01-10', 'chronic')).toBe('referral-consultation');
    expect(real('Orthopedic surgeon consultation', '2017-01-10', 'chronic')).toBe('office-visits-2016');
  });

  it('keeps the MTUS lumbar support topic in chronic low back pain: the ACOEM chapter is not silent on it', () => {
    expect(real('Lumbar support brace', '2016-12-01', 'chronic')).toBe('lumbar-supports');
    expect(real('LSO back brace', '2016-12-01', 'acute')).toBe('lumbar-supports');
  });

  it('does not let a stimulator request fall to the spine surgery topic when the CPMTG is out of phase', () => {
    expect(real('Spinal cord stimulator trial', '2015-01-10', 'subacute')).toBe('spinal-cord-stimulator');
  });
});

describe('topic selection with the term index', () => {
  /** The reference: every topic's coverage scored by scanning its terms (coverageScore), the earliest step and best score winning. */
  function scanEveryTopic(kb: KnowledgeBase, req: NormalisedRequest, date: string): { id: string; score: number } | null {
    let best: { id: string; score: number; step: number } | null = null;
    for (const t of kb.topics) {
      const score = coverageScore(t, req);
      const version = score > 0 ? versionInForce(t, date) : null;
      if (!version) continue;
      const step = version.citation.source === 'NON-MTUS' ? 2 : 1;
      if (!best || step < best.step || (step === best.step && score > best.score)) best = { id: t.topic.id, score, step };
    }
    return best && { id: best.id, score: best.score };
  }
  it('selects what scanning every topic’s terms selects', () => {
    const kb = loadKnowledgeBase();
    const requests = ['Physical therapy 2x6 lumbar spine', 'MRI of the right knee', 'Norco 10/325 mg #60', 'Acupuncture 6 sessions', 'Lumbar epidural steroid injection L4-5', 'Carpal tunnel release, right', 'Home health aide 4 hours a day', 'TENS unit purchase', 'Unlisted item'];
    for (const text of requests) {
      const req = normaliseRequest(text);
      const sel = selectTopic(kb, req, '2016-06-01');
      expect(sel && { id: sel.topic.topic.id, score: sel.score }, text).toEqual(scanEveryTopic(kb, req, '2016-06-01'));
    }
  });
});
