/**
 * What a paper's DOCX or ODT may not carry (pure, no I/O): macros and scripts. A DOCX that declares itself
 * macro-enabled is already refused by its detected type (DOCM); this looks at the entries of the ZIP itself, in
 * the central directory (what Word and LibreOffice read) and the local headers, for the parts that hold code:
 * VBA projects (word/vbaProject.bin, vbaData.xml), ActiveX controls, and OpenDocument Basic/ and Scripts/.
 * Names only: nothing is decompressed. PDF and images go through the dossiers' checks (attachment-content.ts).
 */

const CODE_ENTRY = /(^|\/)(vbaProject\.bin|vbaData\.xml)$|(^|\/)activeX\/|^(Basic|Scripts)\//i;

/** The name of the first entry holding code, or null. */
export function officeCodeEntry(bytes: Buffer): string | null {
  const headers = [
    { signature: 0x02014b50, nameLength: 28, name: 46 }, // central directory
    { signature: 0x04034b50, nameLength: 26, name: 30 }, // local file header
  ];
  for (let i = bytes.indexOf('PK'); i >= 0 && i + 30 <= bytes.length; i = bytes.indexOf('PK', i + 2)) {
    const signature = bytes.readUInt32LE(i);
    const h = headers.find((x) => x.signature === signature);
    if (!h || i + h.name > bytes.length) continue;
    const length = bytes.readUInt16LE(i + h.nameLength);
    const name = bytes.toString('utf8', i + h.name, Math.min(bytes.length, i + h.name + length));
    if (CODE_ENTRY.test(name)) return name;
  }
  return null;
}
