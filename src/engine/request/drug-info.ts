import type { DrugForm, DrugInfo, DrugIngredient, DrugRoute, TreatmentCategory } from './normalised-request.js';
import { wordRegex, type DrugMatch } from './matchers.js';
import { NUM, parseNumber } from './numbers.js';
import { DRUGS } from './vocabulary/drugs.js';
import { sigOf } from './drug-sig.js';

const MONTHS_SUPPLY = new RegExp(`(${NUM})[\\s-]*months?'?\\s*(?:supply|coverage)`, 'i');
const STRENGTH = /(?<![\w.])(\d+(?:\.\d+)?(?:\s*%?\s*[/-]\s*\d+(?:\.\d+)?)*)\s*(mg\/ml|mg\/g|mg|mcg|%|percent|units?)(?:\s*\/\s*(\d+(?:\.\d+)?)?\s*(ml|g|hr|h))?/gi;
const REFILLS = new RegExp(`(?:(${NUM}|a)\\s+refills?|refills?\\s*:?\\s*(${NUM}))`, 'i');
const DAYS_SUPPLY = /days?\s*supply\s*:?\s*(\d+)|(?<!#\s*)(?<![\d.])(\d+)[\s-]*days?'?\s*supply/i;
const COMPOUND_WORD = /\bcompound(?:ed)?\b|\bcream base\b|\bin (?:a )?(?:cream|gel|lipoderm|versapro|pluronic)\s*base\b|\btransdermal base\b/i;
const FORMS: [RegExp, DrugForm][] = [
  [wordRegex('patch(es)?', 'i'), 'patch'],
  [wordRegex('creams?|lotion base', 'i'), 'cream'],
  [wordRegex('gels?', 'i'), 'gel'],
  [wordRegex('ointments?', 'i'), 'ointment'],
  [wordRegex('lotions?', 'i'), 'lotion'],
  [wordRegex('sprays?|mist', 'i'), 'spray'],
  [wordRegex('pads?|plasters?', 'i'), 'pad'],
  [wordRegex('powder', 'i'), 'powder'],
  [wordRegex('suspension|oral liquid|liquid|elixir|syrup', 'i'), 'suspension'],
  [wordRegex('solution', 'i'), 'solution'],
  [wordRegex('injections?|injectable|inj|IM|intramuscular|IV', 'i'), 'injection'],
  [wordRegex('ER|XR|CR|SR|XL|ER tabs?|extended[- ]release|sustained[- ]release|controlled[- ]release|long[- ]acting', 'i'), 'extended_release'],
  [wordRegex('capsules?|caps?', 'i'), 'capsule'],
  [wordRegex('tablets?|tabs?', 'i'), 'tablet'],
];
const TOPICAL_FORMS = new Set<DrugForm>(['patch', 'cream', 'gel', 'ointment', 'lotion', 'spray', 'pad', 'powder']);
const ROUTE_ORAL = /\b(?:oral(?:ly)?|by mouth|PO|p\.o\.)\b/i;
const ROUTE_TOPICAL = /\btopical(?:ly)?\b|\bapply\b|\bto (?:the )?(?:affected|skin)\b/i;
const ROUTE_TRANSDERMAL = /\btransdermal\b/i;
const ROUTE_NASAL = /\b(?:intranasal|nasal)\b/i;
const PERCENT = /\d\s*(?:%|percent)/i;

function strengthOf(s: string, from: number, to: number): { text: string; mg: number | null } | null {
  STRENGTH.lastIndex = from;
  const m = STRENGTH.exec(s);
  if (!m || m.index >= to) return null;
  const nums = m[1].replace(/\s*%\s*/g, '%').replace(/\s*[/-]\s*/g, '/');
  let unit = m[2].toLowerCase() === 'percent' ? '%' : m[2].toLowerCase();
  if (m[4]) unit = `${unit}/${m[3] ? `${m[3]} ` : ''}${m[4].toLowerCase()}`;
  const text = unit === '%' ? `${nums.replace(/%$/, '')}%` : `${nums} ${unit}`;
  const first = Number(/^\d+(?:\.\d+)?/.exec(nums)?.[0]);
  return { text, mg: m[2].toLowerCase() === 'mg' && Number.isFinite(first) ? first : null };
}

function formOf(s: string): DrugForm | null {
  for (const [re, form] of FORMS) {
    re.lastIndex = 0;
    if (re.test(s)) return form;
  }
  return null;
}

/** What a request says about its drug (the first one named, with the others as ingredients) and the category that follows. */
export function drugInfo(s: string, drugs: DrugMatch[], hashSpans: { start: number; end: number }[]): { info: DrugInfo; category: TreatmentCategory } {
  const primary = drugs[0];
  const e = primary.entry;
  const ingredients: DrugIngredient[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < drugs.length; i++) {
    const d = drugs[i];
    const next = i + 1 < drugs.length ? drugs[i + 1].start : s.length;
    const st = strengthOf(s, d.end, Math.min(next, d.end + 24));
    const names = d.entry.ingredients ?? [d.entry.generic];
    for (const g of names) {
      if (seen.has(g)) continue;
      seen.add(g);
      const cls = DRUG_CLASS_OF.get(g) ?? d.entry.cls;
      ingredients.push({ generic: g, drugClass: cls, strength: names.length === 1 ? (st?.text ?? null) : null });
    }
  }
  const strength = strengthOf(s, primary.end, drugs.length > 1 ? drugs[1].start : s.length) ?? strengthOf(s, 0, s.length);
  const writtenForm = formOf(s);
  const form: DrugForm | null = writtenForm ?? (e.form ? (e.form as DrugForm) : null);
  let route: DrugRoute;
  if (ROUTE_TRANSDERMAL.test(s)) route = 'transdermal';
  else if (ROUTE_NASAL.test(s)) route = 'intranasal';
  else if (form === 'injection') route = 'injection';
  else if (ROUTE_ORAL.test(s) || form === 'tablet' || form === 'capsule' || ((form === 'suspension' || form === 'solution') && !e.topicalOnly && !PERCENT.test(s))) route = 'oral';
  else if ((form && TOPICAL_FORMS.has(form)) || e.topicalOnly || ROUTE_TOPICAL.test(s) || PERCENT.test(s)) route = 'topical';
  else route = 'oral';
  if (route === 'topical' && e.cls === 'opioid' && form === 'patch') route = 'transdermal';
  const activeCount = ingredients.filter((g) => g.generic !== 'menthol' && g.generic !== 'camphor').length;
  const compounded =
    !!e.compounded || COMPOUND_WORD.test(s) || ((route === 'topical' || route === 'transdermal') && drugs.filter((d, i) => drugs.findIndex((x) => x.entry.generic === d.entry.generic) === i).length > 1 && activeCount > 1);
  let category: TreatmentCategory;
  if (e.cls === 'viscosupplementation' || e.cls === 'botulinum_toxin') category = e.cls;
  else if (compounded && (route === 'topical' || route === 'transdermal')) category = 'compound';
  else if ((route === 'topical' || route === 'transdermal') && e.cls !== 'opioid') category = 'topical';
  else category = e.cls;
  const { sig, dosesPerDayMax, dosesPerDayMin, unitsPerDoseMax, unitsPerDayMax } = sigOf(s);
  const refillsM = REFILLS.exec(s);
  const refills = refillsM ? (refillsM[1]?.toLowerCase() === 'a' ? 1 : (parseNumber(refillsM[1]) ?? parseNumber(refillsM[2]))) : null;
  const supplyM = DAYS_SUPPLY.exec(s);
  const monthsM = supplyM ? null : MONTHS_SUPPLY.exec(s);
  const daysSupply = supplyM ? Number(supplyM[1] ?? supplyM[2]) : monthsM ? (parseNumber(monthsM[1]) ?? 0) * 30 || null : null;
  void hashSpans;
  const generic = e.generic;
  return {
    category,
    info: {
      generic,
      brand: brandOf(drugs, e.generic),
      drugClass: e.cls,
      strength: strength?.text ?? null,
      strengthMg: strength?.mg ?? null,
      form,
      route,
      ingredients,
      compounded,
      sig,
      dosesPerDayMax,
      dosesPerDayMin,
      unitsPerDoseMax,
      unitsPerDayMax,
      refills,
      daysSupply,
    },
  };
}

const DRUG_CLASS_OF = new Map<string, TreatmentCategory>();
for (const d of DRUGS) if (!d.ingredients && !DRUG_CLASS_OF.has(d.generic)) DRUG_CLASS_OF.set(d.generic, d.cls);

function brandOf(drugs: DrugMatch[], generic: string): string | null {
  const b = drugs.find((d) => d.isBrand && d.entry.generic === generic);
  return b ? canonicalBrand(b) : null;
}

function canonicalBrand(d: DrugMatch): string {
  const names = d.entry.names ?? [];
  const key = d.text.toLowerCase().replace(/[\s/-]+/g, '');
  return names.find((n) => n.toLowerCase().replace(/[\s/-]+/g, '') === key) ?? d.text;
}

/** The words naming a topical's form and a compound ("cream", "compounded") that count as matched terms. */
export function topicalTerms(s: string, drug: DrugInfo, category: TreatmentCategory): string[] {
  const out: string[] = [];
  if (category === 'compound' || category === 'topical') {
    const f = drug.form;
    if (f && TOPICAL_FORMS.has(f)) {
      const fm = FORMS.find(([, form]) => form === f);
      if (fm) {
        fm[0].lastIndex = 0;
        const m = fm[0].exec(s);
        if (m) out.push(m[0]);
      }
    }
    const cw = COMPOUND_WORD.exec(s);
    if (category === 'compound' && cw) out.push(cw[0]);
  }
  return out;
}
