import { createDecipheriv, createHash } from 'node:crypto';
import type { Doc } from './document.js';
import { PdfString, unsupported } from './objects.js';

/**
 * Encrypted files: the Standard security handler with the empty user password (RC4 or AES-128,
 * revisions 2 to 4), which word processors use to set permissions without asking for a password.
 */

/** The file's key, and whether its streams are AES-encrypted (else RC4). */
export interface StreamKey {
  key: Buffer;
  aes: boolean;
}

const PAD = Buffer.from('28bf4e5e4e758a4164004e56fffa01082e2e00b6d0683e802f0ca9fe6453697a', 'hex');

/** Algorithm 2 of the PDF specification, for the empty user password (Standard handler, R2–R4). */
export function emptyPasswordKey(doc: Doc): StreamKey {
  const enc = doc.dict(doc.trailer.Encrypt);
  if (doc.name(enc.Filter) !== 'Standard') unsupported('security handler');
  const v = doc.num(enc.V);
  const r = doc.num(enc.R);
  if (r > 4) unsupported('AES-256 encryption');
  const o = doc.resolve(enc.O);
  const id = doc.resolve(doc.trailer.ID);
  if (!(o instanceof PdfString) || !Array.isArray(id) || !(id[0] instanceof PdfString)) unsupported('encryption dictionary');
  let aes = false;
  if (v === 4) {
    const cf = doc.dict(doc.dict(enc.CF)[doc.name(enc.StmF) ?? 'StdCF']);
    const cfm = doc.name(cf.CFM);
    if (cfm === 'AESV2') aes = true;
    else if (cfm !== 'V2') unsupported('crypt filter');
  }
  const length = v === 1 ? 5 : (enc.Length === undefined ? 40 : doc.num(enc.Length)) / 8;
  const p = Buffer.alloc(4);
  p.writeInt32LE(doc.num(enc.P));
  const h = createHash('md5').update(PAD).update(Buffer.from((o as PdfString).bytes, 'latin1')).update(p).update(Buffer.from((id[0] as PdfString).bytes, 'latin1'));
  if (r >= 4 && doc.resolve(enc.EncryptMetadata) === false) h.update(Buffer.from([0xff, 0xff, 0xff, 0xff]));
  let key = h.digest().subarray(0, length);
  if (r >= 3) for (let i = 0; i < 50; i++) key = createHash('md5').update(key).digest().subarray(0, length);
  return { key: Buffer.from(key), aes };
}

/** A stream's data decrypted with its object's key (Algorithm 1); null for an AES stream too short to hold any text. */
export function decryptStream(k: StreamKey, num: number, data: Buffer): Buffer | null {
  const buf = Buffer.alloc(k.key.length + 5 + (k.aes ? 4 : 0));
  k.key.copy(buf);
  buf.writeUIntLE(num, k.key.length, 3);
  buf.writeUIntLE(0, k.key.length + 3, 2);
  if (k.aes) buf.write('sAlT', k.key.length + 5, 'latin1');
  const objKey = createHash('md5').update(buf).digest().subarray(0, Math.min(k.key.length + 5, 16));
  if (k.aes) {
    if (data.length < 32) return null;
    const d = createDecipheriv('aes-128-cbc', objKey, data.subarray(0, 16));
    return Buffer.concat([d.update(data.subarray(16)), d.final()]);
  }
  return rc4(objKey, data);
}

function rc4(key: Buffer, data: Buffer): Buffer {
  const s = new Uint8Array(256);
  for (let i = 0; i < 256; i++) s[i] = i;
  for (let i = 0, j = 0; i < 256; i++) {
    j = (j + s[i] + key[i % key.length]) & 0xff;
    [s[i], s[j]] = [s[j], s[i]];
  }
  const out = Buffer.alloc(data.length);
  for (let k = 0, i = 0, j = 0; k < data.length; k++) {
    i = (i + 1) & 0xff;
    j = (j + s[i]) & 0xff;
    [s[i], s[j]] = [s[j], s[i]];
    out[k] = data[k] ^ s[(s[i] + s[j]) & 0xff];
  }
  return out;
}
