import type { Evidence } from '../case-facts.js';
import { each, type FactRule } from '../fact-rule.js';

const AGE = /\b(\d{1,3})[- ](?:year|yr)s?[- ]old\b(?:\s+(male|female|man|woman|gentleman|lady|boy|girl))?|\b(?:age|aged)\s*:?\s*(\d{1,3})\b/i;
const SEX_WORD = /\b(male|female|man|woman|gentleman|lady)\b/i;
const SEX_PRONOUN = /\b(he|his|him|she|her|hers)\b/gi;
const isMale = (w: string) => w === 'male' || w === 'man' || w === 'gentleman' || w === 'boy';

/** The worker's age and sex: "a 44 year old male"; sex from pronouns where no word says it. */
export const demographicsRule: FactRule = {
  fact: 'age, sex',
  start(facts) {
    let male = 0;
    let female = 0;
    let firstPronoun: Evidence | null = null;
    return {
      sentence(s) {
        const st = s.text;
        if (!facts.age) {
          const m = AGE.exec(st);
          if (m) {
            const age = Number(m[1] ?? m[3]);
            if (age > 0 && age < 120) facts.age = { value: age, evidence: s.span(m.index, m.index + m[0].length) };
            if (m[2] && !facts.sex) facts.sex = { value: isMale(m[2].toLowerCase()) ? 'male' : 'female', evidence: s.span(m.index, m.index + m[0].length) };
          }
        }
        if (!facts.sex && facts.age && facts.age.evidence.source === s.source.name && facts.age.evidence.start >= s.start && facts.age.evidence.end <= s.end) {
          const m = SEX_WORD.exec(st);
          if (m) facts.sex = { value: isMale(m[1].toLowerCase()) ? 'male' : 'female', evidence: s.span(m.index, m.index + m[0].length) };
        }
        each(SEX_PRONOUN, st, (m) => {
          const w = m[1].toLowerCase();
          if (w === 'he' || w === 'his' || w === 'him') male++;
          else female++;
          firstPronoun ??= s.span(m.index, m.index + m[0].length);
        });
      },
      finish() {
        if (!facts.sex && firstPronoun && male !== female) facts.sex = { value: male > female ? 'male' : 'female', evidence: firstPronoun };
      },
    };
  },
};
