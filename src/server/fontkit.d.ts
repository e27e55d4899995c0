/** The part of fontkit (pdfkit's font parser, no bundled types) that pdf-fonts.ts uses. */
declare module 'fontkit' {
  export interface Font {
    /** The table directory: one entry per table of the file. */
    directory: { tables: Record<string, unknown> };
    /** The decoded tables by tag, filled as the lazy table getters are first read. */
    _tables: Record<string, unknown>;
    layout(text: string): unknown;
  }
  export function create(buffer: Uint8Array): Font;
}
