/** The bodies of a commune: activation from the template, listing in tree order, adding, renaming, closing. */
import { and, asc, eq, gte, isNull, lte, or, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { foldVietnamese } from '../../../common/text';
import type { DbOrTx } from '../../db/database';
import { inTransaction, type WriteContext } from '../../db/transaction';
import { isUuid } from '../../http/auth';
import { fieldError, notFound } from '../../http/errors';
import type { AuditRecord } from '../audit/service';
import { getCommune } from '../units/service';
import { todayInVietnam } from './document-format';
import { conflict } from './problems';
import { orgBodies, orgCommunes, orgOfficials, orgPositions } from './schema';
import {
  type BodyCategory,
  bodiesForCommune,
  type CommuneKind,
  MAX_BODIES_PER_COMMUNE,
  titlesOf,
} from './template';

type BodyRow = typeof orgBodies.$inferSelect;

/** Parents before children, siblings by sort order then name; each with its depth. */
export function treeOrder<T extends { id: string; parentId: string | null; sortOrder: number; name: string }>(
  rows: T[],
): (T & { depth: number })[] {
  const byParent = new Map<string | null, T[]>();
  const ids = new Set(rows.map((r) => r.id));
  for (const r of rows) {
    const parent = r.parentId && ids.has(r.parentId) ? r.parentId : null;
    byParent.set(parent, [...(byParent.get(parent) ?? []), r]);
  }
  const out: (T & { depth: number })[] = [];
  const walk = (parent: string | null, depth: number) => {
    const children = (byParent.get(parent) ?? []).sort(
      (a, b) => a.sortOrder - b.sortOrder || a.name.localeCompare(b.name, 'vi'),
    );
    for (const c of children) {
      out.push({ ...c, depth });
      walk(c.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

function present(r: BodyRow & { depth: number }) {
  return {
    id: r.id,
    communeCode: r.communeCode,
    parentId: r.parentId,
    templateKey: r.templateKey,
    category: r.category as BodyCategory,
    name: r.name,
    shortName: r.shortName,
    sortOrder: r.sortOrder,
    openedOn: r.openedOn,
    closedOn: r.closedOn,
    depth: r.depth,
    suggestedTitles: titlesOf(r.templateKey),
  };
}

export async function listBodies(db: DbOrTx, communeCode: string, options: { includeClosed: boolean }) {
  const rows = await db
    .select()
    .from(orgBodies)
    .where(
      and(
        eq(orgBodies.communeCode, communeCode),
        options.includeClosed ? undefined : isNull(orgBodies.closedOn),
      ),
    )
    .limit(MAX_BODIES_PER_COMMUNE);
  return treeOrder(rows).map(present);
}

export async function findActivation(db: DbOrTx, communeCode: string) {
  const [row] = await db.select().from(orgCommunes).where(eq(orgCommunes.communeCode, communeCode));
  return row ?? null;
}

/**
 * What activating a commune from the template of its kind writes — its activation, its bodies, the audit entry —
 * for activateCommune and the demo's bulk seed (org/seed-bulk.ts).
 */
export function activationRows(
  commune: { code: string; kind: CommuneKind; name: string },
  activatedOn: string,
) {
  const communeCode = commune.code;
  const template = bodiesForCommune(commune.kind, commune.name);
  const idOf = new Map<string, string>();
  const bodies = template.map((b, i) => {
    const id = uuidv7();
    idOf.set(b.key, id);
    return {
      id,
      communeCode,
      parentId: b.parentKey ? idOf.get(b.parentKey)! : null,
      templateKey: b.key,
      category: b.category,
      name: b.name,
      shortName: b.shortName,
      nameFolded: foldVietnamese(b.name),
      sortOrder: (i + 1) * 10,
      openedOn: activatedOn,
    };
  });
  return {
    activation: { communeCode, kind: commune.kind, activatedOn },
    bodies,
    record: {
      action: 'org.commune.activate',
      entityType: 'org_commune',
      entityId: communeCode,
      communeCode,
      after: { kind: commune.kind, activatedOn, bodies: template.map((b) => b.name) },
    } satisfies AuditRecord,
  };
}

/** Sets up a commune's organisation from the template of its kind; a second call changes nothing. */
export async function activateCommune(ctx: WriteContext, communeCode: string, activatedOn: string) {
  const commune = await getCommune(ctx.db, communeCode);
  let created = 0;
  if (!(await findActivation(ctx.db, communeCode))) {
    created = await inTransaction(ctx, async (tx, audit) => {
      const rows = activationRows(commune, activatedOn);
      const inserted = await tx.insert(orgCommunes).values(rows.activation).onConflictDoNothing().returning();
      if (!inserted.length) return 0; // activated meanwhile by another request
      await tx.insert(orgBodies).values(rows.bodies);
      await audit(rows.record);
      return rows.bodies.length;
    });
  }
  const activation = (await findActivation(ctx.db, communeCode))!;
  return {
    communeCode,
    kind: activation.kind,
    activatedOn: activation.activatedOn,
    created,
    bodies: await listBodies(ctx.db, communeCode, { includeClosed: true }),
  };
}

export const bodyNotFound = (id: string) => notFound('cơ quan, tổ chức', 'body', id);

/** The commune a body belongs to, or null (access checks by record id). */
export async function communeOfBody(db: DbOrTx, id: string): Promise<string | null> {
  if (!isUuid(id)) return null;
  const [row] = await db.select({ c: orgBodies.communeCode }).from(orgBodies).where(eq(orgBodies.id, id));
  return row?.c ?? null;
}

export async function getBodyRow(db: DbOrTx, id: string): Promise<BodyRow> {
  const [row] = await db.select().from(orgBodies).where(eq(orgBodies.id, id));
  if (!row) throw bodyNotFound(id);
  return row;
}

export async function getBody(db: DbOrTx, id: string) {
  const row = await getBodyRow(db, id);
  const all = await listBodies(db, row.communeCode, { includeClosed: true });
  return all.find((b) => b.id === id) ?? { ...present({ ...row, depth: 0 }) };
}

async function assertParent(db: DbOrTx, communeCode: string, parentId: string | null, selfId?: string) {
  if (!parentId) return;
  const [parent] = await db.select().from(orgBodies).where(eq(orgBodies.id, parentId));
  if (!parent || parent.communeCode !== communeCode)
    throw fieldError(
      'body.parentId',
      'Không có cơ quan cấp trên này trong xã.',
      'No such parent body in this commune.',
    );
  if (parent.closedOn)
    throw fieldError('body.parentId', 'Cơ quan cấp trên đã giải thể.', 'The parent body is closed.');
  if (!selfId) return;
  // No cycles: walk up from the new parent.
  const rows = await db
    .select({ id: orgBodies.id, parentId: orgBodies.parentId })
    .from(orgBodies)
    .where(eq(orgBodies.communeCode, communeCode));
  const parentOf = new Map(rows.map((r) => [r.id, r.parentId]));
  for (let at: string | null | undefined = parentId; at; at = parentOf.get(at)) {
    if (at === selfId)
      throw fieldError(
        'body.parentId',
        'Cơ quan không thể trực thuộc chính nó.',
        'A body cannot sit under itself.',
      );
  }
}

export interface NewBody {
  name: string;
  shortName: string | null;
  parentId: string | null;
  category: BodyCategory;
  openedOn: string;
}

export async function addBody(ctx: WriteContext, communeCode: string, input: NewBody) {
  if (!(await findActivation(ctx.db, communeCode)))
    throw conflict(
      'Xã chưa được kích hoạt tổ chức bộ máy.',
      "The commune's organisation is not activated yet.",
    );
  await assertParent(ctx.db, communeCode, input.parentId);
  const id = uuidv7();
  await inTransaction(ctx, async (tx, audit) => {
    const [{ n }] = (await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(orgBodies)
      .where(eq(orgBodies.communeCode, communeCode))) as [{ n: number }];
    if (n >= MAX_BODIES_PER_COMMUNE)
      throw conflict(
        `Mỗi xã tối đa ${MAX_BODIES_PER_COMMUNE} cơ quan.`,
        `At most ${MAX_BODIES_PER_COMMUNE} bodies per commune.`,
      );
    await tx.insert(orgBodies).values({
      id,
      communeCode,
      parentId: input.parentId,
      templateKey: null,
      category: input.category,
      name: input.name,
      shortName: input.shortName,
      nameFolded: foldVietnamese(input.name),
      sortOrder: 1000 + n,
      openedOn: input.openedOn,
    });
    await audit({
      action: 'org.body.create',
      entityType: 'org_body',
      entityId: id,
      communeCode,
      after: input,
    });
  });
  return getBody(ctx.db, id);
}

export interface BodyChange {
  name?: string;
  shortName?: string | null;
  parentId?: string | null;
  /** Giải thể: the day the body stops; it stays in the history. */
  closedOn?: string;
}

export async function updateBody(ctx: WriteContext, id: string, change: BodyChange) {
  const before = await getBodyRow(ctx.db, id);
  if (before.closedOn)
    throw conflict('Cơ quan đã giải thể, không sửa được.', 'The body is closed and cannot change.');
  if (change.parentId !== undefined) await assertParent(ctx.db, before.communeCode, change.parentId, id);
  if (change.closedOn) {
    if (change.closedOn < before.openedOn)
      throw fieldError(
        'body.closedOn',
        'Ngày giải thể trước ngày thành lập.',
        'The closing date precedes the opening date.',
      );
    const openChildren = await ctx.db
      .select({ id: orgBodies.id })
      .from(orgBodies)
      .where(and(eq(orgBodies.parentId, id), isNull(orgBodies.closedOn)))
      .limit(1);
    if (openChildren.length)
      throw conflict('Còn cơ quan trực thuộc chưa giải thể.', 'Some bodies under it are still open.');
    const held = await ctx.db
      .select({ id: orgPositions.id })
      .from(orgPositions)
      .where(
        and(
          eq(orgPositions.bodyId, id),
          or(isNull(orgPositions.endDate), gte(orgPositions.endDate, change.closedOn)),
        ),
      )
      .limit(1);
    if (held.length)
      throw conflict(
        'Còn chức vụ đang giữ tại cơ quan này; hãy kết thúc trước.',
        'Positions in this body are still held; end them first.',
      );
  }
  const set = {
    ...(change.name !== undefined ? { name: change.name, nameFolded: foldVietnamese(change.name) } : {}),
    ...(change.shortName !== undefined ? { shortName: change.shortName } : {}),
    ...(change.parentId !== undefined ? { parentId: change.parentId } : {}),
    ...(change.closedOn !== undefined ? { closedOn: change.closedOn } : {}),
  };
  if (!Object.keys(set).length)
    throw fieldError(
      'body',
      'Không có gì để thay đổi: hãy gửi tên, tên viết tắt, cơ quan cấp trên hoặc ngày giải thể.',
      'Nothing to change: send a name, short name, parent body or closing date.',
    );
  await inTransaction(ctx, async (tx, audit) => {
    await tx.update(orgBodies).set(set).where(eq(orgBodies.id, id));
    await audit({
      action: change.closedOn ? 'org.body.close' : 'org.body.update',
      entityType: 'org_body',
      entityId: id,
      communeCode: before.communeCode,
      before: {
        name: before.name,
        shortName: before.shortName,
        parentId: before.parentId,
        closedOn: before.closedOn,
      },
      after: change,
    });
  });
  return getBody(ctx.db, id);
}

/** Sơ đồ tổ chức: the open bodies in tree order, each with the people holding a position there today. */
export async function orgChart(db: DbOrTx, communeCode: string, today = todayInVietnam()) {
  const bodies = await listBodies(db, communeCode, { includeClosed: false });
  const holders = await db
    .select({
      positionId: orgPositions.id,
      bodyId: orgPositions.bodyId,
      officialId: orgOfficials.id,
      fullName: orgOfficials.fullName,
      title: orgPositions.title,
      startDate: orgPositions.startDate,
    })
    .from(orgPositions)
    .innerJoin(orgOfficials, eq(orgOfficials.id, orgPositions.officialId))
    .where(
      and(
        eq(orgPositions.communeCode, communeCode),
        lte(orgPositions.startDate, today),
        or(isNull(orgPositions.endDate), gte(orgPositions.endDate, today)),
      ),
    )
    .orderBy(asc(orgPositions.startDate), asc(orgPositions.id))
    .limit(5000);
  // The chair before the vice-chairs before the members: the order of the template's titles, then the rest.
  const rank = (titles: string[], title: string) => {
    const i = titles.findIndex((t) => title.startsWith(t));
    return i < 0 ? titles.length : i;
  };
  return bodies.map((b) => ({
    ...b,
    holders: holders
      .filter((h) => h.bodyId === b.id)
      .sort((x, y) => rank(b.suggestedTitles, x.title) - rank(b.suggestedTitles, y.title))
      .map(({ bodyId: _, ...h }) => h),
  }));
}
