/**
 * The province campaign board as an Excel workbook (xuất bảng tổng hợp): the board's columns with Vietnamese
 * headers, the filters applied, in the board's order, a totals row, and a sheet saying what was exported when.
 */

import type { Board, BoardQuery, BoardRow } from '../../../common/api/campaign-board';
import { loadExcel } from '../../lazy-libraries';

/** dd/mm/yyyy of an ISO date (or of an instant's date in Vietnam). */
export const vnDate = (iso: string | null) => {
  if (!iso) return '';
  const day = iso.length > 10 ? new Date(Date.parse(iso) + 7 * 3600_000).toISOString().slice(0, 10) : iso;
  return day.split('-').reverse().join('/');
};

export const goLiveLabel = (r: BoardRow) =>
  r.goLive.status === 'live'
    ? `Vận hành chính thức${r.goLive.liveFrom ? ` từ ${vnDate(r.goLive.liveFrom)}` : ''}`
    : 'Đang chuẩn bị';

/** "Tỉnh Hà Tĩnh", "Thành phố Hà Nội" (the map names provinces without "Tỉnh" and cities with "Thành phố"). */
export const provinceTitle = (name: string) => (/^thành phố /i.test(name) ? name : `Tỉnh ${name}`);

/** The filters in words (the export's subtitle), empty when none. */
export function filtersInWords(q: BoardQuery): string[] {
  const out: string[] = [];
  if (q.district) out.push(`Huyện cũ: ${q.district}`);
  if (q.q) out.push(`Tên có: "${q.q}"`);
  if (q.live) out.push(q.live === 'live' ? 'Đã vận hành chính thức' : 'Đang chuẩn bị');
  if (q.readinessBelow !== undefined) out.push(`Sẵn sàng dưới ${q.readinessBelow}%`);
  const flag = (v: 'true' | 'false' | undefined, yes: string, no: string) => {
    if (v === 'true') out.push(yes);
    else if (v === 'false') out.push(no);
  };
  flag(q.hasBlockers, 'Có vướng mắc', 'Không có vướng mắc');
  flag(q.hasOpenIncidents, 'Có sự cố chưa khắc phục', 'Không có sự cố chưa khắc phục');
  flag(q.hasOverdueRecommendations, 'Có kiến nghị quá hạn', 'Không có kiến nghị quá hạn');
  return out;
}

export const SORT_WORDS = {
  needs_help: 'Xã cần hỗ trợ trước: sự cố mức cao, việc quá hạn, chưa vận hành, vướng mắc, mức sẵn sàng',
  name: 'Theo tên xã, phường',
  readiness_asc: 'Mức sẵn sàng thấp trước',
  readiness_desc: 'Mức sẵn sàng cao trước',
} as const;

const percent = (p: number | null) => (p === null ? '' : p);

export const XLSX_HEADERS = [
  'STT',
  'Xã, phường',
  'Mã',
  'Huyện cũ',
  'Mức sẵn sàng (%)',
  'Hạng mục hoàn thành',
  'Vướng mắc',
  'Diễn tập đã tổ chức',
  'Diễn tập theo kế hoạch',
  'Ngày diễn tập tiếp theo',
  'Ngày diễn tập gần nhất',
  'Sự cố chưa khắc phục',
  'Sự cố mức cao, nghiêm trọng',
  'Kiến nghị: đã gửi',
  'Kiến nghị: đã tiếp nhận',
  'Kiến nghị: đã giao',
  'Kiến nghị: đã trả lời',
  'Kiến nghị: đã đóng',
  'Kiến nghị: mở lại',
  'Kiến nghị quá hạn',
  'Kiến nghị chờ lâu nhất (ngày)',
  'Chỉ đạo chưa hoàn thành',
  'Chỉ đạo quá hạn',
  'Trạng thái vận hành',
] as const;

export async function boardXlsx(board: Board, query: BoardQuery): Promise<Buffer> {
  const { Workbook } = await loadExcel();
  const workbook = new Workbook();
  workbook.creator = 'XãSố';
  const ws = workbook.addWorksheet('Tổng hợp', { views: [{ state: 'frozen', ySplit: 1, xSplit: 2 }] });
  ws.columns = XLSX_HEADERS.map((header, i) => ({
    header,
    width: i === 0 ? 6 : i === 1 ? 28 : i === 3 ? 30 : i === XLSX_HEADERS.length - 1 ? 32 : 14,
  }));
  for (const [i, r] of board.rows.entries()) {
    const s = r.recommendations.byStatus;
    ws.addRow([
      i + 1,
      r.name,
      r.code,
      r.formerDistricts.join('; '),
      percent(r.readiness.percent),
      r.readiness.total ? `${r.readiness.done}/${r.readiness.total}` : '',
      r.readiness.blockers,
      r.trials.held,
      r.trials.planned,
      vnDate(r.trials.next),
      vnDate(r.trials.lastHeld),
      r.incidents.open,
      r.incidents.blocking,
      s.sent,
      s.received,
      s.assigned,
      s.answered,
      s.closed,
      s.reopened,
      r.recommendations.overdue,
      r.recommendations.oldestOpenDays ?? '',
      r.directives.open,
      r.directives.overdue,
      goLiveLabel(r),
    ]);
  }
  const t = board.totals;
  const totals = ws.addRow([
    '',
    `Tổng cộng: ${t.communes} xã, phường`,
    '',
    '',
    percent(t.averageReadiness),
    '',
    board.rows.reduce((s, r) => s + r.readiness.blockers, 0),
    t.trialsHeld,
    t.trialsPlanned,
    '',
    '',
    t.openIncidents,
    t.blockingIncidents,
    ...(['sent', 'received', 'assigned', 'answered', 'closed', 'reopened'] as const).map((k) =>
      board.rows.reduce((s, r) => s + r.recommendations.byStatus[k], 0),
    ),
    t.overdueRecommendations,
    '',
    t.openDirectives,
    t.overdueDirectives,
    `${t.live} xã đã vận hành chính thức`,
  ]);
  totals.font = { bold: true };
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).alignment = { wrapText: true, vertical: 'middle' };

  const info = workbook.addWorksheet('Thông tin');
  info.columns = [{ width: 26 }, { width: 60 }];
  info.addRow(['Tỉnh, thành phố', provinceTitle(board.province.name)]);
  info.addRow(['Số liệu ngày', vnDate(board.asOf)]);
  info.addRow(['Số xã, phường trong bảng', `${board.rows.length}/${board.communeCount}`]);
  info.addRow(['Bộ lọc', filtersInWords(query).join('; ') || 'Không lọc']);
  info.addRow([
    'Sắp xếp',
    'Xã cần hỗ trợ trước: sự cố mức cao, việc quá hạn, chưa vận hành, vướng mắc, mức sẵn sàng',
  ]);
  info.addRow([
    'Mức sẵn sàng trung bình',
    'Trung bình của các xã có danh mục sẵn sàng (xã chưa có danh mục không tính)',
  ]);
  info.getColumn(1).font = { bold: true };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
