import { POPULATION_OVERTURN_RATE } from '../../engine/calibration/fit.js';
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCli } from '../test-support/run-cli.js';
import { haveSeeds, seedFiles } from '../../shared/test-support/shared-data.js';
import { calibrationModelSchema } from '../../engine/calibration/model.js';

describe.skipIf(!haveSeeds)('imr engine calibrate on the seed letters', () => {
  const seeds = seedFiles();

  it('fits with leave-one-letter-out cross-validation and writes a valid model to --out', async () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'imr-cal-')), 'calibration.json');
    const r = await runCli(['engine', 'calibrate', ...seeds, '--out', out, '--date', '2026-01-02']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const model = calibrationModelSchema.parse(JSON.parse(readFileSync(out, 'utf8')));
    const items = (await import('node:fs')).readFileSync(path.join(path.dirname(seeds[0]), 'expected.json'), 'utf8');
    const expected = JSON.parse(items) as { letters: { items: { decision: string }[] }[] };
    const all = expected.letters.flatMap((l) => l.items);
    expect(model.fittedOn).toEqual({ letters: seeds.length, items: all.length, overturned: all.filter((i) => i.decision === 'Overturned').length, date: '2026-01-02' });
    expect(model.crossValidation!.folds).toBe(seeds.length); // fewer letters than the 10 default folds
    // The base rate is moved to the statewide overturn share (DWC/CWCI), not the sample's own.
    expect(model.baseRate).toBe(POPULATION_OVERTURN_RATE);
    expect(r.stdout).toMatch(/base rate\s+10\.0% \(moved to the statewide overturn share; this sample \d+\.\d%\)/);
    expect(r.stdout).toMatch(/AUC\s+(\d\.\d{3}|n\/a)/);
    expect(r.stdout).toMatch(/Brier\s+\d\.\d{4} \(base rate \d\.\d{4}/);
    expect(r.stdout).toMatch(/reliability \(out of fold\)/);
    expect(r.stdout).toContain(`written to ${out}`);
  });

  it('prints the model on stdout (report on stderr) by default, the same on every run', async () => {
    const a = await runCli(['engine', 'calibrate', ...seeds, '--date', '2026-01-02', '--folds', '3']);
    const b = await runCli(['engine', 'calibrate', ...seeds, '--date', '2026-01-02', '--folds', '3']);
    expect(a.code).toBe(0);
    const model = calibrationModelSchema.parse(JSON.parse(a.stdout));
    expect(model.crossValidation!.folds).toBe(3);
    expect(a.stderr).toMatch(/cross-validated: 3 letter-level folds/);
    expect(b.stdout).toBe(a.stdout);
  });

  it('rejects a bad --folds with a usage error', async () => {
    const r = await runCli(['engine', 'calibrate', seeds[0], '--folds', '0']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/IMR_ERR_USAGE.*--folds/);
  });
});
