/**
 * The printed queue ticket (phiếu số thứ tự) for an 80 mm thermal printer: the commune, the service group, the
 * number very large, priority when given, the time of issue and the people ahead. Be Vietnam Pro (the web app's
 * face), with every Vietnamese diacritic.
 */
import type { IssuedTicket } from '../../../common/api/tickets';
import { BE_VIETNAM_PRO, MM, newPdf } from '../../pdf-fonts';
import { localDate, localTimeOfDayMs } from '../dossiers/domain/local-time';

/** Paper 80 mm wide (72 mm printable on most thermal heads), as long as a ticket needs. */
const WIDTH = 80 * MM;
const HEIGHT = 110 * MM;
const MARGIN = 4 * MM;

export const PRIORITY_LABELS: Record<string, string> = {
  elderly: 'Ưu tiên: người cao tuổi',
  disabled: 'Ưu tiên: người khuyết tật',
  pregnant: 'Ưu tiên: phụ nữ mang thai',
};

/** 'hh:mm ngày dd/mm/yyyy' in local time. */
export function localStamp(instant: Date): string {
  const [y, m, d] = localDate(instant).split('-');
  const minutes = Math.floor(localTimeOfDayMs(instant) / 60_000);
  const hh = String(Math.floor(minutes / 60)).padStart(2, '0');
  const mm = String(minutes % 60).padStart(2, '0');
  return `${hh}:${mm} ngày ${d}/${m}/${y}`;
}

export async function renderTicketPdf(ticket: IssuedTicket): Promise<Buffer> {
  const { doc, done } = await newPdf(
    {
      size: [WIDTH, HEIGHT],
      margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
      info: { Title: `Số thứ tự ${ticket.number}`, Author: 'XãSố' },
    },
    BE_VIETNAM_PRO,
  );
  const width = WIDTH - 2 * MARGIN;
  const line = (font: 'regular' | 'bold', size: number, value: string, gap = 2) => {
    doc.font(font).fontSize(size).text(value, MARGIN, doc.y, { width, align: 'center' });
    doc.moveDown(gap / size);
  };
  line('bold', 11, `UBND ${ticket.communeName.toUpperCase()}`);
  line('regular', 10, 'Bộ phận Một cửa', 6);
  line('bold', 13, 'SỐ THỨ TỰ', 0);
  line('bold', ticket.number.length > 5 ? 36 : 44, ticket.number, 0);
  line('bold', 13, `${ticket.groupLetter} — ${ticket.groupName}`, 4);
  if (ticket.priorityReason) line('bold', 11, PRIORITY_LABELS[ticket.priorityReason] ?? 'Ưu tiên', 4);
  line('regular', 11, `Số người đang chờ trước bạn: ${ticket.peopleAhead}`);
  line('regular', 10, `Lấy số lúc ${localStamp(new Date(ticket.issuedAt))}`, 6);
  line('regular', 9, 'Vui lòng theo dõi màn hình và loa gọi số. Số chỉ có giá trị trong ngày.');
  doc.end();
  return done;
}
