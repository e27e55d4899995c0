/**
 * The staff queue of feedback as an Excel sheet (xuất danh sách phản ánh): the same filters as the list, every page
 * up to a bound, with the columns an officer files or reports (code, received, channel, category, title, state,
 * deadlines and their standing, assignee, escalation).
 */

import type { FeedbackState, FeedbackSummary } from '../../../common/api/feedback';
import type { FeedbackQueueFilters } from '../../../common/api/feedback-queue';
import type { DbOrTx } from '../../db/database';
import { loadExcel } from '../../lazy-libraries';
import { localDate } from '../dossiers/domain/local-time';
import { allCommuneFeedback, type QueueClock } from './queue';

/** Rows in one export at most (a larger list needs narrower filters). */
export const MAX_FEEDBACK_EXPORT_ROWS = 5_000;

export const FEEDBACK_STATE_LABELS: Record<FeedbackState, string> = {
  received: 'Mới tiếp nhận',
  accepted: 'Đã thụ lý',
  rejected: 'Không thụ lý',
  assigned: 'Đã giao xử lý',
  answer_pending: 'Chờ lãnh đạo duyệt trả lời',
  answered: 'Đã trả lời',
  closed: 'Đã kết thúc',
  reopened: 'Mở lại (người phản ánh chưa hài lòng)',
  split: 'Đã tách thành nhiều phản ánh',
  merged: 'Đã gộp vào phản ánh khác',
  escalated: 'Đã chuyển lên tỉnh',
};

const CHANNEL_LABELS: Record<FeedbackSummary['channel'], string> = {
  web: 'Cổng trực tuyến',
  counter: 'Tại quầy',
  phone: 'Điện thoại',
  open311: 'Open311 (hệ thống khác)',
};

const TIMELINESS_LABELS: Record<FeedbackSummary['timeliness'], string> = {
  on_time: 'Trong hạn',
  due_soon: 'Sắp đến hạn',
  overdue: 'Quá hạn',
  done: '',
};

const ESCALATION_LABELS = ['', 'Đã báo lãnh đạo xã', 'Đã báo lên tỉnh'];

/** dd/mm/yyyy of an ISO date. */
const vnDate = (iso: string) => iso.split('-').reverse().join('/');

export async function exportFeedbackQueue(
  db: DbOrTx,
  commune: { communeCode: string; provinceCode: string },
  me: string | null,
  filters: FeedbackQueueFilters,
  clock: QueueClock = {},
): Promise<{ xlsx: Buffer; rows: number; truncated: boolean }> {
  const { items, truncated } = await allCommuneFeedback(
    db,
    commune,
    me,
    filters,
    MAX_FEEDBACK_EXPORT_ROWS,
    clock,
  );
  const { Workbook } = await loadExcel();
  const workbook = new Workbook();
  workbook.creator = 'XãSố';
  const ws = workbook.addWorksheet('Phản ánh', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = [
    { header: 'Mã phản ánh', width: 26 },
    { header: 'Ngày tiếp nhận', width: 14 },
    { header: 'Kênh', width: 18 },
    { header: 'Lĩnh vực', width: 30 },
    { header: 'Tiêu đề', width: 48 },
    { header: 'Trạng thái', width: 28 },
    { header: 'Hạn phân loại, chuyển', width: 16 },
    { header: 'Hạn trả lời', width: 14 },
    { header: 'Tình trạng hạn', width: 16 },
    { header: 'Người xử lý', width: 26 },
    { header: 'Người phản ánh', width: 24 },
    { header: 'Chuyển cấp', width: 20 },
  ];
  for (const f of items) {
    ws.addRow([
      f.code,
      vnDate(localDate(new Date(f.receivedAt))),
      CHANNEL_LABELS[f.channel],
      f.categoryName,
      f.title,
      FEEDBACK_STATE_LABELS[f.state],
      vnDate(f.transferDueDate),
      f.answerDueDate ? vnDate(f.answerDueDate) : '',
      TIMELINESS_LABELS[f.timeliness],
      f.assigneeName ?? '',
      f.reporterName ?? '',
      ESCALATION_LABELS[f.escalationLevel] ?? '',
    ]);
  }
  ws.getRow(1).font = { bold: true };
  return { xlsx: Buffer.from(await workbook.xlsx.writeBuffer()), rows: items.length, truncated };
}
