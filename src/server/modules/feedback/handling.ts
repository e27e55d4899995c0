/**
 * The staff's handling of a report: every change of state goes through the pure lifecycle (domain/lifecycle.ts),
 * on the report locked at the version the caller saw, in one transaction with its action and its audit entry in
 * the commune's chain (a forward: in both communes' chains). Answers are sent to the reporter and to every
 * reporter of the reports merged into it, and published (personal data masked) unless the reporter asked not.
 */
import { and, asc, eq, inArray, notInArray, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { FeedbackActionKind, FeedbackState } from '../../../common/api/feedback';
import { maskPersonalData } from '../../../common/masking';
import { foldVietnamese } from '../../../common/text';
import type { DbOrTx, Tx } from '../../db/database';
import { type Audit, inTransaction, type WriteContext } from '../../db/transaction';
import { AppError, type FieldError, fieldError, text } from '../../http/errors';
import {
  type CommuneLocation,
  canWithRestriction,
  type Permission,
  ROLE_PERMISSIONS,
} from '../auth/permissions';
import { accounts, roleGrants } from '../auth/schema';
import type { Principal } from '../auth/service';
import { getCalendar } from '../calendar/service';
import type { WorkingCalendar } from '../calendar/working-days';
import { type NotifyInput, notify, publicLink } from '../notifications/notify';
import { whoHandles } from '../org/assignments';
import { todayInVietnam } from '../org/document-format';
import { communes } from '../units/schema';
import { findCommuneLocation, getCommune } from '../units/service';
import { ensureStarterCategories } from './categories';
import { accountNames, categoryOf, type FeedbackCategoryRow } from './detail';
import { childFeedbackCode } from './domain/code';
import { dueDate } from './domain/deadlines';
import { type FeedbackRole, transition, transitionAs } from './domain/lifecycle';
import { feedbackAttachments, feedbackCategories, feedbackReports } from './schema';
import {
  appendFeedbackAction,
  FEEDBACK_ENTITY,
  type FeedbackReportRow,
  lockReport,
  updateReport,
} from './store';

/** Where the caller acts from: the account and the permissions it holds (its grants, an API token's restriction). */
export type Caller = Pick<Principal, 'accountId' | 'grants' | 'restriction'>;

/** The staff roles of the lifecycle, each from the permission that gives it over the report's commune. */
const ROLE_OF_PERMISSION: [Permission, FeedbackRole][] = [
  ['feedback.receive', 'receiver'],
  ['feedback.handle', 'handler'],
  ['feedback.approve', 'leader'],
  ['feedback.province', 'province'],
];

const STAFF_ROLES: FeedbackRole[] = ['receiver', 'handler', 'leader', 'province'];

export function staffRoles(caller: Caller, where: CommuneLocation): FeedbackRole[] {
  return ROLE_OF_PERMISSION.filter(([p]) =>
    canWithRestriction(caller.grants, caller.restriction, p, where),
  ).map(([, r]) => r);
}

/** A child, a merged report or a report in these states needs nothing more of anyone. */
const DONE_STATES: FeedbackState[] = ['closed', 'rejected', 'merged'];
/** A duplicate may be merged into a report that is still being handled, or answered (its answer is sent then). */
const MERGE_TARGET_STATES: FeedbackState[] = [
  'received',
  'accepted',
  'assigned',
  'answer_pending',
  'answered',
  'reopened',
  'escalated',
];

function stateConflict(vi: string, en: string, field = 'path.action'): AppError {
  const message = { vi, en };
  return new AppError('conflict', message, { errors: [{ field, message }] });
}

/**
 * The state the caller's action leads to, by the lifecycle: the first of the caller's roles that may take it.
 * None may: 403 when the caller's roles may not take it (another staff role could, in this state), 409 when nobody
 * could in this state, or a guard refuses (approval, open children).
 */
export function decide(
  state: FeedbackState,
  action: FeedbackActionKind,
  roles: FeedbackRole[],
  ctx: { approvalRequired: boolean; openChildren?: number },
): FeedbackState {
  const r = transitionAs(state, action, roles, ctx);
  if (r.ok) return r.to;
  const guarded =
    r.code === 'approval_required' || r.code === 'approval_not_required' || r.code === 'children_open';
  const someoneElse = STAFF_ROLES.some((role) => transition(state, action, role, ctx).ok);
  if (!guarded && (someoneElse || r.code === 'not_allowed_for_role' || r.code === 'reporter_only'))
    throw new AppError(
      'forbidden',
      someoneElse && r.code === 'not_allowed_in_state'
        ? text(
            'Bạn không có quyền thực hiện thao tác này với phản ánh ở trạng thái hiện tại.',
            'You may not take this action on the report in its present state.',
          )
        : { vi: r.vi, en: r.en },
    );
  throw stateConflict(r.vi, r.en);
}

async function openChildrenOf(tx: DbOrTx, id: string): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(feedbackReports)
    .where(and(eq(feedbackReports.parentId, id), notInArray(feedbackReports.state, DONE_STATES)));
  return Number(row?.n ?? 0);
}

interface StepContext {
  tx: Tx;
  audit: Audit;
  row: FeedbackReportRow;
  category: FeedbackCategoryRow;
  to: FeedbackState;
  roles: FeedbackRole[];
  caller: Caller;
  now: Date;
  today: string;
  calendar: WorkingCalendar;
}

interface Outcome {
  set?: Partial<FeedbackReportRow>;
  note?: string | null;
  data?: Record<string, unknown> | null;
  /** What the audit entry records besides the states. */
  audit?: Record<string, unknown>;
  /** Work after the report was written (notifications, other reports), in the same transaction. */
  after?: (updated: FeedbackReportRow) => Promise<void>;
}

export interface StepOptions {
  now?: Date;
}

/**
 * One staff action on a report: lock at `version`, decide the next state, write it with the action and the audit
 * entry, then whatever the action does besides. Returns the report's id.
 */
async function step(
  ctx: WriteContext,
  caller: Caller,
  id: string,
  version: number,
  action:
    | FeedbackActionKind
    | ((roles: FeedbackRole[], category: FeedbackCategoryRow, state: FeedbackState) => FeedbackActionKind),
  plan: (s: StepContext) => Promise<Outcome> | Outcome,
  options: StepOptions = {},
): Promise<string> {
  const now = options.now ?? new Date();
  return inTransaction(ctx, async (tx, audit) => {
    const row = await lockReport(tx, id, version);
    const category = await categoryOf(tx, row.categoryId);
    if (!category)
      throw new AppError('internal', text('Phản ánh không có lĩnh vực.', 'A report without a category.'));
    const where = await findCommuneLocation(tx, row.communeCode);
    if (!where) throw new AppError('not_found');
    const roles = staffRoles(caller, where);
    const state = row.state as FeedbackState;
    const kind = typeof action === 'function' ? action(roles, category, state) : action;
    const to = decide(state, kind, roles, {
      approvalRequired: category.approvalRequired,
      openChildren: await openChildrenOf(tx, row.id),
    });
    const calendar = await getCalendar(tx);
    const s: StepContext = {
      tx,
      audit,
      row,
      category,
      to,
      roles,
      caller,
      now,
      today: todayInVietnam(now),
      calendar,
    };
    const out = await plan(s);
    const updated = await updateReport(tx, row, { state: to, ...out.set }, now);
    await appendFeedbackAction(tx, {
      reportId: row.id,
      communeCode: row.communeCode,
      action: kind,
      fromState: state,
      toState: to,
      actorKind: 'official',
      actorId: caller.accountId,
      note: out.note ?? null,
      data: out.data ?? null,
      at: now,
    });
    await audit({
      action: `feedback.${kind}`,
      entityType: FEEDBACK_ENTITY,
      entityId: row.id,
      communeCode: row.communeCode,
      before: { state, version: row.version },
      after: { state: to, version: updated.version, code: row.code, ...out.audit },
    });
    await out.after?.(updated);
    return row.id;
  });
}

// ——— notifications ———

/** The reporter's tracking page (null without a public address: the line is left out of the message). */
const url = (code: string) => publicLink(`/phan-anh/theo-doi?ma=${encodeURIComponent(code)}`);

/** The commune's name for a message (its code when unknown). */
export async function communeNameOf(tx: DbOrTx, communeCode: string): Promise<string> {
  const [row] = await tx.select({ name: communes.name }).from(communes).where(eq(communes.code, communeCode));
  return row?.name ?? communeCode;
}

export async function notifyReporter(
  tx: Tx,
  r: FeedbackReportRow,
  template: ReporterTemplate,
  key: string,
  params: Record<string, string | number | null>,
) {
  if (!r.reporterEmail && !r.reporterPhone) return;
  await notify(tx, reporterMessage(r, template, key, params, await communeNameOf(tx, r.communeCode)));
}

type ReporterTemplate = 'feedback.rejected' | 'feedback.forwarded' | 'feedback.answered';

/** The message notifyReporter queues for the reporter (the demo's bulk seed, knowing the commune's name). */
export function reporterMessage(
  r: FeedbackReportRow,
  template: ReporterTemplate,
  key: string,
  params: Record<string, string | number | null>,
  communeName: string,
): NotifyInput {
  return {
    template,
    params: { code: r.code, title: r.title, name: r.reporterName, communeName, url: url(r.code), ...params },
    to: { email: r.reporterEmail, phone: r.reporterPhone },
    communeCode: r.communeCode,
    sourceType: FEEDBACK_ENTITY,
    sourceId: r.id,
    idempotencyKey: `${template}:${r.id}:${key}`,
  };
}

/** Every report merged into `id`, directly or through a report merged into it (at most a few levels). */
async function mergedInto(tx: DbOrTx, id: string): Promise<FeedbackReportRow[]> {
  const out: FeedbackReportRow[] = [];
  let frontier = [id];
  const seen = new Set(frontier);
  for (let depth = 0; depth < 20 && frontier.length; depth++) {
    const rows = await tx
      .select()
      .from(feedbackReports)
      .where(inArray(feedbackReports.mergedIntoId, frontier))
      .orderBy(asc(feedbackReports.id));
    frontier = [];
    for (const r of rows) {
      if (seen.has(r.id)) continue;
      seen.add(r.id);
      out.push(r);
      frontier.push(r.id);
    }
  }
  return out;
}

/**
 * The answer goes to the reporter (in full) and to every reporter of a report merged into it (the public version:
 * the text may name the first reporter).
 */
async function sendAnswer(tx: Tx, r: FeedbackReportRow) {
  const key = `${r.id}:${r.version}`;
  await notifyReporter(tx, r, 'feedback.answered', key, { answer: r.answerText ?? '' });
  for (const m of await mergedInto(tx, r.id)) {
    await notifyReporter(tx, m, 'feedback.answered', key, {
      answer: r.answerPublicText ?? maskPersonalData(r.answerText ?? ''),
      mergedInto: r.code,
    });
  }
}

/**
 * The answer goes out now (answered directly, or approved): answered at, published unless the reporter asked for
 * privacy, and sent to the reporter and every merged reporter after the write.
 */
function sendOut(
  s: StepContext,
  set: Partial<FeedbackReportRow>,
  data: Record<string, unknown>,
  audit: Record<string, unknown>,
): Outcome {
  const published = !s.row.isPrivate;
  return {
    set: { ...set, answeredAt: s.now, publishedAt: published ? s.now : null },
    data: { published, ...data },
    audit: { ...audit, published },
    after: (u) => sendAnswer(s.tx, u),
  };
}

export function publicVersion(r: FeedbackReportRow, answer: string): string {
  return maskPersonalData(answer, {
    names: r.reporterName ? [r.reporterName] : [],
    phones: r.reporterPhone ? [r.reporterPhone] : [],
    emails: r.reporterEmail ? [r.reporterEmail] : [],
  });
}

// ——— the actions ———

export function acceptReport(
  ctx: WriteContext,
  caller: Caller,
  id: string,
  b: { version: number },
  o?: StepOptions,
) {
  return step(
    ctx,
    caller,
    id,
    b.version,
    'accept',
    (s) => {
      const answerDueDate = dueDate(s.today, s.category.answerDays, daysKindOf(s.category), s.calendar);
      return {
        set: { acceptedAt: s.now, answerDueDate, escalationLevel: 0 },
        data: { answerDueDate },
        audit: { answerDueDate },
      };
    },
    o,
  );
}

export const daysKindOf = (c: FeedbackCategoryRow): 'calendar' | 'working' =>
  c.daysKind === 'calendar' ? 'calendar' : 'working';

export function rejectReport(
  ctx: WriteContext,
  caller: Caller,
  id: string,
  b: { version: number; reason: string },
  o?: StepOptions,
) {
  return step(
    ctx,
    caller,
    id,
    b.version,
    'reject',
    (s) => ({
      set: { rejectReason: b.reason, closedAt: s.now },
      note: b.reason,
      audit: { reason: b.reason },
      after: (u) => notifyReporter(s.tx, u, 'feedback.rejected', String(u.version), { reason: b.reason }),
    }),
    o,
  );
}

/** Roles that may handle reports (feedback.handle), for the picker and the check of an assignee. */
const HANDLER_ROLES = Object.entries(ROLE_PERMISSIONS)
  .filter(([role, perms]) => role !== 'system_admin' && perms.includes('feedback.handle'))
  .map(([role]) => role);

/** Active accounts holding feedback.handle in the commune, with their roles there. */
export async function handlersOf(db: DbOrTx, communeCode: string) {
  const rows = await db
    .select({ accountId: accounts.id, officialId: accounts.officialId, role: roleGrants.role })
    .from(roleGrants)
    .innerJoin(accounts, eq(accounts.id, roleGrants.accountId))
    .where(
      and(
        eq(roleGrants.communeCode, communeCode),
        inArray(roleGrants.role, HANDLER_ROLES),
        eq(accounts.status, 'active'),
      ),
    );
  const byAccount = new Map<string, { accountId: string; officialId: string | null; roles: string[] }>();
  for (const r of rows) {
    const a = byAccount.get(r.accountId) ?? { accountId: r.accountId, officialId: r.officialId, roles: [] };
    if (!a.roles.includes(r.role)) a.roles.push(r.role);
    byAccount.set(r.accountId, a);
  }
  const names = await accountNames(db, [...byAccount.keys()]);
  return [...byAccount.values()]
    .map((a) => ({ ...a, name: names.get(a.accountId) ?? '' }))
    .sort((x, y) => x.name.localeCompare(y.name, 'vi') || x.accountId.localeCompare(y.accountId));
}

/**
 * "Ai phụ trách?": the official in charge of the category's field in the commune's current task assignment, when
 * an account that may handle reports is theirs. Null without an assignment, a field or such an account.
 */
export async function defaultHandler(
  db: DbOrTx,
  communeCode: string,
  assignmentField: string | null,
  handlers?: Awaited<ReturnType<typeof handlersOf>>,
): Promise<{ accountId: string; name: string; areaLabel: string } | null> {
  if (!assignmentField?.trim()) return null;
  let found: Awaited<ReturnType<typeof whoHandles>>;
  try {
    found = await whoHandles(db, communeCode, assignmentField);
  } catch (e) {
    if (e instanceof AppError && e.code === 'not_found') return null;
    throw e;
  }
  const list = handlers ?? (await handlersOf(db, communeCode));
  for (const m of found.matches) {
    for (const official of [m.inCharge, m.deputy]) {
      const account = official && list.find((h) => h.officialId === official.id);
      if (account) return { accountId: account.accountId, name: account.name, areaLabel: m.label };
    }
  }
  return null;
}

export async function assigneesOf(db: DbOrTx, report: FeedbackReportRow) {
  const category = await categoryOf(db, report.categoryId);
  const handlers = await handlersOf(db, report.communeCode);
  return {
    items: handlers.map((h) => ({ accountId: h.accountId, name: h.name, roles: h.roles })),
    defaultHandler: await defaultHandler(db, report.communeCode, category?.assignmentField ?? null, handlers),
    assignmentField: category?.assignmentField ?? null,
  };
}

export async function assignReport(
  ctx: WriteContext,
  caller: Caller,
  id: string,
  b: { version: number; accountId?: string | null; body?: string },
  o?: StepOptions,
) {
  // The task assignment is read before the transaction (its reads use their own connection).
  const pre = await ctx.db.select().from(feedbackReports).where(eq(feedbackReports.id, id));
  const report = pre[0];
  if (!report) throw new AppError('not_found');
  const handlers = await handlersOf(ctx.db, report.communeCode);
  let accountId: string | null;
  if (b.accountId === undefined) {
    const category = await categoryOf(ctx.db, report.categoryId);
    const d = await defaultHandler(ctx.db, report.communeCode, category?.assignmentField ?? null, handlers);
    if (!d && !b.body && !category?.responsibleBody)
      throw fieldError(
        'body.accountId',
        'Không tìm thấy người phụ trách lĩnh vực "{f}" trong thông báo phân công nhiệm vụ; hãy chọn người xử lý.',
        'Nobody in charge of "{f}" was found in the task assignment; choose the official.',
        { f: category?.assignmentField ?? '' },
      );
    accountId = d?.accountId ?? null;
  } else {
    accountId = b.accountId;
    if (accountId && !handlers.some((h) => h.accountId === accountId))
      throw fieldError(
        'body.accountId',
        'Người này không có quyền xử lý phản ánh của xã.',
        'This account may not handle the commune’s reports.',
      );
  }
  return step(
    ctx,
    caller,
    id,
    b.version,
    'assign',
    (s) => {
      if (s.row.communeCode !== report.communeCode) throw new AppError('conflict');
      const body = b.body ?? s.category.responsibleBody ?? null;
      if (!accountId && !body)
        throw fieldError('body.body', 'Cần chọn người hoặc bộ phận xử lý.', 'Choose an official or a body.');
      return {
        set: { assigneeAccountId: accountId, assignedBody: body },
        data: { accountId, body },
        audit: { assigneeAccountId: accountId, assignedBody: body },
      };
    },
    o,
  );
}

export function answerReport(
  ctx: WriteContext,
  caller: Caller,
  id: string,
  b: { version: number; text: string; publicText?: string },
  o?: StepOptions,
  explicit?: 'submit_answer',
) {
  return step(
    ctx,
    caller,
    id,
    b.version,
    (roles, category, stateNow) =>
      explicit ??
      (category.approvalRequired &&
      roles.includes('handler') &&
      !roles.includes('leader') &&
      stateNow !== 'escalated'
        ? 'submit_answer'
        : 'answer'),
    (s) => {
      const publicText = b.publicText ?? publicVersion(s.row, b.text);
      if (s.to === 'answer_pending') {
        return {
          set: { answerText: b.text, answerPublicText: publicText, answeredBy: s.caller.accountId },
          audit: { answerLength: b.text.length },
        };
      }
      return sendOut(
        s,
        {
          answerText: b.text,
          answerPublicText: publicText,
          answeredBy: s.caller.accountId,
          ...(s.category.approvalRequired ? { approvedBy: s.caller.accountId, approvedAt: s.now } : {}),
        },
        {},
        { answerLength: b.text.length },
      );
    },
    o,
  );
}

export function approveAnswer(
  ctx: WriteContext,
  caller: Caller,
  id: string,
  b: { version: number; publicText?: string },
  o?: StepOptions,
) {
  return step(
    ctx,
    caller,
    id,
    b.version,
    // Approving is the answer itself, taken by a leader on the draft waiting for approval.
    (roles) => {
      if (!roles.includes('leader'))
        throw new AppError(
          'forbidden',
          text('Chỉ lãnh đạo xã duyệt trả lời.', 'Only a commune leader approves an answer.'),
        );
      return 'answer';
    },
    (s) => {
      if (s.row.state !== 'answer_pending' || !s.row.answerText)
        throw stateConflict(
          'Chưa có dự thảo trả lời chờ duyệt.',
          'There is no draft answer waiting for approval.',
        );
      return sendOut(
        s,
        {
          answerPublicText: b.publicText ?? s.row.answerPublicText ?? publicVersion(s.row, s.row.answerText),
          approvedBy: s.caller.accountId,
          approvedAt: s.now,
        },
        { approved: true, draftedBy: s.row.answeredBy },
        { approved: true },
      );
    },
    o,
  );
}

export function returnAnswer(
  ctx: WriteContext,
  caller: Caller,
  id: string,
  b: { version: number; reason: string },
  o?: StepOptions,
) {
  return step(
    ctx,
    caller,
    id,
    b.version,
    'return_answer',
    () => ({ note: b.reason, audit: { reason: b.reason } }),
    o,
  );
}

export function editPublicAnswer(
  ctx: WriteContext,
  caller: Caller,
  id: string,
  b: { version: number; publicText: string },
  o?: StepOptions,
) {
  return step(
    ctx,
    caller,
    id,
    b.version,
    'edit_public',
    (s) => {
      if (!s.row.answerText)
        throw stateConflict('Phản ánh chưa có câu trả lời.', 'The report has no answer yet.');
      return {
        set: { answerPublicText: b.publicText },
        audit: { before: s.row.answerPublicText, publicText: b.publicText },
      };
    },
    o,
  );
}

/** Closes the split parent of a closed child when no child remains open (action child_closed, by the system). */
async function closeParentIfDone(tx: Tx, audit: Audit, child: FeedbackReportRow, now: Date) {
  if (!child.parentId) return;
  const parent = await lockReport(tx, child.parentId);
  if (parent.state !== 'split') return;
  const open = await openChildrenOf(tx, parent.id);
  if (open > 0) return;
  const r = transition('split', 'child_closed', 'system', { approvalRequired: false, openChildren: 0 });
  if (!r.ok) return;
  const updated = await updateReport(tx, parent, { state: r.to, closedAt: now }, now);
  await appendFeedbackAction(tx, {
    reportId: parent.id,
    communeCode: parent.communeCode,
    action: 'child_closed',
    fromState: 'split',
    toState: r.to,
    actorKind: 'system',
    actorId: null,
    data: { childId: child.id, childCode: child.code },
    at: now,
  });
  await audit({
    action: 'feedback.child_closed',
    entityType: FEEDBACK_ENTITY,
    entityId: parent.id,
    communeCode: parent.communeCode,
    before: { state: 'split', version: parent.version },
    after: { state: r.to, version: updated.version, code: parent.code, lastChild: child.code },
  });
  await closeParentIfDone(tx, audit, updated, now);
}

export function closeReport(
  ctx: WriteContext,
  caller: Caller,
  id: string,
  b: { version: number; note?: string },
  o?: StepOptions,
) {
  return step(
    ctx,
    caller,
    id,
    b.version,
    'close',
    (s) => ({
      set: { closedAt: s.now },
      note: b.note ?? null,
      after: (u) => closeParentIfDone(s.tx, s.audit, u, s.now),
    }),
    o,
  );
}

export function splitReport(
  ctx: WriteContext,
  caller: Caller,
  id: string,
  b: {
    version: number;
    children: { categoryId: string; title: string; content: string; assignedBody?: string }[];
  },
  o?: StepOptions,
) {
  return step(
    ctx,
    caller,
    id,
    b.version,
    'split',
    async (s) => {
      const ids = [...new Set(b.children.map((c) => c.categoryId))];
      const cats = await s.tx.select().from(feedbackCategories).where(inArray(feedbackCategories.id, ids));
      const errors: FieldError[] = [];
      b.children.forEach((c, i) => {
        const cat = cats.find((x) => x.id === c.categoryId);
        if (!cat || cat.provinceCode !== s.row.provinceCode || !cat.active)
          errors.push({
            field: `body.children.${i}.categoryId`,
            message: {
              vi: 'Lĩnh vực không thuộc danh mục đang dùng của tỉnh.',
              en: 'Not an active category of the province.',
            },
          });
      });
      if (errors.length)
        throw new AppError('validation_failed', errors[0]!.message as { vi: string; en: string }, { errors });
      const [{ n } = { n: 0 }] = await s.tx
        .select({ n: sql<number>`count(*)::int` })
        .from(feedbackReports)
        .where(eq(feedbackReports.parentId, s.row.id));
      const created: { id: string; code: string }[] = [];
      for (const [i, c] of b.children.entries()) {
        const cat = cats.find((x) => x.id === c.categoryId)!;
        const childId = uuidv7();
        const code = childFeedbackCode(s.row.code, Number(n) + i + 1);
        const answerDueDate = dueDate(s.today, cat.answerDays, daysKindOf(cat), s.calendar);
        await s.tx.insert(feedbackReports).values({
          id: childId,
          code,
          communeCode: s.row.communeCode,
          provinceCode: s.row.provinceCode,
          categoryId: cat.id,
          channel: s.row.channel,
          title: c.title,
          content: c.content,
          searchText: foldVietnamese(`${c.title} ${c.content}`),
          placeText: s.row.placeText,
          placeResolved: s.row.placeResolved,
          latitude: s.row.latitude,
          longitude: s.row.longitude,
          reporterName: s.row.reporterName,
          reporterPhone: s.row.reporterPhone,
          reporterEmail: s.row.reporterEmail,
          anonymous: s.row.anonymous,
          trackingPinHash: s.row.trackingPinHash,
          isPrivate: s.row.isPrivate,
          state: 'accepted',
          assignedBody: c.assignedBody ?? cat.responsibleBody,
          receivedAt: s.row.receivedAt,
          transferDueDate: s.row.transferDueDate,
          answerDueDate,
          acceptedAt: s.now,
          parentId: s.row.id,
          createdAt: s.now,
          updatedAt: s.now,
        });
        await appendFeedbackAction(s.tx, {
          reportId: childId,
          communeCode: s.row.communeCode,
          action: 'split',
          fromState: null,
          toState: 'accepted',
          actorKind: 'official',
          actorId: s.caller.accountId,
          note: s.row.code,
          data: { parentId: s.row.id, parentCode: s.row.code, answerDueDate },
          at: s.now,
        });
        await s.audit({
          action: 'feedback.split_child',
          entityType: FEEDBACK_ENTITY,
          entityId: childId,
          communeCode: s.row.communeCode,
          after: { code, parentId: s.row.id, categoryId: cat.id, state: 'accepted', answerDueDate },
        });
        created.push({ id: childId, code });
      }
      return { data: { children: created }, audit: { children: created } };
    },
    o,
  );
}

export async function mergeReport(
  ctx: WriteContext,
  caller: Caller,
  id: string,
  b: { version: number; intoId: string },
  o?: StepOptions,
) {
  if (b.intoId === id)
    throw fieldError(
      'body.intoId',
      'Không thể gộp phản ánh vào chính nó.',
      'A report cannot be merged into itself.',
    );
  return step(
    ctx,
    caller,
    id,
    b.version,
    'merge',
    async (s) => {
      const target = await lockReport(s.tx, b.intoId).catch((e) => {
        throw e instanceof AppError && e.code === 'not_found' ? intoNotFound() : e;
      });
      if (target.communeCode !== s.row.communeCode) throw intoNotFound();
      if (!MERGE_TARGET_STATES.includes(target.state as FeedbackState))
        throw stateConflict(
          'Phản ánh {c} đã kết thúc hoặc đã được gộp; không gộp vào đó được.',
          'Report {c} is finished or merged itself; nothing can be merged into it.',
          'body.intoId',
        );
      return {
        set: { mergedIntoId: target.id, closedAt: s.now },
        data: { intoId: target.id, intoCode: target.code },
        audit: { intoId: target.id, intoCode: target.code },
        after: async (u) => {
          const t = await updateReport(s.tx, target, {}, s.now);
          await appendFeedbackAction(s.tx, {
            reportId: t.id,
            communeCode: t.communeCode,
            action: 'merge',
            fromState: target.state as FeedbackState,
            toState: target.state as FeedbackState,
            actorKind: 'official',
            actorId: s.caller.accountId,
            data: { mergedId: u.id, mergedCode: u.code },
            at: s.now,
          });
          // Merged into a report already answered: the answer reaches this reporter now.
          if (t.state === 'answered' && t.answerText) {
            for (const m of [u, ...(await mergedInto(s.tx, u.id))])
              await notifyReporter(s.tx, m, 'feedback.answered', `${t.id}:${t.version}`, {
                answer: t.answerPublicText ?? maskPersonalData(t.answerText),
                mergedInto: t.code,
              });
          }
        },
      };
    },
    o,
  );
}

function intoNotFound() {
  const message = {
    vi: 'Không có phản ánh này trong xã.',
    en: 'No such report in the commune.',
  };
  return new AppError('not_found', message, { errors: [{ field: 'body.intoId', message }] });
}

export async function forwardReport(
  ctx: WriteContext,
  caller: Caller,
  id: string,
  b: { version: number; communeCode: string; reason: string },
  o?: StepOptions,
) {
  const target = await findCommuneLocation(ctx.db, b.communeCode);
  if (!target) {
    const message = {
      vi: `Không có xã/phường mã ${b.communeCode} trên bản đồ hành chính.`,
      en: `No commune ${b.communeCode} on the administrative map.`,
    };
    throw new AppError('not_found', message, { errors: [{ field: 'body.communeCode', message }] });
  }
  const targetName = (await getCommune(ctx.db, b.communeCode)).name;
  // A province without categories gets its starter set first (its own transaction, as on first read).
  await ensureStarterCategories(ctx.db, target.provinceCode);
  return step(
    ctx,
    caller,
    id,
    b.version,
    'forward',
    async (s) => {
      if (b.communeCode === s.row.communeCode)
        throw fieldError(
          'body.communeCode',
          'Phản ánh đã thuộc xã này.',
          'The report already belongs to this commune.',
        );
      let category = s.category;
      if (target.provinceCode !== s.row.provinceCode) {
        const same = await s.tx
          .select()
          .from(feedbackCategories)
          .where(
            and(
              eq(feedbackCategories.provinceCode, target.provinceCode),
              inArray(feedbackCategories.key, [s.category.key, 'other']),
            ),
          );
        category = same.find((c) => c.key === s.category.key) ?? same[0] ?? s.category;
      }
      const transferDueDate = dueDate(s.today, category.transferDays, daysKindOf(category), s.calendar);
      const from = s.row.communeCode;
      const fromName = (await getCommune(s.tx, from)).name;
      return {
        set: {
          communeCode: b.communeCode,
          provinceCode: target.provinceCode,
          categoryId: category.id,
          forwardedFrom: from,
          transferDueDate,
          answerDueDate: null,
          acceptedAt: null,
          assigneeAccountId: null,
          assignedBody: null,
          escalationLevel: 0,
          escalatedAt: null,
        },
        note: b.reason,
        data: { from, to: b.communeCode, toName: targetName },
        audit: { from, to: b.communeCode, reason: b.reason, transferDueDate },
        after: async (u) => {
          await s.tx
            .update(feedbackAttachments)
            .set({ communeCode: b.communeCode })
            .where(eq(feedbackAttachments.reportId, u.id));
          await appendFeedbackAction(s.tx, {
            reportId: u.id,
            communeCode: b.communeCode,
            action: 'forward',
            fromState: s.row.state as FeedbackState,
            toState: u.state as FeedbackState,
            actorKind: 'official',
            actorId: s.caller.accountId,
            note: b.reason,
            data: { from, fromName, to: b.communeCode, received: true },
            at: s.now,
          });
          await s.audit({
            action: 'feedback.forward_received',
            entityType: FEEDBACK_ENTITY,
            entityId: u.id,
            communeCode: b.communeCode,
            after: { from, code: u.code, state: u.state, transferDueDate, categoryId: category.id },
          });
          await notifyReporter(s.tx, u, 'feedback.forwarded', String(u.version), {
            targetName,
            reason: b.reason,
          });
        },
      };
    },
    o,
  );
}

export function escalateReport(
  ctx: WriteContext,
  caller: Caller,
  id: string,
  b: { version: number; reason: string },
  o?: StepOptions,
) {
  return step(
    ctx,
    caller,
    id,
    b.version,
    'escalate',
    (s) => ({ set: { escalatedAt: s.now }, note: b.reason, audit: { reason: b.reason } }),
    o,
  );
}

export function returnFromProvince(
  ctx: WriteContext,
  caller: Caller,
  id: string,
  b: { version: number; reason: string },
  o?: StepOptions,
) {
  return step(
    ctx,
    caller,
    id,
    b.version,
    'return_from_province',
    () => ({ note: b.reason, audit: { reason: b.reason } }),
    o,
  );
}
