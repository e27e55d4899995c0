/**
 * The reporter's own page (theo dõi phản ánh): tracking code + the phone, the e-mail or the PIN given at submission.
 * A wrong pair answers exactly like an unknown code (same status, same body, and a PIN is always checked against a
 * hash, so the time does not tell either). The reporter — and only they — says whether it was resolved and rates
 * the answer; "not resolved" reopens the report (the lifecycle's 'reporter' role).
 */
import { verify } from '@node-rs/argon2';
import { asc, eq } from 'drizzle-orm';
import type { FeedbackState, TrackedFeedback } from '../../../common/api/feedback';
import type { RateRequest } from '../../../common/api/feedback-intake';
import { normalizePhone } from '../../../common/phone';
import type { DbOrTx, Tx } from '../../db/database';
import { type Audit, inTransaction, type WriteContext } from '../../db/transaction';
import { AppError, type Lang, text } from '../../http/errors';
import { accounts } from '../auth/schema';
import { notify, publicLink } from '../notifications/notify';
import { orgOfficials } from '../org/schema';
import { communes } from '../units/schema';
import { normalizeFeedbackCode } from './domain/code';
import { transition } from './domain/lifecycle';
import { parseTrackingContact } from './domain/validation';
import { hashPin } from './reports';
import { feedbackActions, feedbackCategories, feedbackReports } from './schema';
import {
  appendFeedbackAction,
  FEEDBACK_ENTITY,
  type FeedbackReportRow,
  lockReport,
  updateReport,
} from './store';

/** The one answer for an unknown code and for a wrong phone, e-mail or PIN: it reveals nothing. */
export const unknownReport = () =>
  new AppError(
    'not_found',
    text(
      'Không tìm thấy phản ánh với mã và số điện thoại, thư điện tử hoặc mã PIN đã nhập.',
      'No report with this code and phone, e-mail or PIN.',
    ),
  );

/** A hash no PIN matches, checked when there is nothing to check against (same time as a real check). */
let dummyHash: Promise<string> | null = null;
const dummy = () => {
  dummyHash ??= hashPin('no-pin');
  return dummyHash;
};

/** True when `contact` is the report's phone, e-mail or PIN. */
async function contactMatches(row: FeedbackReportRow | null, contact: string): Promise<boolean> {
  const c = parseTrackingContact(contact);
  if (c?.kind === 'pin') {
    // Always one argon2 check, so an unknown code or a report without a PIN takes the same time.
    const stored = row?.trackingPinHash ?? null;
    const ok = await verify(stored ?? (await dummy()), c.value).catch(() => false);
    return ok && stored !== null;
  }
  if (!row || !c) return false;
  if (c.kind === 'email') return row.reporterEmail !== null && c.value === row.reporterEmail;
  return row.reporterPhone !== null && c.value === row.reporterPhone;
}

/** The report of this code whose reporter gave this phone, e-mail or PIN; otherwise the one 404. */
export async function findByContact(
  db: DbOrTx,
  codeInput: string,
  contact: string,
): Promise<FeedbackReportRow> {
  const code = normalizeFeedbackCode(codeInput);
  const [row] = code ? await db.select().from(feedbackReports).where(eq(feedbackReports.code, code)) : [];
  if (!(await contactMatches(row ?? null, contact)) || !row) throw unknownReport();
  return row;
}

/** The answer the reporter sees: their report's, or — merged into another — that one's. */
const ANSWER_VISIBLE: readonly FeedbackState[] = ['answered', 'closed', 'reopened', 'merged'];

/**
 * Answered or closed, and not rated since the last answer. A report merged into another is answered with it: its
 * reporter rates that answer (`answerOf` = the report it was merged into), and an unhappy answer reopens that one.
 */
export function canRate(row: FeedbackReportRow, answerOf: FeedbackReportRow | null = row): boolean {
  if (row.state === 'merged' ? !answerOf || answerOf.id === row.id : answerOf !== row) return false;
  if (!answerOf || (answerOf.state !== 'answered' && answerOf.state !== 'closed')) return false;
  if (!answerOf.answeredAt) return false;
  return !row.ratedAt || row.ratedAt < answerOf.answeredAt;
}

export async function trackedView(db: DbOrTx, row: FeedbackReportRow, lang: Lang): Promise<TrackedFeedback> {
  const [category] = await db
    .select({ nameVi: feedbackCategories.nameVi, nameEn: feedbackCategories.nameEn })
    .from(feedbackCategories)
    .where(eq(feedbackCategories.id, row.categoryId));
  const [commune] = await db
    .select({ name: communes.name })
    .from(communes)
    .where(eq(communes.code, row.communeCode));
  const history = await db
    .select({ action: feedbackActions.action, toState: feedbackActions.toState, at: feedbackActions.at })
    .from(feedbackActions)
    .where(eq(feedbackActions.reportId, row.id))
    .orderBy(asc(feedbackActions.at), asc(feedbackActions.id));
  let answerOf: FeedbackReportRow | null = row;
  if (row.state === 'merged' && row.mergedIntoId) {
    const [target] = await db.select().from(feedbackReports).where(eq(feedbackReports.id, row.mergedIntoId));
    answerOf = target ?? null;
  }
  const answered =
    answerOf?.answeredAt && ANSWER_VISIBLE.includes(answerOf.state as FeedbackState) ? answerOf : null;
  return {
    code: row.code,
    title: row.title,
    categoryName: category ? (lang === 'en' ? category.nameEn : category.nameVi) : '',
    communeName: commune?.name ?? row.communeCode,
    state: row.state as FeedbackState,
    receivedAt: row.receivedAt.toISOString(),
    answerDueDate: row.answerDueDate,
    // A merged reporter reads the public version: the full answer may name the other report's reporter.
    answer: (answered === row ? answered.answerText : (answered?.answerPublicText ?? null)) ?? null,
    answeredAt: answered?.answeredAt?.toISOString() ?? null,
    rejectReason: row.state === 'rejected' ? row.rejectReason : null,
    canRate: canRate(row, answerOf),
    resolvedByReporter: row.resolvedByReporter,
    rating: row.rating,
    history: history.map((h) => ({
      action: h.action as TrackedFeedback['history'][number]['action'],
      toState: h.toState as FeedbackState,
      at: h.at.toISOString(),
    })),
  };
}

export async function trackReport(db: DbOrTx, code: string, contact: string, lang: Lang) {
  return trackedView(db, await findByContact(db, code, contact), lang);
}

const notRateable = (code: string) =>
  new AppError(
    'conflict',
    text(
      'Phản ánh {code} chưa có câu trả lời hoặc đã được đánh giá; chỉ đánh giá sau mỗi lần trả lời.',
      'Report {code} has no answer yet or was already rated; it can be rated once after each answer.',
      { code },
    ),
  );

/** The assignee's contact (their official record), for the "reopened" message; null when none is known. */
export async function assigneeContact(db: DbOrTx, accountId: string | null) {
  if (!accountId) return null;
  const [row] = await db
    .select({ email: orgOfficials.email, phone: orgOfficials.phone })
    .from(accounts)
    .innerJoin(orgOfficials, eq(orgOfficials.id, accounts.officialId))
    .where(eq(accounts.id, accountId));
  if (!row || (!row.email && !row.phone)) return null;
  return { email: row.email, phone: row.phone ? normalizePhone(row.phone) : null };
}

/**
 * The reporter's answer to "Đã được giải quyết chưa?": resolved or not, an optional rating and comment. Not
 * resolved reopens the report (counted, the assignee told). Only the reporter (code + contact) reaches this.
 */
export async function rateReport(
  ctx: WriteContext,
  body: RateRequest,
  lang: Lang,
  now: Date = new Date(),
): Promise<TrackedFeedback> {
  const found = await findByContact(ctx.db, body.code, body.contact);
  if (found.state === 'merged' && found.mergedIntoId) return rateMergedReport(ctx, found, body, lang, now);
  const row = await inTransaction(ctx, async (tx, audit) => {
    const locked = await lockReport(tx, found.id);
    if (!canRate(locked)) throw notRateable(locked.code);
    const [category] = await tx
      .select({ approvalRequired: feedbackCategories.approvalRequired })
      .from(feedbackCategories)
      .where(eq(feedbackCategories.id, locked.categoryId));
    const lifecycle = { approvalRequired: category?.approvalRequired ?? false };
    const rated = transition(locked.state as FeedbackState, 'rate', 'reporter', lifecycle);
    if (!rated.ok) throw new AppError('conflict', { vi: rated.vi, en: rated.en });
    let to: FeedbackState = rated.to;
    if (!body.resolved) {
      const reopened = transition(rated.to, 'reopen', 'reporter', lifecycle);
      if (!reopened.ok) throw new AppError('conflict', { vi: reopened.vi, en: reopened.en });
      to = reopened.to;
    }
    const updated = await updateReport(
      tx,
      locked,
      {
        state: to,
        resolvedByReporter: body.resolved,
        rating: body.rating ?? null,
        ratingComment: body.comment,
        ratedAt: now,
        ...(body.resolved
          ? { closedAt: locked.closedAt ?? now }
          : { reopenCount: locked.reopenCount + 1, closedAt: null }),
      },
      now,
    );
    await appendFeedbackAction(tx, {
      reportId: locked.id,
      communeCode: locked.communeCode,
      action: 'rate',
      fromState: locked.state as FeedbackState,
      toState: rated.to,
      actorKind: 'reporter',
      actorId: null,
      note: body.comment,
      data: { resolved: body.resolved, rating: body.rating ?? null },
      at: now,
    });
    await audit({
      action: 'feedback.rate',
      entityType: FEEDBACK_ENTITY,
      entityId: locked.id,
      communeCode: locked.communeCode,
      before: { state: locked.state },
      after: { resolved: body.resolved, rating: body.rating ?? null },
    });
    if (!body.resolved) {
      await recordReopen(tx, audit, locked, rated.to, to, updated.reopenCount, body.comment, null, now);
    }
    return updated;
  });
  return trackedView(ctx.db, row, lang);
}

/**
 * The reporter of a report merged into another answers "Đã được giải quyết chưa?" about the answer they were sent
 * (the other report's): the rating stays on their own report (it counts in the statistics); not resolved reopens
 * the report it was merged into, with an action naming their code, and tells its handler.
 */
async function rateMergedReport(
  ctx: WriteContext,
  found: FeedbackReportRow,
  body: RateRequest,
  lang: Lang,
  now: Date,
): Promise<TrackedFeedback> {
  const row = await inTransaction(ctx, async (tx, audit) => {
    const own = await lockReport(tx, found.id);
    const target = own.mergedIntoId ? await lockReport(tx, own.mergedIntoId) : null;
    if (own.state !== 'merged' || !target || !canRate(own, target)) throw notRateable(own.code);
    const updated = await updateReport(
      tx,
      own,
      {
        resolvedByReporter: body.resolved,
        rating: body.rating ?? null,
        ratingComment: body.comment,
        ratedAt: now,
      },
      now,
    );
    await appendFeedbackAction(tx, {
      reportId: own.id,
      communeCode: own.communeCode,
      action: 'rate',
      fromState: 'merged',
      toState: 'merged',
      actorKind: 'reporter',
      actorId: null,
      note: body.comment,
      data: { resolved: body.resolved, rating: body.rating ?? null, answerOf: target.code },
      at: now,
    });
    await audit({
      action: 'feedback.rate',
      entityType: FEEDBACK_ENTITY,
      entityId: own.id,
      communeCode: own.communeCode,
      before: { state: own.state },
      after: { resolved: body.resolved, rating: body.rating ?? null, answerOf: target.code },
    });
    if (!body.resolved) {
      const reopened = transition(target.state as FeedbackState, 'reopen', 'reporter', {
        approvalRequired: false,
      });
      if (!reopened.ok) throw new AppError('conflict', { vi: reopened.vi, en: reopened.en });
      const t2 = await updateReport(
        tx,
        target,
        { state: reopened.to, reopenCount: target.reopenCount + 1, closedAt: null },
        now,
      );
      await recordReopen(
        tx,
        audit,
        target,
        target.state as FeedbackState,
        reopened.to,
        t2.reopenCount,
        body.comment,
        {
          byMergedReport: own.code,
        },
        now,
      );
    }
    return updated;
  });
  return trackedView(ctx.db, row, lang);
}

/** The reopening by the reporter: its action, its audit entry, and a message to the report's handler. */
async function recordReopen(
  tx: Tx,
  audit: Audit,
  report: FeedbackReportRow,
  from: FeedbackState,
  to: FeedbackState,
  reopenCount: number,
  comment: string | null | undefined,
  data: Record<string, unknown> | null,
  now: Date,
) {
  await appendFeedbackAction(tx, {
    reportId: report.id,
    communeCode: report.communeCode,
    action: 'reopen',
    fromState: from,
    toState: to,
    actorKind: 'reporter',
    actorId: null,
    note: comment ?? null,
    data,
    at: now,
  });
  await audit({
    action: 'feedback.reopen',
    entityType: FEEDBACK_ENTITY,
    entityId: report.id,
    communeCode: report.communeCode,
    before: { state: from },
    after: { state: to, reopenCount, ...data },
  });
  const handler = await assigneeContact(tx, report.assigneeAccountId);
  if (handler)
    await notify(tx, {
      template: 'feedback.reopened',
      params: {
        code: report.code,
        title: report.title,
        comment: comment ?? '',
        url: publicLink(`/xu-ly-phan-anh/chi-tiet/${report.id}`),
      },
      to: handler,
      communeCode: report.communeCode,
      sourceType: FEEDBACK_ENTITY,
      sourceId: report.id,
      idempotencyKey: `feedback.reopened:${report.id}:${reopenCount}`,
    });
}
