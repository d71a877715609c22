/**
 * Hostile and damaged PDFs for the reading-limit tests, generated here rather than committed as
 * binaries: each is a small, well-formed file (a correct cross-reference table, so pdf.js opens it
 * too) built to cost a naive reader far more than its size.
 */
import { readFileSync } from 'node:fs';
import { constants, createDeflate } from 'node:zlib';

/** One indirect object: its dictionary (or value) source, and stream data when it is a stream. */
interface Obj {
  body: string;
  stream?: Buffer;
}

/** Serialises objects 1..n (the catalog must be object 1) with a correct xref table. */
function buildPdf(objs: Obj[]): Uint8Array {
  const parts: Buffer[] = [Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let at = parts[0].length;
  const offsets: number[] = [];
  objs.forEach((o, i) => {
    offsets.push(at);
    const head = o.stream ? `${i + 1} 0 obj\n${o.body.replace(/>>\s*$/, `/Length ${o.stream.length}>>`)}\nstream\n` : `${i + 1} 0 obj\n${o.body}\nendobj\n`;
    const chunk = o.stream ? Buffer.concat([Buffer.from(head, 'latin1'), o.stream, Buffer.from('\nendstream\nendobj\n', 'latin1')]) : Buffer.from(head, 'latin1');
    parts.push(chunk);
    at += chunk.length;
  });
  const xref = ['xref', `0 ${objs.length + 1}`, '0000000000 65535 f ', ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n `)].join('\n');
  parts.push(Buffer.from(`${xref}\ntrailer\n<</Size ${objs.length + 1}/Root 1 0 R>>\nstartxref\n${at}\n%%EOF\n`, 'latin1'));
  return new Uint8Array(Buffer.concat(parts));
}

const FONT = '<</Type/Font/Subtype/TrueType/BaseFont/Arial/FirstChar 32/LastChar 126/Widths[' + Array(95).fill(500).join(' ') + ']/Encoding/WinAnsiEncoding>>';
const TEXT = 'BT /F1 12 Tf 72 720 Td (MRI of the right knee: Upheld) Tj ET\n';

/** A one-page document: catalog, pages, page, font, then the page's content stream(s) and extra objects. */
function onePage(content: Buffer, opts: { font?: string; filter?: string; extra?: Obj[]; kids?: number } = {}): Uint8Array {
  const kidsCount = opts.kids ?? 1;
  const kids = Array(kidsCount).fill('3 0 R').join(' ');
  return buildPdf([
    { body: '<</Type/Catalog/Pages 2 0 R>>' },
    { body: `<</Type/Pages/Kids[${kids}]/Count ${kidsCount}>>` },
    { body: '<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]/Resources<</Font<</F1 4 0 R>>>>/Contents 5 0 R>>' },
    { body: opts.font ?? FONT },
    { body: `<<${opts.filter ? `/Filter/${opts.filter}` : ''}>>`, stream: content },
    ...(opts.extra ?? []),
  ]);
}

/** A plain, readable one-page PDF (the control). */
export function plainPdf(): Uint8Array {
  return onePage(Buffer.from(TEXT, 'latin1'));
}

/** Deflates `total` zero bytes without ever holding them: one zero block written repeatedly. */
async function deflatedZeros(total: number): Promise<Buffer> {
  const block = Buffer.alloc(Math.min(total, 8 * 1024 * 1024));
  const z = createDeflate({ level: constants.Z_BEST_COMPRESSION });
  const out: Buffer[] = [];
  z.on('data', (c: Buffer) => out.push(c));
  const done = new Promise<void>((resolve, reject) => { z.on('end', resolve); z.on('error', reject); });
  for (let left = total; left > 0; left -= block.length) {
    if (!z.write(left >= block.length ? block : block.subarray(0, left))) await new Promise((r) => z.once('drain', r));
  }
  z.end();
  await done;
  return Buffer.concat(out);
}

/** A page whose content stream is about 1 KB of text followed by `inflatedBytes` of zeros, deflated (1 GiB deflates to about 1 MB). */
export async function inflateBombPdf(inflatedBytes: number): Promise<Uint8Array> {
  return onePage(await deflatedZeros(inflatedBytes), { filter: 'FlateDecode' });
}

/** A page whose font's ToUnicode CMap has `ranges` full 0000–FFFF ranges (a 50 KB file for 2,000). */
export function cmapBombPdf(ranges: number): Uint8Array {
  const cmap = ['/CIDInit /ProcSet findresource begin 12 dict begin begincmap', '1 begincodespacerange <0000> <FFFF> endcodespacerange'];
  for (let left = ranges; left > 0; left -= 100) {
    const n = Math.min(100, left);
    cmap.push(`${n} beginbfrange`, ...Array(n).fill('<0000> <FFFF> <0041>'), 'endbfrange');
  }
  cmap.push('endcmap CMapName currentdict /CMap defineresource pop end end');
  const font = FONT.replace(/>>$/, '/ToUnicode 6 0 R>>');
  return onePage(Buffer.from(TEXT, 'latin1'), { font, extra: [{ body: '<<>>', stream: Buffer.from(cmap.join('\n'), 'latin1') }] });
}

/** A page drawing its text after `count` graphics-state saves (`q`), as 500,000 did in the issue. */
export function operatorFloodPdf(count: number): Uint8Array {
  return onePage(Buffer.concat([Buffer.from('q\n'.repeat(count), 'latin1'), Buffer.from(TEXT, 'latin1')]));
}

/** One page listed `times` times in the page tree's /Kids. */
export function pageFloodPdf(times: number): Uint8Array {
  return onePage(Buffer.from(TEXT, 'latin1'), { kids: times });
}

/** A published letter with `count` bytes deleted from its middle (the issue's damaged upload). */
export function damagedLetterPdf(file: string, count = 552): Uint8Array {
  const b = readFileSync(file);
  const mid = b.length >> 1;
  return new Uint8Array(Buffer.concat([b.subarray(0, mid), b.subarray(mid + count)]));
}
