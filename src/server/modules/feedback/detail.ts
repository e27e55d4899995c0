/**
 * The staff's view of one report (FeedbackDetail): the report, its category, who it is assigned to, the reports
 * merged into it, its children, its files and its history with the name of each official who acted.
 */
import { asc, eq, inArray } from 'drizzle-orm';
import type {
  FeedbackActionKind,
  FeedbackActionRow,
  FeedbackDetail,
  FeedbackState,
} from '../../../common/api/feedback';
import type { DbOrTx } from '../../db/database';
import { AppError } from '../../http/errors';
import { accounts } from '../auth/schema';
import { getCalendar } from '../calendar/service';
import type { WorkingCalendar } from '../calendar/working-days';
import { todayInVietnam } from '../org/document-format';
import { orgOfficials } from '../org/schema';
import { timeliness } from './domain/deadlines';
import { feedbackActions, feedbackAttachments, feedbackCategories, feedbackReports } from './schema';
import { feedbackSettingsOf } from './settings';
import { type FeedbackReportRow, findReport } from './store';

/** The names of some accounts: the linked official's full name, else the account's display name. */
export async function accountNames(
  db: DbOrTx,
  ids: (string | null | undefined)[],
): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((x): x is string => !!x))];
  if (!wanted.length) return new Map();
  const rows = await db
    .select({ id: accounts.id, displayName: accounts.displayName, fullName: orgOfficials.fullName })
    .from(accounts)
    .leftJoin(orgOfficials, eq(orgOfficials.id, accounts.officialId))
    .where(inArray(accounts.id, wanted));
  return new Map(rows.map((r) => [r.id, r.fullName ?? r.displayName]));
}

export type FeedbackCategoryRow = typeof feedbackCategories.$inferSelect;

export async function categoryOf(db: DbOrTx, id: string): Promise<FeedbackCategoryRow | null> {
  const [row] = await db.select().from(feedbackCategories).where(eq(feedbackCategories.id, id));
  return row ?? null;
}

/** The report as the staff see it; 404 when missing. `cal` and `today` may be given (a pinned clock in tests). */
export async function getFeedbackDetail(
  db: DbOrTx,
  id: string,
  options: { calendar?: WorkingCalendar; today?: string } = {},
): Promise<FeedbackDetail> {
  const row = await findReport(db, id);
  if (!row) throw new AppError('not_found');
  return presentDetail(db, row, options);
}

export async function presentDetail(
  db: DbOrTx,
  row: FeedbackReportRow,
  options: { calendar?: WorkingCalendar; today?: string } = {},
): Promise<FeedbackDetail> {
  const [category, merged, children, files, actions, settings] = await Promise.all([
    categoryOf(db, row.categoryId),
    db
      .select({ id: feedbackReports.id, code: feedbackReports.code, title: feedbackReports.title })
      .from(feedbackReports)
      .where(eq(feedbackReports.mergedIntoId, row.id))
      .orderBy(asc(feedbackReports.receivedAt), asc(feedbackReports.id)),
    db
      .select({
        id: feedbackReports.id,
        code: feedbackReports.code,
        title: feedbackReports.title,
        state: feedbackReports.state,
      })
      .from(feedbackReports)
      .where(eq(feedbackReports.parentId, row.id))
      .orderBy(asc(feedbackReports.code)),
    db
      .select()
      .from(feedbackAttachments)
      .where(eq(feedbackAttachments.reportId, row.id))
      .orderBy(asc(feedbackAttachments.uploadedAt), asc(feedbackAttachments.id)),
    db
      .select()
      .from(feedbackActions)
      .where(eq(feedbackActions.reportId, row.id))
      .orderBy(asc(feedbackActions.at), asc(feedbackActions.id)),
    feedbackSettingsOf(db, row.provinceCode),
  ]);
  const names = await accountNames(db, [
    row.assigneeAccountId,
    ...actions.map((a) => (a.actorKind === 'official' || a.actorKind === 'api' ? a.actorId : null)),
  ]);
  const calendar = options.calendar ?? (await getCalendar(db));
  const today = options.today ?? todayInVietnam();
  const state = row.state as FeedbackState;
  return {
    id: row.id,
    code: row.code,
    communeCode: row.communeCode,
    provinceCode: row.provinceCode,
    categoryId: row.categoryId,
    categoryName: category?.nameVi ?? '',
    kind: (category?.kind ?? 'feedback') as FeedbackDetail['kind'],
    channel: row.channel as FeedbackDetail['channel'],
    title: row.title,
    content: row.content,
    state,
    receivedAt: row.receivedAt.toISOString(),
    transferDueDate: row.transferDueDate,
    answerDueDate: row.answerDueDate,
    timeliness: timeliness(
      { state, transferDueDate: row.transferDueDate, answerDueDate: row.answerDueDate },
      today,
      settings.dueSoonDays,
      calendar,
    ),
    escalationLevel: row.escalationLevel,
    assigneeName: row.assigneeAccountId ? (names.get(row.assigneeAccountId) ?? null) : null,
    reporterName: row.reporterName,
    hasLocation: row.latitude !== null,
    parentId: row.parentId,
    version: row.version,
    place: {
      text: row.placeText,
      resolved: row.placeResolved,
      latitude: row.latitude,
      longitude: row.longitude,
    },
    reporterPhone: row.reporterPhone,
    reporterEmail: row.reporterEmail,
    anonymous: row.anonymous,
    isPrivate: row.isPrivate,
    assigneeAccountId: row.assigneeAccountId,
    assignedBody: row.assignedBody,
    rejectReason: row.rejectReason,
    answerText: row.answerText,
    answerPublicText: row.answerPublicText,
    approvalRequired: category?.approvalRequired ?? false,
    answeredAt: row.answeredAt?.toISOString() ?? null,
    approvedAt: row.approvedAt?.toISOString() ?? null,
    publishedAt: row.publishedAt?.toISOString() ?? null,
    closedAt: row.closedAt?.toISOString() ?? null,
    mergedIntoId: row.mergedIntoId,
    merged,
    children: children.map((c) => ({ ...c, state: c.state as FeedbackState })),
    forwardedFrom: row.forwardedFrom,
    resolvedByReporter: row.resolvedByReporter,
    rating: row.rating,
    ratingComment: row.ratingComment,
    reopenCount: row.reopenCount,
    files: files.map((f) => ({
      id: f.id,
      purpose: f.purpose as 'report' | 'answer',
      name: f.fileName,
      contentType: f.contentType,
      size: f.sizeBytes,
    })),
    actions: actions.map(
      (a): FeedbackActionRow => ({
        id: a.id,
        action: a.action as FeedbackActionKind,
        fromState: (a.fromState as FeedbackState | null) ?? null,
        toState: a.toState as FeedbackState,
        actorKind: a.actorKind as FeedbackActionRow['actorKind'],
        actorName: a.actorId ? (names.get(a.actorId) ?? null) : a.actorKind === 'system' ? 'XãSố' : null,
        note: a.note,
        data: (a.data as Record<string, unknown> | null) ?? null,
        at: a.at.toISOString(),
      }),
    ),
  };
}
