/**
 * Appointments moved by a change of the working-day calendar (hồ sơ thay đổi ngày hẹn trả do điều chỉnh lịch
 * nghỉ): listed for the one-stop officers until one of them has told the applicant. Shared by server and web.
 */
import { z } from 'zod';
import { IsoDate } from './calendar';

export const DueDateChange = z.object({
  id: z.string().uuid(),
  dossierId: z.string().uuid(),
  dossierCode: z.string(),
  /** The commune whose centre gave the appointment (and calls the applicant). */
  communeCode: z.string(),
  applicantName: z.string(),
  applicantPhone: z.string(),
  /** The appointment the applicant holds, and the new one. */
  previousDueDate: IsoDate,
  newDueDate: IsoDate,
  /** In Vietnamese, e.g. "Nghỉ lễ Quốc khánh 01/09–02/09/2026 ghi nhận ngày 01/12/2026". */
  cause: z.string(),
  detectedAt: z.string(),
  acknowledgedAt: z.string().nullable(),
  acknowledgedBy: z.string().uuid().nullable(),
});
export type DueDateChange = z.infer<typeof DueDateChange>;

export const DueDateChangeQuery = z.object({
  acknowledged: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
});

export const DueDateChangePage = z.object({
  items: z.array(DueDateChange),
  nextCursor: z.string().nullable(),
});
export type DueDateChangePage = z.infer<typeof DueDateChangePage>;
