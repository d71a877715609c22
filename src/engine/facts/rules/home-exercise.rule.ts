import { isNegated } from '../negation.js';
import type { FactRule } from '../fact-rule.js';

/** Home exercise program mentions (negated: "not doing a home exercise program"). */
export const homeExerciseRule: FactRule = {
  fact: 'homeExercise',
  needs: ['home'],
  start(facts) {
    return {
      sentence(s) {
        for (const { m } of s.hits('home')) facts.homeExercise.push({ kind: 'home_exercise_program', negated: isNegated(s.text, m.index, m.index + m[0].length), evidence: s.ev() });
      },
    };
  },
};
