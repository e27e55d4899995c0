import { describe, expect, it } from 'vitest';
import { loadPdfKit } from './lazy-libraries';
import { pdfText } from './modules/org/pdf-text';
import { newPdf, TINOS } from './pdf-fonts';

const CREATED = new Date('2026-03-02T08:00:00Z');
type Doc = Awaited<ReturnType<typeof newPdf>>['doc'];

function write(doc: Doc, text: string) {
  for (const face of Object.keys(TINOS)) doc.font(face).fontSize(13).text(text);
  doc.end();
}

async function printed(text: string): Promise<Buffer> {
  const { doc, done } = await newPdf({ size: 'A4', info: { CreationDate: CREATED } });
  write(doc, text);
  return done;
}

/** The same document with the faces registered by file path: pdfkit parses them afresh for it. */
async function printedParsedAfresh(text: string): Promise<Buffer> {
  const PDFDocument = await loadPdfKit();
  const doc = new PDFDocument({ size: 'A4', info: { CreationDate: CREATED } });
  for (const [name, file] of Object.entries(TINOS)) doc.registerFont(name, file);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  write(doc, text);
  return done;
}

// Tinos draws the space and the no-break space (U+00A0) with one glyph, and "fi" with the ligature glyph
// that U+FB01 also maps to: a document's ToUnicode map must name the characters that document printed.
const EARLIER = 'Căn cứ Điều\u00a05 và khoản\u00a02; ﬁ';
const LATER = 'Điều 5 khoản 2 về hồ sơ, file đính kèm';

describe('the faces shared by the documents of a process', () => {
  it('copies a document as the text it printed, whatever earlier documents printed', async () => {
    await printed(EARLIER);
    const text = pdfText(await printed(LATER));
    expect(text).toContain(LATER);
    expect(text).not.toContain('\u00a0');
  });

  it('writes the same bytes as faces parsed afresh for the document', async () => {
    for (const text of [EARLIER, LATER, EARLIER]) {
      expect((await printed(text)).equals(await printedParsedAfresh(text))).toBe(true);
    }
  });
});
