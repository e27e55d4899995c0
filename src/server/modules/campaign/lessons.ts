/**
 * Bài học kinh nghiệm: what a commune learned from its trial, tagged, and searchable without diacritics across
 * the whole province ("mang noi bo" finds "mạng nội bộ"), so the communes that follow learn from the first ones.
 */
import { and, desc, eq, like, lt, or, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type {
  CreateLessonRequest,
  Lesson,
  LessonList,
  UpdateLessonRequest,
} from '../../../common/api/campaign-trials';
import { foldVietnamese } from '../../../common/text';
import type { DbOrTx } from '../../db/database';
import { escapeLike } from '../../db/like';
import { inTransaction, type WriteContext } from '../../db/transaction';
import { isUuid } from '../../http/auth';
import { fieldError, notFound } from '../../http/errors';
import { findCommuneLocation } from '../units/service';
import { communeNames, decodeCursor, encodeCursor, provinceOfCommune, trialDates } from './campaign-common';
import { campaignLessons } from './schema';
import { assertTrialOfCommune } from './trials';

type LessonRow = typeof campaignLessons.$inferSelect;

// ——— rules (pure) ———

/** A tag as stored and filtered: trimmed, single spaces, lower case ("Mạng  Nội bộ" → "mạng nội bộ"). */
export const normalizeTag = (tag: string) => tag.trim().replace(/\s+/g, ' ').toLocaleLowerCase('vi');

/** Tags without blanks or repeats , in the order given (case folded). */
export function normalizeTags(tags: readonly string[]): string[] {
  return [...new Set(tags.map(normalizeTag).filter(Boolean))];
}

/** What search matches: title, body and tags folded (no diacritics, lower case, single spaces). */
export function lessonSearchText(lesson: { title: string; body: string; tags: readonly string[] }): string {
  return foldVietnamese([lesson.title, lesson.body, ...lesson.tags].join(' '));
}

/** The words of a query, folded; a lesson matches when its search text contains every one. */
export function searchWords(q: string | undefined): string[] {
  if (!q) return [];
  return [...new Set(foldVietnamese(q).split(' ').filter(Boolean))].slice(0, 10);
}

// ——— reading ———

export async function communeOfLesson(db: DbOrTx, id: string): Promise<string | null> {
  if (!isUuid(id)) return null;
  const [row] = await db
    .select({ c: campaignLessons.communeCode })
    .from(campaignLessons)
    .where(eq(campaignLessons.id, id));
  return row?.c ?? null;
}

export async function getLessonRow(db: DbOrTx, id: string): Promise<LessonRow> {
  const [row] = isUuid(id) ? await db.select().from(campaignLessons).where(eq(campaignLessons.id, id)) : [];
  if (!row) throw notFound('bài học kinh nghiệm', 'lesson', id);
  return row;
}

async function present(db: DbOrTx, rows: LessonRow[]): Promise<Lesson[]> {
  const names = await communeNames(
    db,
    rows.map((r) => r.communeCode),
  );
  const trials = await trialDates(
    db,
    rows.map((r) => r.trialId),
  );
  return rows.map((r) => ({
    id: r.id,
    communeCode: r.communeCode,
    communeName: names.get(r.communeCode) ?? r.communeCode,
    trialId: r.trialId,
    trialDate: r.trialId ? (trials.get(r.trialId) ?? null) : null,
    title: r.title,
    body: r.body,
    tags: r.tags as string[],
    createdBy: r.createdBy,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  }));
}

export async function getLesson(db: DbOrTx, id: string): Promise<Lesson> {
  const [lesson] = await present(db, [await getLessonRow(db, id)]);
  return lesson!;
}

export interface LessonQuery {
  q?: string;
  tag?: string;
  commune?: string;
  limit: number;
  cursor?: string;
}

/**
 * Lessons of a province (or of one commune of it), newest first, a page at a time; every word of `q` must be
 * found (without diacritics) in the title, body or tags. With the tags used in that scope, for the filter.
 */
export async function listLessons(
  db: DbOrTx,
  scope: { provinceCode: string; communeCode?: string },
  q: LessonQuery,
): Promise<LessonList> {
  if (q.commune) {
    const where = await findCommuneLocation(db, q.commune);
    if (!where || where.provinceCode !== scope.provinceCode)
      throw fieldError(
        'query.commune',
        'Xã "{c}" không thuộc tỉnh.',
        'Commune "{c}" is not in the province.',
        {
          c: q.commune,
        },
      );
    if (scope.communeCode && scope.communeCode !== q.commune)
      throw fieldError(
        'query.commune',
        'Chỉ lọc theo xã khi xem bài học của cả tỉnh.',
        "Filter by commune only when reading the province's lessons.",
      );
  }
  const communeCode = scope.communeCode ?? q.commune;
  const after = q.cursor ? decodeCursor(q.cursor) : null;
  const afterAt = after ? new Date(after[0]) : null;
  if (afterAt && Number.isNaN(afterAt.getTime()))
    throw fieldError('query.cursor', 'Con trỏ trang không hợp lệ.', 'Invalid cursor.');
  const tag = q.tag ? normalizeTag(q.tag) : undefined;
  const base = and(
    eq(campaignLessons.provinceCode, scope.provinceCode),
    communeCode ? eq(campaignLessons.communeCode, communeCode) : undefined,
  );
  const rows = await db
    .select()
    .from(campaignLessons)
    .where(
      and(
        base,
        ...searchWords(q.q).map((w) => like(campaignLessons.searchText, `%${escapeLike(w)}%`)),
        tag ? sql`${campaignLessons.tags} @> ${JSON.stringify([tag])}::jsonb` : undefined,
        afterAt && after
          ? or(
              lt(campaignLessons.createdAt, afterAt),
              and(eq(campaignLessons.createdAt, afterAt), lt(campaignLessons.id, after[1])),
            )
          : undefined,
      ),
    )
    .orderBy(desc(campaignLessons.createdAt), desc(campaignLessons.id))
    .limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  const tagRows = await db
    .select({ tag: sql<string>`t.tag`, count: sql<number>`count(*)` })
    .from(sql`${campaignLessons}, jsonb_array_elements_text(${campaignLessons.tags}) as t(tag)`)
    .where(base)
    .groupBy(sql`t.tag`)
    .orderBy(sql`count(*) desc`, sql`t.tag`)
    .limit(200);
  return {
    items: await present(db, page),
    nextCursor: rows.length > q.limit && last ? encodeCursor(last.createdAt.toISOString(), last.id) : null,
    tags: tagRows.map((r) => ({ tag: r.tag, count: Number(r.count) })),
  };
}

// ——— writing ———

/** A new lesson's row (its trial checked, tags normalized), as createLesson writes it. */
export async function newLessonRow(
  db: DbOrTx,
  communeCode: string,
  input: CreateLessonRequest,
  author: string,
) {
  const provinceCode = await provinceOfCommune(db, communeCode);
  await assertTrialOfCommune(db, communeCode, input.trialId, 'body.trialId');
  const tags = normalizeTags(input.tags ?? []);
  return {
    id: uuidv7(),
    communeCode,
    provinceCode,
    trialId: input.trialId ?? null,
    title: input.title,
    body: input.body,
    tags,
    searchText: lessonSearchText({ title: input.title, body: input.body, tags }),
    createdBy: author,
  };
}

/** The audit entry of a new lesson (without its search text). */
export function lessonCreated(values: Awaited<ReturnType<typeof newLessonRow>>) {
  const { searchText: _s, ...logged } = values;
  return {
    action: 'campaign.lesson.create',
    entityType: 'campaign_lesson',
    entityId: values.id,
    communeCode: values.communeCode,
    after: logged,
  };
}

export async function createLesson(
  ctx: WriteContext,
  communeCode: string,
  input: CreateLessonRequest,
  author = ctx.actor.name,
) {
  const values = await newLessonRow(ctx.db, communeCode, input, author);
  await inTransaction(ctx, async (tx, audit) => {
    await tx.insert(campaignLessons).values(values);
    await audit(lessonCreated(values));
  });
  return getLesson(ctx.db, values.id);
}

export async function updateLesson(ctx: WriteContext, id: string, input: UpdateLessonRequest) {
  const before = await getLessonRow(ctx.db, id);
  if (input.trialId !== undefined)
    await assertTrialOfCommune(ctx.db, before.communeCode, input.trialId, 'body.trialId');
  const next = {
    title: input.title ?? before.title,
    body: input.body ?? before.body,
    tags: input.tags ? normalizeTags(input.tags) : (before.tags as string[]),
    trialId: input.trialId !== undefined ? input.trialId : before.trialId,
  };
  await inTransaction(ctx, async (tx, audit) => {
    await tx
      .update(campaignLessons)
      .set({ ...next, searchText: lessonSearchText(next), updatedAt: new Date() })
      .where(eq(campaignLessons.id, id));
    await audit({
      action: 'campaign.lesson.update',
      entityType: 'campaign_lesson',
      entityId: id,
      communeCode: before.communeCode,
      before: { title: before.title, body: before.body, tags: before.tags, trialId: before.trialId },
      after: next,
    });
  });
  return getLesson(ctx.db, id);
}

export async function deleteLesson(ctx: WriteContext, id: string) {
  const before = await getLessonRow(ctx.db, id);
  await inTransaction(ctx, async (tx, audit) => {
    await tx.delete(campaignLessons).where(eq(campaignLessons.id, id));
    await audit({
      action: 'campaign.lesson.delete',
      entityType: 'campaign_lesson',
      entityId: id,
      communeCode: before.communeCode,
      before: { title: before.title, body: before.body, tags: before.tags, trialId: before.trialId },
    });
  });
  return { id, deleted: true as const };
}
