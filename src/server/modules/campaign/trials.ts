/**
 * Kế hoạch vận hành thử nghiệm: a commune's trial plan (date and half-day, what is rehearsed, the working group,
 * observers from other communes) from planned to held (with the working group's summary) or cancelled. A planned
 * trial may be moved (another day, the afternoon) with a reason; the move is audited and shown on the plan.
 */
import { and, count, desc, eq, gte, lte, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type {
  CancelTrialRequest,
  CreateTrialRequest,
  GroupPerson,
  HalfDay,
  HoldTrialRequest,
  MoveTrialRequest,
  TrialDetail,
  TrialHistoryEntry,
  TrialList,
  TrialScope,
  TrialStatus,
  TrialSummary,
  UpdateTrialRequest,
} from '../../../common/api/campaign-trials';
import type { DbOrTx } from '../../db/database';
import { inTransaction, type WriteContext } from '../../db/transaction';
import { isUuid } from '../../http/auth';
import { AppError, fieldError, notFound, text } from '../../http/errors';
import { rehearsalDossiersOn } from '../dossiers/rehearsal';
import { listMeetings } from '../meetings/service';
import { todayInVietnam } from '../org/document-format';
import { officialFacts } from '../org/officials';
import { findCommuneLocation } from '../units/service';
import {
  assertVersion,
  auditHistory,
  CAMPAIGN_START,
  communeNames,
  iso,
  previousValues,
  provinceOfCommune,
} from './campaign-common';
import { campaignIncidents, campaignLessons, trialPlans } from './schema';

type TrialRow = typeof trialPlans.$inferSelect;

export interface TrialCounts {
  planned: number;
  held: number;
  /** The earliest planned (not held, not cancelled) trial date, yyyy-mm-dd. */
  next: string | null;
  /** The latest held trial date. */
  lastHeld: string | null;
}

/** Per commune of the province (only communes with at least one plan): planned and held trials. */
export async function trialsOf(db: DbOrTx, provinceCode: string): Promise<Map<string, TrialCounts>> {
  const rows = await db
    .select({
      communeCode: trialPlans.communeCode,
      trialDate: trialPlans.trialDate,
      status: trialPlans.status,
    })
    .from(trialPlans)
    .where(eq(trialPlans.provinceCode, provinceCode));
  const out = new Map<string, TrialCounts>();
  for (const r of rows) {
    let c = out.get(r.communeCode);
    if (!c) {
      c = { planned: 0, held: 0, next: null, lastHeld: null };
      out.set(r.communeCode, c);
    }
    if (r.status === 'planned') {
      c.planned += 1;
      if (c.next === null || r.trialDate < c.next) c.next = r.trialDate;
    } else if (r.status === 'held') {
      c.held += 1;
      if (c.lastHeld === null || r.trialDate > c.lastHeld) c.lastHeld = r.trialDate;
    }
  }
  return out;
}

// ——— rules (pure) ———

/** The latest date a trial may be planned for: a year from today. */
export function latestTrialDate(today: string): string {
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() + 1);
  return d.toISOString().slice(0, 10);
}

/** Why a trial date is refused, or null: not before the reform year, not more than a year ahead. */
export function trialDateProblem(date: string, today: string): 'too_early' | 'too_late' | null {
  if (date < CAMPAIGN_START) return 'too_early';
  if (date > latestTrialDate(today)) return 'too_late';
  return null;
}

/** What a trial in a status allows. */
export function trialActions(status: TrialStatus, trialDate: string, today: string) {
  const planned = status === 'planned';
  return { edit: planned, move: planned, cancel: planned, hold: planned && trialDate <= today };
}

// ——— reading ———

export async function communeOfTrial(db: DbOrTx, id: string): Promise<string | null> {
  if (!isUuid(id)) return null;
  const [row] = await db.select({ c: trialPlans.communeCode }).from(trialPlans).where(eq(trialPlans.id, id));
  return row?.c ?? null;
}

export async function getTrialRow(db: DbOrTx, id: string): Promise<TrialRow> {
  const [row] = isUuid(id) ? await db.select().from(trialPlans).where(eq(trialPlans.id, id)) : [];
  if (!row) throw notFound('kế hoạch vận hành thử nghiệm', 'trial plan', id);
  return row;
}

interface StoredGroup {
  leader: GroupPerson;
  members: GroupPerson[];
}
interface StoredObserver {
  communeCode: string;
  name: string | null;
}

function trialOut(r: TrialRow, names: Map<string, string>): TrialSummary {
  const group = r.workingGroup as StoredGroup;
  return {
    id: r.id,
    communeCode: r.communeCode,
    trialDate: r.trialDate,
    halfDay: r.halfDay as HalfDay,
    scope: r.scope as TrialScope,
    workingGroup: { leader: group.leader, members: group.members ?? [] },
    observers: (r.observers as StoredObserver[]).map((o) => ({
      communeCode: o.communeCode,
      communeName: names.get(o.communeCode) ?? o.communeCode,
      name: o.name ?? null,
    })),
    status: r.status as TrialStatus,
    heldAt: iso(r.heldAt),
    summary: r.status === 'held' ? r.summary : null,
    cancelReason: r.status === 'cancelled' ? r.summary : null,
    note: r.note,
    version: r.version,
    createdBy: r.createdBy,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

async function present(db: DbOrTx, rows: TrialRow[]): Promise<TrialSummary[]> {
  const names = await communeNames(
    db,
    rows.flatMap((r) => (r.observers as StoredObserver[]).map((o) => o.communeCode)),
  );
  return rows.map((r) => trialOut(r, names));
}

export async function listTrials(
  db: DbOrTx,
  communeCode: string,
  q: { status?: TrialStatus; from?: string; to?: string },
): Promise<TrialList> {
  if (q.from && q.to && q.to < q.from)
    throw fieldError(
      'query.to',
      'Ngày kết thúc trước ngày bắt đầu.',
      'The end date is before the start date.',
    );
  const rows = await db
    .select()
    .from(trialPlans)
    .where(
      and(
        eq(trialPlans.communeCode, communeCode),
        q.status ? eq(trialPlans.status, q.status) : undefined,
        q.from ? gte(trialPlans.trialDate, q.from) : undefined,
        q.to ? lte(trialPlans.trialDate, q.to) : undefined,
      ),
    )
    .orderBy(desc(trialPlans.trialDate), desc(trialPlans.id))
    .limit(200);
  return { items: await present(db, rows) };
}

function historyOut(e: Awaited<ReturnType<typeof auditHistory>>[number]): TrialHistoryEntry {
  const before = (e.before ?? {}) as Record<string, unknown>;
  const after = (e.after ?? {}) as Record<string, unknown>;
  const slot = (v: Record<string, unknown>) =>
    typeof v.trialDate === 'string' && typeof v.halfDay === 'string'
      ? { trialDate: v.trialDate, halfDay: v.halfDay as HalfDay }
      : null;
  const moved = e.action === 'campaign.trial.move';
  return {
    at: new Date(e.at).toISOString(),
    action: e.action,
    actorName: e.actorName,
    from: moved ? slot(before) : null,
    to: moved ? slot(after) : null,
    reason: typeof after.reason === 'string' ? after.reason : null,
  };
}

/** The plan with what the records show of its day: rehearsal meetings and mock dossiers. */
export async function getTrialDetail(db: DbOrTx, id: string): Promise<TrialDetail> {
  const row = await getTrialRow(db, id);
  const [summary] = await present(db, [row]);
  const names = await communeNames(db, [row.communeCode]);
  const meetings = await listMeetings(db, row.communeCode, {
    from: row.trialDate,
    to: row.trialDate,
    rehearsal: 'true',
    archived: 'true',
    limit: 100,
  });
  const mockDossiers = await rehearsalDossiersOn(db, row.communeCode, row.trialDate);
  const [inc] = await db
    .select({
      total: count(),
      open: sql<number>`count(*) filter (where ${campaignIncidents.status} = 'open')`,
    })
    .from(campaignIncidents)
    .where(eq(campaignIncidents.trialId, id));
  const [les] = await db.select({ n: count() }).from(campaignLessons).where(eq(campaignLessons.trialId, id));
  return {
    ...summary!,
    communeName: names.get(row.communeCode) ?? row.communeCode,
    rehearsed: {
      meetings: meetings.items.map((m) => ({
        id: m.id,
        title: m.title,
        bodyName: m.bodyName,
        kind: m.kind,
        status: m.status,
        startTime: m.startTime,
        archived: m.archived,
      })),
      mockDossiers,
    },
    history: (await auditHistory(db, 'trial_plan', id)).map(historyOut),
    incidents: { open: Number(inc?.open ?? 0), total: Number(inc?.total ?? 0) },
    lessons: Number(les?.n ?? 0),
  };
}

// ——— validation against the records ———

type PersonIn = { officialId?: string | null; name?: string; role?: string | null };

export async function resolveGroup(
  db: DbOrTx,
  communeCode: string,
  group: { leader: PersonIn; members?: PersonIn[] },
): Promise<StoredGroup> {
  const people = [group.leader, ...(group.members ?? [])];
  const facts = await officialFacts(
    db,
    people.map((p) => p.officialId).filter((x): x is string => !!x),
  );
  const resolve = (p: PersonIn, field: string): GroupPerson => {
    if (p.officialId) {
      const f = facts.get(p.officialId);
      if (!f || f.communeCode !== communeCode)
        throw fieldError(
          `${field}.officialId`,
          'Không có cán bộ này trong xã.',
          'No such official in this commune.',
        );
      return { officialId: p.officialId, name: f.fullName, role: p.role ?? null };
    }
    if (!p.name)
      throw fieldError(
        `${field}.name`,
        'Hãy chọn một cán bộ của xã hoặc nhập họ tên.',
        'Pick an official of the commune or type a name.',
      );
    return { officialId: null, name: p.name, role: p.role ?? null };
  };
  const leader = resolve(group.leader, 'body.workingGroup.leader');
  const members = (group.members ?? []).map((m, i) => resolve(m, `body.workingGroup.members.${i}`));
  const seen = new Set<string>(leader.officialId ? [leader.officialId] : []);
  members.forEach((m, i) => {
    if (!m.officialId) return;
    if (seen.has(m.officialId))
      throw fieldError(
        `body.workingGroup.members.${i}.officialId`,
        'Cán bộ này đã có trong tổ công tác.',
        'This official is already in the working group.',
      );
    seen.add(m.officialId);
  });
  return { leader, members };
}

export async function resolveObservers(
  db: DbOrTx,
  communeCode: string,
  provinceCode: string,
  observers: { communeCode: string; name?: string | null }[],
): Promise<StoredObserver[]> {
  const seen = new Set<string>();
  const out: StoredObserver[] = [];
  for (const [i, o] of observers.entries()) {
    const field = `body.observers.${i}.communeCode`;
    if (o.communeCode === communeCode)
      throw fieldError(field, 'Xã quan sát phải là xã khác.', 'An observer must come from another commune.');
    const where = await findCommuneLocation(db, o.communeCode);
    if (!where || where.provinceCode !== provinceCode)
      throw fieldError(
        field,
        'Xã quan sát "{c}" không thuộc tỉnh của xã.',
        'Observer commune "{c}" is not in the same province.',
        { c: o.communeCode },
      );
    if (seen.has(o.communeCode))
      throw fieldError(field, 'Xã "{c}" đã có trong danh sách.', 'Commune "{c}" is listed twice.', {
        c: o.communeCode,
      });
    seen.add(o.communeCode);
    out.push({ communeCode: o.communeCode, name: o.name ?? null });
  }
  return out;
}

export function assertTrialDate(date: string, field: string) {
  const problem = trialDateProblem(date, todayInVietnam());
  if (problem === 'too_early')
    throw fieldError(field, 'Ngày diễn tập phải từ {d} trở đi.', 'The trial date must be {d} or later.', {
      d: CAMPAIGN_START,
    });
  if (problem === 'too_late')
    throw fieldError(
      field,
      'Ngày diễn tập quá xa (quá một năm kể từ hôm nay).',
      'The trial date is too far ahead (more than a year from today).',
    );
}

function assertStatus(row: TrialRow, allowed: TrialStatus[]) {
  if (!allowed.includes(row.status as TrialStatus))
    throw new AppError(
      'conflict',
      text(
        'Kế hoạch đang ở trạng thái "{s}", không thể thực hiện thao tác này.',
        'The plan is "{s}"; this action is not possible.',
        { s: row.status },
      ),
    );
}

// ——— writing ———

/** A new trial plan's row (checked date, working group and observers resolved), as createTrial writes it. */
export async function newTrialPlan(
  db: DbOrTx,
  communeCode: string,
  input: CreateTrialRequest,
  author: string,
) {
  const provinceCode = await provinceOfCommune(db, communeCode);
  assertTrialDate(input.trialDate, 'body.trialDate');
  const workingGroup = await resolveGroup(db, communeCode, input.workingGroup);
  const observers = await resolveObservers(db, communeCode, provinceCode, input.observers ?? []);
  return {
    id: uuidv7(),
    communeCode,
    provinceCode,
    trialDate: input.trialDate,
    halfDay: input.halfDay,
    scope: input.scope,
    workingGroup,
    observers,
    status: 'planned',
    note: input.note ?? null,
    createdBy: author,
  };
}

export async function createTrial(
  ctx: WriteContext,
  communeCode: string,
  input: CreateTrialRequest,
  author = ctx.actor.name,
) {
  const values = await newTrialPlan(ctx.db, communeCode, input, author);
  const { id } = values;
  await inTransaction(ctx, async (tx, audit) => {
    await tx.insert(trialPlans).values(values);
    await audit({
      action: 'campaign.trial.create',
      entityType: 'trial_plan',
      entityId: id,
      communeCode,
      after: values,
    });
  });
  return getTrialDetail(ctx.db, id);
}

export async function updateTrial(ctx: WriteContext, id: string, input: UpdateTrialRequest) {
  const before = await getTrialRow(ctx.db, id);
  assertVersion(before.version, input.version);
  assertStatus(before, ['planned']);
  const set: Partial<TrialRow> = {};
  if (input.scope) set.scope = input.scope;
  if (input.workingGroup)
    set.workingGroup = await resolveGroup(ctx.db, before.communeCode, input.workingGroup);
  if (input.observers)
    set.observers = await resolveObservers(ctx.db, before.communeCode, before.provinceCode, input.observers);
  if (input.note !== undefined) set.note = input.note;
  await inTransaction(ctx, async (tx, audit) => {
    await bump(tx, before, set);
    await audit({
      action: 'campaign.trial.update',
      entityType: 'trial_plan',
      entityId: id,
      communeCode: before.communeCode,
      before: previousValues(before, set),
      after: set,
    });
  });
  return getTrialDetail(ctx.db, id);
}

/** Writes the change if the version is still the one read (else 409), bumping it. */
async function bump(tx: DbOrTx, before: TrialRow, set: Partial<TrialRow>) {
  const rows = await tx
    .update(trialPlans)
    .set({ ...set, version: before.version + 1, updatedAt: new Date() })
    .where(and(eq(trialPlans.id, before.id), eq(trialPlans.version, before.version)))
    .returning({ id: trialPlans.id });
  if (!rows.length) assertVersion(before.version + 1, before.version);
}

export async function moveTrial(ctx: WriteContext, id: string, input: MoveTrialRequest) {
  const before = await getTrialRow(ctx.db, id);
  assertVersion(before.version, input.version);
  assertStatus(before, ['planned']);
  assertTrialDate(input.trialDate, 'body.trialDate');
  if (input.trialDate === before.trialDate && input.halfDay === before.halfDay)
    throw fieldError(
      'body.trialDate',
      'Ngày và buổi mới trùng với kế hoạch hiện tại.',
      'The new day and half-day are the current ones.',
    );
  await inTransaction(ctx, async (tx, audit) => {
    await bump(tx, before, { trialDate: input.trialDate, halfDay: input.halfDay });
    await audit({
      action: 'campaign.trial.move',
      entityType: 'trial_plan',
      entityId: id,
      communeCode: before.communeCode,
      before: { trialDate: before.trialDate, halfDay: before.halfDay },
      after: { trialDate: input.trialDate, halfDay: input.halfDay, reason: input.reason },
    });
  });
  return getTrialDetail(ctx.db, id);
}

export async function holdTrial(ctx: WriteContext, id: string, input: HoldTrialRequest) {
  const before = await getTrialRow(ctx.db, id);
  assertVersion(before.version, input.version);
  assertStatus(before, ['planned']);
  if (before.trialDate > todayInVietnam())
    throw new AppError(
      'conflict',
      text(
        'Chưa đến ngày diễn tập ({d}); chỉ ghi nhận đã tổ chức từ ngày đó.',
        'The trial day ({d}) has not come yet; it can be marked held from that day.',
        { d: before.trialDate },
      ),
    );
  const now = new Date();
  await inTransaction(ctx, async (tx, audit) => {
    await bump(tx, before, { status: 'held', heldAt: now, summary: input.summary });
    await audit({
      action: 'campaign.trial.hold',
      entityType: 'trial_plan',
      entityId: id,
      communeCode: before.communeCode,
      before: { status: before.status },
      after: { status: 'held', heldAt: now.toISOString(), summary: input.summary },
    });
  });
  return getTrialDetail(ctx.db, id);
}

export async function cancelTrial(ctx: WriteContext, id: string, input: CancelTrialRequest) {
  const before = await getTrialRow(ctx.db, id);
  assertVersion(before.version, input.version);
  assertStatus(before, ['planned']);
  await inTransaction(ctx, async (tx, audit) => {
    await bump(tx, before, { status: 'cancelled', summary: input.reason });
    await audit({
      action: 'campaign.trial.cancel',
      entityType: 'trial_plan',
      entityId: id,
      communeCode: before.communeCode,
      before: { status: before.status },
      after: { status: 'cancelled', reason: input.reason },
    });
  });
  return getTrialDetail(ctx.db, id);
}

/** A trial of the commune (an incident or a lesson names it), or 400 naming the field. */
export async function assertTrialOfCommune(
  db: DbOrTx,
  communeCode: string,
  trialId: string | null | undefined,
  field: string,
): Promise<void> {
  if (!trialId) return;
  if ((await communeOfTrial(db, trialId)) !== communeCode)
    throw fieldError(
      field,
      'Không có kế hoạch diễn tập này trong xã.',
      'No such trial plan in this commune.',
    );
}
