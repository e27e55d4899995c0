/**
 * Official holiday announcements recorded in docs/domain-vn.md §5, as data. They are seeded into the
 * database (calendar_holiday_ranges / calendar_make_up_days) and are NOT applied automatically by
 * holidaysOfYear(): pass them explicitly (e.g. new WorkingCalendar(KNOWN_ANNOUNCEMENTS)).
 */
import type { YearAdjustments } from './holidays';

export const KNOWN_ANNOUNCEMENTS: Readonly<Record<number, YearAdjustments>> = {
  2024: {
    // 30/4 (Tue) and 1/5 (Wed) stay the computed defaults; Monday 29/4 is bridged.
    holidayRanges: [
      {
        from: '2024-04-29',
        to: '2024-04-29',
        key: 'other',
        name: 'Nghỉ hoán đổi (làm bù thứ Bảy 04/5/2024)',
        note: 'Hoán đổi ngày làm việc năm 2024 theo thông báo của Văn phòng Chính phủ: nghỉ thứ Hai 29/4, làm bù thứ Bảy 4/5.',
      },
    ],
    makeUpWorkingDays: ['2024-05-04'],
  },
  2025: {
    holidayRanges: [
      {
        from: '2025-01-25',
        to: '2025-02-02',
        key: 'tet',
        name: 'Tết Ất Tỵ 2025',
        // [U] domain-vn.md §5: 9 days approved; the exact range and swap are not confirmed in a text we hold.
        note: 'Chưa đối chiếu văn bản: Tết 2025 nghỉ 9 ngày (25/1–2/2/2025), hoán đổi thứ Hai 27/1 với thứ Bảy 8/2. Cần quản trị viên xác nhận.',
      },
    ],
    makeUpWorkingDays: ['2025-02-08'],
  },
  2026: {
    holidayRanges: [
      {
        from: '2026-02-14',
        to: '2026-02-22',
        key: 'tet',
        name: 'Tết Bính Ngọ 2026',
        note: 'Tết 2026 của cán bộ, công chức: từ thứ Bảy 14/2 đến hết Chủ nhật 22/2/2026 (nghỉ theo luật thứ Hai 16/2 – thứ Sáu 20/2, không hoán đổi).',
      },
    ],
    makeUpWorkingDays: [],
  },
};
