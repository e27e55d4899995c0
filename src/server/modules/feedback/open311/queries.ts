/**
 * The reads of Open311's GET requests: a commune's reports with their category, the code of the report a
 * duplicate was merged into, and the first photo of a published report (its public address).
 */
import { and, asc, desc, eq, gte, inArray, isNotNull, like, lte, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { FeedbackState } from '../../../../common/api/feedback';
import type { DbOrTx } from '../../../db/database';
import { categoryOut } from '../categories';
import { feedbackAttachments, feedbackCategories, feedbackReports } from '../schema';
import type { RequestsQuery } from './input';
import { type RequestSource, statesOf } from './mapping';

const mergedInto = alias(feedbackReports, 'merged_into');

/**
 * The reports GET requests / GET request return (a commune's; filters as parsed), newest first. Asked for by id, a
 * report received by the commune is found there even after it was forwarded to another one (its code keeps the
 * commune it was received by), so a client follows what it posted.
 */
export async function findRequests(
  db: DbOrTx,
  communeCode: string,
  q: RequestsQuery | { ids: string[]; limit: number },
  publicUrl: string,
): Promise<RequestSource[]> {
  const r = feedbackReports;
  const conditions = q.ids
    ? [inArray(r.code, q.ids), or(eq(r.communeCode, communeCode), like(r.code, `PA-${communeCode}-%`))!]
    : [eq(r.communeCode, communeCode)];
  if ('start' in q && !q.ids) {
    conditions.push(gte(r.receivedAt, q.start), lte(r.receivedAt, q.end));
    if (q.serviceCodes.length) conditions.push(inArray(feedbackCategories.key, q.serviceCodes));
    if (q.statuses.length === 1) {
      const states: FeedbackState[] = statesOf(q.statuses[0]!);
      conditions.push(inArray(r.state, states));
    }
  }
  const rows = await db
    .select({ report: r, category: feedbackCategories, mergedIntoCode: mergedInto.code })
    .from(r)
    .innerJoin(feedbackCategories, eq(feedbackCategories.id, r.categoryId))
    .leftJoin(mergedInto, eq(mergedInto.id, r.mergedIntoId))
    .where(and(...conditions))
    .orderBy(desc(r.receivedAt), desc(r.code))
    .limit(q.limit);
  const photos = await firstPhotos(
    db,
    rows.filter((x) => x.report.publishedAt && !x.report.isPrivate).map((x) => x.report.id),
  );
  return rows.map(({ report, category, mergedIntoCode }) => {
    const photo = photos.get(report.id);
    return {
      code: report.code,
      state: report.state as FeedbackState,
      content: report.content,
      placeText: report.placeText,
      placeResolved: report.placeResolved,
      latitude: report.latitude,
      longitude: report.longitude,
      reporterName: report.reporterName,
      reporterPhone: report.reporterPhone,
      reporterEmail: report.reporterEmail,
      isPrivate: report.isPrivate,
      assignedBody: report.assignedBody,
      receivedAt: report.receivedAt,
      updatedAt: report.updatedAt,
      answeredAt: report.answeredAt,
      closedAt: report.closedAt,
      answerDueDate: report.answerDueDate,
      answerPublicText: report.answerPublicText,
      publishedAt: report.publishedAt,
      rejectReason: report.rejectReason,
      mergedIntoCode,
      category: categoryOut(category),
      photoUrl: photo
        ? `${publicUrl}/api/v1/public/feedback/by-code/${encodeURIComponent(report.code)}/files/${photo}`
        : null,
    };
  });
}

/** The first image the reporter attached, per report (published ones only are asked for). */
async function firstPhotos(db: DbOrTx, reportIds: string[]): Promise<Map<string, string>> {
  if (!reportIds.length) return new Map();
  const a = feedbackAttachments;
  const rows = await db
    .select({ reportId: a.reportId, id: a.id })
    .from(a)
    .where(
      and(
        inArray(a.reportId, reportIds),
        eq(a.purpose, 'report'),
        isNotNull(a.contentType),
        sql`${a.contentType} like 'image/%'`,
      ),
    )
    .orderBy(asc(a.uploadedAt), asc(a.id));
  const out = new Map<string, string>();
  for (const row of rows) if (!out.has(row.reportId)) out.set(row.reportId, row.id);
  return out;
}
