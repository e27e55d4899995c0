/**
 * Text of a PDF written by pdfkit (tests only): inflates the streams, reads each font's ToUnicode map and
 * decodes the hex strings of the text operators, font by font. Not a general PDF parser.
 */
import { inflateSync } from 'node:zlib';

function streamOf(pdf: Buffer, objectBody: string, objectStart: number): Buffer | null {
  const at = objectBody.indexOf('stream');
  if (at < 0) return null;
  let start = objectStart + at + 'stream'.length;
  if (pdf[start] === 0x0d) start += 1;
  if (pdf[start] === 0x0a) start += 1;
  const end = pdf.indexOf('endstream', start);
  const raw = pdf.subarray(start, end);
  try {
    return objectBody.includes('/FlateDecode') ? inflateSync(raw) : raw;
  } catch {
    return null;
  }
}

function parseCMap(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  const hex = (h: string) => Number.parseInt(h, 16);
  const uni = (h: string) => String.fromCodePoint(...(h.match(/.{4}/g) ?? []).map(hex));
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const m of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g))
      map.set(hex(m[1]!), uni(m[2]!));
  }
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const m of block[1]!.matchAll(
      /<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(\[[^\]]*\]|<[0-9a-fA-F]+>)/g,
    )) {
      const from = hex(m[1]!);
      const to = hex(m[2]!);
      if (m[3]!.startsWith('[')) {
        for (const [i, u] of [...m[3]!.matchAll(/<([0-9a-fA-F]+)>/g)].entries())
          map.set(from + i, uni(u[1]!));
      } else {
        const base = hex(m[3]!.slice(1, -1));
        for (let c = from; c <= to; c++) map.set(c, String.fromCodePoint(base + c - from));
      }
    }
  }
  return map;
}

export function pdfText(pdf: Buffer): string {
  const latin = pdf.toString('latin1');
  const objects = new Map<number, { body: string; start: number }>();
  for (const m of latin.matchAll(/(\d+) 0 obj([\s\S]*?)endobj/g))
    objects.set(Number(m[1]), { body: m[2]!, start: m.index! + m[0].indexOf(m[2]!) });
  const cmaps = new Map<number, Map<number, string>>(); // font object → code → text
  for (const [id, o] of objects) {
    const ref = o.body.match(/\/ToUnicode (\d+) 0 R/);
    const target = ref ? objects.get(Number(ref[1])) : undefined;
    const stream = target && streamOf(pdf, target.body, target.start);
    if (stream) cmaps.set(id, parseCMap(stream.toString('latin1')));
  }
  const fontNames = new Map<string, number>();
  for (const m of latin.matchAll(/\/(F\d+) (\d+) 0 R/g)) fontNames.set(m[1]!, Number(m[2]));
  let out = '';
  for (const o of objects.values()) {
    if (o.body.includes('/ToUnicode') || o.body.includes('/Subtype /Image')) continue;
    const content = streamOf(pdf, o.body, o.start)?.toString('latin1');
    if (!content?.includes('BT')) continue;
    let cmap: Map<number, string> | undefined;
    for (const m of content.matchAll(/\/(F\d+) [\d.]+ Tf|\[([^\]]*)\] TJ|<([0-9a-fA-F]*)> Tj|(ET)/g)) {
      if (m[1]) cmap = cmaps.get(fontNames.get(m[1]) ?? -1);
      else if (m[4]) out += '\n';
      else {
        const hexes =
          m[2] !== undefined
            ? [...m[2].matchAll(/<([0-9a-fA-F]*)>\s*(-?[\d.]+)?/g)]
            : [[null, m[3]!, undefined]];
        for (const h of hexes) {
          out += (h[1]!.match(/.{4}/g) ?? []).map((c) => cmap?.get(Number.parseInt(c, 16)) ?? '').join('');
          if (h[2] && Number(h[2]) < -200) out += ' ';
        }
      }
    }
  }
  return out.normalize('NFC');
}
