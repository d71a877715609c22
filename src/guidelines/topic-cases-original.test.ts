import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readGuidelineFiles } from './load.js';
import { parseTopicFile } from './validate.js';
import { extractPdfText } from '../letters/read/index.js';
import { haveSeeds, havePdfs, pdfFiles, seedFiles } from '../shared/test-support/shared-data.js';

/**
 * Topic cases are written from the guideline, never copied from the development letters: no case's
 * request (20 characters or more) and no sentence of its summary (30 characters or more) may occur,
 * whitespace-normalised and case-insensitive, in a seed letter or a published letter PDF.
 */

const MIN_REQUEST = 20;
const MIN_SENTENCE = 30;

interface CaseText {
  where: string;
  request: string;
  summary: string;
}

/** Lower case, every run of whitespace one space, trimmed. */
export function normalise(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ').trim();
}

/** The sentences of a summary (split after . ! or ? followed by whitespace). */
export function sentencesOf(summary: string): string[] {
  return summary
    .split(/(?<=[.!?])\s+/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** The case's request and summary sentences long enough to be checked, normalised. */
function probes(c: CaseText): { kind: 'request' | 'summary sentence'; text: string }[] {
  const out: { kind: 'request' | 'summary sentence'; text: string }[] = [];
  const r = normalise(c.request);
  if (r.length >= MIN_REQUEST) out.push({ kind: 'request', text: r });
  for (const s of sentencesOf(c.summary)) {
    const n = normalise(s);
    if (n.length >= MIN_SENTENCE) out.push({ kind: 'summary sentence', text: n });
  }
  return out;
}

/** Every copied line of every case: where it is, which part, and the letter it occurs in. */
export function copiedLines(cases: readonly CaseText[], letters: readonly { name: string; text: string }[]): string[] {
  const normalised = letters.map((l) => ({ name: l.name, text: normalise(l.text) }));
  const hits: string[] = [];
  for (const c of cases) {
    for (const p of probes(c)) {
      const letter = normalised.find((l) => l.text.includes(p.text));
      if (letter) hits.push(`${c.where}: ${p.kind} "${p.text}" occurs in ${letter.name}`);
    }
  }
  return hits;
}

const topics = readGuidelineFiles().topics.map(parseTopicFile);
const allCases: CaseText[] = topics.flatMap((t) => t.cases.map((c) => ({ where: `${t.id} / ${c.name}`, request: c.request, summary: c.summary })));

describe('the copy matcher', () => {
  const letter = {
    name: 'planted.txt',
    text: 'CLINICAL SUMMARY:\nThe injured worker is a 51 year old\nwoman who  slipped on a wet floor.  She reports   neck pain radiating to the left arm.\nDisputed item: Chiropractic   care 2x4 for the cervical spine.',
  };

  it('finds a request copied across a line break, in another case and spacing', () => {
    const hits = copiedLines([{ where: 'x / planted', request: 'CHIROPRACTIC CARE 2x4 for the cervical spine', summary: '' }], [letter]);
    expect(hits).toHaveLength(1);
    expect(hits[0]).toContain('planted.txt');
  });

  it('finds one copied summary sentence among original ones', () => {
    const summary = 'A welder of 44 has had low back pain since 2015. She reports neck pain radiating to the left arm. Exam is pending.';
    const hits = copiedLines([{ where: 'x / planted', request: 'Acupuncture six sessions', summary }], [letter]);
    expect(hits).toEqual([expect.stringContaining('summary sentence "she reports neck pain radiating to the left arm."')]);
  });

  it('passes original text and ignores fragments shorter than the thresholds', () => {
    const hits = copiedLines(
      [
        { where: 'x / short', request: 'care 2x4', summary: 'Neck pain radiating.' },
        { where: 'x / original', request: 'Twelve sessions of aquatic therapy for the lumbar spine', summary: 'He weighs 150 kg and cannot tolerate land exercise.' },
      ],
      [letter],
    );
    expect(hits).toEqual([]);
  });
});

describe('topic cases are not copied from the development letters', () => {
  const letters: { name: string; text: string }[] = [];

  beforeAll(async () => {
    for (const f of seedFiles()) letters.push({ name: path.basename(f), text: readFileSync(f, 'utf8') });
    for (const f of pdfFiles()) letters.push({ name: path.basename(f), text: await extractPdfText(new Uint8Array(readFileSync(f))) });
  }, 300_000);

  it('covers every topic of the knowledge base', () => {
    const withCases = new Set(topics.filter((t) => t.cases.length > 0).map((t) => t.id));
    expect(withCases.size).toBe(topics.length);
    expect(allCases.length).toBeGreaterThanOrEqual(topics.length * 2);
  });

  it.skipIf(!haveSeeds && !havePdfs)('no case request or summary sentence occurs in a seed letter or a published letter', () => {
    expect(letters.length).toBeGreaterThan(0);
    // The matcher sees the letters as read: a sentence from one of them, planted as a case, is found.
    const sample = sentencesOf(letters[0].text.replace(/\s+/g, ' ')).find((s) => s.length >= 60 && s.length <= 200);
    if (sample) expect(copiedLines([{ where: 'planted', request: 'x', summary: sample }], letters)).toHaveLength(1);
    expect(copiedLines(allCases, letters)).toEqual([]);
  });
});
