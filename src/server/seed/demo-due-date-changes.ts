/**
 * Demo only: one moved appointment per demo commune, so the counter's list "Hồ sơ thay đổi ngày hẹn trả do điều
 * chỉnh lịch nghỉ" has something to show (and every record route has a record to try in the authorisation walk).
 * Real ones come from a calendar change (modules/dossiers/due-date-changes.ts); this one says it is an example and
 * changes no dossier. Idempotent.
 */
import { and, count, desc, eq, isNotNull, isNull } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { inTransaction, type WriteContext } from '../db/transaction';
import { formatIsoDate, parseIsoDate } from '../modules/calendar/lunar';
import { getCalendar } from '../modules/calendar/service';
import { dossierDueDateChanges, dossiers } from '../modules/dossiers/schema';

const DEMO_COMMUNES = ['18100', '18754'];
export const DEMO_DUE_DATE_CAUSE =
  'Dữ liệu mẫu: ví dụ ngày hẹn dời do điều chỉnh lịch nghỉ (không phải thông báo thật)';

export async function seedDemoDueDateChanges(ctx: WriteContext, now: Date = new Date()): Promise<number> {
  const calendar = await getCalendar(ctx.db);
  let created = 0;
  for (const communeCode of DEMO_COMMUNES) {
    const [existing] = await ctx.db
      .select({ n: count() })
      .from(dossierDueDateChanges)
      .where(eq(dossierDueDateChanges.communeCode, communeCode));
    if (existing!.n > 0) continue;
    const [dossier] = await ctx.db
      .select({ id: dossiers.id, code: dossiers.code, dueDate: dossiers.dueDate })
      .from(dossiers)
      .where(
        and(
          eq(dossiers.receivingCommuneCode, communeCode),
          isNull(dossiers.closedAt),
          isNull(dossiers.resolvedAt),
          isNotNull(dossiers.dueDate),
        ),
      )
      .orderBy(desc(dossiers.dueDate), desc(dossiers.id))
      .limit(1);
    if (!dossier?.dueDate) continue;
    // The "old" appointment of the example: the working day before the one in force.
    let previous = parseIsoDate(dossier.dueDate) - 1;
    while (!calendar.isWorkingDay(formatIsoDate(previous))) previous -= 1;
    const id = uuidv7();
    await inTransaction(ctx, async (tx, audit) => {
      await tx.insert(dossierDueDateChanges).values({
        id,
        dossierId: dossier.id,
        communeCode,
        previousDueDate: formatIsoDate(previous),
        newDueDate: dossier.dueDate!,
        cause: DEMO_DUE_DATE_CAUSE,
        detectedAt: now,
      });
      await audit({
        action: 'dossier.due_date_change.demo',
        entityType: 'dossier',
        entityId: dossier.id,
        communeCode,
        after: { changeId: id, cause: DEMO_DUE_DATE_CAUSE },
      });
    });
    created += 1;
  }
  return created;
}
