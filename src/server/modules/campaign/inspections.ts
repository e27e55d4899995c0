/**
 * Đoàn kiểm tra of the province: planned with a team and the communes to visit (of the same province only),
 * findings and visit time per commune, then done or cancelled; directives (chỉ đạo) per commune visited become
 * tasks for the commune (directives.ts). Every change in one transaction with its audit entry, versioned.
 */
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { Directive, Inspection, InspectionStatus } from '../../../common/api/campaign-recommendations';
import type { DbOrTx, Tx } from '../../db/database';
import { inTransaction, type WriteContext } from '../../db/transaction';
import { AppError, fieldError, notFound, text } from '../../http/errors';
import { todayInVietnam } from '../org/document-format';
import { communes } from '../units/schema';
import { directiveViews } from './directives';
import { campaignDirectives, campaignInspections, campaignInspectionVisits } from './schema';

const isUuidLike = (s: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);

export async function provinceOfInspection(db: DbOrTx, id: string): Promise<string | null> {
  if (!isUuidLike(id)) return null;
  const [row] = await db
    .select({ p: campaignInspections.provinceCode })
    .from(campaignInspections)
    .where(eq(campaignInspections.id, id));
  return row?.p ?? null;
}

type Row = typeof campaignInspections.$inferSelect;

async function views(db: DbOrTx, rows: Row[], today: string): Promise<Inspection[]> {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const [visits, dirs] = await Promise.all([
    db
      .select({
        inspectionId: campaignInspectionVisits.inspectionId,
        communeCode: campaignInspectionVisits.communeCode,
        communeName: communes.name,
        visitedAt: campaignInspectionVisits.visitedAt,
        findings: campaignInspectionVisits.findings,
      })
      .from(campaignInspectionVisits)
      .leftJoin(communes, eq(communes.code, campaignInspectionVisits.communeCode))
      .where(inArray(campaignInspectionVisits.inspectionId, ids))
      .orderBy(asc(communes.name)),
    db
      .select()
      .from(campaignDirectives)
      .where(inArray(campaignDirectives.inspectionId, ids))
      .orderBy(asc(campaignDirectives.dueDate), asc(campaignDirectives.id)),
  ]);
  const dirViews = await directiveViews(db, dirs, today);
  return rows.map((r) => {
    const directives = dirViews.filter((d) => d.inspectionId === r.id);
    return {
      id: r.id,
      provinceCode: r.provinceCode,
      title: r.title,
      plannedDate: r.plannedDate,
      team: r.team as Inspection['team'],
      status: r.status as InspectionStatus,
      version: r.version,
      visits: visits
        .filter((v) => v.inspectionId === r.id)
        .map((v) => ({
          communeCode: v.communeCode,
          communeName: v.communeName,
          visitedAt: v.visitedAt ? v.visitedAt.toISOString() : null,
          findings: v.findings,
        })),
      directives,
      progress: {
        done: directives.filter((d) => d.status === 'done').length,
        total: directives.length,
        overdue: directives.filter((d) => d.overdue).length,
      },
    };
  });
}

export async function listInspections(db: DbOrTx, provinceCode: string, today = todayInVietnam()) {
  const rows = await db
    .select()
    .from(campaignInspections)
    .where(eq(campaignInspections.provinceCode, provinceCode))
    .orderBy(desc(campaignInspections.plannedDate), desc(campaignInspections.id));
  return views(db, rows, today);
}

export async function getInspection(db: DbOrTx, id: string, today = todayInVietnam()): Promise<Inspection> {
  const [row] = await db.select().from(campaignInspections).where(eq(campaignInspections.id, id));
  if (!row) throw notFound('đoàn kiểm tra', 'inspection', id);
  return (await views(db, [row], today))[0]!;
}

/** The communes must be of the province: a foreign or unknown one is named. */
async function checkCommunes(db: DbOrTx, provinceCode: string, codes: string[], field: string) {
  const unique = [...new Set(codes)];
  const rows = await db
    .select({ code: communes.code })
    .from(communes)
    .where(and(inArray(communes.code, unique), eq(communes.provinceCode, provinceCode)));
  const ok = new Set(rows.map((r) => r.code));
  const bad = codes.findIndex((c) => !ok.has(c));
  if (bad >= 0)
    throw fieldError(
      `${field}.${bad}`,
      'Xã/phường {code} không thuộc tỉnh này.',
      'Commune {code} is not in this province.',
      { code: codes[bad]! },
    );
  return unique;
}

export interface NewInspectionInput {
  title: string;
  plannedDate: string;
  team: { lead: string; members: string[] };
  communeCodes: string[];
}

export async function createInspection(ctx: WriteContext, provinceCode: string, input: NewInspectionInput) {
  const codes = await checkCommunes(ctx.db, provinceCode, input.communeCodes, 'body.communeCodes');
  const id = uuidv7();
  await inTransaction(ctx, async (tx, audit) => {
    const values = {
      id,
      provinceCode,
      title: input.title,
      plannedDate: input.plannedDate,
      team: input.team,
      status: 'planned',
      createdBy: ctx.actor.name,
    };
    await tx.insert(campaignInspections).values(values);
    await tx
      .insert(campaignInspectionVisits)
      .values(codes.map((communeCode) => ({ id: uuidv7(), inspectionId: id, communeCode })));
    await audit({
      action: 'campaign_inspection.create',
      entityType: 'campaign_inspection',
      entityId: id,
      chain: `province:${provinceCode}`,
      after: { ...values, communeCodes: codes },
    });
  });
  return getInspection(ctx.db, id);
}

async function lockInspection(tx: Tx, id: string, version: number) {
  const [row] = await tx
    .select()
    .from(campaignInspections)
    .where(eq(campaignInspections.id, id))
    .for('update');
  if (!row) throw notFound('đoàn kiểm tra', 'inspection', id);
  if (row.version !== version)
    throw new AppError(
      'conflict',
      text(
        'Đoàn kiểm tra vừa được người khác cập nhật (phiên bản {v}); hãy tải lại.',
        'Someone else updated the inspection (version {v}); reload it.',
        { v: row.version },
      ),
    );
  return row;
}

const notPlanned = () =>
  new AppError(
    'conflict',
    text(
      'Đoàn kiểm tra đã kết thúc hoặc đã hủy; không sửa được kế hoạch.',
      'The inspection is done or cancelled; its plan cannot change.',
    ),
  );

export interface InspectionChangeInput {
  version: number;
  title?: string;
  plannedDate?: string;
  team?: { lead: string; members: string[] };
  communeCodes?: string[];
  status?: 'done' | 'cancelled';
}

/**
 * Changes the plan while planned (title, date, team, communes — a commune with findings or directives stays), or
 * ends it: done or cancelled (a cancelled one cannot have directives; done needs at least one visit recorded).
 */
export async function changeInspection(ctx: WriteContext, id: string, input: InspectionChangeInput) {
  const provinceCode = (await provinceOfInspection(ctx.db, id)) ?? '';
  const codes = input.communeCodes
    ? await checkCommunes(ctx.db, provinceCode, input.communeCodes, 'body.communeCodes')
    : null;
  await inTransaction(ctx, async (tx, audit) => {
    const row = await lockInspection(tx, id, input.version);
    if (row.status !== 'planned') throw notPlanned();
    const set: Partial<Row> = {};
    if (input.title !== undefined) set.title = input.title;
    if (input.plannedDate !== undefined) set.plannedDate = input.plannedDate;
    if (input.team !== undefined) set.team = input.team;
    const visits = await tx
      .select()
      .from(campaignInspectionVisits)
      .where(eq(campaignInspectionVisits.inspectionId, id));
    if (codes) {
      const dirs = await tx
        .select({ c: campaignDirectives.communeCode })
        .from(campaignDirectives)
        .where(eq(campaignDirectives.inspectionId, id));
      const keep = new Set(dirs.map((d) => d.c));
      for (const v of visits) if (v.findings || v.visitedAt) keep.add(v.communeCode);
      const dropped = [...keep].find((c) => !codes.includes(c));
      if (dropped)
        throw fieldError(
          'body.communeCodes',
          'Xã/phường {code} đã có kết quả kiểm tra hoặc chỉ đạo; không bỏ được.',
          'Commune {code} already has findings or directives; it cannot be removed.',
          { code: dropped },
        );
      const have = new Set(visits.map((v) => v.communeCode));
      const removed = visits.filter((v) => !codes.includes(v.communeCode)).map((v) => v.id);
      if (removed.length)
        await tx.delete(campaignInspectionVisits).where(inArray(campaignInspectionVisits.id, removed));
      const added = codes.filter((c) => !have.has(c));
      if (added.length)
        await tx
          .insert(campaignInspectionVisits)
          .values(added.map((communeCode) => ({ id: uuidv7(), inspectionId: id, communeCode })));
    }
    if (input.status === 'done' && !visits.some((v) => v.visitedAt || v.findings))
      throw fieldError(
        'body.status',
        'Chưa ghi nhận kết quả kiểm tra ở xã nào.',
        'No visit has findings or a visit time yet.',
      );
    if (input.status === 'cancelled') {
      const [dir] = await tx
        .select({ id: campaignDirectives.id })
        .from(campaignDirectives)
        .where(eq(campaignDirectives.inspectionId, id))
        .limit(1);
      if (dir)
        throw fieldError(
          'body.status',
          'Đoàn kiểm tra đã có chỉ đạo; không hủy được.',
          'The inspection has directives; it cannot be cancelled.',
        );
    }
    if (input.status) set.status = input.status;
    await tx
      .update(campaignInspections)
      .set({ ...set, version: row.version + 1, updatedAt: new Date() })
      .where(eq(campaignInspections.id, id));
    await audit({
      action: input.status ? `campaign_inspection.${input.status}` : 'campaign_inspection.change',
      entityType: 'campaign_inspection',
      entityId: id,
      chain: `province:${row.provinceCode}`,
      before: { title: row.title, plannedDate: row.plannedDate, team: row.team, status: row.status },
      after: { ...set, ...(codes ? { communeCodes: codes } : {}) },
    });
  });
  return getInspection(ctx.db, id);
}

/** Findings and visit time at one commune of the inspection (while planned, or after it is done). */
export async function recordVisit(
  ctx: WriteContext,
  id: string,
  communeCode: string,
  input: { version: number; visitedAt?: string | null; findings?: string | null },
) {
  await inTransaction(ctx, async (tx, audit) => {
    const row = await lockInspection(tx, id, input.version);
    if (row.status === 'cancelled') throw notPlanned();
    const [visit] = await tx
      .select()
      .from(campaignInspectionVisits)
      .where(
        and(
          eq(campaignInspectionVisits.inspectionId, id),
          eq(campaignInspectionVisits.communeCode, communeCode),
        ),
      );
    if (!visit) throw notFound('xã/phường được kiểm tra', 'commune visited', communeCode);
    const set: Partial<typeof campaignInspectionVisits.$inferInsert> = {};
    if (input.visitedAt !== undefined) set.visitedAt = input.visitedAt ? new Date(input.visitedAt) : null;
    if (input.findings !== undefined) set.findings = input.findings || null;
    if (Object.keys(set).length)
      await tx.update(campaignInspectionVisits).set(set).where(eq(campaignInspectionVisits.id, visit.id));
    await tx
      .update(campaignInspections)
      .set({ version: row.version + 1, updatedAt: new Date() })
      .where(eq(campaignInspections.id, id));
    await audit({
      action: 'campaign_inspection.visit',
      entityType: 'campaign_inspection',
      entityId: id,
      communeCode,
      before: { visitedAt: visit.visitedAt, findings: visit.findings },
      after: set,
    });
  });
  return getInspection(ctx.db, id);
}

/** A directive to a commune the inspection visits: a task with a due date. */
export async function addDirective(
  ctx: WriteContext,
  id: string,
  input: { communeCode: string; content: string; dueDate: string },
): Promise<Directive> {
  const directiveId = uuidv7();
  await inTransaction(ctx, async (tx, audit) => {
    const [row] = await tx
      .select()
      .from(campaignInspections)
      .where(eq(campaignInspections.id, id))
      .for('update');
    if (!row) throw notFound('đoàn kiểm tra', 'inspection', id);
    if (row.status === 'cancelled') throw notPlanned();
    const [visit] = await tx
      .select({ id: campaignInspectionVisits.id })
      .from(campaignInspectionVisits)
      .where(
        and(
          eq(campaignInspectionVisits.inspectionId, id),
          eq(campaignInspectionVisits.communeCode, input.communeCode),
        ),
      );
    if (!visit)
      throw fieldError(
        'body.communeCode',
        'Đoàn kiểm tra không đến xã/phường này.',
        'The inspection does not visit this commune.',
      );
    const values = {
      id: directiveId,
      inspectionId: id,
      communeCode: input.communeCode,
      provinceCode: row.provinceCode,
      content: input.content,
      dueDate: input.dueDate,
      status: 'open',
    };
    await tx.insert(campaignDirectives).values(values);
    await audit({
      action: 'campaign_directive.create',
      entityType: 'campaign_directive',
      entityId: directiveId,
      communeCode: input.communeCode,
      after: values,
    });
  });
  const [d] = await ctx.db.select().from(campaignDirectives).where(eq(campaignDirectives.id, directiveId));
  return (await directiveViews(ctx.db, [d!], todayInVietnam()))[0]!;
}
