/**
 * The province's categories of feedback (lĩnh vực phản ánh): listed, created and edited by its officers with an
 * optimistic lock. A province that has none yet gets the starter set (domain/starter-categories.ts) on first use:
 * inserted once (ON CONFLICT DO NOTHING on (province, key), so two first reads at the same instant insert it once)
 * and audited in the province's chain.
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { FeedbackCategory } from '../../../common/api/feedback';
import type {
  CreateFeedbackCategoryRequest,
  UpdateFeedbackCategoryRequest,
} from '../../../common/api/feedback-queue';
import type { DbOrTx, Tx } from '../../db/database';
import { inTransaction, systemContext, type WriteContext } from '../../db/transaction';
import { isUuid } from '../../http/auth';
import { AppError, fieldError, notFound, text } from '../../http/errors';
import { type AuditRecord, appendAudit } from '../audit/service';
import { assertVersion } from '../campaign/campaign-common';
import { STARTER_CATEGORIES } from './domain/starter-categories';
import { feedbackCategories } from './schema';

export type CategoryRow = typeof feedbackCategories.$inferSelect;

export const CATEGORY_ENTITY = 'feedback_category';
const chainOf = (provinceCode: string) => `province:${provinceCode}`;

export const categoryNotFound = (id: string) => notFound('lĩnh vực phản ánh', 'feedback category', id);

export function categoryOut(r: CategoryRow): FeedbackCategory {
  return {
    id: r.id,
    provinceCode: r.provinceCode,
    key: r.key,
    nameVi: r.nameVi,
    nameEn: r.nameEn,
    descriptionVi: r.descriptionVi,
    descriptionEn: r.descriptionEn,
    kind: r.kind as FeedbackCategory['kind'],
    responsibleBody: r.responsibleBody,
    assignmentField: r.assignmentField,
    daysKind: r.daysKind as FeedbackCategory['daysKind'],
    transferDays: r.transferDays,
    answerDays: r.answerDays,
    approvalRequired: r.approvalRequired,
    active: r.active,
    sortOrder: r.sortOrder,
    version: r.version,
  };
}

/** A transaction handle (not the pool): drizzle's transactions carry `rollback`. */
const isTx = (db: DbOrTx): db is Tx => typeof (db as { rollback?: unknown }).rollback === 'function';

/** Rolls back a seeding transaction that found the set already there (someone else seeded it first). */
class AlreadySeeded extends Error {}

/** Inserts the starter set; returns the keys inserted (none when another transaction got there first). */
async function insertStarter(tx: DbOrTx, provinceCode: string): Promise<string[]> {
  const now = new Date();
  const rows = STARTER_CATEGORIES.map((c) => ({
    id: uuidv7(),
    provinceCode,
    key: c.key,
    nameVi: c.nameVi,
    nameEn: c.nameEn,
    descriptionVi: c.descriptionVi ?? null,
    descriptionEn: c.descriptionEn ?? null,
    kind: c.kind,
    responsibleBody: c.responsibleBody ?? null,
    assignmentField: c.assignmentField ?? null,
    daysKind: c.daysKind,
    transferDays: c.transferDays,
    answerDays: c.answerDays,
    approvalRequired: c.approvalRequired,
    active: true,
    sortOrder: c.sortOrder,
    createdAt: now,
    updatedAt: now,
  }));
  const inserted = await tx
    .insert(feedbackCategories)
    .values(rows)
    .onConflictDoNothing({ target: [feedbackCategories.provinceCode, feedbackCategories.key] })
    .returning({ key: feedbackCategories.key });
  return inserted.map((r) => r.key);
}

const starterAudit = (provinceCode: string, keys: string[]): AuditRecord => ({
  action: 'feedback.categories.starter',
  entityType: 'province',
  entityId: provinceCode,
  chain: chainOf(provinceCode),
  after: { keys },
});

async function hasCategories(db: DbOrTx, provinceCode: string): Promise<boolean> {
  const [row] = await db
    .select({ id: feedbackCategories.id })
    .from(feedbackCategories)
    .where(eq(feedbackCategories.provinceCode, provinceCode))
    .limit(1);
  return !!row;
}

/**
 * Gives a province without any category the starter set (idempotent). Inside a caller's transaction it is written
 * there (and audited there, as the system); otherwise in a transaction of its own.
 */
export async function ensureStarterCategories(db: DbOrTx, provinceCode: string): Promise<void> {
  if (await hasCategories(db, provinceCode)) return;
  const actor = { accountId: null, name: 'feedback starter categories', role: 'system' };
  if (isTx(db)) {
    const keys = await insertStarter(db, provinceCode);
    if (keys.length)
      await appendAudit(
        db,
        actor,
        { requestId: null, clientAddress: null },
        starterAudit(provinceCode, keys),
      );
    return;
  }
  try {
    await inTransaction(systemContext(db, actor.name), async (tx, audit) => {
      const keys = await insertStarter(tx, provinceCode);
      if (!keys.length) throw new AlreadySeeded();
      await audit(starterAudit(provinceCode, keys));
    });
  } catch (e) {
    if (!(e instanceof AlreadySeeded)) throw e;
  }
}

/** The province's categories in their order (the starter set inserted on first use). */
export async function categoriesOfProvince(
  db: DbOrTx,
  provinceCode: string,
  options: { activeOnly?: boolean } = {},
): Promise<FeedbackCategory[]> {
  await ensureStarterCategories(db, provinceCode);
  const rows = await db
    .select()
    .from(feedbackCategories)
    .where(
      and(
        eq(feedbackCategories.provinceCode, provinceCode),
        options.activeOnly ? eq(feedbackCategories.active, true) : undefined,
      ),
    )
    .orderBy(asc(feedbackCategories.sortOrder), asc(feedbackCategories.nameVi), asc(feedbackCategories.id));
  return rows.map(categoryOut);
}

/** One category by id, or null (also for a malformed id). */
export async function getCategory(db: DbOrTx, id: string): Promise<FeedbackCategory | null> {
  if (!isUuid(id)) return null;
  const [row] = await db.select().from(feedbackCategories).where(eq(feedbackCategories.id, id));
  return row ? categoryOut(row) : null;
}

/** For `{ permission, recordParam: 'id', provinceOf: provinceOfCategory }`. */
export async function provinceOfCategory(db: DbOrTx, id: string): Promise<string | null> {
  if (!isUuid(id)) return null;
  const [row] = await db
    .select({ provinceCode: feedbackCategories.provinceCode })
    .from(feedbackCategories)
    .where(eq(feedbackCategories.id, id));
  return row?.provinceCode ?? null;
}

const duplicateKey = (key: string) =>
  new AppError(
    'conflict',
    text('Tỉnh đã có lĩnh vực với mã "{key}".', 'The province already has a category with the key "{key}".', {
      key,
    }),
    { errors: [{ field: 'body.key', message: text('Mã đã được dùng.', 'Key already in use.') }] },
  );

export async function createCategory(
  ctx: WriteContext,
  provinceCode: string,
  input: CreateFeedbackCategoryRequest,
): Promise<FeedbackCategory> {
  // The starter set first: a province's first category is added to it, not instead of it.
  await ensureStarterCategories(ctx.db, provinceCode);
  return inTransaction(ctx, async (tx, audit) => {
    const now = new Date();
    const sortOrder =
      input.sortOrder ??
      Number(
        (
          await tx
            .select({ m: sql<number>`coalesce(max(${feedbackCategories.sortOrder}), 0)` })
            .from(feedbackCategories)
            .where(eq(feedbackCategories.provinceCode, provinceCode))
        )[0]?.m ?? 0,
      ) + 10;
    const [row] = await tx
      .insert(feedbackCategories)
      .values({
        id: uuidv7(),
        provinceCode,
        key: input.key,
        nameVi: input.nameVi,
        nameEn: input.nameEn,
        descriptionVi: input.descriptionVi ?? null,
        descriptionEn: input.descriptionEn ?? null,
        kind: input.kind,
        responsibleBody: input.responsibleBody ?? null,
        assignmentField: input.assignmentField ?? null,
        daysKind: input.daysKind,
        transferDays: input.transferDays,
        answerDays: input.answerDays,
        approvalRequired: input.approvalRequired,
        active: input.active ?? true,
        sortOrder,
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoNothing({ target: [feedbackCategories.provinceCode, feedbackCategories.key] })
      .returning();
    if (!row) throw duplicateKey(input.key);
    const out = categoryOut(row);
    await audit({
      action: 'feedback.category.create',
      entityType: CATEGORY_ENTITY,
      entityId: row.id,
      chain: chainOf(provinceCode),
      after: out,
    });
    return out;
  });
}

export async function updateCategory(
  ctx: WriteContext,
  id: string,
  input: UpdateFeedbackCategoryRequest,
): Promise<FeedbackCategory> {
  return inTransaction(ctx, async (tx, audit) => {
    if (!isUuid(id)) throw categoryNotFound(id);
    const [row] = await tx
      .select()
      .from(feedbackCategories)
      .where(eq(feedbackCategories.id, id))
      .for('update');
    if (!row) throw categoryNotFound(id);
    assertVersion(row.version, input.version);
    const { version: _v, ...changes } = input;
    const set = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
    if (!Object.keys(set).length)
      throw fieldError('body', 'Không có thay đổi nào được gửi.', 'No change was sent.');
    const [updated] = await tx
      .update(feedbackCategories)
      .set({ ...set, version: row.version + 1, updatedAt: new Date() })
      .where(and(eq(feedbackCategories.id, id), eq(feedbackCategories.version, row.version)))
      .returning();
    if (!updated) throw new AppError('conflict');
    const before = categoryOut(row);
    const after = categoryOut(updated);
    await audit({
      action: 'feedback.category.update',
      entityType: CATEGORY_ENTITY,
      entityId: id,
      chain: chainOf(row.provinceCode),
      before: Object.fromEntries(Object.keys(set).map((k) => [k, before[k as keyof FeedbackCategory]])),
      after: Object.fromEntries(Object.keys(set).map((k) => [k, after[k as keyof FeedbackCategory]])),
    });
    return after;
  });
}
