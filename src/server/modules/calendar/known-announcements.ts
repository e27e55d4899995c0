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
        note:
          '[C] domain-vn.md §5: swap announced by the Government Office (Văn phòng Chính phủ) for 2024 — ' +
          'Mon 29/4 off, Sat 4/5 worked.',
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
        note:
          'unconfirmed [U] — domain-vn.md §5: Tết 2025, 9 days approved; 25/1–2/2/2025 with ' +
          'Mon 27/1 swapped for Sat 8/2 (làm bù).',
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
        note:
          '[C] domain-vn.md §5: Tết 2026 for civil servants Sat 14/2 to Sun 22/2 ' +
          '(statutory Mon 16/2–Fri 20/2, no swap).',
      },
    ],
    makeUpWorkingDays: [],
  },
};
