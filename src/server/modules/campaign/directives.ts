/**
 * Chỉ đạo of an inspection to a commune: a task with a due date. The commune's leader reports it done with a
 * note; an open one past its due date is overdue.
 */
import { and, asc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Directive } from '../../../common/api/campaign-recommendations';
import type { DbOrTx } from '../../db/database';
import { inTransaction, type WriteContext } from '../../db/transaction';
import { AppError, notFound, text } from '../../http/errors';
import { todayInVietnam } from '../org/document-format';
import { communes } from '../units/schema';
import { campaignDirectives, campaignInspections } from './schema';

type Row = typeof campaignDirectives.$inferSelect;

const isUuidLike = (s: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);

/** Open and past its due date. */
export const isDirectiveOverdue = (d: { status: string; dueDate: string }, today: string) =>
  d.status === 'open' && today > d.dueDate;

export async function communeOfDirective(db: DbOrTx, id: string): Promise<string | null> {
  if (!isUuidLike(id)) return null;
  const [row] = await db
    .select({ c: campaignDirectives.communeCode })
    .from(campaignDirectives)
    .where(eq(campaignDirectives.id, id));
  return row?.c ?? null;
}

export async function directiveViews(db: DbOrTx, rows: Row[], today: string): Promise<Directive[]> {
  if (!rows.length) return [];
  const inspectionIds = [...new Set(rows.map((r) => r.inspectionId))];
  const communeCodes = [...new Set(rows.map((r) => r.communeCode))];
  const [ins, cs] = await Promise.all([
    db
      .select({ id: campaignInspections.id, title: campaignInspections.title })
      .from(campaignInspections)
      .where(inArray(campaignInspections.id, inspectionIds)),
    db
      .select({ code: communes.code, name: communes.name })
      .from(communes)
      .where(inArray(communes.code, communeCodes)),
  ]);
  const title = new Map(ins.map((i) => [i.id, i.title]));
  const name = new Map(cs.map((c) => [c.code, c.name]));
  return rows.map((r) => ({
    id: r.id,
    inspectionId: r.inspectionId,
    inspectionTitle: title.get(r.inspectionId) ?? '',
    communeCode: r.communeCode,
    communeName: name.get(r.communeCode) ?? null,
    provinceCode: r.provinceCode,
    content: r.content,
    dueDate: r.dueDate,
    status: r.status as Directive['status'],
    doneAt: r.doneAt ? r.doneAt.toISOString() : null,
    doneNote: r.doneNote,
    overdue: isDirectiveOverdue(r, today),
    version: r.version,
  }));
}

/** A commune's directives: open ones first by due date, then done ones. */
export async function listCommuneDirectives(
  db: DbOrTx,
  communeCode: string,
  q: { status?: 'open' | 'done'; overdue?: boolean } = {},
  today = todayInVietnam(),
): Promise<Directive[]> {
  const d = campaignDirectives;
  const where: SQL[] = [eq(d.communeCode, communeCode)];
  if (q.status) where.push(eq(d.status, q.status));
  if (q.overdue === true) where.push(sql`${d.status} = 'open' and ${d.dueDate} < ${today}::date`);
  if (q.overdue === false) where.push(sql`not (${d.status} = 'open' and ${d.dueDate} < ${today}::date)`);
  const rows = await db
    .select()
    .from(d)
    .where(and(...where))
    .orderBy(sql`case when ${d.status} = 'open' then 0 else 1 end`, asc(d.dueDate), asc(d.id));
  return directiveViews(db, rows, today);
}

export async function getDirective(db: DbOrTx, id: string, today = todayInVietnam()): Promise<Directive> {
  const [row] = await db.select().from(campaignDirectives).where(eq(campaignDirectives.id, id));
  if (!row) throw notFound('chỉ đạo', 'directive', id);
  return (await directiveViews(db, [row], today))[0]!;
}

/** The commune's leader reports the directive done, with a note of what was done. */
export async function markDirectiveDone(
  ctx: WriteContext,
  id: string,
  input: { version: number; note: string },
  now = new Date(),
): Promise<Directive> {
  await inTransaction(ctx, async (tx, audit) => {
    const [row] = await tx
      .select()
      .from(campaignDirectives)
      .where(eq(campaignDirectives.id, id))
      .for('update');
    if (!row) throw notFound('chỉ đạo', 'directive', id);
    if (row.version !== input.version)
      throw new AppError(
        'conflict',
        text(
          'Chỉ đạo vừa được người khác cập nhật (phiên bản {v}); hãy tải lại.',
          'Someone else updated the directive (version {v}); reload it.',
          { v: row.version },
        ),
      );
    if (row.status === 'done')
      throw new AppError(
        'conflict',
        text('Chỉ đạo đã được báo cáo hoàn thành.', 'The directive is already done.'),
      );
    await tx
      .update(campaignDirectives)
      .set({ status: 'done', doneAt: now, doneNote: input.note, version: row.version + 1, updatedAt: now })
      .where(eq(campaignDirectives.id, id));
    await audit({
      action: 'campaign_directive.done',
      entityType: 'campaign_directive',
      entityId: id,
      communeCode: row.communeCode,
      before: { status: row.status },
      after: { status: 'done', doneNote: input.note },
    });
  });
  return getDirective(ctx.db, id);
}
