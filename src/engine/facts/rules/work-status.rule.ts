import type { Fact, WorkStatus } from '../case-facts.js';
import { isNegated } from '../negation.js';
import type { FactRule } from '../fact-rule.js';

/** Work status ("working modified duty" is modified duty, not also "working"). */
export const workStatusRule: FactRule = {
  fact: 'workStatus',
  needs: ['work'],
  start(facts) {
    return {
      sentence(s) {
        const hits = s.hits('work');
        if (hits.length === 0) return;
        const here: Fact<WorkStatus>[] = [];
        for (const { m, kind } of hits) {
          let k = kind as WorkStatus;
          if (k !== 'not_working' && isNegated(s.text, m.index, m.index + m[0].length, { post: false })) {
            if (k === 'working') k = 'not_working';
            else continue;
          }
          if (here.some((w) => w.value === k)) continue;
          here.push({ value: k, evidence: s.ev() });
        }
        const specific = here.some((w) => w.value === 'modified_duty' || w.value === 'full_duty' || w.value === 'temporarily_totally_disabled');
        facts.workStatus.push(...(specific ? here.filter((w) => w.value !== 'working') : here));
      },
    };
  },
};
