/**
 * The public list and map of answered reports (issue 13 §5): only published, non-private reports, never personal
 * data — the content, title and place are masked by rule (and the reporter's own name, phone and e-mail), the
 * answer is the public version the official approved, and no reporter's name or contact is ever selected into
 * the answer. Searchable without diacritics on the folded (and masked) search text.
 */
import { and, desc, eq, inArray, isNotNull, like, or, type SQL, sql } from 'drizzle-orm';
import type { FeedbackState } from '../../../common/api/feedback';
import type {
  FeedbackMap,
  PublicFeedbackItem,
  PublicFeedbackQuery,
} from '../../../common/api/feedback-intake';
import { maskPersonalData } from '../../../common/masking';
import { foldVietnamese } from '../../../common/text';
import type { DbOrTx } from '../../db/database';
import { escapeLike } from '../../db/like';
import { AppError, fieldError, type Lang, text } from '../../http/errors';
import { communes } from '../units/schema';
import { normalizeFeedbackCode } from './domain/code';
import { feedbackAttachments, feedbackCategories, feedbackReports } from './schema';

/** Published and not private: what anyone may read. */
const published = and(isNotNull(feedbackReports.publishedAt), eq(feedbackReports.isPrivate, false))!;

const publicColumns = {
  id: feedbackReports.id,
  code: feedbackReports.code,
  communeCode: feedbackReports.communeCode,
  communeName: communes.name,
  categoryNameVi: feedbackCategories.nameVi,
  categoryNameEn: feedbackCategories.nameEn,
  title: feedbackReports.title,
  content: feedbackReports.content,
  placeText: feedbackReports.placeText,
  latitude: feedbackReports.latitude,
  longitude: feedbackReports.longitude,
  state: feedbackReports.state,
  receivedAt: feedbackReports.receivedAt,
  answeredAt: feedbackReports.answeredAt,
  publishedAt: feedbackReports.publishedAt,
  answer: feedbackReports.answerPublicText,
  // Read only to mask them out of the text; never part of the answer.
  reporterName: feedbackReports.reporterName,
  reporterPhone: feedbackReports.reporterPhone,
  reporterEmail: feedbackReports.reporterEmail,
};
type PublicRow = {
  [K in keyof typeof publicColumns]: (typeof publicColumns)[K]['_']['data'] | null;
};

function present(r: PublicRow, lang: Lang, photos: PublicFeedbackItem['photos']): PublicFeedbackItem {
  const known = {
    names: r.reporterName ? [r.reporterName] : [],
    phones: r.reporterPhone ? [r.reporterPhone] : [],
    emails: r.reporterEmail ? [r.reporterEmail] : [],
  };
  return {
    code: r.code!,
    communeCode: r.communeCode!,
    communeName: r.communeName ?? r.communeCode!,
    categoryName: (lang === 'en' ? r.categoryNameEn : r.categoryNameVi) ?? '',
    title: maskPersonalData(r.title!, known),
    content: maskPersonalData(r.content!, known),
    placeText: r.placeText ? maskPersonalData(r.placeText, known) : null,
    latitude: r.latitude,
    longitude: r.longitude,
    state: r.state as FeedbackState,
    receivedAt: r.receivedAt!.toISOString(),
    answeredAt: r.answeredAt?.toISOString() ?? null,
    answer: r.answer,
    photos,
  };
}

/** The photos (images only) of some reports, by report id. */
async function photosOf(db: DbOrTx, ids: string[]) {
  const by = new Map<string, PublicFeedbackItem['photos']>();
  if (!ids.length) return by;
  const rows = await db
    .select({
      id: feedbackAttachments.id,
      reportId: feedbackAttachments.reportId,
      name: feedbackAttachments.fileName,
      contentType: feedbackAttachments.contentType,
    })
    .from(feedbackAttachments)
    .where(and(inArray(feedbackAttachments.reportId, ids), like(feedbackAttachments.contentType, 'image/%')))
    .orderBy(feedbackAttachments.uploadedAt, feedbackAttachments.id);
  for (const r of rows) {
    const list = by.get(r.reportId) ?? [];
    list.push({ id: r.id, name: r.name, contentType: r.contentType });
    by.set(r.reportId, list);
  }
  return by;
}

const badCursor = () => fieldError('query.cursor', 'Con trỏ trang không hợp lệ.', 'Invalid page cursor.');

function decodeCursor(cursor: string): { at: Date; id: string } {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [string, string];
    const date = new Date(at);
    if (Number.isNaN(date.getTime()) || !/^[0-9a-f-]{36}$/i.test(id)) throw badCursor();
    return { at: date, id };
  } catch {
    throw badCursor();
  }
}

const encodeCursor = (at: Date, id: string) =>
  Buffer.from(JSON.stringify([at.toISOString(), id]), 'utf8').toString('base64url');

/** Published answers, newest first, filtered and searched (each word, without diacritics). */
export async function listPublicFeedback(db: DbOrTx, q: PublicFeedbackQuery, lang: Lang) {
  const where: SQL[] = [published];
  if (q.provinceCode) where.push(eq(feedbackReports.provinceCode, q.provinceCode));
  if (q.communeCode) where.push(eq(feedbackReports.communeCode, q.communeCode));
  if (q.categoryKey) where.push(eq(feedbackCategories.key, q.categoryKey));
  for (const word of foldVietnamese(q.q ?? '')
    .split(' ')
    .filter(Boolean)
    .slice(0, 8))
    where.push(like(feedbackReports.searchText, `%${escapeLike(word)}%`));
  if (q.cursor) {
    const c = decodeCursor(q.cursor);
    where.push(
      or(
        sql`${feedbackReports.publishedAt} < ${c.at.toISOString()}`,
        and(
          sql`${feedbackReports.publishedAt} = ${c.at.toISOString()}`,
          sql`${feedbackReports.id} < ${c.id}`,
        ),
      )!,
    );
  }
  const rows = await db
    .select(publicColumns)
    .from(feedbackReports)
    .innerJoin(feedbackCategories, eq(feedbackCategories.id, feedbackReports.categoryId))
    .leftJoin(communes, eq(communes.code, feedbackReports.communeCode))
    .where(and(...where))
    .orderBy(desc(feedbackReports.publishedAt), desc(feedbackReports.id))
    .limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  const photos = await photosOf(
    db,
    page.map((r) => r.id),
  );
  const last = page.at(-1);
  return {
    items: page.map((r) => present(r, lang, photos.get(r.id) ?? [])),
    nextCursor: rows.length > q.limit && last?.publishedAt ? encodeCursor(last.publishedAt, last.id) : null,
  };
}

const MAX_MAP_POINTS = 2000;

/** Located published reports of a province or a commune, for the map (newest first, at most 2000). */
export async function publicMapPoints(
  db: DbOrTx,
  q: { provinceCode?: string; communeCode?: string },
  lang: Lang,
): Promise<FeedbackMap> {
  const where: SQL[] = [published, isNotNull(feedbackReports.latitude)];
  if (q.provinceCode) where.push(eq(feedbackReports.provinceCode, q.provinceCode));
  if (q.communeCode) where.push(eq(feedbackReports.communeCode, q.communeCode));
  const rows = await db
    .select({
      code: feedbackReports.code,
      title: feedbackReports.title,
      state: feedbackReports.state,
      latitude: feedbackReports.latitude,
      longitude: feedbackReports.longitude,
      categoryNameVi: feedbackCategories.nameVi,
      categoryNameEn: feedbackCategories.nameEn,
      reporterName: feedbackReports.reporterName,
    })
    .from(feedbackReports)
    .innerJoin(feedbackCategories, eq(feedbackCategories.id, feedbackReports.categoryId))
    .where(and(...where))
    .orderBy(desc(feedbackReports.publishedAt))
    .limit(MAX_MAP_POINTS);
  return {
    points: rows.map((r) => ({
      code: r.code,
      title: maskPersonalData(r.title, { names: r.reporterName ? [r.reporterName] : [] }),
      state: r.state as FeedbackState,
      latitude: r.latitude!,
      longitude: r.longitude!,
      categoryName: lang === 'en' ? r.categoryNameEn : r.categoryNameVi,
    })),
  };
}

export const unpublishedReport = () =>
  new AppError(
    'not_found',
    text('Không có phản ánh đã công khai với mã này.', 'No published report with this code.'),
  );

/** The published report of this code (with its id, for its photos); 404 otherwise. */
export async function findPublished(db: DbOrTx, codeInput: string) {
  const code = normalizeFeedbackCode(codeInput);
  if (!code) throw unpublishedReport();
  const [row] = await db
    .select(publicColumns)
    .from(feedbackReports)
    .innerJoin(feedbackCategories, eq(feedbackCategories.id, feedbackReports.categoryId))
    .leftJoin(communes, eq(communes.code, feedbackReports.communeCode))
    .where(and(published, eq(feedbackReports.code, code)));
  if (!row) throw unpublishedReport();
  return row;
}

export async function publicReportByCode(db: DbOrTx, code: string, lang: Lang): Promise<PublicFeedbackItem> {
  const row = await findPublished(db, code);
  const photos = await photosOf(db, [row.id]);
  return present(row, lang, photos.get(row.id) ?? []);
}
