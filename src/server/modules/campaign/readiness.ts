/**
 * A commune's readiness from the records: the province's published checklist, the commune's answers (by item key,
 * across versions), the checks XãSố makes itself, and the open blocking incidents; the rule is readiness-rules.ts.
 * readinessOfCommunes is what the province's board reads; recordReadinessSnapshot keeps the day's figure for the
 * chart over time (called after every write that may change it, and at cutover).
 */
import { and, asc, count, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/database';
import { rehearsalsHeldOf } from '../meetings/service';
import { todayInVietnam } from '../org/document-format';
import { positionsFilledOf } from '../org/positions-filled';
import { procedures } from '../procedures/schema';
import { communes } from '../units/schema';
import {
  type AnswerStatus,
  type AutoCheck,
  type AutoResult,
  type BlockingIncident,
  computeReadiness,
  type Readiness,
  type RuleItem,
} from './readiness-rules';
import {
  campaignIncidents,
  readinessAnswers,
  readinessSnapshots,
  readinessTemplateItems,
  readinessTemplates,
} from './schema';

export type TemplateRow = typeof readinessTemplates.$inferSelect;
export type TemplateItemRow = typeof readinessTemplateItems.$inferSelect;

/** The province's published checklist (its current version), or null when none is published yet. */
export async function publishedTemplateOf(
  db: DbOrTx,
  provinceCode: string,
): Promise<{ template: TemplateRow; items: TemplateItemRow[] } | null> {
  const [template] = await db
    .select()
    .from(readinessTemplates)
    .where(and(eq(readinessTemplates.provinceCode, provinceCode), eq(readinessTemplates.status, 'published')))
    .limit(1);
  if (!template) return null;
  const items = await db
    .select()
    .from(readinessTemplateItems)
    .where(eq(readinessTemplateItems.templateId, template.id))
    .orderBy(asc(readinessTemplateItems.sortOrder), asc(readinessTemplateItems.itemKey));
  return { template, items };
}

export const ruleItem = (i: TemplateItemRow): RuleItem => ({
  itemKey: i.itemKey,
  title: i.title,
  weight: i.weight,
  blocker: i.blocker,
  autoCheck: (i.autoCheck as AutoCheck | null) ?? null,
});

/**
 * The checks XãSố makes from the records, per commune (only those the checklist asks for are computed):
 * - positions_filled: the People module (org/positions-filled.ts): every body that needs holders has one today;
 * - catalogue_published: the procedure catalogue the commune's citizens see (shared by all communes: the
 *   procedures module keeps one catalogue, its "published" procedures are the active ones) holds at least one;
 * - rehearsal_held: the Meetings module: at least one rehearsal meeting of the commune was held to its close.
 */
export async function autoChecksOf(
  db: DbOrTx,
  communeCodes: readonly string[],
  wanted: ReadonlySet<AutoCheck>,
  today = todayInVietnam(),
): Promise<Map<string, Partial<Record<AutoCheck, AutoResult>>>> {
  const out = new Map<string, Partial<Record<AutoCheck, AutoResult>>>();
  for (const c of communeCodes) out.set(c, {});
  if (communeCodes.length === 0 || wanted.size === 0) return out;
  if (wanted.has('positions_filled')) {
    const filled = await positionsFilledOf(db, communeCodes, today);
    for (const [code, f] of filled) {
      const detail = !f.activated
        ? 'Chưa kích hoạt bộ máy tổ chức của xã'
        : f.bodies === 0
          ? 'Chưa có cơ quan nào cần bố trí cán bộ'
          : f.filled
            ? `Đủ cán bộ ở ${f.bodies}/${f.bodies} cơ quan, tổ chức`
            : `Còn ${f.emptyBodies.length}/${f.bodies} cơ quan chưa có người: ${f.emptyBodies.slice(0, 5).join('; ')}${f.emptyBodies.length > 5 ? '…' : ''}`;
      out.get(code)!.positions_filled = { ok: f.filled, detail };
    }
  }
  if (wanted.has('catalogue_published')) {
    const [row] = await db.select({ n: count() }).from(procedures).where(eq(procedures.status, 'active'));
    const n = Number(row?.n ?? 0);
    const result: AutoResult = {
      ok: n > 0,
      detail: n > 0 ? `Đã công bố ${n} thủ tục hành chính` : 'Chưa công bố thủ tục hành chính nào',
    };
    for (const c of communeCodes) out.get(c)!.catalogue_published = result;
  }
  if (wanted.has('rehearsal_held')) {
    const held = await rehearsalsHeldOf(db, communeCodes);
    for (const c of communeCodes) {
      const h = held.get(c);
      out.get(c)!.rehearsal_held = h
        ? {
            ok: true,
            detail: `Đã tổ chức ${h.held} phiên họp diễn tập (gần nhất ${h.lastDate ? h.lastDate.split('-').reverse().join('/') : ''})`,
          }
        : { ok: false, detail: 'Chưa có phiên họp diễn tập nào được tổ chức xong' };
    }
  }
  return out;
}

/** Open incidents of high or critical severity, per commune (they block go-live). */
export async function blockingIncidentsOf(
  db: DbOrTx,
  communeCodes: readonly string[],
): Promise<Map<string, BlockingIncident[]>> {
  const out = new Map<string, BlockingIncident[]>();
  if (communeCodes.length === 0) return out;
  const rows = await db
    .select({
      id: campaignIncidents.id,
      communeCode: campaignIncidents.communeCode,
      title: campaignIncidents.title,
      severity: campaignIncidents.severity,
    })
    .from(campaignIncidents)
    .where(
      and(
        inArray(campaignIncidents.communeCode, [...communeCodes]),
        eq(campaignIncidents.status, 'open'),
        inArray(campaignIncidents.severity, ['high', 'critical']),
      ),
    )
    .orderBy(asc(campaignIncidents.occurredAt), asc(campaignIncidents.id));
  for (const r of rows) out.set(r.communeCode, [...(out.get(r.communeCode) ?? []), r]);
  return out;
}

async function answersOf(db: DbOrTx, communeCodes: readonly string[]) {
  const out = new Map<string, Map<string, AnswerStatus>>();
  if (communeCodes.length === 0) return out;
  const rows = await db
    .select({
      communeCode: readinessAnswers.communeCode,
      itemKey: readinessAnswers.itemKey,
      status: readinessAnswers.status,
    })
    .from(readinessAnswers)
    .where(inArray(readinessAnswers.communeCode, [...communeCodes]));
  for (const r of rows) {
    const m = out.get(r.communeCode) ?? new Map<string, AnswerStatus>();
    m.set(r.itemKey, r.status as AnswerStatus);
    out.set(r.communeCode, m);
  }
  return out;
}

/**
 * Readiness of the province's communes (all of them, or those named — others' communes are ignored), by the
 * province's published checklist: { percent, done, total, blockers } per commune code.
 */
export async function readinessOfCommunes(
  db: DbOrTx,
  provinceCode: string,
  communeCodes?: string[],
): Promise<Map<string, Readiness>> {
  const rows = await db
    .select({ code: communes.code })
    .from(communes)
    .where(
      and(
        eq(communes.provinceCode, provinceCode),
        communeCodes ? inArray(communes.code, communeCodes.length ? communeCodes : ['']) : undefined,
      ),
    )
    .orderBy(asc(communes.code));
  const codes = rows.map((r) => r.code);
  const out = new Map<string, Readiness>();
  if (codes.length === 0) return out;
  const published = await publishedTemplateOf(db, provinceCode);
  const items = (published?.items ?? []).map(ruleItem);
  const wanted = new Set(items.flatMap((i) => (i.autoCheck ? [i.autoCheck] : [])));
  const [auto, incidents, answers] = await Promise.all([
    autoChecksOf(db, codes, wanted),
    blockingIncidentsOf(db, codes),
    answersOf(db, codes),
  ]);
  for (const code of codes)
    out.set(
      code,
      computeReadiness(
        items,
        answers.get(code) ?? new Map(),
        auto.get(code) ?? {},
        incidents.get(code) ?? [],
      ),
    );
  return out;
}

/**
 * Keeps today's readiness of the commune (the last computation of the day) for the chart over time. In the
 * caller's transaction; any module whose write may change a commune's readiness may call it.
 */
export async function recordReadinessSnapshot(tx: DbOrTx, communeCode: string): Promise<Readiness | null> {
  const [commune] = await tx
    .select({ provinceCode: communes.provinceCode })
    .from(communes)
    .where(eq(communes.code, communeCode));
  if (!commune) return null;
  const readiness = (await readinessOfCommunes(tx, commune.provinceCode, [communeCode])).get(communeCode);
  if (!readiness) return null;
  const now = new Date();
  const values = {
    communeCode,
    provinceCode: commune.provinceCode,
    day: todayInVietnam(now),
    percent: readiness.percent.toFixed(1),
    blockers: readiness.blockers.length,
    computedAt: now,
  };
  await tx
    .insert(readinessSnapshots)
    .values(values)
    .onConflictDoUpdate({
      target: [readinessSnapshots.communeCode, readinessSnapshots.day],
      set: { percent: values.percent, blockers: values.blockers, computedAt: now },
    });
  return readiness;
}

/**
 * Snapshots of every commune of the province (after the province publishes a new checklist version), or of the
 * communes given (the demo's bulk answers: what recordReadinessSnapshot records for each, at once).
 */
export async function recordProvinceSnapshots(
  tx: DbOrTx,
  provinceCode: string,
  communeCodes?: string[],
): Promise<number> {
  const all = await readinessOfCommunes(tx, provinceCode, communeCodes);
  const now = new Date();
  const day = todayInVietnam(now);
  const values = [...all].map(([communeCode, r]) => ({
    communeCode,
    provinceCode,
    day,
    percent: r.percent.toFixed(1),
    blockers: r.blockers.length,
    computedAt: now,
  }));
  if (values.length === 0) return 0;
  await tx
    .insert(readinessSnapshots)
    .values(values)
    .onConflictDoUpdate({
      target: [readinessSnapshots.communeCode, readinessSnapshots.day],
      set: {
        percent: sql`excluded.percent`,
        blockers: sql`excluded.blockers`,
        computedAt: sql`excluded.computed_at`,
      },
    });
  return values.length;
}
