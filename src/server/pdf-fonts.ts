/**
 * The faces of the printed documents and a new pdfkit document with them registered (every PDF renderer starts
 * here). Imported at start-up by the renderers' routes: pdfkit and fontkit stay behind lazy-libraries.ts.
 *
 * Registered by file path, pdfkit has fontkit read and parse each TTF afresh for every document: ~150 ms of
 * every PDF, nearly all of it decoding the GSUB/GPOS lookups on the first layout. Here each face's bytes are
 * read and its tables decoded once per process, and each document gets its own fontkit font object over those
 * tables, as fontkit's own `getVariation` shares them. Not one font object for all documents: fontkit keeps
 * each glyph object with the code points it was first reached by (`_glyphs`) and pdfkit writes a document's
 * ToUnicode map from them, so after one document printed a no-break space, every later document's plain spaces
 * would be copied and searched as no-break spaces. The decoded tables hold no glyph objects.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Font } from 'fontkit';
import type PDFKit from 'pdfkit';
import { loadFontkit, loadPdfKit } from './lazy-libraries';

const require = createRequire(import.meta.url);

/** Tinos, metric-compatible with Times New Roman: the face of the state format (Decree 30/2020/NĐ-CP). */
export const TINOS = {
  regular: require.resolve('@expo-google-fonts/tinos/400Regular/Tinos_400Regular.ttf'),
  bold: require.resolve('@expo-google-fonts/tinos/700Bold/Tinos_700Bold.ttf'),
  italic: require.resolve('@expo-google-fonts/tinos/400Regular_Italic/Tinos_400Regular_Italic.ttf'),
  boldItalic: require.resolve('@expo-google-fonts/tinos/700Bold_Italic/Tinos_700Bold_Italic.ttf'),
};

/** Be Vietnam Pro, the web app's face (the queue ticket). */
export const BE_VIETNAM_PRO = {
  regular: require.resolve('@expo-google-fonts/be-vietnam-pro/400Regular/BeVietnamPro_400Regular.ttf'),
  bold: require.resolve('@expo-google-fonts/be-vietnam-pro/700Bold/BeVietnamPro_700Bold.ttf'),
};

export const MM = 72 / 25.4;
/** The state format's margins (Decree 30/2020): top and bottom 20 mm, left 30 mm, right 15 mm. */
export const STATE_MARGIN = { top: 20 * MM, bottom: 20 * MM, left: 30 * MM, right: 15 * MM };

interface ParsedFace {
  bytes: Buffer;
  /** Every table of the file, decoded by a font object no document uses. */
  tables: Font['_tables'];
}

/** Font file → its bytes and decoded tables, once per process. */
const parsed = new Map<string, Promise<ParsedFace>>();

function parse(file: string): Promise<ParsedFace> {
  let face = parsed.get(file);
  if (!face) {
    face = Promise.all([readFile(file), loadFontkit()]).then(([bytes, fontkit]) => {
      const font = fontkit.create(bytes);
      // Reading a table's getter decodes it into `_tables`: all of them now, so that the documents' font
      // objects only ever read the shared tables and never decode into them.
      for (const tag of Object.keys(font.directory.tables)) Reflect.get(font, tag);
      return { bytes, tables: font._tables };
    });
    face.catch(() => parsed.delete(file));
    parsed.set(file, face);
  }
  return face;
}

/** A fontkit font object of its own for one document (its own glyph cache) over the face's shared tables. */
async function documentFont(file: string): Promise<Font> {
  const [{ bytes, tables }, fontkit] = await Promise.all([parse(file), loadFontkit()]);
  const font = fontkit.create(bytes);
  font._tables = tables;
  return font;
}

/**
 * A new pdfkit document with `faces` registered under their names (`doc.font('bold')`) and its bytes in `done`
 * once `doc.end()` has been called.
 */
export async function newPdf(options: PDFKit.PDFDocumentOptions, faces: Record<string, string> = TINOS) {
  const [PDFDocument, fonts] = await Promise.all([
    loadPdfKit(),
    Promise.all(Object.entries(faces).map(async ([name, file]) => [name, await documentFont(file)] as const)),
  ]);
  const doc = new PDFDocument(options);
  // pdfkit takes a fontkit font object for a source (it tells one by its `layout` method); its types do not.
  for (const [name, font] of fonts) doc.registerFont(name, font as unknown as Uint8Array);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  return { doc, done };
}
