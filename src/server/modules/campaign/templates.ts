/**
 * The province's readiness checklist templates (mẫu danh mục sẵn sàng), versioned: one draft at a time (a copy of
 * the published version, the suggested starter, or empty), edited as a whole, then published — the previous
 * published version becomes superseded. Item keys are stable across versions, and the communes' answers are keyed
 * by them, so a new version reaches the communes with their answers; an item left out of the new version simply
 * drops out of their checklist (its answer stays stored, and comes back if the key does).
 */
import { and, asc, desc, eq, max, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type {
  ReadinessTemplate,
  SaveTemplateRequest,
  TemplateItem,
  TemplateItemInput,
} from '../../../common/api/campaign-readiness';
import type { DbOrTx, Tx } from '../../db/database';
import { inTransaction, type WriteContext } from '../../db/transaction';
import { isUuid } from '../../http/auth';
import { AppError, fieldError, notFound, text } from '../../http/errors';
import { recordProvinceSnapshots } from './readiness';
import type { AutoCheck, ItemGroup } from './readiness-rules';
import { readinessTemplateItems, readinessTemplates } from './schema';
import { STARTER_TEMPLATE } from './templates-starter';

type TemplateRow = typeof readinessTemplates.$inferSelect;
type ItemRow = typeof readinessTemplateItems.$inferSelect;

const templateNotFound = (id: string) => notFound('mẫu danh mục sẵn sàng', 'readiness template', id);

/** The province a template belongs to (access by record id: another province's template → 404). */
export async function provinceOfTemplate(db: DbOrTx, id: string): Promise<string | null> {
  if (!isUuid(id)) return null;
  const [row] = await db
    .select({ provinceCode: readinessTemplates.provinceCode })
    .from(readinessTemplates)
    .where(eq(readinessTemplates.id, id));
  return row?.provinceCode ?? null;
}

function itemOut(i: ItemRow): TemplateItem {
  return {
    itemKey: i.itemKey,
    groupKey: i.groupKey as ItemGroup,
    title: i.title,
    description: i.description,
    weight: i.weight,
    owner: i.owner,
    dueDate: i.dueDate,
    blocker: i.blocker,
    autoCheck: (i.autoCheck as AutoCheck | null) ?? null,
    sortOrder: i.sortOrder,
  };
}

function templateOut(t: TemplateRow, items: ItemRow[]): ReadinessTemplate {
  return {
    id: t.id,
    provinceCode: t.provinceCode,
    version: t.version,
    title: t.title,
    status: t.status as ReadinessTemplate['status'],
    publishedAt: t.publishedAt?.toISOString() ?? null,
    publishedBy: t.publishedBy,
    updatedAt: t.updatedAt.toISOString(),
    editVersion: t.updatedAt.getTime(),
    items: items.map(itemOut),
  };
}

async function itemsOf(db: DbOrTx, templateId: string) {
  return db
    .select()
    .from(readinessTemplateItems)
    .where(eq(readinessTemplateItems.templateId, templateId))
    .orderBy(asc(readinessTemplateItems.sortOrder), asc(readinessTemplateItems.itemKey));
}

/** Every version of the province's checklist, newest first, with their items. */
export async function listTemplates(db: DbOrTx, provinceCode: string): Promise<ReadinessTemplate[]> {
  const rows = await db
    .select()
    .from(readinessTemplates)
    .where(eq(readinessTemplates.provinceCode, provinceCode))
    .orderBy(desc(readinessTemplates.version))
    .limit(200);
  const out: ReadinessTemplate[] = [];
  for (const t of rows) out.push(templateOut(t, await itemsOf(db, t.id)));
  return out;
}

async function getTemplateRow(db: DbOrTx, id: string, forUpdate = false): Promise<TemplateRow> {
  if (!isUuid(id)) throw templateNotFound(id);
  const q = db.select().from(readinessTemplates).where(eq(readinessTemplates.id, id));
  const [row] = forUpdate ? await q.for('update') : await q;
  if (!row) throw templateNotFound(id);
  return row;
}

export async function getTemplate(db: DbOrTx, id: string): Promise<ReadinessTemplate> {
  const row = await getTemplateRow(db, id);
  return templateOut(row, await itemsOf(db, id));
}

const notDraft = (version: number) =>
  new AppError(
    'conflict',
    text(
      'Phiên bản {v} đã ban hành, không sửa được; hãy tạo bản nháp mới.',
      'Version {v} is published and cannot be edited; create a new draft.',
      { v: version },
    ),
  );

/** Checks the items of a draft (keys unique, an auto check at most once) and gives keys to new ones. */
export function normaliseItems(items: readonly TemplateItemInput[]) {
  const seen = new Set<string>();
  const autos = new Set<string>();
  return items.map((raw, index) => {
    const item = {
      description: null,
      owner: null,
      dueDate: null,
      blocker: false,
      autoCheck: null,
      ...raw,
    };
    const itemKey = item.itemKey ?? `${item.groupKey}_${uuidv7().replace(/-/g, '').slice(-10)}`;
    if (seen.has(itemKey))
      throw fieldError(
        `body.items.${index}.itemKey`,
        'Mã mục "{k}" bị trùng trong danh mục.',
        'The item key "{k}" appears twice.',
        { k: itemKey },
      );
    seen.add(itemKey);
    if (item.autoCheck) {
      if (autos.has(item.autoCheck))
        throw fieldError(
          `body.items.${index}.autoCheck`,
          'Mỗi loại kiểm tra tự động chỉ dùng cho một mục.',
          'Each automatic check may be used by one item only.',
        );
      autos.add(item.autoCheck);
    }
    return { ...item, itemKey, sortOrder: index + 1 };
  });
}

async function insertItems(tx: Tx, templateId: string, items: ReturnType<typeof normaliseItems>) {
  if (items.length === 0) return;
  await tx.insert(readinessTemplateItems).values(
    items.map((i) => ({
      id: uuidv7(),
      templateId,
      itemKey: i.itemKey,
      groupKey: i.groupKey,
      title: i.title,
      description: i.description || null,
      weight: i.weight,
      owner: i.owner || null,
      dueDate: i.dueDate,
      blocker: i.blocker,
      autoCheck: i.autoCheck,
      sortOrder: i.sortOrder,
    })),
  );
}

/**
 * A new draft: a copy of the published version when there is one (default), the suggested starter, or empty.
 * One draft at a time (409 when one exists: edit it or publish it).
 */
export async function createDraft(
  ctx: WriteContext,
  provinceCode: string,
  from?: 'published' | 'starter' | 'empty',
): Promise<ReadinessTemplate> {
  const id = await inTransaction(ctx, async (tx, audit) => {
    // The province's templates are locked as a whole, even before the first exists (a row lock would find no row
    // to lock, and two first drafts at the same instant would both take version 1).
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`readiness_templates:${provinceCode}`}))`);
    const all = await tx
      .select()
      .from(readinessTemplates)
      .where(eq(readinessTemplates.provinceCode, provinceCode));
    const draft = all.find((t) => t.status === 'draft');
    if (draft)
      throw new AppError(
        'conflict',
        text(
          'Đã có bản nháp (phiên bản {v}); hãy sửa hoặc ban hành bản đó.',
          'A draft (version {v}) exists; edit or publish it.',
          { v: draft.version },
        ),
      );
    const published = all.find((t) => t.status === 'published');
    const source = from ?? (published ? 'published' : 'starter');
    if (source === 'published' && !published)
      throw fieldError(
        'body.from',
        'Tỉnh chưa ban hành danh mục nào để sao chép.',
        'Nothing published to copy.',
      );
    const [last] = await tx
      .select({ v: max(readinessTemplates.version) })
      .from(readinessTemplates)
      .where(eq(readinessTemplates.provinceCode, provinceCode));
    const version = (last?.v ?? 0) + 1;
    const id = uuidv7();
    const now = new Date();
    const title =
      source === 'published' && published ? published.title : 'Danh mục kiểm tra mức độ sẵn sàng vận hành';
    await tx.insert(readinessTemplates).values({
      id,
      provinceCode,
      version,
      title,
      status: 'draft',
      createdAt: now,
      updatedAt: now,
    });
    const items =
      source === 'published' && published
        ? (await itemsOf(tx, published.id)).map(itemOut)
        : source === 'starter'
          ? STARTER_TEMPLATE
          : [];
    await insertItems(tx, id, normaliseItems(items));
    await audit({
      action: 'campaign.readiness_template.create',
      entityType: 'readiness_template',
      entityId: id,
      chain: `province:${provinceCode}`,
      after: { provinceCode, version, from: source, items: items.length },
    });
    return id;
  });
  return getTemplate(ctx.db, id);
}

/** Saves the draft's title and items as a whole (optimistic locking on what was read). */
export async function saveDraft(
  ctx: WriteContext,
  id: string,
  input: SaveTemplateRequest,
): Promise<ReadinessTemplate> {
  const items = normaliseItems(input.items);
  await inTransaction(ctx, async (tx, audit) => {
    const row = await getTemplateRow(tx, id, true);
    if (row.status !== 'draft') throw notDraft(row.version);
    if (row.updatedAt.getTime() !== input.version)
      throw new AppError(
        'conflict',
        text(
          'Bản nháp vừa được người khác sửa; hãy tải lại.',
          'The draft was changed by someone else; reload it.',
        ),
      );
    await tx.delete(readinessTemplateItems).where(eq(readinessTemplateItems.templateId, id));
    await insertItems(tx, id, items);
    // Strictly later than what was read, even within the same millisecond.
    const updatedAt = new Date(Math.max(Date.now(), row.updatedAt.getTime() + 1));
    await tx
      .update(readinessTemplates)
      .set({ title: input.title.trim(), updatedAt })
      .where(eq(readinessTemplates.id, id));
    await audit({
      action: 'campaign.readiness_template.update',
      entityType: 'readiness_template',
      entityId: id,
      chain: `province:${row.provinceCode}`,
      after: { title: input.title, items: items.map((i) => i.itemKey) },
    });
  });
  return getTemplate(ctx.db, id);
}

/**
 * Publishes the draft: it becomes the communes' checklist, the previous published version superseded. A checklist
 * with no item or no weight is refused (it would measure nothing). Every commune's readiness is recorded again.
 */
export async function publishDraft(ctx: WriteContext, id: string): Promise<ReadinessTemplate> {
  await inTransaction(ctx, async (tx, audit) => {
    const row = await getTemplateRow(tx, id, true);
    if (row.status !== 'draft') throw notDraft(row.version);
    const items = await itemsOf(tx, id);
    if (items.length === 0 || items.every((i) => i.weight === 0))
      throw fieldError(
        'body.items',
        'Danh mục cần ít nhất một mục có trọng số lớn hơn 0 trước khi ban hành.',
        'The checklist needs at least one item with a weight above 0 before it is published.',
      );
    const now = new Date();
    const superseded = await tx
      .update(readinessTemplates)
      .set({ status: 'superseded', updatedAt: now })
      .where(
        and(
          eq(readinessTemplates.provinceCode, row.provinceCode),
          eq(readinessTemplates.status, 'published'),
        ),
      )
      .returning({ id: readinessTemplates.id, version: readinessTemplates.version });
    await tx
      .update(readinessTemplates)
      .set({ status: 'published', publishedAt: now, publishedBy: ctx.actor.name, updatedAt: now })
      .where(eq(readinessTemplates.id, id));
    await recordProvinceSnapshots(tx, row.provinceCode);
    await audit({
      action: 'campaign.readiness_template.publish',
      entityType: 'readiness_template',
      entityId: id,
      chain: `province:${row.provinceCode}`,
      after: { version: row.version, items: items.length, superseded: superseded.map((s) => s.version) },
    });
  });
  return getTemplate(ctx.db, id);
}

/** Discards a draft (nothing published changes). */
export async function deleteDraft(ctx: WriteContext, id: string): Promise<void> {
  await inTransaction(ctx, async (tx, audit) => {
    const row = await getTemplateRow(tx, id, true);
    if (row.status !== 'draft') throw notDraft(row.version);
    await tx.delete(readinessTemplateItems).where(eq(readinessTemplateItems.templateId, id));
    await tx.delete(readinessTemplates).where(eq(readinessTemplates.id, id));
    await audit({
      action: 'campaign.readiness_template.delete',
      entityType: 'readiness_template',
      entityId: id,
      chain: `province:${row.provinceCode}`,
      before: { version: row.version },
    });
  });
}
