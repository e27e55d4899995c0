/**
 * The province campaign board as a printable PDF (A4 landscape, Tinos like the other documents): title, the day
 * of the figures and the filters, the table in the board's order with its header repeated on each page, totals.
 */

import type { Board, BoardQuery, BoardRow } from '../../../common/api/campaign-board';
import { MM, newPdf } from '../../pdf-fonts';
import { filtersInWords, goLiveLabel, provinceTitle, SORT_WORDS, vnDate } from './board-export';

const MARGIN = { top: 12 * MM, bottom: 12 * MM, left: 12 * MM, right: 12 * MM };
const PAD = 3;
const FONT_SIZE = 9;

interface Column {
  title: string;
  w: number;
  align?: 'left' | 'center' | 'right';
  cell: (r: BoardRow, i: number) => string;
}

const COLUMNS: Column[] = [
  { title: 'STT', w: 26, align: 'center', cell: (_, i) => String(i + 1) },
  { title: 'Xã, phường', w: 120, cell: (r) => r.name },
  { title: 'Huyện cũ', w: 120, cell: (r) => r.formerDistricts.join('; ') },
  {
    title: 'Sẵn sàng (%)',
    w: 56,
    align: 'right',
    cell: (r) => (r.readiness.percent === null ? '—' : r.readiness.percent.toFixed(1)),
  },
  { title: 'Vướng mắc', w: 50, align: 'right', cell: (r) => String(r.readiness.blockers) },
  {
    title: 'Diễn tập (đã / kế hoạch)',
    w: 84,
    align: 'center',
    cell: (r) =>
      `${r.trials.held} / ${r.trials.planned}${r.trials.next ? `\n${vnDate(r.trials.next)}` : r.trials.lastHeld ? `\n${vnDate(r.trials.lastHeld)}` : ''}`,
  },
  {
    title: 'Sự cố chưa khắc phục (cao)',
    w: 70,
    align: 'center',
    cell: (r) => `${r.incidents.open} (${r.incidents.blocking})`,
  },
  {
    title: 'Kiến nghị chưa đóng (quá hạn)',
    w: 76,
    align: 'center',
    cell: (r) => `${r.recommendations.open} (${r.recommendations.overdue})`,
  },
  {
    title: 'Chỉ đạo chưa xong (quá hạn)',
    w: 70,
    align: 'center',
    cell: (r) => `${r.directives.open} (${r.directives.overdue})`,
  },
  { title: 'Trạng thái vận hành', w: 0, cell: goLiveLabel },
];

export async function boardPdf(board: Board, query: BoardQuery): Promise<Buffer> {
  const { doc, done } = await newPdf({
    size: 'A4',
    layout: 'landscape',
    margins: MARGIN,
    info: { Title: `Tổng hợp vận hành thử nghiệm — ${provinceTitle(board.province.name)}`, Author: 'XãSố' },
  });

  const left = MARGIN.left;
  const width = doc.page.width - MARGIN.left - MARGIN.right;
  const fixed = COLUMNS.reduce((s, c) => s + c.w, 0);
  const cols = COLUMNS.map((c) => ({ ...c, w: c.w || width - fixed }));

  doc
    .font('bold')
    .fontSize(14)
    .text('BẢNG TỔNG HỢP VẬN HÀNH THỬ NGHIỆM CÁC XÃ, PHƯỜNG', left, MARGIN.top, { width, align: 'center' });
  doc
    .font('bold')
    .fontSize(13)
    .text(provinceTitle(board.province.name).toLocaleUpperCase('vi'), { width, align: 'center' });
  doc
    .font('italic')
    .fontSize(11)
    .text(`Số liệu ngày ${vnDate(board.asOf)}`, { width, align: 'center' });
  const filters = filtersInWords(query);
  doc
    .font('regular')
    .fontSize(10)
    .text(
      `${filters.length ? `Bộ lọc: ${filters.join('; ')}. ` : ''}${board.rows.length}/${board.communeCount} xã, phường. Sắp xếp: ${SORT_WORDS[query.sort ?? 'needs_help'].toLocaleLowerCase('vi')}.`,
      { width, align: 'center' },
    );
  doc.moveDown(0.6);

  const STYLE = {
    header: { font: 'bold', fill: '#e8eef7' },
    body: { font: 'regular', fill: null },
    total: { font: 'bold', fill: '#f3f3f3' },
  } as const;
  const drawRow = (cells: string[], kind: keyof typeof STYLE) => {
    const { font, fill } = STYLE[kind];
    doc.font(font).fontSize(FONT_SIZE);
    const h =
      Math.max(...cells.map((text, i) => doc.heightOfString(text || ' ', { width: cols[i]!.w - 2 * PAD }))) +
      2 * PAD;
    if (doc.y + h > doc.page.height - MARGIN.bottom) {
      doc.addPage();
      doc.y = MARGIN.top;
      if (kind !== 'header') header();
      doc.font(font).fontSize(FONT_SIZE);
    }
    const y = doc.y;
    let x = left;
    cells.forEach((text, i) => {
      const c = cols[i]!;
      if (fill) doc.rect(x, y, c.w, h).fillColor(fill).fill().fillColor('black');
      doc.rect(x, y, c.w, h).lineWidth(0.5).strokeColor('#555555').stroke();
      doc.text(text, x + PAD, y + PAD, {
        width: c.w - 2 * PAD,
        align: kind === 'header' ? 'center' : c.align,
      });
      x += c.w;
    });
    doc.x = left;
    doc.y = y + h;
  };
  const header = () =>
    drawRow(
      cols.map((c) => c.title),
      'header',
    );

  header();
  for (const [i, r] of board.rows.entries())
    drawRow(
      cols.map((c) => c.cell(r, i)),
      'body',
    );
  const t = board.totals;
  drawRow(
    [
      '',
      `Tổng cộng: ${t.communes}`,
      '',
      t.averageReadiness === null ? '—' : `TB ${t.averageReadiness.toFixed(1)}`,
      String(t.withBlockers),
      `${t.trialsHeld} / ${t.trialsPlanned}`,
      `${t.openIncidents} (${t.blockingIncidents})`,
      `${t.openRecommendations} (${t.overdueRecommendations})`,
      `${t.openDirectives} (${t.overdueDirectives})`,
      `${t.live} xã vận hành chính thức`,
    ],
    'total',
  );
  if (!board.rows.length) {
    doc.moveDown(0.5);
    doc.font('italic').fontSize(10).text('Không có xã, phường nào theo bộ lọc.', left, doc.y, { width });
  }
  doc.moveDown(0.5);
  doc
    .font('italic')
    .fontSize(9)
    .text(
      'Vướng mắc ở dòng tổng cộng: số xã có vướng mắc. Mức sẵn sàng trung bình tính trên các xã có danh mục sẵn sàng. Số trong ngoặc: sự cố mức cao, nghiêm trọng; kiến nghị, chỉ đạo quá hạn.',
      left,
      doc.y,
      { width },
    );
  doc.end();
  return done;
}
