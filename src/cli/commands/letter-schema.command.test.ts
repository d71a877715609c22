import { describe, expect, it } from 'vitest';
import { runCli } from '../test-support/run-cli.js';

describe('imr letter schema', () => {
  it('prints a JSON Schema that requires the letter sections and names the decisions', async () => {
    const r = await runCli(['letter', 'schema', '--json']);
    expect(r.code).toBe(0);
    const schema = JSON.parse(r.stdout) as {
      type: string;
      required: string[];
      properties: { items: { items: { properties: { decision: { enum: string[] } } } } };
    };
    expect(schema.type).toBe('object');
    expect(schema.required).toEqual(expect.arrayContaining(['reviewer', 'worker', 'clinicalSummary', 'items']));
    expect(schema.properties.items.items.properties.decision.enum).toEqual(['Upheld', 'Overturned']);
  });
});
