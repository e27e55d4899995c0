/**
 * Parts of the demo campaign written in bulk (seed/demo-campaign.ts, for a fast first start);
 * demo-campaign.integration.test.ts compares each with the services it stands for:
 * - the communes' checklist answers of the trial day: what answerItem writes for each first answer — the answer
 *   row (version 1), its audit entry, the commune's readiness snapshot of today — in one transaction for all
 *   communes, with each commune's snapshot computed once after the last answer (answerItem recomputes it after
 *   each one; today's snapshot is one row that the last computation leaves);
 * - the communes' trial plans, created and marked held: what createTrial then holdTrial write, in one transaction
 *   (without the plan's detail each of them reads back for its caller).
 */
import { inArray } from 'drizzle-orm';
import type { AnswerRequest } from '../../../common/api/campaign-readiness';
import type {
  CreateIncidentRequest,
  CreateLessonRequest,
  CreateTrialRequest,
  ResolveIncidentRequest,
} from '../../../common/api/campaign-trials';
import { insertRows } from '../../db/insert-rows';
import { inTransaction, type WriteContext } from '../../db/transaction';
import { AppError, fieldError, notFound } from '../../http/errors';
import { type AuditedRecord, auditAll } from '../audit/service';
import { todayInVietnam } from '../org/document-format';
import { communes } from '../units/schema';
import { goLiveStatusOf } from './golive';
import { incidentCreated, incidentResolution, newIncidentRow } from './incidents';
import { lessonCreated, newLessonRow } from './lessons';
import { publishedTemplateOf, recordProvinceSnapshots, type TemplateItemRow } from './readiness';
import { answerValues } from './readiness-answers';
import { campaignIncidents, campaignLessons, readinessAnswers, trialPlans } from './schema';
import { newTrialPlan } from './trials';

/** `f` of each item, one after the other (the checks read the database: one query at a time). */
async function inOrder<T, R>(list: readonly T[], f: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (const item of list) out.push(await f(item));
  return out;
}

/** A commune's first answers to items of the province's published checklist, in order, given by `ctx`. */
export interface DemoAnswers {
  ctx: WriteContext;
  communeCode: string;
  answers: readonly { itemKey: string; input: AnswerRequest }[];
}

/** The communes' first answers (in their order) in one transaction; returns how many. */
export async function writeDemoAnswers(ctx: WriteContext, all: readonly DemoAnswers[]): Promise<number> {
  const list = all.filter((a) => a.answers.length);
  if (!list.length) return 0;
  const codes = list.map((a) => a.communeCode);
  // As answerItem: the commune's province (provinceOfCommune, one read for all), its published checklist.
  const provinceOf = new Map(
    (
      await ctx.db
        .select({ code: communes.code, provinceCode: communes.provinceCode })
        .from(communes)
        .where(inArray(communes.code, codes))
    ).map((c) => [c.code, c.provinceCode]),
  );
  const templates = new Map<string, Map<string, TemplateItemRow>>();
  for (const { communeCode, answers } of list) {
    const provinceCode = provinceOf.get(communeCode);
    if (!provinceCode) throw notFound('xã/phường', 'commune', communeCode);
    if (!templates.has(provinceCode))
      templates.set(
        provinceCode,
        new Map((await publishedTemplateOf(ctx.db, provinceCode))?.items.map((i) => [i.itemKey, i])),
      );
    const items = templates.get(provinceCode)!;
    for (const { itemKey, input } of answers) {
      // An item of the published checklist, answered by hand, a blocker not "not applicable".
      const item = items.get(itemKey);
      if (!item || item.autoCheck || input.version !== 0)
        throw fieldError(
          'params.itemKey',
          'Mục "{k}" không trả lời được.',
          'Item "{k}" cannot be answered.',
          {
            k: itemKey,
          },
        );
      if (item.blocker && input.status === 'not_applicable')
        throw fieldError('body.status', 'Mục bắt buộc.', 'A blocker item.', {});
    }
  }
  const lastBy = list.at(-1)!.ctx;
  return inTransaction({ ...lastBy, db: ctx.db }, async (tx, audit) => {
    const live = await goLiveStatusOf(tx, codes);
    if (codes.some((c) => live.get(c)?.status === 'live')) throw new AppError('conflict');
    const now = new Date();
    const rows = list.flatMap(({ ctx: by, communeCode, answers }) =>
      answers.map(({ itemKey, input }) => ({
        by,
        row: {
          communeCode,
          provinceCode: provinceOf.get(communeCode)!,
          itemKey,
          version: 1,
          ...answerValues(input, by.actor.name, now),
        },
      })),
    );
    // A row already there (answered before) makes the insert fail, as a version 0 would be refused.
    await insertRows(
      tx,
      readinessAnswers,
      rows.map((r) => r.row),
    );
    // Today's snapshot of each commune, as the last answerItem leaves it.
    for (const provinceCode of templates.keys())
      await recordProvinceSnapshots(
        tx,
        provinceCode,
        codes.filter((c) => provinceOf.get(c) === provinceCode),
      );
    const records: AuditedRecord[] = rows.map(({ by, row: r }) => ({
      by,
      action: 'campaign.readiness.answer',
      entityType: 'readiness_answer',
      entityId: `${r.communeCode}:${r.itemKey}`,
      communeCode: r.communeCode,
      before: null,
      after: { status: r.status, comment: r.comment, owner: r.owner, dueDate: r.dueDate },
    }));
    await auditAll(tx, audit, records);
    return rows.length;
  });
}

/** A commune's trial plan to be created by `ctx`, then held with `summary`. */
export interface DemoTrial {
  ctx: WriteContext;
  communeCode: string;
  input: CreateTrialRequest;
  summary: string;
}

/**
 * The communes' trial plans as createTrial makes them, then held as holdTrial marks them, in one transaction;
 * their ids, in order.
 */
export async function writeDemoTrials(ctx: WriteContext, list: readonly DemoTrial[]): Promise<string[]> {
  if (!list.length) return [];
  const today = todayInVietnam();
  const plans = await inOrder(list, async (t) => {
    if (t.input.trialDate > today) throw new AppError('conflict');
    return { ...t, values: await newTrialPlan(ctx.db, t.communeCode, t.input, t.ctx.actor.name) };
  });
  await inTransaction({ ...list.at(-1)!.ctx, db: ctx.db }, async (tx, audit) => {
    const now = new Date();
    await insertRows(
      tx,
      trialPlans,
      plans.map(({ values, summary }) => ({
        ...values,
        status: 'held',
        heldAt: now,
        summary,
        version: 2,
        updatedAt: now,
      })),
    );
    const records: AuditedRecord[] = plans.flatMap(({ ctx: by, communeCode, values, summary }) => {
      const created = {
        by,
        action: 'campaign.trial.create',
        entityType: 'trial_plan',
        entityId: values.id,
        communeCode,
      };
      return [
        { ...created, after: values },
        {
          ...created,
          action: 'campaign.trial.hold',
          before: { status: 'planned' },
          after: { status: 'held', heldAt: now.toISOString(), summary },
        },
      ];
    });
    await auditAll(tx, audit, records);
  });
  return plans.map((p) => p.values.id);
}

/** A commune's incident reported by `ctx`, resolved when `resolution` is given. */
export interface DemoIncident {
  ctx: WriteContext;
  communeCode: string;
  input: CreateIncidentRequest;
  reporter: string;
  resolution?: Omit<ResolveIncidentRequest, 'version'>;
}

/**
 * The incidents as createIncident reports them (then resolveIncident resolves them, where a resolution is given),
 * in one transaction; returns how many.
 */
export async function writeDemoIncidents(ctx: WriteContext, list: readonly DemoIncident[]): Promise<number> {
  if (!list.length) return 0;
  const incidents = await inOrder(list, async (i) => {
    const values = await newIncidentRow(ctx.db, i.communeCode, i.input, i.reporter);
    return { by: i.ctx, values, resolved: i.resolution && incidentResolution(values, i.resolution) };
  });
  await inTransaction({ ...list.at(-1)!.ctx, db: ctx.db }, async (tx, audit) => {
    const now = new Date();
    await tx
      .insert(campaignIncidents)
      .values(
        incidents.map(({ values, resolved }) =>
          resolved ? { ...values, ...resolved.set, version: 2, updatedAt: now } : values,
        ),
      );
    await auditAll(
      tx,
      audit,
      incidents.flatMap(({ by, values, resolved }) => [
        { by, ...incidentCreated(values) },
        ...(resolved ? [{ by, ...resolved.entry }] : []),
      ]),
    );
  });
  return list.length;
}

/** A commune's lesson, written by `ctx`. */
export interface DemoLesson {
  ctx: WriteContext;
  communeCode: string;
  input: CreateLessonRequest;
}

/** The lessons as createLesson writes them, in one transaction; returns how many. */
export async function writeDemoLessons(ctx: WriteContext, list: readonly DemoLesson[]): Promise<number> {
  if (!list.length) return 0;
  const lessons = await inOrder(list, async (l) => ({
    by: l.ctx,
    values: await newLessonRow(ctx.db, l.communeCode, l.input, l.ctx.actor.name),
  }));
  await inTransaction({ ...list.at(-1)!.ctx, db: ctx.db }, async (tx, audit) => {
    await insertRows(
      tx,
      campaignLessons,
      lessons.map((l) => l.values),
    );
    await auditAll(
      tx,
      audit,
      lessons.map(({ by, values }) => ({ by, ...lessonCreated(values) })),
    );
  });
  return list.length;
}
