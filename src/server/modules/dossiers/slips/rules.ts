/**
 * Legal rules of the slips, pure: which slip fits which state of a dossier, the place-and-date line of the state
 * format (Decree 30/2020/NĐ-CP, appendix I), and the hour of the appointment printed on the receipt.
 */
import type { SlipKind } from '../../../../common/api/dossiers';
import type { IsoDate } from '../../calendar/holidays';
import {
  type DossierActionType,
  type DossierStatus,
  type Label,
  localDate,
  localTimeOfDayMs,
  STATUS_LABELS,
  type TimeLimit,
} from '../domain';

export const SLIP_NAMES: Readonly<Record<SlipKind, Label>> = {
  receipt: { vi: 'giấy tiếp nhận hồ sơ và hẹn trả kết quả', en: 'receipt and appointment slip' },
  refusal: { vi: 'phiếu từ chối tiếp nhận giải quyết hồ sơ', en: 'refusal slip' },
  supplement: { vi: 'phiếu yêu cầu bổ sung, hoàn thiện hồ sơ', en: 'supplement request slip' },
  guidance: { vi: 'phiếu hướng dẫn hoàn thiện hồ sơ', en: 'guidance slip' },
  control: { vi: 'phiếu kiểm soát quá trình giải quyết hồ sơ', en: 'processing-control slip' },
  apology: { vi: 'phiếu xin lỗi và hẹn lại ngày trả kết quả', en: 'apology and new-appointment slip' },
};

/**
 * Whether a slip means something for a dossier in `status` with this history (action types in order):
 * - receipt and control: once the centre has received the dossier (never while it awaits intake, nor when it
 *   was refused or withdrawn before receipt); they stay printable afterwards, as records of the file;
 * - refusal: a dossier refused at intake;
 * - guidance: an online filing the centre has not yet received (what to complete before intake);
 * - supplement: while the processor's request for a supplement is open (its items are printed);
 * - apology: once an apology and new appointment was recorded.
 */
export function slipAllowed(
  kind: SlipKind,
  status: DossierStatus,
  actions: readonly DossierActionType[],
): boolean {
  switch (kind) {
    case 'receipt':
    case 'control':
      return actions.includes('receive') && status !== 'submitted_online' && status !== 'refused';
    case 'refusal':
      return status === 'refused';
    case 'guidance':
      return status === 'submitted_online';
    case 'supplement':
      return status === 'supplement_requested' && actions.includes('request_supplement');
    case 'apology':
      return actions.includes('record_apology');
  }
}

const KINDS: readonly SlipKind[] = ['receipt', 'refusal', 'supplement', 'guidance', 'control', 'apology'];

/** The slips that fit, in the order of the dossier page's buttons. */
export function applicableSlips(
  status: DossierStatus,
  history: readonly { action: { type: DossierActionType } }[],
): SlipKind[] {
  const actions = history.map((h) => h.action.type);
  return KINDS.filter((k) => slipAllowed(k, status, actions));
}

/** The 409 message when a slip does not fit: it names the slip and the dossier's state. */
export function slipConflictText(kind: SlipKind, status: DossierStatus): Label {
  const state = STATUS_LABELS[status];
  return {
    vi: `Không cấp ${SLIP_NAMES[kind].vi} cho hồ sơ ở trạng thái "${state.vi}".`,
    en: `No ${SLIP_NAMES[kind].en} is issued for a dossier in the state "${state.en}".`,
  };
}

/**
 * Units named after a person or an event (Decree 30/2020, appendix I, I.3: such a unit is written with its full
 * name, "Phường Trần Phú"), as found among the 3,321 communes of 2025. A name with a numeral ("Phường Hà Giang 1")
 * is recognised without the list.
 */
export const NAMED_AFTER_PEOPLE_OR_EVENTS: ReadonlySet<string> = new Set([
  'Bà Triệu',
  'Bế Văn Đàn',
  'Chu Văn An',
  'Đồng Khởi',
  'Hai Bà Trưng',
  'Hoàng Hoa Thám',
  'Hoàng Văn Thụ',
  'Hùng Vương',
  'Kim Đồng',
  'Lê Chân',
  'Lê Hồng Phong',
  'Lê Lai',
  'Lê Lợi',
  'Lý Thường Kiệt',
  'Lý Tự Trọng',
  'Ngô Quyền',
  'Nguyễn Bỉnh Khiêm',
  'Nguyễn Du',
  'Nguyễn Huệ',
  'Nguyễn Trãi',
  'Phan Đình Phùng',
  'Phạm Ngũ Lão',
  'Quang Trung',
  'Trần Hưng Đạo',
  'Trần Nhân Tông',
  'Trần Phú',
  'Võ Thị Sáu',
  'Yết Kiêu',
]);

/**
 * The place of the place-and-date line: the commune's name without "Xã"/"Phường"/"Đặc khu" ("Sông Trí"), or
 * its full name when it is named after a person or an event or with a numeral ("Phường Trần Phú").
 */
export function placeName(communeName: string): string {
  const m = communeName.trim().match(/^(Xã|Phường|Đặc khu)\s+(.+)$/u);
  if (!m) return communeName.trim();
  const bare = m[2]!;
  return /\d/.test(bare) || NAMED_AFTER_PEOPLE_OR_EVENTS.has(bare) ? `${m[1]} ${bare}` : bare;
}

/** "Phường Trần Phú, ngày 05 tháng 01 năm 2026": days below 10 and the months 1 and 2 take a leading zero. */
export function placeDateLine(communeName: string, isoDate: string): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  const day = d < 10 ? `0${d}` : String(d);
  const month = m <= 2 ? `0${m}` : String(m);
  return `${placeName(communeName)}, ngày ${day} tháng ${month} năm ${y}`;
}

/** "ngày 05 tháng 03 năm 2026" */
export function longDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `ngày ${d} tháng ${m} năm ${y}`;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** "09 giờ 05 phút, ngày 02/03/2026" for an instant, in Vietnam time. */
export function hourAndDate(at: Date): string {
  const minutes = Math.floor(localTimeOfDayMs(at) / 60_000);
  const [y, m, d] = localDate(at).split('-');
  return `${pad(Math.floor(minutes / 60))} giờ ${pad(minutes % 60)} phút, ngày ${d}/${m}/${y}`;
}

/**
 * Window of the counter within which an appointment falls ([U]: office hours differ by province; 07:30–16:30
 * leaves the last half hour of a 17:00 close for returning results).
 */
export const APPOINTMENT_WINDOW = { from: 7 * 60 + 30, to: 16 * 60 + 30 } as const;

/**
 * The appointment printed on the receipt, with its hour: a limit in working days runs to the same hour of the
 * due date as the receipt (brought within the counter's window); a same-day or hourly limit is due by the end
 * of the window on its due date. "16 giờ 30 phút, ngày 05 tháng 03 năm 2026".
 */
export function appointmentText(limit: TimeLimit, receivedAt: Date, dueDate: IsoDate): string {
  let minutes = APPOINTMENT_WINDOW.to;
  if (limit.kind === 'working_days') {
    const received = Math.floor(localTimeOfDayMs(receivedAt) / 60_000);
    minutes = Math.min(Math.max(received, APPOINTMENT_WINDOW.from), APPOINTMENT_WINDOW.to);
  }
  return `${pad(Math.floor(minutes / 60))} giờ ${pad(minutes % 60)} phút, ${longDate(dueDate)}`;
}
