import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCli } from '../test-support/run-cli.js';
import { repoRoot } from '../../shared/test-support/shared-data.js';

const example = path.join(repoRoot, 'examples/case.json');

describe('imr decide', () => {
  it('drafts a decision per item of the example case, with criteria, citation and rationale', async () => {
    const r = await runCli(['decide', example, '--json']);
    expect(r.code).toBe(0);
    type Out = { request: string; decision: string; ruleDecision: string; needsReviewer: boolean; reviewCodes: string[]; pOverturn: number; citation: { source: string; pages: number[] }; criteria: { status: string; conflicting?: boolean }[]; rationale: string; documentationGaps: string[] };
    const out = JSON.parse(r.stdout) as { decisions: Out[] };
    expect(out.decisions).toHaveLength(3);
    const [chiro, flexeril, visit] = out.decisions;
    // A 10% improvement in ADLs beside "chiropractic helped": the record does not clearly show a
    // clinically significant improvement (8 CCR 9792.20), so the reviewer weighs it; the lean is Upheld.
    expect(chiro.decision).toBe('Upheld');
    expect(chiro.citation.source).toBe('MTUS-CPMTG');
    expect(chiro.citation.pages).toEqual([58, 59]);
    expect(chiro.reviewCodes).toContain('evidence_conflicting');
    expect(chiro.criteria.some((c) => c.conflicting)).toBe(true);
    expect(chiro.rationale).toMatch(/is not medically necessary\.$/);
    // Cyclobenzaprine since 09/05/2014 is beyond the short course the guideline allows.
    expect(flexeril.decision).toBe('Upheld');
    expect(flexeril.criteria.some((c) => c.status === 'not_met')).toBe(true);
    expect(flexeril.citation.pages).toContain(63);
    // The MTUS 2009 is silent on follow-up visits: ODG (outside the MTUS) decides it. Medications to
    // monitor and a worker still off work meet its criteria; the lean also weighs the probability.
    expect(visit.citation.source).toBe('NON-MTUS');
    expect(visit.ruleDecision).toBe('Overturned');
    expect(visit.pOverturn).toBeGreaterThan(0);
    for (const d of out.decisions) expect(d.pOverturn).toBeLessThanOrEqual(1);
  });

  it('prints a readable draft without --json', async () => {
    const r = await runCli(['decide', example]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Rationale: /);
    // Each item's line says the outcome --json gives: Upheld, Overturned, or the reviewer's judgement with the lean and why.
    const { decisions } = JSON.parse((await runCli(['decide', example, '--json'])).stdout) as { decisions: Array<{ request: string; decision: string; needsReviewer: boolean; reviewReason: string | null }> };
    decisions.forEach((d, i) => {
      const label = d.needsReviewer ? `Needs your judgement (leans ${d.decision})` : d.decision;
      expect(r.stdout).toContain(`${i + 1}. ${d.request}: ${label}\n`);
      if (d.needsReviewer) expect(r.stdout).toContain(`   Why: ${d.reviewReason}`);
    });
    expect(r.stdout).not.toMatch(/: (Upheld|Overturned)\s*\(probability/);
    // The calibrated probability, said as what published reviewers did; never the old confidence.
    expect(r.stdout.match(/Published reviewers overturned (about \d+%|fewer than 1%|more than 99%) of comparable requests\./g)).toHaveLength(3);
    expect(r.stdout).not.toMatch(/confidence/i);
  });

  it('carries the three outcomes in --json, and never quotes the UR decision of the case file as evidence', async () => {
    const r = await runCli(['decide', example, '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { decisions: Array<{ pOverturn: number; needsReviewer: boolean; reviewReason: string | null; reviewCodes: string[]; criteria: Array<{ evidence: Array<{ source: string }> }> }> };
    for (const d of out.decisions) {
      expect(d.pOverturn).toBeGreaterThanOrEqual(0);
      expect(d.pOverturn).toBeLessThanOrEqual(1);
      expect(typeof d.needsReviewer).toBe('boolean');
      expect(Array.isArray(d.reviewCodes)).toBe(true);
      // A reason exactly when flagged.
      expect(d.reviewReason !== null).toBe(d.needsReviewer);
      expect(d.reviewCodes.length > 0).toBe(d.needsReviewer);
    }
    const sources = out.decisions.flatMap((d) => d.criteria.flatMap((c) => c.evidence.map((e) => e.source)));
    expect(sources).toContain('PR-2 2014-12-05');
    expect(sources).not.toContain('UR decision 2015-01-07');
  });

  it('says "Needs your judgement", the lean and the reason for an item no guideline topic addresses', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'imr-decide-'));
    const file = path.join(dir, 'case.json');
    writeFileSync(file, JSON.stringify({ urDecisionDate: '2024-03-01', clinicalSummary: 'The injured worker reports low back pain 6/10. Diagnoses include lumbar strain.', items: [{ request: 'Unspecified medication' }] }));
    const json = JSON.parse((await runCli(['decide', file, '--json'])).stdout) as { decisions: Array<{ decision: string; needsReviewer: boolean; reviewReason: string; reviewCodes: string[] }> };
    const [d] = json.decisions;
    expect(d!.needsReviewer).toBe(true);
    expect(d!.reviewCodes).toContain('no_topic');
    const text = await runCli(['decide', file]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(`1. Unspecified medication: Needs your judgement (leans ${d!.decision})\n`);
    expect(text.stdout).toContain(`   Why: ${d!.reviewReason}`);
  });

  it('prints the case file JSON Schema with --schema', async () => {
    const r = await runCli(['decide', '--schema']);
    expect(r.code).toBe(0);
    const schema = JSON.parse(r.stdout) as { properties: Record<string, unknown>; required: string[] };
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['worker', 'clinicalSummary', 'items', 'urDecisionDate']));
    // A case may be drafted from its records alone: the summary is optional, the items are not.
    expect(schema.required).toEqual(['items']);
  });

  it('rejects an invalid case file with IMR_ERR_CASE_INVALID naming the field', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'imr-decide-'));
    const bad = path.join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ clinicalSummary: 'x', items: [], urDecisionDate: '2015-02-30' }));
    const r = await runCli(['decide', bad, '--json']);
    expect(r.code).toBe(2);
    const err = JSON.parse(r.stderr) as { error: { code: string; details: { path: string }[] } };
    expect(err.error.code).toBe('IMR_ERR_CASE_INVALID');
    expect(err.error.details.map((d) => d.path)).toEqual(expect.arrayContaining(['items', 'urDecisionDate']));
  });

  it('reports a missing file and non-JSON input with their codes', async () => {
    expect((await runCli(['decide', '/nonexistent/case.json'])).code).toBe(3);
    const dir = mkdtempSync(path.join(tmpdir(), 'imr-decide-'));
    const notJson = path.join(dir, 'case.json');
    writeFileSync(notJson, '{ not json');
    const r = await runCli(['decide', notJson]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/IMR_ERR_INVALID_JSON/);
  });
});
