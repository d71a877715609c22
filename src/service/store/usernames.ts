import { ImrError } from '../../errors/imr-error.js';

/**
 * Username rules, shared by user creation and login. A username is what people read in the
 * audit log and type at the login form, so it must look like what it is: only letters, marks,
 * digits and . _ - @ +, already in Unicode NFKC form (so "ａｄｍｉｎ" is refused rather than
 * silently becoming "admin"), no invisible characters (zero-width, bidi overrides, NUL, controls),
 * one alphabet of Latin, Greek and Cyrillic at most, and never a look-alike of an existing user.
 */
const MAX_USERNAME_LENGTH = 100;

/** Characters that are never shown as themselves: controls (NUL…), format (zero-width, bidi), separators, private use, unassigned. */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Co}\p{Cn}\p{Cs}\p{Z}]/u;
const ALLOWED = /^[\p{L}\p{M}\p{N}._@+-]+$/u;
const SCRIPTS: Array<[string, RegExp]> = [
  ['Latin', /\p{Script=Latin}/u],
  ['Greek', /\p{Script=Greek}/u],
  ['Cyrillic', /\p{Script=Cyrillic}/u],
];

function codePoint(ch: string): string {
  return `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

function refuse(message: string): never {
  throw new ImrError('IMR_ERR_VALIDATION', message, { details: [{ path: 'username', message }] });
}

/**
 * The username when it follows the rules; IMR_ERR_VALIDATION naming the first problem otherwise.
 * The message never echoes the typed text (it may be anything), only code points.
 */
export function checkUsername(raw: string): string {
  const invisible = INVISIBLE.exec(raw);
  if (invisible) refuse(`The username contains an invisible or control character (${codePoint(invisible[0])}); type it without spaces, zero-width or direction marks.`);
  const length = [...raw].length;
  if (length < 1 || length > MAX_USERNAME_LENGTH) refuse(`The username must be 1–${MAX_USERNAME_LENGTH} characters long.`);
  if (!ALLOWED.test(raw)) {
    const bad = [...raw].find((ch) => !ALLOWED.test(ch))!;
    refuse(`The username may hold only letters, digits and . _ - @ + (found ${codePoint(bad)}).`);
  }
  const normal = raw.normalize('NFKC');
  if (normal !== raw) {
    // Full-width, ligatures, superscripts… read as another, plainer name: say which, when it is itself valid.
    const plain = ALLOWED.test(normal) && !INVISIBLE.test(normal) ? ` ("${normal}")` : '';
    refuse(`The username uses compatibility characters (full-width, ligature or similar); type its plain form${plain}.`);
  }
  const scripts = SCRIPTS.filter(([, re]) => re.test(raw)).map(([name]) => name);
  if (scripts.length > 1) refuse(`The username mixes ${scripts.join(' and ')} letters, which look alike; use one alphabet.`);
  return raw;
}

/** Whether checkUsername would accept the name (without saying why not). */
export function isWellFormedUsername(raw: string): boolean {
  try {
    checkUsername(raw);
    return true;
  } catch {
    return false;
  }
}

/** Greek and Cyrillic letters drawn like Latin ones, and digits drawn like letters (after lower-casing). */
const CONFUSABLE: Record<string, string> = {
  а: 'a', в: 'b', с: 'c', ԁ: 'd', е: 'e', һ: 'h', і: 'i', ј: 'j', к: 'k', ӏ: 'l', м: 'm', н: 'h', о: 'o', р: 'p', ԛ: 'q', ѕ: 's', т: 't', у: 'y', х: 'x', ԝ: 'w', ё: 'e', ї: 'i',
  α: 'a', β: 'b', ε: 'e', η: 'n', ι: 'i', κ: 'k', ν: 'v', ο: 'o', ρ: 'p', τ: 't', υ: 'u', χ: 'x', ω: 'w', ζ: 'z', μ: 'u',
  '0': 'o', '1': 'l', '|': 'l',
};

/**
 * What a username looks like, for finding look-alikes: NFKC, lower case, accents dropped,
 * confusable letters mapped to Latin, "i" and "l" merged. Two users never share a skeleton.
 */
export function usernameSkeleton(name: string): string {
  const folded = name.normalize('NFKC').toLowerCase().normalize('NFD').replace(/\p{M}/gu, '');
  return [...folded].map((ch) => CONFUSABLE[ch] ?? ch).join('').replace(/i/g, 'l');
}
