/**
 * A work queue as an Excel sheet (xuất danh sách hồ sơ): the same filters and scope as the list, every page up to a
 * bound, with the columns an officer files or forwards (code, applicant, procedure, status and national code,
 * received, due, lateness).
 */

import type { DbOrTx } from '../../db/database';
import { loadExcel } from '../../lazy-libraries';
import type { CommuneScope } from '../auth/permissions';
import { type DossierStatus, localDate, STATUS_LABELS } from './domain';
import { listDossiers, type QueueQuery } from './queues';

/** Rows in one export at most (a commune's busiest queue is far below; a larger one needs narrower filters). */
export const MAX_EXPORT_ROWS = 5_000;
const PAGE = 200;

/** The list's `deadline`: the rule of the overdue and due-soon queues. */
const DEADLINE_LABELS = {
  on_time: 'Trong hạn',
  due_today: 'Đến hạn hôm nay',
  due_soon: 'Sắp đến hạn',
  overdue: 'Quá hạn',
  paused: 'Tạm dừng, chờ công dân',
  none: '',
} as const;

/** dd/mm/yyyy of an ISO date. */
const vnDate = (iso: string) => iso.split('-').reverse().join('/');

export async function exportQueue(
  db: DbOrTx,
  scope: CommuneScope,
  me: string,
  query: Omit<QueueQuery, 'limit' | 'cursor'>,
  now: Date = new Date(),
): Promise<{ xlsx: Buffer; rows: number; truncated: boolean }> {
  const items: Awaited<ReturnType<typeof listDossiers>>['items'] = [];
  let cursor: string | undefined;
  do {
    const page = await listDossiers(db, scope, me, { ...query, limit: PAGE, cursor }, now);
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor && items.length < MAX_EXPORT_ROWS);
  const rows = items.slice(0, MAX_EXPORT_ROWS);

  const { Workbook } = await loadExcel();
  const workbook = new Workbook();
  workbook.creator = 'XãSố';
  const ws = workbook.addWorksheet('Hồ sơ', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = [
    { header: 'Mã hồ sơ', width: 30 },
    { header: 'Người nộp', width: 26 },
    { header: 'Thủ tục', width: 44 },
    { header: 'Trạng thái', width: 30 },
    { header: 'Mã trạng thái', width: 12 },
    { header: 'Xã có thẩm quyền', width: 14 },
    { header: 'Nơi tiếp nhận', width: 14 },
    { header: 'Ngày tiếp nhận', width: 16 },
    { header: 'Hẹn trả kết quả', width: 16 },
    { header: 'Tình trạng hạn', width: 18 },
    // Mock dossiers of a trial day, marked so a sheet never passes them off as official.
    { header: 'Diễn tập', width: 12 },
  ];
  for (const d of rows) {
    const status = d.status as DossierStatus;
    ws.addRow([
      d.code,
      d.applicantName,
      d.procedureName,
      STATUS_LABELS[status].vi,
      d.nationalStatusCode,
      d.communeCode,
      d.receivingCommuneCode,
      vnDate(localDate(new Date(d.receivedAt))),
      d.dueDate ? vnDate(d.dueDate) : '',
      DEADLINE_LABELS[d.deadline],
      d.rehearsal ? (d.archivedAt ? 'DIỄN TẬP (đã lưu trữ)' : 'DIỄN TẬP') : '',
    ]);
  }
  ws.getRow(1).font = { bold: true };
  return {
    xlsx: Buffer.from(await workbook.xlsx.writeBuffer()),
    rows: rows.length,
    truncated: items.length > MAX_EXPORT_ROWS || cursor !== undefined,
  };
}
