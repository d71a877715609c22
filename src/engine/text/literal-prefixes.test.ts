import { describe, expect, it } from 'vitest';
import { literalPrefixes } from './literal-prefixes.js';

describe('literalPrefixes', () => {
  it('gives the literal starts of a branch, branching on groups, classes and optional atoms', () => {
    expect(literalPrefixes('\\b[RL]UE\\b').sort()).toEqual(['lue', 'rue']);
    expect(literalPrefixes('(?:ab){0,2}c').sort()).toEqual(['ab', 'c']);
    expect(literalPrefixes('x{2,3}y').sort()).toEqual(['xxx', 'xxy']);
    // white space is one space to the trie, once or more
    expect(literalPrefixes('a\\s+b')).toEqual(['a b']);
    expect(literalPrefixes('a\\s*b').sort()).toEqual(['a b', 'ab']);
  });
  it('says nothing is certain where the branch starts with anything', () => {
    expect(literalPrefixes('\\w+ly')).toEqual(['']);
    expect(literalPrefixes('.*x')).toEqual(['']);
  });
});
