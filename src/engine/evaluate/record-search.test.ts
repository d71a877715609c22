import { describe, expect, it } from 'vitest';
import { findingScan, lookupFinding, splitSentences, type FindingDefinition } from './record-search.js';
import { extractFacts } from '../facts/index.js';
import type { CueMemo } from '../facts/evidence-kinds.js';

const RECORD = [
  'SUBJECTIVE: The injured worker reports low back pain radiating to the left leg, 7/10.',
  'OBJECTIVE: Tenderness over the lumbar paraspinals. Straight leg raise positive on the left.',
  'PLAN: Request for 8 sessions of physical therapy. Utilization review non-certified the MRI.',
  'Treatment to date has included NSAIDs, 12 chiropractic visits and a home exercise program.',
].join('\n');

describe('the record search reuses the fact extractor’s sentence cues', () => {
  it('splits and classifies the record the same with the case’s cue memo as without it', () => {
    const sources = [{ source: 'clinicalSummary', text: RECORD }];
    const cues: CueMemo = new Map();
    extractFacts([{ name: 'clinicalSummary', text: RECORD }], { cues });
    expect(cues.size).toBeGreaterThan(0);
    expect(splitSentences(sources, cues)).toEqual(splitSentences(sources));
  });
});

describe('a finding looked up again in the same sentences', () => {
  const sentences = splitSentences([{ source: 'clinicalSummary', text: RECORD }]);
  const radiating: FindingDefinition = { label: 'radiculopathy', present: [/\bradiat\w*|straight leg raise positive/i], absent: [/\bno radicul\w*/i], accepts: ['exam'] };
  it('gives the same answer for every accepted kind as a look-up on its own', () => {
    const scan = findingScan(sentences);
    for (const accepts of [['exam'], ['complaint', 'exam'], ['review'], ['history', 'plan']] as const) {
      expect(lookupFinding(sentences, radiating, accepts, scan)).toEqual(lookupFinding(sentences, radiating, accepts));
    }
    expect(lookupFinding(sentences, radiating, ['complaint', 'exam'], scan).status).toBe('present');
  });
});

describe('a quoted sentence keeps all of its text', () => {
  const quotes = (text: string) => splitSentences([{ source: 'clinicalSummary', text }]).map((s) => s.text);

  it('runs on past a decimal point, so the evidence quotes what precedes a measurement or a dose', () => {
    expect(quotes('MRI shows a 4.5 mm protrusion at L4-5. Norco 7.5/325 helps.')).toEqual([
      'MRI shows a 4.5 mm protrusion at L4-5.',
      'Norco 7.5/325 helps.',
    ]);
  });

  it('runs on past a single line break and ends at a blank line', () => {
    expect(quotes('She walks 2 blocks\nand sits 20 minutes.\n\nPlan: physical therapy')).toEqual([
      'She walks 2 blocks and sits 20 minutes.',
      'Plan: physical therapy',
    ]);
  });
});

describe('a finding that accepts the plan', () => {
  const PLAN = 'Subjective: Low back pain radiating to the right leg.\n\nPlan: He was referred to a spine surgeon for a surgical opinion.';
  const sentences = splitSentences([{ source: 'clinicalSummary', text: PLAN }]);
  const planned: FindingDefinition = { label: 'surgery planned', present: [/\bsurg(?:eon|ical opinion)\b/i], absent: [], accepts: ['plan', 'history'] };

  it('reads the plan’s sentences, and a finding that does not accept the plan does not', () => {
    expect(sentences.map((s) => s.kind)).toContain('plan');
    const found = lookupFinding(sentences, planned);
    expect(found.status).toBe('present');
    expect(found.evidence[0].quote).toMatch(/referred to a spine surgeon/);
    expect(lookupFinding(sentences, { ...planned, accepts: ['history'] }).status).not.toBe('present');
  });
});
