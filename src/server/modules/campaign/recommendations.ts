/**
 * Kiến nghị lên tỉnh: a commune's leader sends one; the province receives it, assigns it to a department (and
 * optionally a handler's account), the handler or the province answers; the commune closes or reopens it. Every
 * step appends an action row and an audit entry in one transaction, under optimistic locking (`version`).
 * The rules are in recommendation-rules.ts; deadlines are in working days on the calendar.
 */
import { and, asc, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type {
  Recommendation,
  RecommendationActionRow,
  RecommendationDetail,
} from '../../../common/api/campaign-recommendations';
import { canWithRestriction, type Permission } from '../../../common/permissions';
import type { DbOrTx, Tx } from '../../db/database';
import { inTransaction, type WriteContext } from '../../db/transaction';
import { AppError, fieldError, notFound, text } from '../../http/errors';
import { accounts, roleGrants } from '../auth/schema';
import type { Principal } from '../auth/service';
import { getCalendar } from '../calendar/service';
import { enqueueNotification } from '../notifications/outbox';
import { todayInVietnam } from '../org/document-format';
import { orgOfficials } from '../org/schema';
import { communes } from '../units/schema';
import {
  allowedActions,
  answerDueOf,
  currentDue,
  DEFAULT_DEADLINES,
  type DeadlineSettings,
  isOverdue,
  OPEN_STATUSES,
  RECOMMENDATION_STATUSES,
  type RecommendationAction,
  type RecommendationActor,
  type RecommendationActorKind,
  type RecommendationOutcome,
  type RecommendationStatus,
  receiveDueOf,
  transition,
} from './recommendation-rules';
import { evidenceView } from './recommendations-evidence';
import {
  campaignRecommendationActions,
  campaignRecommendations,
  campaignSettings,
  trialPlans,
} from './schema';

type Row = typeof campaignRecommendations.$inferSelect;

/**
 * The province's deadlines for recommendations (campaign_settings, else the defaults). Kept here, small, so the
 * workflow does not wait on the settings module; campaign/settings.ts holds the same defaults.
 */
export async function recommendationDeadlines(db: DbOrTx, provinceCode: string): Promise<DeadlineSettings> {
  const [row] = await db
    .select({
      receiveDays: campaignSettings.receiveDays,
      answerDays: campaignSettings.answerDays,
      urgentAnswerDays: campaignSettings.urgentAnswerDays,
    })
    .from(campaignSettings)
    .where(eq(campaignSettings.provinceCode, provinceCode));
  return row ?? DEFAULT_DEADLINES;
}

// --- Who the caller is, for a recommendation of a commune in a province ---

function canInProvince(p: Principal, provinceCode: string, permission: Permission): boolean {
  if (p.restriction?.communeCode) return false;
  return canWithRestriction(
    p.grants.filter((g) => !g.communeCode),
    p.restriction,
    permission,
    { communeCode: '', provinceCode },
  );
}

/** The parts the caller plays for records of this commune: commune leader, province officer, handler. */
export function viewerKinds(
  p: Principal,
  communeCode: string,
  provinceCode: string,
): RecommendationActorKind[] {
  const kinds: RecommendationActorKind[] = [];
  if (canWithRestriction(p.grants, p.restriction, 'campaign.manage', { communeCode, provinceCode }))
    kinds.push('commune');
  if (canInProvince(p, provinceCode, 'campaign.province')) kinds.push('province');
  else if (canInProvince(p, provinceCode, 'campaign.answer')) kinds.push('handler');
  return kinds;
}

/** A handler only (no province officer's right): sees only what is assigned to their account. */
export function isHandlerOnly(p: Principal, provinceCode: string): boolean {
  return (
    !canInProvince(p, provinceCode, 'campaign.province') && canInProvince(p, provinceCode, 'campaign.answer')
  );
}

export async function communeOfRecommendation(db: DbOrTx, id: string): Promise<string | null> {
  if (!isUuidLike(id)) return null;
  const [row] = await db
    .select({ c: campaignRecommendations.communeCode })
    .from(campaignRecommendations)
    .where(eq(campaignRecommendations.id, id));
  return row?.c ?? null;
}

export async function provinceOfRecommendation(db: DbOrTx, id: string): Promise<string | null> {
  if (!isUuidLike(id)) return null;
  const [row] = await db
    .select({ p: campaignRecommendations.provinceCode })
    .from(campaignRecommendations)
    .where(eq(campaignRecommendations.id, id));
  return row?.p ?? null;
}

const isUuidLike = (s: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);

// --- Views ---

const iso = (d: Date | null) => (d ? d.toISOString() : null);

async function namesOf(db: DbOrTx, rows: Row[]) {
  const communeCodes = [...new Set(rows.map((r) => r.communeCode))];
  const accountIds = [...new Set(rows.flatMap((r) => (r.assigneeAccountId ? [r.assigneeAccountId] : [])))];
  const [cs, as] = await Promise.all([
    communeCodes.length
      ? db
          .select({ code: communes.code, name: communes.name })
          .from(communes)
          .where(inArray(communes.code, communeCodes))
      : [],
    accountIds.length
      ? db
          .select({ id: accounts.id, name: accounts.displayName })
          .from(accounts)
          .where(inArray(accounts.id, accountIds))
      : [],
  ]);
  return {
    commune: new Map(cs.map((c) => [c.code, c.name])),
    account: new Map(as.map((a) => [a.id, a.name])),
  };
}

function toView(
  r: Row,
  names: Awaited<ReturnType<typeof namesOf>>,
  viewer: Principal | null,
  today: string,
): Recommendation {
  const status = r.status as RecommendationStatus;
  const state = { status, assigneeAccountId: r.assigneeAccountId };
  const allowed = new Set<Exclude<RecommendationAction, 'send'>>();
  if (viewer) {
    for (const kind of viewerKinds(viewer, r.communeCode, r.provinceCode))
      for (const a of allowedActions(state, { kind, accountId: viewer.accountId })) allowed.add(a);
  }
  const dueInput = { status, receiveDue: r.receiveDue, answerDue: r.answerDue };
  return {
    id: r.id,
    communeCode: r.communeCode,
    communeName: names.commune.get(r.communeCode) ?? null,
    provinceCode: r.provinceCode,
    trialId: r.trialId,
    category: r.category as Recommendation['category'],
    title: r.title,
    content: r.content,
    urgency: r.urgency as Recommendation['urgency'],
    evidence: evidenceView(r.evidence),
    status,
    department: r.department,
    assigneeAccountId: r.assigneeAccountId,
    assigneeName: r.assigneeAccountId ? (names.account.get(r.assigneeAccountId) ?? null) : null,
    outcome: r.outcome as RecommendationOutcome | null,
    answer: r.answer,
    sentAt: r.sentAt.toISOString(),
    receiveDue: r.receiveDue,
    receivedAt: iso(r.receivedAt),
    answerDue: r.answerDue,
    answeredAt: iso(r.answeredAt),
    closedAt: iso(r.closedAt),
    currentDue: currentDue(dueInput),
    overdue: isOverdue(dueInput, today),
    version: r.version,
    allowed: [...allowed],
  };
}

async function toViews(db: DbOrTx, rows: Row[], viewer: Principal | null, today: string) {
  const names = await namesOf(db, rows);
  return rows.map((r) => toView(r, names, viewer, today));
}

export interface RecommendationQuery {
  status?: RecommendationStatus;
  category?: string;
  commune?: string;
  overdue?: boolean;
  mine?: boolean;
}

/** SQL for "past the due date of the step it waits for" on `today`. */
function overdueSql(today: string): SQL {
  const r = campaignRecommendations;
  return sql`((${r.status} in ('sent', 'reopened') and ${r.receiveDue} < ${today}::date)
    or (${r.status} in ('received', 'assigned') and ${r.answerDue} < ${today}::date))`;
}

function filterSql(q: RecommendationQuery, today: string, accountId: string | null): SQL[] {
  const r = campaignRecommendations;
  const where: SQL[] = [];
  if (q.status) where.push(eq(r.status, q.status));
  if (q.category) where.push(eq(r.category, q.category));
  if (q.commune) where.push(eq(r.communeCode, q.commune));
  if (q.overdue === true) where.push(overdueSql(today));
  if (q.overdue === false) where.push(sql`not ${overdueSql(today)}`);
  if (q.mine) where.push(accountId ? eq(r.assigneeAccountId, accountId) : sql`false`);
  return where;
}

/** A commune's recommendations, newest first (a handler reading it sees only those assigned to them). */
export async function listCommuneRecommendations(
  db: DbOrTx,
  communeCode: string,
  viewer: Principal,
  q: RecommendationQuery = {},
  today = todayInVietnam(),
): Promise<Recommendation[]> {
  const r = campaignRecommendations;
  const where = [eq(r.communeCode, communeCode), ...filterSql(q, today, viewer.accountId)];
  const rows = await db
    .select()
    .from(r)
    .where(and(...where))
    .orderBy(desc(r.sentAt));
  const visible = rows.filter(
    (row) => !isHandlerOnly(viewer, row.provinceCode) || row.assigneeAccountId === viewer.accountId,
  );
  return toViews(db, visible, viewer, today);
}

/**
 * The province's inbox: every commune's recommendations, those waiting longest first. A department handler sees
 * only those assigned to their own account.
 */
export async function listProvinceRecommendations(
  db: DbOrTx,
  provinceCode: string,
  viewer: Principal,
  q: RecommendationQuery = {},
  today = todayInVietnam(),
): Promise<Recommendation[]> {
  const r = campaignRecommendations;
  const mine = q.mine || isHandlerOnly(viewer, provinceCode);
  const where = [eq(r.provinceCode, provinceCode), ...filterSql({ ...q, mine }, today, viewer.accountId)];
  const rows = await db
    .select()
    .from(r)
    .where(and(...where))
    .orderBy(
      sql`case when ${r.status} in ('sent', 'reopened', 'received', 'assigned') then 0 else 1 end`,
      asc(r.sentAt),
    )
    .limit(1000);
  return toViews(db, rows, viewer, today);
}

async function actionsOf(db: DbOrTx, id: string): Promise<RecommendationActionRow[]> {
  const a = campaignRecommendationActions;
  const rows = await db.select().from(a).where(eq(a.recommendationId, id)).orderBy(asc(a.at), asc(a.id));
  return rows.map((x) => ({
    id: x.id,
    action: x.action as RecommendationActionRow['action'],
    fromStatus: x.fromStatus as RecommendationStatus | null,
    toStatus: x.toStatus as RecommendationStatus,
    reason: x.reason,
    data: (x.data ?? {}) as Record<string, unknown>,
    actorName: x.actorName,
    at: x.at.toISOString(),
  }));
}

export async function getRecommendation(
  db: DbOrTx,
  id: string,
  viewer: Principal | null,
  today = todayInVietnam(),
): Promise<RecommendationDetail> {
  const [row] = await db.select().from(campaignRecommendations).where(eq(campaignRecommendations.id, id));
  if (!row) throw notFound('kiến nghị', 'recommendation', id);
  // A handler reads only what is assigned to them (the same 404 as for another province's).
  if (viewer && isHandlerOnly(viewer, row.provinceCode) && row.assigneeAccountId !== viewer.accountId) {
    const kinds = viewerKinds(viewer, row.communeCode, row.provinceCode);
    if (!kinds.includes('commune')) throw new AppError('not_found');
  }
  const [view] = await toViews(db, [row], viewer, today);
  return { ...view!, actions: await actionsOf(db, id) };
}

// --- Writes ---

export interface NewRecommendationInput {
  category: string;
  title: string;
  content: string;
  urgency: 'normal' | 'urgent';
  trialId?: string | null;
}

async function appendAction(
  tx: Tx,
  ctx: WriteContext,
  row: Pick<Row, 'id' | 'communeCode'>,
  action: RecommendationAction,
  from: RecommendationStatus | null,
  to: RecommendationStatus,
  reason: string | null,
  data: Record<string, unknown>,
) {
  await tx.insert(campaignRecommendationActions).values({
    id: uuidv7(),
    recommendationId: row.id,
    communeCode: row.communeCode,
    action,
    fromStatus: from,
    toStatus: to,
    reason,
    data,
    actorName: ctx.actor.name,
    at: new Date(),
  });
}

export async function sendRecommendation(
  ctx: WriteContext,
  communeCode: string,
  input: NewRecommendationInput,
  viewer: Principal | null,
  now = new Date(),
): Promise<RecommendationDetail> {
  const [commune] = await ctx.db
    .select({ provinceCode: communes.provinceCode })
    .from(communes)
    .where(eq(communes.code, communeCode));
  if (!commune) throw notFound('xã/phường', 'commune', communeCode);
  const provinceCode = commune.provinceCode;
  if (input.trialId) {
    const [trial] = await ctx.db
      .select({ c: trialPlans.communeCode })
      .from(trialPlans)
      .where(eq(trialPlans.id, input.trialId));
    if (!trial || trial.c !== communeCode)
      throw fieldError(
        'body.trialId',
        'Không có buổi vận hành thử nghiệm này của xã.',
        'No such trial of this commune.',
      );
  }
  const settings = await recommendationDeadlines(ctx.db, provinceCode);
  const calendar = await getCalendar(ctx.db);
  const sentOn = todayInVietnam(now);
  const id = uuidv7();
  await inTransaction(ctx, async (tx, audit) => {
    const values = {
      id,
      communeCode,
      provinceCode,
      trialId: input.trialId ?? null,
      category: input.category,
      title: input.title,
      content: input.content,
      urgency: input.urgency,
      evidence: [],
      status: 'sent',
      sentAt: now,
      receiveDue: receiveDueOf(calendar, sentOn, settings),
      createdBy: ctx.actor.name,
    };
    await tx.insert(campaignRecommendations).values(values);
    await appendAction(tx, ctx, { id, communeCode }, 'send', null, 'sent', null, {
      receiveDue: values.receiveDue,
    });
    await audit({
      action: 'campaign_recommendation.send',
      entityType: 'campaign_recommendation',
      entityId: id,
      communeCode,
      after: { ...values, sentAt: now.toISOString() },
    });
  });
  return getRecommendation(ctx.db, id, viewer);
}

const REFUSALS = {
  wrong_state: () =>
    new AppError(
      'conflict',
      text(
        'Kiến nghị đang ở trạng thái không cho phép thao tác này.',
        'The recommendation is not in a state that allows this.',
      ),
    ),
  not_allowed: () =>
    new AppError('forbidden', text('Bạn không được thực hiện thao tác này.', 'You may not do this.')),
  not_assignee: () =>
    new AppError(
      'forbidden',
      text(
        'Kiến nghị không được giao cho tài khoản của bạn.',
        'The recommendation is not assigned to your account.',
      ),
    ),
};

/** Locks the row, checks the version and the transition; returns the row and the next status. */
async function lockFor(
  tx: Tx,
  id: string,
  version: number,
  action: Exclude<RecommendationAction, 'send'>,
  actor: RecommendationActor,
) {
  const [row] = await tx
    .select()
    .from(campaignRecommendations)
    .where(eq(campaignRecommendations.id, id))
    .for('update');
  if (!row) throw notFound('kiến nghị', 'recommendation', id);
  if (row.version !== version)
    throw new AppError(
      'conflict',
      text(
        'Kiến nghị vừa được người khác cập nhật (phiên bản {v}); hãy tải lại.',
        'Someone else updated the recommendation (version {v}); reload it.',
        { v: row.version },
      ),
    );
  const result = transition(
    { status: row.status as RecommendationStatus, assigneeAccountId: row.assigneeAccountId },
    action,
    actor,
  );
  if (!result.ok) throw REFUSALS[result.refusal]();
  return { row, to: result.to };
}

async function step(
  ctx: WriteContext,
  id: string,
  version: number,
  action: Exclude<RecommendationAction, 'send'>,
  actor: RecommendationActor,
  change: (
    row: Row,
  ) => Promise<{ set: Partial<Row>; reason?: string | null; data?: Record<string, unknown> }>,
  after?: (tx: Tx, row: Row, next: Row) => Promise<void>,
): Promise<void> {
  await inTransaction(ctx, async (tx, audit) => {
    const { row, to } = await lockFor(tx, id, version, action, actor);
    const { set, reason = null, data = {} } = await change(row);
    const [next] = await tx
      .update(campaignRecommendations)
      .set({ ...set, status: to, version: row.version + 1, updatedAt: new Date() })
      .where(eq(campaignRecommendations.id, id))
      .returning();
    await appendAction(tx, ctx, row, action, row.status as RecommendationStatus, to, reason, data);
    await audit({
      action: `campaign_recommendation.${action}`,
      entityType: 'campaign_recommendation',
      entityId: id,
      communeCode: row.communeCode,
      before: { status: row.status, version: row.version },
      after: { status: to, version: row.version + 1, ...data, ...(reason ? { reason } : {}) },
    });
    if (after) await after(tx, row, next!);
  });
}

export async function receiveRecommendation(
  ctx: WriteContext,
  id: string,
  input: { version: number },
  actor: RecommendationActor,
  now = new Date(),
) {
  const provinceCode = (await provinceOfRecommendation(ctx.db, id)) ?? '';
  const settings = await recommendationDeadlines(ctx.db, provinceCode);
  const calendar = await getCalendar(ctx.db);
  await step(ctx, id, input.version, 'receive', actor, async (row) => {
    const answerDue = answerDueOf(
      calendar,
      todayInVietnam(now),
      row.urgency as 'normal' | 'urgent',
      settings,
    );
    return { set: { receivedAt: now, answerDue }, data: { answerDue } };
  });
}

/** Province accounts holding province_department in the province (to assign to). */
export async function departmentHandlers(db: DbOrTx, provinceCode: string) {
  const rows = await db
    .selectDistinct({
      accountId: accounts.id,
      username: accounts.username,
      displayName: accounts.displayName,
    })
    .from(roleGrants)
    .innerJoin(accounts, eq(accounts.id, roleGrants.accountId))
    .where(
      and(
        eq(roleGrants.role, 'province_department'),
        eq(roleGrants.provinceCode, provinceCode),
        sql`${roleGrants.communeCode} is null`,
        eq(accounts.status, 'active'),
      ),
    )
    .orderBy(asc(accounts.displayName));
  return rows;
}

export async function assignRecommendation(
  ctx: WriteContext,
  id: string,
  input: { version: number; department: string; assigneeAccountId?: string | null },
  actor: RecommendationActor,
) {
  // Read before the transaction: PGlite has one connection, a read on ctx.db inside it would wait for ever.
  const handlers = input.assigneeAccountId
    ? await departmentHandlers(ctx.db, (await provinceOfRecommendation(ctx.db, id)) ?? '')
    : [];
  await step(ctx, id, input.version, 'assign', actor, async () => {
    const assignee = input.assigneeAccountId ?? null;
    if (assignee) {
      if (!handlers.some((h) => h.accountId === assignee))
        throw fieldError(
          'body.assigneeAccountId',
          'Tài khoản này không phải cán bộ sở, ngành của tỉnh.',
          'This account is not a department handler of the province.',
        );
    }
    return {
      set: { department: input.department, assigneeAccountId: assignee },
      data: { department: input.department, assigneeAccountId: assignee },
    };
  });
}

export async function answerRecommendation(
  ctx: WriteContext,
  id: string,
  input: { version: number; outcome: RecommendationOutcome; answer: string; reason?: string | null },
  actor: RecommendationActor,
  now = new Date(),
) {
  if (input.outcome === 'declined' && !(input.reason ?? '').trim())
    throw fieldError(
      'body.reason',
      'Từ chối kiến nghị phải nêu lý do.',
      'A declined recommendation needs a reason.',
    );
  await step(
    ctx,
    id,
    input.version,
    'answer',
    actor,
    async () => ({
      set: { outcome: input.outcome, answer: input.answer, answeredAt: now },
      reason: input.reason?.trim() || null,
      data: { outcome: input.outcome, answer: input.answer },
    }),
    (tx, row) => notifySender(tx, row, input),
  );
}

const OUTCOME_TEXT: Record<RecommendationOutcome, string> = {
  resolved: 'Đã giải quyết',
  partly: 'Giải quyết một phần',
  declined: 'Không thực hiện',
};

/**
 * The leader who sent it hears of the answer by e-mail, when their account is linked to an official with an
 * e-mail address (queued in the same transaction: sent if and only if the answer is saved).
 */
async function notifySender(
  tx: Tx,
  row: Row,
  input: { outcome: RecommendationOutcome; answer: string; reason?: string | null },
) {
  if (!row.createdBy) return;
  const [sender] = await tx
    .select({ email: orgOfficials.email, fullName: orgOfficials.fullName })
    .from(accounts)
    .innerJoin(orgOfficials, eq(orgOfficials.id, accounts.officialId))
    .where(eq(accounts.username, row.createdBy));
  if (!sender?.email) return;
  const reason = input.reason?.trim() ? `\nLý do: ${input.reason.trim()}` : '';
  await enqueueNotification(tx, {
    communeCode: row.communeCode,
    channel: 'email',
    recipient: sender.email,
    subject: `Tỉnh đã trả lời kiến nghị: ${row.title}`.slice(0, 250),
    body:
      `Kính gửi ${sender.fullName},\n\nKiến nghị "${row.title}" đã được trả lời.\n` +
      `Kết quả: ${OUTCOME_TEXT[input.outcome]}\n\n${input.answer}${reason}\n\n` +
      'Xem và đóng hoặc mở lại kiến nghị trong mục Vận hành thử nghiệm › Kiến nghị lên tỉnh của XãSố.',
    sourceType: 'campaign_recommendation_answer',
    sourceId: row.id,
  });
}

export async function closeRecommendation(
  ctx: WriteContext,
  id: string,
  input: { version: number; note?: string },
  actor: RecommendationActor,
  now = new Date(),
) {
  await step(ctx, id, input.version, 'close', actor, async () => ({
    set: { closedAt: now },
    reason: input.note?.trim() || null,
  }));
}

/** Back to the province: received again (new receive deadline from today), then assigned and answered again. */
export async function reopenRecommendation(
  ctx: WriteContext,
  id: string,
  input: { version: number; reason: string },
  actor: RecommendationActor,
  now = new Date(),
) {
  const provinceCode = (await provinceOfRecommendation(ctx.db, id)) ?? '';
  const settings = await recommendationDeadlines(ctx.db, provinceCode);
  const calendar = await getCalendar(ctx.db);
  await step(ctx, id, input.version, 'reopen', actor, async () => {
    const receiveDue = receiveDueOf(calendar, todayInVietnam(now), settings);
    return {
      set: { receiveDue, receivedAt: null, answerDue: null, answeredAt: null, closedAt: null },
      reason: input.reason,
      data: { receiveDue },
    };
  });
}

// --- For the province board (helper F) ---

export interface RecommendationCounts {
  byStatus: Record<RecommendationStatus, number>;
  /** Past the due date of the step they wait for (receipt or answer). */
  overdue: number;
  /** Calendar days since the oldest one still waiting for the province (sent, received, assigned, reopened) was sent. */
  oldestOpenDays: number | null;
}

/** Per commune of the province (only communes with at least one recommendation appear). */
export async function recommendationCounts(
  db: DbOrTx,
  provinceCode: string,
  today: string,
): Promise<Map<string, RecommendationCounts>> {
  const r = campaignRecommendations;
  const rows = await db
    .select({
      communeCode: r.communeCode,
      status: r.status,
      receiveDue: r.receiveDue,
      answerDue: r.answerDue,
      sentOn: sql<string>`to_char(${r.sentAt} at time zone 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD')`,
    })
    .from(r)
    .where(eq(r.provinceCode, provinceCode));
  const out = new Map<string, RecommendationCounts>();
  const dayOf = (s: string) => Date.parse(`${s}T00:00:00Z`) / 86_400_000;
  for (const row of rows) {
    let c = out.get(row.communeCode);
    if (!c) {
      c = {
        byStatus: Object.fromEntries(RECOMMENDATION_STATUSES.map((s) => [s, 0])) as Record<
          RecommendationStatus,
          number
        >,
        overdue: 0,
        oldestOpenDays: null,
      };
      out.set(row.communeCode, c);
    }
    const status = row.status as RecommendationStatus;
    c.byStatus[status] += 1;
    if (isOverdue({ status, receiveDue: row.receiveDue, answerDue: row.answerDue }, today)) c.overdue += 1;
    if (OPEN_STATUSES.includes(status)) {
      const days = Math.max(0, Math.round(dayOf(today) - dayOf(row.sentOn)));
      c.oldestOpenDays = Math.max(c.oldestOpenDays ?? 0, days);
    }
  }
  return out;
}
