import { z } from 'zod';

/** A calendar date 'YYYY-MM-DD' that exists (2025-02-30 is refused; so is year 0000, which PostgreSQL has not). */
export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'iso_date' })
  .refine(
    (s) => {
      const d = new Date(`${s}T00:00:00Z`);
      return !Number.isNaN(d.getTime()) && d.getUTCFullYear() >= 1 && d.toISOString().slice(0, 10) === s;
    },
    { message: 'iso_date' },
  );

export const HolidayKey = z.enum([
  'new_year',
  'tet',
  'hung_kings',
  'reunification',
  'labour',
  'national_day',
  'other',
]);
export const LocalizedName = z.object({ vi: z.string(), en: z.string() });

export const DeadlineResponse = z.object({
  from: z.string(),
  days: z.number().int(),
  due: z.string(),
  skipped: z.array(z.object({ date: z.string(), reason: z.string(), name: LocalizedName.optional() })),
});
export type DeadlineResponse = z.infer<typeof DeadlineResponse>;

export const HolidaysResponse = z.object({
  year: z.number().int(),
  daysOff: z.array(
    z.object({
      date: z.string(),
      key: HolidayKey,
      kind: z.enum(['statutory', 'compensatory', 'official']),
      name: LocalizedName,
    }),
  ),
  makeUpWorkingDays: z.array(z.string()),
  announcements: z.object({
    holidayRanges: z.array(
      z.object({
        id: z.string(),
        from: z.string(),
        to: z.string(),
        key: HolidayKey,
        name: z.string(),
        note: z.string().nullable(),
      }),
    ),
    makeUpDays: z.array(z.object({ date: z.string(), note: z.string().nullable() })),
  }),
});
export type HolidaysResponse = z.infer<typeof HolidaysResponse>;
