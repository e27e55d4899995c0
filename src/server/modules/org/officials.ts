/** Officials of a commune (cán bộ, công chức) and the positions they hold. */
import { and, asc, eq, gt, inArray, isNull, like, or } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { foldVietnamese } from '../../../common/text';
import type { DbOrTx, Tx } from '../../db/database';
import { escapeLike } from '../../db/like';
import { type Audit, inTransaction, type WriteContext } from '../../db/transaction';
import { isUuid } from '../../http/auth';
import { AppError, fieldError, notFound } from '../../http/errors';
import { getCommune, getFormerUnit } from '../units/service';
import { getBodyRow } from './bodies';
import { todayInVietnam } from './document-format';
import { conflict } from './problems';
import { orgBodies, orgOfficials, orgPositions } from './schema';

type OfficialRow = typeof orgOfficials.$inferSelect;
export type OfficialStatus = OfficialRow['status'];

export interface OfficialFields {
  fullName: string;
  dateOfBirth: string;
  gender: 'male' | 'female';
  phone: string | null;
  email: string | null;
  formerUnitCode: string | null;
  formerDistrictName: string | null;
}

export const isCurrent = (p: { startDate: string; endDate: string | null }, today: string) =>
  p.startDate <= today && (p.endDate === null || p.endDate >= today);

async function positionsOf(db: DbOrTx, officialIds: string[], today: string) {
  if (!officialIds.length) return [];
  const rows = await db
    .select({ p: orgPositions, bodyName: orgBodies.name })
    .from(orgPositions)
    .innerJoin(orgBodies, eq(orgBodies.id, orgPositions.bodyId))
    .where(inArray(orgPositions.officialId, officialIds))
    .orderBy(asc(orgPositions.startDate), asc(orgPositions.id));
  return rows.map(({ p, bodyName }) => ({
    id: p.id,
    officialId: p.officialId,
    bodyId: p.bodyId,
    bodyName,
    title: p.title,
    startDate: p.startDate,
    endDate: p.endDate,
    current: isCurrent(p, today),
  }));
}

function present(o: OfficialRow, positions: Awaited<ReturnType<typeof positionsOf>>) {
  return {
    id: o.id,
    communeCode: o.communeCode,
    fullName: o.fullName,
    dateOfBirth: o.dateOfBirth,
    gender: o.gender,
    phone: o.phone,
    email: o.email,
    formerUnit: o.formerUnitCode ? { code: o.formerUnitCode, name: o.formerUnitName } : null,
    formerDistrictName: o.formerDistrictName,
    status: o.status,
    positions: positions.filter((p) => p.officialId === o.id),
    createdAt: o.createdAt.toISOString(),
    updatedAt: o.updatedAt.toISOString(),
  };
}

export const officialNotFound = (id: string) => notFound('cán bộ', 'official', id);
export const positionNotFound = (id: string) => notFound('chức vụ', 'position', id);

/** The commune an official belongs to, or null (access checks by record id). */
export async function communeOfOfficial(db: DbOrTx, id: string): Promise<string | null> {
  if (!isUuid(id)) return null;
  const [row] = await db
    .select({ c: orgOfficials.communeCode })
    .from(orgOfficials)
    .where(eq(orgOfficials.id, id));
  return row?.c ?? null;
}

export async function communeOfPosition(db: DbOrTx, id: string): Promise<string | null> {
  if (!isUuid(id)) return null;
  const [row] = await db
    .select({ c: orgPositions.communeCode })
    .from(orgPositions)
    .where(eq(orgPositions.id, id));
  return row?.c ?? null;
}

export async function getOfficialRow(db: DbOrTx, id: string): Promise<OfficialRow> {
  const [row] = await db.select().from(orgOfficials).where(eq(orgOfficials.id, id));
  if (!row) throw officialNotFound(id);
  return row;
}

export async function getOfficial(db: DbOrTx, id: string, today = todayInVietnam()) {
  const row = await getOfficialRow(db, id);
  return present(row, await positionsOf(db, [id], today));
}

export interface OfficialQuery {
  q?: string;
  status?: OfficialStatus;
  limit: number;
  cursor?: string;
}

const encodeCursor = (o: { nameFolded: string; id: string }) =>
  Buffer.from(JSON.stringify([o.nameFolded, o.id])).toString('base64url');
function decodeCursor(cursor: string): [string, string] {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(v) && typeof v[0] === 'string' && typeof v[1] === 'string') return [v[0], v[1]];
  } catch {}
  throw fieldError('query.cursor', 'Con trỏ trang không hợp lệ.', 'Invalid cursor.');
}

/** By name (with or without diacritics), in name order, a page at a time. */
export async function listOfficials(db: DbOrTx, communeCode: string, query: OfficialQuery) {
  const folded = query.q ? foldVietnamese(query.q) : '';
  const after = query.cursor ? decodeCursor(query.cursor) : null;
  const rows = await db
    .select()
    .from(orgOfficials)
    .where(
      and(
        eq(orgOfficials.communeCode, communeCode),
        query.status ? eq(orgOfficials.status, query.status) : undefined,
        folded ? like(orgOfficials.nameFolded, `%${escapeLike(folded)}%`) : undefined,
        after
          ? or(
              gt(orgOfficials.nameFolded, after[0]),
              and(eq(orgOfficials.nameFolded, after[0]), gt(orgOfficials.id, after[1])),
            )
          : undefined,
      ),
    )
    .orderBy(asc(orgOfficials.nameFolded), asc(orgOfficials.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const positions = await positionsOf(
    db,
    page.map((o) => o.id),
    todayInVietnam(),
  );
  return {
    items: page.map((o) => present(o, positions)),
    nextCursor: rows.length > query.limit ? encodeCursor(page[page.length - 1]!) : null,
  };
}

/** Checks the former unit (a former commune of the commune's province, or a district name) and returns its name. */
export async function resolveFormerUnit(
  db: DbOrTx,
  communeCode: string,
  input: { formerUnitCode: string | null; formerDistrictName: string | null },
  field = 'body',
): Promise<string | null> {
  if (input.formerUnitCode && input.formerDistrictName)
    throw fieldError(
      `${field}.formerDistrictName`,
      'Chỉ ghi một trong hai: xã cũ hoặc huyện cũ.',
      'Give either the former commune or the former district, not both.',
    );
  if (!input.formerUnitCode) return null;
  const unit = await getFormerUnit(db, input.formerUnitCode).catch((err) => {
    if (err instanceof AppError && err.code === 'not_found')
      throw fieldError(
        `${field}.formerUnitCode`,
        'Không có đơn vị cũ mã này.',
        'No former unit with this code.',
      );
    throw err;
  });
  const commune = await getCommune(db, communeCode);
  if (!unit.targets.some((t) => t.commune.provinceCode === commune.province.code))
    throw fieldError(
      `${field}.formerUnitCode`,
      'Đơn vị cũ này không thuộc tỉnh của xã.',
      "This former unit is not in the commune's province.",
    );
  return unit.name;
}

export async function createOfficial(ctx: WriteContext, communeCode: string, input: OfficialFields) {
  await getCommune(ctx.db, communeCode);
  const formerUnitName = await resolveFormerUnit(ctx.db, communeCode, input);
  const id = uuidv7();
  await inTransaction(ctx, async (tx, audit) => {
    await tx.insert(orgOfficials).values({
      id,
      communeCode,
      ...input,
      formerUnitName,
      nameFolded: foldVietnamese(input.fullName),
    });
    await audit({
      action: 'org.official.create',
      entityType: 'org_official',
      entityId: id,
      communeCode,
      after: input,
    });
  });
  return getOfficial(ctx.db, id);
}

export type OfficialChange = Partial<OfficialFields> & { status?: OfficialStatus; statusDate?: string };

/** Edits an official; leaving (transferred, retired) ends every open position on `statusDate` (default today). */
export async function updateOfficial(ctx: WriteContext, id: string, change: OfficialChange) {
  const before = await getOfficialRow(ctx.db, id);
  const { statusDate, ...fields } = change;
  const formerTouched = change.formerUnitCode !== undefined || change.formerDistrictName !== undefined;
  const former = {
    formerUnitCode: change.formerUnitCode !== undefined ? change.formerUnitCode : before.formerUnitCode,
    formerDistrictName:
      change.formerDistrictName !== undefined ? change.formerDistrictName : before.formerDistrictName,
  };
  const formerUnitName = formerTouched
    ? await resolveFormerUnit(ctx.db, before.communeCode, former)
    : before.formerUnitName;
  const leaving = change.status !== undefined && change.status !== 'active' && before.status === 'active';
  const endOn = statusDate ?? todayInVietnam();
  await inTransaction(ctx, async (tx, audit) => {
    await tx
      .update(orgOfficials)
      .set({
        ...fields,
        ...(formerTouched ? { ...former, formerUnitName } : {}),
        ...(fields.fullName ? { nameFolded: foldVietnamese(fields.fullName) } : {}),
        updatedAt: new Date(),
      })
      .where(eq(orgOfficials.id, id));
    let ended = 0;
    if (leaving) {
      const open = await tx
        .select()
        .from(orgPositions)
        .where(and(eq(orgPositions.officialId, id), isNull(orgPositions.endDate)));
      for (const p of open) {
        // A position that had not started by then simply never began: it ends the day it starts.
        await tx
          .update(orgPositions)
          .set({ endDate: [endOn, p.startDate].sort()[1]! })
          .where(eq(orgPositions.id, p.id));
        ended += 1;
      }
    }
    const { createdAt: _c, updatedAt: _u, nameFolded: _n, ...shown } = before;
    await audit({
      action: leaving ? 'org.official.leave' : 'org.official.update',
      entityType: 'org_official',
      entityId: id,
      communeCode: before.communeCode,
      before: shown,
      after: { ...change, ...(leaving ? { positionsEnded: ended } : {}) },
    });
  });
  return getOfficial(ctx.db, id);
}

export interface NewPosition {
  bodyId: string;
  title: string;
  startDate: string;
  endDate: string | null;
}

export async function addPosition(ctx: WriteContext, officialId: string, input: NewPosition) {
  await inTransaction(ctx, (tx, audit) => insertPositionInTx(tx, audit, officialId, input));
  return getOfficial(ctx.db, officialId);
}

/**
 * Throws what a new position would be refused for (the official has left, a body of another commune or closed,
 * dates before the body or reversed); `field` prefixes the field names of the problems ("body" for the positions
 * route, e.g. "body.candidates.0" for an election's candidate).
 */
export async function assertPositionAllowed(
  db: DbOrTx,
  officialId: string,
  input: NewPosition,
  field = 'body',
): Promise<{ official: OfficialRow; bodyName: string }> {
  const official = await getOfficialRow(db, officialId);
  if (official.status !== 'active')
    throw conflict(
      'Cán bộ không còn công tác, không giao chức vụ mới.',
      'The official has left; no new positions.',
    );
  const body = await getBodyRow(db, input.bodyId).catch(() => null);
  if (!body || body.communeCode !== official.communeCode)
    throw fieldError(`${field}.bodyId`, 'Không có cơ quan này trong xã.', 'No such body in this commune.');
  if (body.closedOn && body.closedOn < (input.endDate ?? '9999-12-31'))
    throw fieldError(`${field}.bodyId`, 'Cơ quan đã giải thể.', 'The body is closed.');
  if (input.startDate < body.openedOn)
    throw fieldError(
      `${field}.startDate`,
      'Ngày bắt đầu trước khi cơ quan thành lập.',
      'The start date precedes the body.',
    );
  if (input.endDate && input.endDate < input.startDate)
    throw fieldError(
      `${field}.endDate`,
      'Ngày kết thúc trước ngày bắt đầu.',
      'The end date precedes the start date.',
    );
  return { official, bodyName: body.name };
}

/**
 * Adds a position inside the caller's transaction with its audit entry (e.g. a person elected at a meeting, in
 * the transaction that closes the election), after the same checks as `addPosition`. Returns the position id.
 */
export async function insertPositionInTx(
  tx: Tx,
  audit: Audit,
  officialId: string,
  input: NewPosition,
  extra: { field?: string; source?: Record<string, unknown> } = {},
): Promise<string> {
  const { official, bodyName } = await assertPositionAllowed(tx, officialId, input, extra.field);
  const id = uuidv7();
  await tx.insert(orgPositions).values({ id, communeCode: official.communeCode, officialId, ...input });
  await audit({
    action: 'org.position.create',
    entityType: 'org_position',
    entityId: id,
    communeCode: official.communeCode,
    after: { officialId, ...input, bodyName, ...(extra.source ? { source: extra.source } : {}) },
  });
  return id;
}

export async function getPositionRow(db: DbOrTx, id: string) {
  const [row] = await db.select().from(orgPositions).where(eq(orgPositions.id, id));
  if (!row) throw positionNotFound(id);
  return row;
}

/** Kết thúc chức vụ: sets the end date of a position that has none. */
export async function endPosition(ctx: WriteContext, id: string, endDate: string) {
  const before = await getPositionRow(ctx.db, id);
  if (before.endDate) throw conflict('Chức vụ đã kết thúc.', 'The position has already ended.');
  if (endDate < before.startDate)
    throw fieldError(
      'body.endDate',
      'Ngày kết thúc trước ngày bắt đầu.',
      'The end date precedes the start date.',
    );
  await inTransaction(ctx, async (tx, audit) => {
    await tx.update(orgPositions).set({ endDate }).where(eq(orgPositions.id, id));
    await audit({
      action: 'org.position.end',
      entityType: 'org_position',
      entityId: id,
      communeCode: before.communeCode,
      before: { endDate: null },
      after: { endDate },
    });
  });
  return getOfficial(ctx.db, before.officialId);
}

/** Facts the assignment rules need about some officials. */
export async function officialFacts(db: DbOrTx, ids: string[]) {
  if (!ids.length)
    return new Map<string, { communeCode: string; status: OfficialStatus; fullName: string }>();
  const rows = await db
    .select({
      id: orgOfficials.id,
      communeCode: orgOfficials.communeCode,
      status: orgOfficials.status,
      fullName: orgOfficials.fullName,
    })
    .from(orgOfficials)
    .where(inArray(orgOfficials.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, r]));
}

/** Current titles of some officials (for the signature block and the workload view). */
export async function currentTitles(db: DbOrTx, ids: string[], today = todayInVietnam()) {
  const positions = await positionsOf(db, ids, today);
  const out = new Map<string, string[]>();
  for (const p of positions)
    if (p.current) out.set(p.officialId, [...(out.get(p.officialId) ?? []), p.title]);
  return out;
}

/** Bodies whose titles name an official's role in administration (not the party's or the front's). */
const ADMINISTRATIVE = new Set(['government', 'specialised', 'service_center', 'council']);

/**
 * Who some officials are, for a record of what they did (a dossier's history): name, commune and every
 * position with its dates, administrative bodies first, so `titlesOn` can say what they were on a given day.
 */

export async function officialProfiles(db: DbOrTx, ids: string[]) {
  const unique = [...new Set(ids.filter(isUuid))];
  const out = new Map<
    string,
    {
      fullName: string;
      communeCode: string;
      /** Administrative positions first; `administrative` = not a party or front title. */
      positions: {
        title: string;
        bodyName: string;
        startDate: string;
        endDate: string | null;
        administrative: boolean;
      }[];
    }
  >();
  if (!unique.length) return out;
  const [people, positions] = await Promise.all([
    db
      .select({ id: orgOfficials.id, fullName: orgOfficials.fullName, communeCode: orgOfficials.communeCode })
      .from(orgOfficials)
      .where(inArray(orgOfficials.id, unique)),
    db
      .select({
        officialId: orgPositions.officialId,
        title: orgPositions.title,
        startDate: orgPositions.startDate,
        endDate: orgPositions.endDate,
        bodyName: orgBodies.name,
        category: orgBodies.category,
      })
      .from(orgPositions)
      .innerJoin(orgBodies, eq(orgBodies.id, orgPositions.bodyId))
      .where(inArray(orgPositions.officialId, unique))
      .orderBy(asc(orgPositions.startDate), asc(orgPositions.id)),
  ]);
  for (const p of people) out.set(p.id, { fullName: p.fullName, communeCode: p.communeCode, positions: [] });
  const ranked = [...positions].sort(
    (a, b) => Number(!ADMINISTRATIVE.has(a.category)) - Number(!ADMINISTRATIVE.has(b.category)),
  );
  for (const { officialId, category, ...p } of ranked)
    out.get(officialId)?.positions.push({ ...p, administrative: ADMINISTRATIVE.has(category) });
  return out;
}

/** The titles held on `day` (YYYY-MM-DD, today by default), in the order given; else the last ones held before. */
export function titlesOn(
  positions: readonly { title: string; startDate: string; endDate: string | null }[],
  day: string = todayInVietnam(),
): string[] {
  const held = positions.filter((p) => isCurrent(p, day)).map((p) => p.title);
  if (held.length) return held;
  const before = positions.filter((p) => p.startDate <= day);
  const last = before.reduce<string | null>(
    (end, p) => (p.endDate && (!end || p.endDate > end) ? p.endDate : end),
    null,
  );
  return last ? before.filter((p) => p.endDate === last).map((p) => p.title) : [];
}

/**
 * The titles that say what an official does in the administration on `day` ("Chủ tịch UBND", not also "Phó Bí
 * thư Đảng ủy"): the administrative ones when they hold any, else all of them (a history, a picker).
 */
export function workTitlesOn(
  positions: readonly { title: string; startDate: string; endDate: string | null; administrative: boolean }[],
  day: string = todayInVietnam(),
): string[] {
  const administrative = titlesOn(
    positions.filter((p) => p.administrative),
    day,
  );
  return administrative.length ? administrative : titlesOn(positions, day);
}
