/**
 * DOCX of a meeting's minutes or document (the `docx` package): the same PrintedDoc as the PDF, Times New Roman
 * 13–14 pt, A4 with Decree 30 margins, the header as a borderless two-column table (issuer and number | national
 * title and place-date), signatures as a second table, page numbers in the footer. The marks (DIỄN TẬP, DỰ THẢO)
 * are in the page header (every page) and at the top of the text.
 */
import type * as Docx from 'docx';
import { loadDocx } from '../../lazy-libraries';
import type { PrintedDoc } from './minutes-model';

const FONT = 'Times New Roman';
/** docx sizes are half-points. */
const pt = (n: number) => Math.round(n * 2);
const MM_TWIP = 1440 / 25.4;

export async function renderPrintedDocx(d: PrintedDoc): Promise<Buffer> {
  // docx loaded on the first document (lazy-libraries: not at every process start).
  const {
    AlignmentType,
    BorderStyle,
    Document,
    Footer,
    Header,
    Packer,
    PageNumber,
    Paragraph,
    Table,
    TableCell,
    TableRow,
    TextRun,
    WidthType,
  } = await loadDocx();
  const NONE = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
  const NO_BORDERS = {
    top: NONE,
    bottom: NONE,
    left: NONE,
    right: NONE,
    insideHorizontal: NONE,
    insideVertical: NONE,
  };

  const line = (
    text: string,
    o: {
      bold?: boolean;
      italics?: boolean;
      size?: number;
      align?: (typeof Docx.AlignmentType)[keyof typeof Docx.AlignmentType];
      indent?: boolean;
      color?: string;
    } = {},
  ) =>
    new Paragraph({
      alignment: o.align ?? AlignmentType.CENTER,
      indent: o.indent ? { firstLine: Math.round(10 * MM_TWIP) } : undefined,
      spacing: { after: 60 },
      children: [
        new TextRun({
          text,
          font: FONT,
          bold: o.bold,
          italics: o.italics,
          size: pt(o.size ?? 13.5),
          color: o.color,
        }),
      ],
    });

  const cell = (children: Docx.Paragraph[], widthPct: number) =>
    new TableCell({ children, width: { size: widthPct, type: WidthType.PERCENTAGE }, borders: NO_BORDERS });

  const header = new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: NO_BORDERS,
    rows: [
      new TableRow({
        children: [
          cell(
            [
              line(d.issuerLines[0], { size: 12.5 }),
              line(d.issuerLines[1], { size: 12.5, bold: true }),
              line(d.numberLine, { size: 13 }),
            ],
            40,
          ),
          cell(
            [
              line(d.nationalLines[0], { size: 12.5, bold: true }),
              ...(d.nationalLines[1] ? [line(d.nationalLines[1], { size: 13.5, bold: true })] : []),
              line(d.placeDate, { size: 13.5, italics: true }),
            ],
            60,
          ),
        ],
      }),
    ],
  });

  const body = d.blocks.map((b) =>
    b.kind === 'heading'
      ? line(b.text, { bold: true, align: AlignmentType.LEFT })
      : b.kind === 'bullet'
        ? new Paragraph({
            alignment: AlignmentType.JUSTIFIED,
            indent: { left: Math.round(10 * MM_TWIP) },
            spacing: { after: 60 },
            children: [new TextRun({ text: `- ${b.text}`, font: FONT, size: pt(13.5) })],
          })
        : line(b.text, {
            italics: b.kind === 'note',
            size: b.kind === 'note' ? 13 : 13.5,
            align: AlignmentType.JUSTIFIED,
            indent: true,
          }),
  );

  const signatureCells = (s: { heading: string; name: string }) => [
    ...s.heading.split('\n').map((h) => line(h.trim(), { bold: true })),
    line(''),
    line(''),
    line(''),
    line(s.name, { bold: true }),
  ];
  const leftCell =
    d.signatures.length >= 2
      ? signatureCells(d.signatures[0]!)
      : d.recipients
        ? [
            line('Nơi nhận:', { bold: true, italics: true, size: 12, align: AlignmentType.LEFT }),
            ...d.recipients.map((r, i) =>
              line(`- ${r}${i === d.recipients!.length - 1 ? '.' : ';'}`, {
                size: 11,
                align: AlignmentType.LEFT,
              }),
            ),
          ]
        : [line('')];
  const rightSig = d.signatures.length >= 2 ? d.signatures[1]! : d.signatures[0];
  const signatures = new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: NO_BORDERS,
    rows: [
      new TableRow({
        children: [cell(leftCell, 45), cell(rightSig ? signatureCells(rightSig) : [line('')], 55)],
      }),
    ],
  });

  const banner = d.marks.join(' — ');
  const marks = banner ? [line(banner, { bold: true, size: 12, color: 'C00000' })] : [];
  const document = new Document({
    creator: 'XãSố',
    title: d.fileTitle,
    styles: { default: { document: { run: { font: FONT, size: pt(13.5) } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: Math.round(210 * MM_TWIP), height: Math.round(297 * MM_TWIP) },
            margin: {
              top: Math.round(20 * MM_TWIP),
              bottom: Math.round(20 * MM_TWIP),
              left: Math.round(30 * MM_TWIP),
              right: Math.round(15 * MM_TWIP),
            },
          },
        },
        headers: banner ? { default: new Header({ children: marks }) } : undefined,
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [
                  new TextRun({
                    font: FONT,
                    size: pt(11),
                    children: ['Trang ', PageNumber.CURRENT, '/', PageNumber.TOTAL_PAGES],
                  }),
                ],
              }),
            ],
          }),
        },
        children: [
          ...marks,
          header,
          line(''),
          line(d.title, { bold: true, size: 14 }),
          ...(d.subtitle ? [line(d.subtitle, { bold: true, size: 14 })] : []),
          line(''),
          ...body,
          line(''),
          signatures,
        ],
      },
    ],
  });
  return Packer.toBuffer(document);
}
