import { createHash } from 'node:crypto';
import type { Citation, Letter, LetterItem } from '../../letters/model.js';
import { toCorpusRecord, type CorpusLetterRecord } from '../records.js';

export function citation(source: Citation['source'], topic: string | null, sections: string[] = [], name: string | null = null): Citation {
  const raw = source === 'NONE' ? 'None' : `Decision based on ${source} ${topic ?? ''}${sections.length ? `, Section(s): ${sections.join(', ')}` : ''}`;
  return { source, name, edition: null, topic, sections, pages: [], raw, alsoCites: [] };
}

export function item(request: string, decision: LetterItem['decision'], rationale: string, opts: Partial<LetterItem> = {}): LetterItem {
  return {
    request,
    decision,
    claimsAdministratorGuideline: citation('MTUS-CPMTG', 'Chronic Pain'),
    reviewerGuideline: citation('MTUS-CPMTG', 'Chronic Pain'),
    rationale,
    ...opts,
  };
}

export function letter(items: LetterItem[], opts: { caseNumber?: string; decisionDate?: string; specialty?: string; priority?: 'Standard' | 'Expedited'; summary?: string } = {}): Letter {
  return {
    header: {
      caseNumber: opts.caseNumber ?? 'CM16-0000001',
      dateAssigned: null,
      injuryDate: '2014-03-02',
      decisionDate: opts.decisionDate ?? '2016-12-09',
      urDenialDate: null,
      priority: opts.priority ?? 'Standard',
      applicationReceived: null,
    },
    reviewer: { licensure: ['California'], specialty: opts.specialty ?? 'Orthopedic Surgery', subspecialty: null },
    worker: { age: 48, sex: 'male', injuryDate: '2014-03-02' },
    urDecisionDate: null,
    imrApplicationDate: null,
    clinicalSummary: opts.summary ?? 'The injured worker is a 48 year old male with chronic low back pain.',
    documentsReviewed: null,
    items,
  };
}

/** A simple categoriser for tests: a few keywords, so the corpus code does not depend on the engine. */
function testCategorise(request: string): string | null {
  const r = request.toLowerCase();
  if (/chiropract/.test(r)) return 'chiropractic';
  if (/mri|x-ray|ct scan/.test(r)) return 'imaging';
  if (/norco|oxycodone|tramadol/.test(r)) return 'opioid';
  if (/physical therapy/.test(r)) return 'physical_therapy';
  return null;
}

let counter = 0;
/** A record for a hand-made letter, with a unique content hash. */
export function record(l: Letter, fileName = `letter-${++counter}.txt`): CorpusLetterRecord {
  const hash = createHash('sha256').update(`${++counter}:${JSON.stringify(l)}`).digest('hex');
  return toCorpusRecord({ letter: l, layout: 'dwc-2016', warnings: [], text: JSON.stringify(l), contentHash: hash, fileName }, testCategorise);
}
