import { describe, expect, it } from 'vitest';
import { loadKnowledgeBase } from '../../knowledge-base/load-knowledge-base.js';
import { parseCaseFile } from '../../parse-case-file.js';
import { evaluate } from '../index.js';
import type { ItemDecision } from '../types.js';

/**
 * A retrospective request asks whether the service given on its date of service was medically
 * necessary then. The continuation rules are written for a repeat: CPMTG p. 46 (ESIs), criterion 7,
 * "In the therapeutic phase, repeat blocks should be based on continued objective documented pain and
 * functional improvement, including at least 50% pain relief with associated reduction of medication
 * use for six to eight weeks": the relief judged is that of an earlier block, before the next is
 * given. The outcome of the service under review, recorded after its date, is no evidence of its
 * necessity when given; the rule applies only where the record shows the same service before that
 * date. Synthetic records written for these tests.
 */
const kb = loadKnowledgeBase();
const dates = { worker: { age: 49, injuryDate: '2016-11-21' }, urDecisionDate: '2017-02-06' };

function decide(request: string, summary: string): ItemDecision {
  return evaluate(parseCaseFile({ ...dates, clinicalSummary: summary, items: [{ request }] }), 0, kb);
}
const continuation = (d: ItemDecision) => d.criteria.find((c) => c.type === 'continuationRequiresImprovement');

/** A note written after the injection under review: its own outcome, and no earlier injection. */
const AFTER_ONLY =
  'Right knee pain after a fall on 11/21/2016. Exam: medial joint line tenderness and a small effusion. Ice, a home exercise program and naproxen did not help. She received a right knee cortisone injection on 1/5/2017. At the visit of 1/30/2017 the knee still hurt with stairs.';

/** The same, with an earlier injection on record before the date of service. */
const EARLIER_TOO =
  'Right knee pain after a fall on 11/21/2016. Exam: medial joint line tenderness and a small effusion. Ice, a home exercise program and naproxen did not help. A right knee cortisone injection was given on 12/1/2016, with relief for a few days only. She received another right knee cortisone injection on 1/5/2017. At the visit of 1/30/2017 the knee still hurt with stairs.';

describe('a retrospective request for one service', () => {
  it('does not judge the service by its own outcome: the continuation rule is not applicable', () => {
    const d = decide('Retrospective right knee corticosteroid injection, DOS 1/5/2017', AFTER_ONLY);
    expect(d.topicId).toBe('knee-injection');
    const c = continuation(d);
    expect(c?.status).toBe('not_applicable');
    expect(c?.finding).toMatch(/retrospective.*01\/05\/2017.*not show it given before/);
  });

  it('applies the continuation rule where the record shows the same service before the date of service', () => {
    const d = decide('Retrospective right knee corticosteroid injection, DOS 1/5/2017', EARLIER_TOO);
    const c = continuation(d);
    expect(c?.status).toBe('not_met');
    expect(d.ruleDecision).toBe('Upheld');
  });

  it('applies it where the request itself calls the service a repeat', () => {
    expect(continuation(decide('Retrospective repeat right knee corticosteroid injection, DOS 1/5/2017', AFTER_ONLY))?.status).toBe('not_met');
  });

  it('reads the date of service written as the date the service was performed', () => {
    expect(continuation(decide('Retrospective request for a right knee cortisone injection performed on 01/05/2017', AFTER_ONLY))?.status).toBe('not_applicable');
    expect(continuation(decide('Retrospective request for a right knee cortisone injection performed on 01/05/2017', EARLIER_TOO))?.status).toBe('not_met');
  });

  it('without a date of service, takes the latest dated service as the one under review', () => {
    expect(continuation(decide('Retrospective right knee corticosteroid injection', AFTER_ONLY))?.status).toBe('not_applicable');
    expect(continuation(decide('Retrospective right knee corticosteroid injection', EARLIER_TOO))?.status).toBe('not_met');
  });

  it('applies the same to an epidural injection: a first block, reviewed after it was given, is not a repeat block', () => {
    const summary =
      'Low back pain radiating to the left foot since lifting on 11/21/2016. Exam: decreased sensation in the left L5 dermatome and a positive straight leg raise. MRI shows a left L4-5 disc protrusion contacting the L5 root. Physical therapy and naproxen did not help. A left L4-5 transforaminal epidural steroid injection was performed on 1/9/2017; two weeks later the pain was unchanged.';
    const d = decide('Retrospective left L4-5 transforaminal epidural steroid injection (DOS 1/9/2017)', summary);
    expect(continuation(d)?.status).toBe('not_applicable');
    const repeat = decide('Retrospective left L4-5 transforaminal epidural steroid injection (DOS 1/9/2017)', summary.replace('Physical therapy and naproxen did not help.', 'Physical therapy and naproxen did not help. An epidural steroid injection on 9/14/2016 gave 30% relief for two weeks.'));
    expect(continuation(repeat)?.status).toBe('not_met');
  });
});

describe('what stays a continuation', () => {
  it('a prospective repeat injection is judged on the earlier injection’s outcome', () => {
    expect(continuation(decide('Repeat right knee corticosteroid injection', AFTER_ONLY))?.status).toBe('not_met');
  });

  it('a retrospective medication continues the drug’s use and is judged as such', () => {
    const d = decide(
      'Retrospective naproxen 550 mg #60, DOS 1/5/2017',
      'Right knee pain after a fall on 11/21/2016. She has taken naproxen 550 mg twice daily since 11/22/2016 without change in pain or function.',
    );
    expect(continuation(d)?.status).toBe('not_met');
  });

  it('a retrospective course of several therapy sessions is judged as a course', () => {
    const d = decide('Retrospective physical therapy 2 times a week for 4 weeks, right knee, DOS 1/5/2017', 'Right knee pain after a fall on 11/21/2016. She completed 8 sessions of physical therapy without documented functional improvement.');
    expect(continuation(d)?.status).toBe('not_met');
  });
});
