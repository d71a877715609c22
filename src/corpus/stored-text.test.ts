import { describe, expect, it } from 'vitest';
import { FORMAT_DEFLATE, FORMAT_WITH_SUMMARY, packLetterText, packText, unpackText } from './stored-text.js';

const SUMMARY = 'The injured worker is a 52 year old female who sustained an industrial injury on 03/02/2014. '.repeat(8) + 'Pain is 7/10 — worse at night; café visits noted.';
const RATIONALE = 'There is no documentation of objective functional improvement with the prior sessions, and the guideline supports up to 6 visits. '.repeat(6);

describe('stored corpus texts', () => {
  it('compresses a long text and reads back the same text, letters outside ASCII included', () => {
    for (const text of [RATIONALE, SUMMARY, `${SUMMARY}\n\u27e6 ✓ 𝔘 ü`]) {
      const stored = packText(text);
      expect(stored).toBeInstanceOf(Buffer);
      expect((stored as Buffer)[0]).toBe(FORMAT_DEFLATE);
      expect((stored as Buffer).length).toBeLessThan(Buffer.byteLength(text) / 2);
      expect(unpackText(stored)).toBe(text);
      // better-sqlite3 returns a Buffer; any Uint8Array view of the bytes reads the same.
      expect(unpackText(new Uint8Array(stored as Buffer))).toBe(text);
    }
  });

  it('keeps a text that would not shrink as it is, and reads text as text', () => {
    for (const text of ['', 'Not medically necessary.', 'ab']) {
      expect(packText(text)).toBe(text);
      expect(unpackText(text)).toBe(text);
    }
  });

  it("stores a letter's text with its summary as dictionary, smaller than alone, and refuses another summary", () => {
    const text = `HEADER\n${SUMMARY}\nDECISION\n${RATIONALE}`;
    const stored = packLetterText(text, SUMMARY) as Buffer;
    expect(stored[0]).toBe(FORMAT_WITH_SUMMARY);
    expect(stored.length).toBeLessThan((packText(text) as Buffer).length);
    expect(unpackText(stored, SUMMARY)).toBe(text);
    expect(unpackText(stored, packText(SUMMARY))).toBe(text);
    expect(() => unpackText(stored)).toThrow(/without the summary/);
    expect(() => unpackText(stored, `${SUMMARY}.`)).toThrow();
  });

  it('refuses a value of an unknown format or one that does not decompress', () => {
    expect(() => unpackText(Buffer.from([9, 1, 2, 3]))).toThrow(/unknown format/);
    const stored = Buffer.from(packText(RATIONALE) as Buffer);
    expect(() => unpackText(stored.subarray(0, 20))).toThrow();
  });
});
