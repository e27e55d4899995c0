/** Reads of the administrative map, and the administrator's corrections of former-unit mappings. */
import { and, asc, count, eq, gt, inArray, like, or } from 'drizzle-orm';
import { foldVietnamese } from '../../../common/text';
import type { DbOrTx } from '../../db/database';
import { escapeLike } from '../../db/like';
import { bumpRevision, type RevisionCache, revisionCache } from '../../db/revisions';
import { inTransaction, type WriteContext } from '../../db/transaction';
import { AppError, fieldError, notFound, text } from '../../http/errors';
import { buildResolverIndex, type ResolverIndex } from './resolver';
import { communes, formerUnits, formerUnitTargets, provinces } from './schema';
import type { AdminMapSnapshot, FormerUnitRecord } from './types';

export type TargetSource = 'package' | 'resolution' | 'admin';
const PRIORITY: Record<TargetSource, number> = { package: 1, resolution: 2, admin: 3 };

interface TargetRow {
  formerUnitCode: string;
  communeCode: string;
  partial: boolean;
  source: TargetSource;
  note: string | null;
}

/** The effective mapping of each unit: the rows of its highest-priority source (admin > resolution > package). */
export function effectiveTargets(rows: TargetRow[]): Map<string, TargetRow[]> {
  const best = new Map<string, number>();
  for (const r of rows)
    best.set(r.formerUnitCode, Math.max(best.get(r.formerUnitCode) ?? 0, PRIORITY[r.source]));
  const out = new Map<string, TargetRow[]>();
  for (const r of rows) {
    if (PRIORITY[r.source] !== best.get(r.formerUnitCode)) continue;
    const list = out.get(r.formerUnitCode) ?? [];
    list.push(r);
    out.set(r.formerUnitCode, list);
  }
  return out;
}

const targetColumns = {
  formerUnitCode: formerUnitTargets.formerUnitCode,
  communeCode: formerUnitTargets.communeCode,
  partial: formerUnitTargets.partial,
  source: formerUnitTargets.source,
  note: formerUnitTargets.note,
};

export async function listProvinces(db: DbOrTx) {
  const counts = await db
    .select({ provinceCode: communes.provinceCode, n: count() })
    .from(communes)
    .groupBy(communes.provinceCode);
  const byProvince = new Map(counts.map((c) => [c.provinceCode, Number(c.n)]));
  const rows = await db.select().from(provinces).orderBy(asc(provinces.code));
  return rows.map((p) => ({
    code: p.code,
    name: p.name,
    shortName: p.shortName,
    placeType: p.placeType,
    communeCount: byProvince.get(p.code) ?? 0,
  }));
}

export async function getProvince(db: DbOrTx, code: string) {
  const [row] = await db.select().from(provinces).where(eq(provinces.code, code));
  if (!row) throw notFound('tỉnh/thành phố', 'province', code);
  return { code: row.code, name: row.name, shortName: row.shortName, placeType: row.placeType };
}

export interface CommuneQuery {
  q?: string;
  provinceCode?: string;
  limit: number;
  /** Cursor: the last commune code of the previous page. */
  after?: string;
}

/** Communes by name, with or without diacritics ("tran phu" finds "Phường Trần Phú"), paginated by code. */
export async function searchCommunes(db: DbOrTx, query: CommuneQuery) {
  const folded = query.q ? foldVietnamese(query.q) : '';
  const rows = await db
    .select({
      code: communes.code,
      name: communes.name,
      kind: communes.kind,
      provinceCode: communes.provinceCode,
      provinceName: provinces.name,
    })
    .from(communes)
    .innerJoin(provinces, eq(provinces.code, communes.provinceCode))
    .where(
      and(
        query.provinceCode ? eq(communes.provinceCode, query.provinceCode) : undefined,
        folded ? like(communes.nameFolded, `%${escapeLike(folded)}%`) : undefined,
        query.after ? gt(communes.code, query.after) : undefined,
      ),
    )
    .orderBy(asc(communes.code))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  return { items: page, nextCursor: rows.length > query.limit ? page[page.length - 1]!.code : null };
}

export async function getCommune(db: DbOrTx, code: string) {
  const [row] = await db
    .select({
      code: communes.code,
      name: communes.name,
      kind: communes.kind,
      provinceCode: communes.provinceCode,
      provinceName: provinces.name,
    })
    .from(communes)
    .innerJoin(provinces, eq(provinces.code, communes.provinceCode))
    .where(eq(communes.code, code));
  if (!row) throw notFound('xã/phường', 'commune', code);
  // Every mapping row of every unit that (by any source) points here, so the effective mapping can be decided.
  const rows = await db
    .select({ ...targetColumns, unit: formerUnits })
    .from(formerUnitTargets)
    .innerJoin(formerUnits, eq(formerUnits.code, formerUnitTargets.formerUnitCode))
    .where(
      inArray(
        formerUnitTargets.formerUnitCode,
        db
          .select({ code: formerUnitTargets.formerUnitCode })
          .from(formerUnitTargets)
          .where(eq(formerUnitTargets.communeCode, code)),
      ),
    );
  const effective = effectiveTargets(rows as (TargetRow & (typeof rows)[number])[]);
  const unitsByCode = new Map(rows.map((r) => [r.unit.code, r.unit]));
  const formerUnitList = [...unitsByCode.values()]
    .sort((a, b) => a.name.localeCompare(b.name, 'vi'))
    .flatMap((u) => {
      const mine = effective.get(u.code)?.find((t) => t.communeCode === code);
      // An outdated source may point here while the effective mapping no longer does.
      return mine
        ? [
            {
              code: u.code,
              name: u.name,
              districtName: u.districtName,
              provinceName: u.provinceName,
              partial: mine.partial,
              source: mine.source,
            },
          ]
        : [];
    });
  return {
    code: row.code,
    name: row.name,
    kind: row.kind as 'xa' | 'phuong' | 'dac_khu',
    province: { code: row.provinceCode, name: row.provinceName },
    formerUnits: formerUnitList,
  };
}

export async function getFormerUnit(db: DbOrTx, code: string) {
  const [unit] = await db.select().from(formerUnits).where(eq(formerUnits.code, code));
  if (!unit) throw notFound('đơn vị hành chính cũ', 'former unit', code);
  const targets = await db
    .select({
      ...targetColumns,
      communeName: communes.name,
      provinceCode: communes.provinceCode,
      provinceName: provinces.name,
    })
    .from(formerUnitTargets)
    .innerJoin(communes, eq(communes.code, formerUnitTargets.communeCode))
    .innerJoin(provinces, eq(provinces.code, communes.provinceCode))
    .where(eq(formerUnitTargets.formerUnitCode, code))
    .orderBy(asc(formerUnitTargets.communeCode));
  const effective = effectiveTargets(targets as (TargetRow & (typeof targets)[number])[]).get(code) ?? [];
  return {
    code: unit.code,
    name: unit.name,
    districtName: unit.districtName,
    provinceName: unit.provinceName,
    targets: (effective as (typeof targets)[number][]).map((t) => ({
      commune: {
        code: t.communeCode,
        name: t.communeName,
        provinceCode: t.provinceCode,
        provinceName: t.provinceName,
      },
      partial: t.partial,
      source: t.source as TargetSource,
      note: t.note,
    })),
  };
}

/** Former units by name (diacritics optional), optionally only those whose old province name matches. */
export async function searchFormerUnits(db: DbOrTx, q: string, limit: number) {
  const folded = foldVietnamese(q);
  const rows = await db
    .select()
    .from(formerUnits)
    .where(or(like(formerUnits.nameFolded, `%${escapeLike(folded)}%`), eq(formerUnits.code, q.trim())))
    .orderBy(asc(formerUnits.nameFolded), asc(formerUnits.code))
    .limit(limit);
  return rows.map((u) => ({
    code: u.code,
    name: u.name,
    districtName: u.districtName,
    provinceName: u.provinceName,
  }));
}

export interface TargetInput {
  communeCode: string;
  partial: boolean;
}

/** Records the administrator's correction of where a former unit went; it overrides package and resolution data. */
export async function setFormerUnitTargets(
  ctx: WriteContext,
  code: string,
  targets: TargetInput[],
  note: string,
) {
  const before = await getFormerUnit(ctx.db, code);
  const codes = [...new Set(targets.map((t) => t.communeCode))];
  if (codes.length !== targets.length) {
    throw fieldError('body.targets', 'Một xã chỉ được nêu một lần.', 'Each commune may appear once.');
  }
  const existing = await ctx.db
    .select({ code: communes.code })
    .from(communes)
    .where(inArray(communes.code, codes));
  const missing = codes.filter((c) => !existing.some((e) => e.code === c));
  if (missing.length) {
    throw new AppError(
      'validation_failed',
      text('Không có xã mã {c}.', 'No commune with code {c}.', { c: missing.join(', ') }),
      {
        errors: missing.map((c) => ({
          field: `body.targets.${codes.indexOf(c)}.communeCode`,
          message: text('Không có xã mã {c}.', 'No commune with code {c}.', { c }),
        })),
      },
    );
  }
  if (targets.length > 1 && targets.some((t) => !t.partial)) {
    throw fieldError(
      'body.targets',
      'Đơn vị chia cho nhiều xã thì mỗi phần phải là "một phần".',
      'A unit split between several communes is partial in each.',
    );
  }
  await inTransaction(ctx, async (tx, audit) => {
    await tx
      .delete(formerUnitTargets)
      .where(and(eq(formerUnitTargets.formerUnitCode, code), eq(formerUnitTargets.source, 'admin')));
    await tx.insert(formerUnitTargets).values(
      targets.map((t) => ({
        formerUnitCode: code,
        communeCode: t.communeCode,
        partial: t.partial,
        source: 'admin' as const,
        note,
      })),
    );
    await bumpRevision(tx, 'units');
    await audit({
      action: 'former_unit.targets.set',
      entityType: 'former_unit',
      entityId: code,
      before: before.targets,
      after: { targets, note },
    });
  });
  return getFormerUnit(ctx.db, code);
}

/** Removes the administrator's correction; the resolution or package mapping applies again. */
export async function clearFormerUnitOverride(ctx: WriteContext, code: string) {
  const before = await getFormerUnit(ctx.db, code);
  await inTransaction(ctx, async (tx, audit) => {
    const deleted = await tx
      .delete(formerUnitTargets)
      .where(and(eq(formerUnitTargets.formerUnitCode, code), eq(formerUnitTargets.source, 'admin')))
      .returning();
    if (deleted.length === 0)
      throw new AppError(
        'not_found',
        text('Đơn vị này không có hiệu chỉnh nào.', 'This unit has no correction.'),
      );
    await bumpRevision(tx, 'units');
    await audit({
      action: 'former_unit.targets.clear',
      entityType: 'former_unit',
      entityId: code,
      before: before.targets,
    });
  });
  return getFormerUnit(ctx.db, code);
}

/** The whole map with effective mappings, as the resolver needs it. */
export async function loadSnapshot(db: DbOrTx): Promise<AdminMapSnapshot> {
  const [p, c, u, t] = await Promise.all([
    db.select().from(provinces),
    db.select().from(communes),
    db.select().from(formerUnits),
    db.select(targetColumns).from(formerUnitTargets),
  ]);
  const effective = effectiveTargets(t as TargetRow[]);
  const units: FormerUnitRecord[] = u.map((x) => ({
    code: x.code,
    name: x.name,
    districtName: x.districtName,
    provinceName: x.provinceName,
    targets: (effective.get(x.code) ?? []).map((r) => ({ communeCode: r.communeCode, partial: r.partial })),
  }));
  return {
    provinces: p.map((x) => ({ code: x.code, name: x.name, shortName: x.shortName, placeType: x.placeType })),
    communes: c.map((x) => ({ code: x.code, name: x.name, provinceCode: x.provinceCode })),
    formerUnits: units,
  };
}

/** The resolver index of this instance, rebuilt when the map's revision moves (an import or a correction). */
export const getResolverIndex: (db: DbOrTx) => Promise<ResolverIndex> = revisionCache('units', async (db) =>
  buildResolverIndex(await loadSnapshot(db)),
);

/**
 * Commune → province and name, for access checks (province-scoped grants) and for what a write names; rebuilt when
 * the map changes.
 */
export const communeDirectory: RevisionCache<Map<string, { provinceCode: string; name: string }>> =
  revisionCache('units', async (db) => {
    const rows = await db
      .select({ code: communes.code, provinceCode: communes.provinceCode, name: communes.name })
      .from(communes);
    return new Map(rows.map((r) => [r.code, { provinceCode: r.provinceCode, name: r.name }]));
  });

export async function findCommuneLocation(db: DbOrTx, communeCode: string) {
  const provinceCode = (await communeDirectory(db)).get(communeCode)?.provinceCode;
  return provinceCode ? { communeCode, provinceCode } : null;
}

/** Codes of the communes of some provinces (for province-scoped lists). */
export async function communeCodesOfProvinces(db: DbOrTx, provinceCodes: string[]): Promise<string[]> {
  if (!provinceCodes.length) return [];
  const rows = await db
    .select({ code: communes.code })
    .from(communes)
    .where(inArray(communes.provinceCode, provinceCodes));
  return rows.map((r) => r.code);
}

/**
 * The communes of a province (or some of them) by name, each with the abolished districts its former units
 * belonged to (by the effective mapping), for the campaign board's "former district" column and filter.
 */
export async function communesWithFormerDistricts(
  db: DbOrTx,
  provinceCode: string,
  communeCodes?: readonly string[],
): Promise<{ code: string; name: string; formerDistricts: string[] }[]> {
  const list = await db
    .select({ code: communes.code, name: communes.name })
    .from(communes)
    .where(
      and(
        eq(communes.provinceCode, provinceCode),
        communeCodes ? inArray(communes.code, [...communeCodes, '']) : undefined,
      ),
    );
  const codes = new Set(list.map((c) => c.code));
  // Every mapping row of the units that point into the province, so each unit's effective mapping is decided.
  const rows = await db
    .select({ ...targetColumns, districtName: formerUnits.districtName })
    .from(formerUnitTargets)
    .innerJoin(formerUnits, eq(formerUnits.code, formerUnitTargets.formerUnitCode))
    .where(
      inArray(
        formerUnitTargets.formerUnitCode,
        db
          .select({ code: formerUnitTargets.formerUnitCode })
          .from(formerUnitTargets)
          .innerJoin(communes, eq(communes.code, formerUnitTargets.communeCode))
          .where(eq(communes.provinceCode, provinceCode)),
      ),
    );
  const districts = new Map<string, Set<string>>();
  const districtOf = new Map(rows.map((r) => [r.formerUnitCode, r.districtName]));
  for (const targets of effectiveTargets(rows as TargetRow[]).values())
    for (const t of targets) {
      if (!codes.has(t.communeCode)) continue;
      const set = districts.get(t.communeCode) ?? new Set<string>();
      set.add(districtOf.get(t.formerUnitCode)!);
      districts.set(t.communeCode, set);
    }
  return list
    .map((c) => ({
      code: c.code,
      name: c.name,
      formerDistricts: [...(districts.get(c.code) ?? [])].sort((a, b) => a.localeCompare(b, 'vi')),
    }))
    .sort((a, b) => a.name.localeCompare(b.name, 'vi') || a.code.localeCompare(b.code));
}
