import { conflictsOf, type FactRule } from '../fact-rule.js';

/** Findings stated both present and absent in the record: a conflict quoting one of each. */
export const conflictsRule: FactRule = {
  fact: 'conflicts',
  start(facts) {
    return {
      finish() {
        facts.conflicts.push(...conflictsOf(facts.spasm, () => 'spasm'));
        facts.conflicts.push(...conflictsOf(facts.neuroDeficits, (k) => k));
        facts.conflicts.push(...conflictsOf(facts.flareUps, () => 'flare_up'));
        facts.conflicts.push(...conflictsOf(facts.homeExercise, () => 'home_exercise_program'));
        facts.conflicts.push(...conflictsOf(facts.examFindings, (k) => k));
      },
    };
  },
};
