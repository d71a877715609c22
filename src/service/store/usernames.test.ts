import { describe, expect, it } from 'vitest';
import { checkUsername, isWellFormedUsername, usernameSkeleton } from './usernames.js';

describe('username rules', () => {
  it('accepts plain names, accented letters and the usual punctuation', () => {
    for (const ok of ['admin', 'rev-pmr-1', 'pat.smith', 'j_doe@example.org', 'josé', 'Ørsted', 'müller+test', 'иван', 'αλέξης', '山田']) expect(checkUsername(ok)).toBe(ok);
  });

  it('refuses invisible and control characters, naming the code point (never echoing the text)', () => {
    const cases: Array<[string, string]> = [
      ['adm\u200Bin', 'U+200B'], // zero-width space
      ['admin\u200D', 'U+200D'], // zero-width joiner
      ['\u202Eadmin', 'U+202E'], // right-to-left override
      ['adm\u2066in', 'U+2066'], // bidi isolate
      ['admin\u0000', 'U+0000'], // NUL
      ['ad\u0007min', 'U+0007'],
      ['\uFEFFadmin', 'U+FEFF'],
      ['ad min', 'U+0020'],
      ['admin\u00A0', 'U+00A0'],
      ['adm\u00ADin', 'U+00AD'], // soft hyphen
    ];
    for (const [name, cp] of cases) {
      expect(() => checkUsername(name), JSON.stringify(name)).toThrow(expect.objectContaining({ code: 'IMR_ERR_VALIDATION', message: expect.stringContaining(cp) }));
      expect(isWellFormedUsername(name)).toBe(false);
    }
  });

  it('refuses compatibility forms that NFKC would turn into another name, saying the plain form', () => {
    expect(() => checkUsername('ａｄｍｉｎ')).toThrow(expect.objectContaining({ code: 'IMR_ERR_VALIDATION', message: expect.stringContaining('"admin"') }));
    for (const name of ['ﬁona', 'admin²', 'ⅸ']) expect(isWellFormedUsername(name), name).toBe(false);
  });

  it('refuses symbols, empty and over-long names, and Latin mixed with Cyrillic or Greek look-alikes', () => {
    for (const name of ['', 'a'.repeat(101), 'ad/min', 'admin;', 'adm<in>', '😀', 'аdmin' /* Cyrillic а */, 'αdmin' /* Greek α */]) expect(isWellFormedUsername(name), name).toBe(false);
    expect(isWellFormedUsername('a'.repeat(100))).toBe(true);
  });

  it('gives look-alikes one skeleton: case, accents, Cyrillic and Greek letters drawn like Latin, 0/o and 1/l/I', () => {
    const admin = usernameSkeleton('admin');
    for (const twin of ['Admin', 'ADMIN', 'admín', 'adm1n', 'admIn']) expect(usernameSkeleton(twin), twin).toBe(admin);
    expect(usernameSkeleton('асе')).toBe(usernameSkeleton('ace')); // all Cyrillic
    expect(usernameSkeleton('ροο')).toBe(usernameSkeleton('poo')); // all Greek
    expect(usernameSkeleton('bob')).not.toBe(usernameSkeleton('rob'));
  });
});
