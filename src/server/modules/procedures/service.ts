/**
 * The procedure catalogue in the database: identities in `procedures`, immutable versions in
 * `procedure_versions`. Loading the shipped catalogue is idempotent; an edit appends a version (optimistic
 * `expectedVersion`) and audits the diff. Dossiers read a procedure through getProcedureVersion().
 */
import { and, asc, eq, inArray, like, or } from 'drizzle-orm';
import { v5 as uuidv5 } from 'uuid';
import { type Procedure, Procedure as ProcedureSchema } from '../../../common/api/procedures';
import { foldVietnamese } from '../../../common/text';
import type { Db, DbOrTx, Tx } from '../../db/database';
import { KeyedCache } from '../../db/invalidation';
import { type Audit, inTransaction, systemContext, type WriteContext } from '../../db/transaction';
import { isUuid } from '../../http/auth';
import { notFound } from '../../http/errors';
import { loadCatalogue as shippedCatalogue } from './data/catalogue';
import { CATALOGUE_CORRECTIONS } from './data/corrections';
import { diffProcedure, pendingCorrections, reviseProcedure as revise } from './domain';
import { procedures, procedureVersions } from './schema';

/** Namespace of the procedures' stable ids: uuidv5(code, NS), the same on every installation. */
const PROCEDURE_ID_NAMESPACE = '6f1d5a8e-3b0c-4c7e-9a51-2f0e8d4b7c11';

/** The stable code of a procedure: its national code, else a slug of its name without diacritics. */
export function procedureCode(p: Pick<Procedure, 'nationalCode' | 'name'>): string {
  return (
    p.nationalCode ??
    foldVietnamese(p.name)
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
  );
}

export const procedureIdOf = (code: string) => uuidv5(code, PROCEDURE_ID_NAMESPACE);

const procedureNotFound = (id: string) => notFound('thủ tục', 'procedure', id);

/** 0 for same-day procedures, the days for limits in working days, null for limits in hours. */
export function timeLimitWorkingDays(limit: Procedure['timeLimit']): number | null {
  if (limit.kind === 'same_day') return 0;
  if (limit.kind === 'working_days') return limit.days;
  return null;
}

function present(row: typeof procedures.$inferSelect, data: Procedure) {
  return {
    id: row.id,
    code: row.code,
    nationalCode: data.nationalCode ?? null,
    name: data.name,
    domain: data.domain,
    status: row.status,
    version: row.currentVersion,
    timeLimit: data.timeLimit,
    timeLimitWorkingDays: timeLimitWorkingDays(data.timeLimit),
    timeLimitNote: data.timeLimitNote ?? null,
    fee: data.fee,
    requiredDocuments: data.requiredDocuments,
    resultDocument: data.resultDocument,
    fullyOnline: data.fullyOnline,
    confirmed: data.confirmed,
    outsideWorkflow: data.outsideWorkflow ?? null,
  };
}
export type ProcedureSummary = ReturnType<typeof present>;

/**
 * Writes a new procedure as version 1 (id and code from its national code or name); null when the code is
 * taken already (another instance loaded it meanwhile). The caller audits.
 */
export async function insertProcedure(tx: Tx, data: Procedure, createdBy: string, reason?: string) {
  const code = procedureCode(data);
  const id = procedureIdOf(code);
  const inserted = await tx
    .insert(procedures)
    .values({
      id,
      code,
      currentVersion: 1,
      name: data.name,
      nameFolded: foldVietnamese(data.name),
      domain: data.domain,
    })
    .onConflictDoNothing()
    .returning({ id: procedures.id });
  if (!inserted.length) return null;
  await tx
    .insert(procedureVersions)
    .values({ procedureId: id, version: 1, data, reason: reason ?? null, createdBy });
  return { id, code };
}

/**
 * Loads the shipped catalogue: every procedure whose code is not in the database yet gets version 1, and the
 * catalogue corrections (data/corrections.ts: where the law moved) not yet applied to a procedure loaded before
 * them become its next version, audited like an edit. Idempotent (a second call changes nothing); other edits of
 * the administrator are kept.
 */
export async function loadCatalogue(
  dbOrCtx: Db | WriteContext,
): Promise<{ created: number; corrected: number }> {
  const ctx = 'actor' in dbOrCtx ? dbOrCtx : systemContext(dbOrCtx, 'catalogue');
  const { created } = await loadMissing(ctx);
  const corrected = await applyCorrections(ctx);
  return { created, corrected };
}

/** Applies the catalogue corrections this database has not had yet (one new version per procedure). */
async function applyCorrections(ctx: WriteContext): Promise<number> {
  const codes = [...new Set(CATALOGUE_CORRECTIONS.map((c) => c.code))];
  const rows = await ctx.db
    .select({
      id: procedures.id,
      code: procedures.code,
      current: procedures.currentVersion,
      version: procedureVersions.version,
      reason: procedureVersions.reason,
      data: procedureVersions.data,
    })
    .from(procedures)
    .innerJoin(procedureVersions, eq(procedureVersions.procedureId, procedures.id))
    .where(inArray(procedures.code, codes));
  const current = codes.flatMap((code) => {
    const versions = rows.filter((r) => r.code === code);
    const head = versions.find((r) => r.version === r.current);
    return head
      ? [
          {
            code,
            version: head.current,
            data: head.data as Procedure,
            reasons: versions.map((v) => v.reason),
          },
        ]
      : [];
  });
  const pending = pendingCorrections(current, CATALOGUE_CORRECTIONS);
  if (!pending.length) return 0;
  const idOf = new Map(rows.map((r) => [r.code, r.id]));
  return inTransaction(ctx, async (tx, audit) => {
    for (const p of pending) {
      await appendVersion(tx, audit, ctx.actor.name, idOf.get(p.code)!, {
        expectedVersion: p.expectedVersion,
        data: p.data,
        reason: p.reason,
      });
    }
    return pending.length;
  });
}

async function loadMissing(ctx: WriteContext): Promise<{ created: number }> {
  const entries = shippedCatalogue();
  const existing = new Set(
    (await ctx.db.select({ code: procedures.code }).from(procedures)).map((r) => r.code),
  );
  const missing = entries.filter((p) => !existing.has(procedureCode(p)));
  if (!missing.length) return { created: 0 };
  return inTransaction(ctx, async (tx, audit) => {
    const created: string[] = [];
    for (const data of missing) {
      const inserted = await insertProcedure(tx, data, ctx.actor.name);
      if (inserted) created.push(inserted.code); // else loaded meanwhile by another instance
    }
    await audit({
      action: 'procedure.catalogue.load',
      entityType: 'procedure',
      entityId: 'catalogue',
      after: { created },
    });
    return { created: created.length };
  });
}

async function currentRows(db: DbOrTx, where: ReturnType<typeof and>) {
  const rows = await db
    .select({ p: procedures, data: procedureVersions.data })
    .from(procedures)
    .innerJoin(
      procedureVersions,
      and(
        eq(procedureVersions.procedureId, procedures.id),
        eq(procedureVersions.version, procedures.currentVersion),
      ),
    )
    .where(where)
    .orderBy(asc(procedures.domain), asc(procedures.nameFolded))
    .limit(1000);
  return rows.map((r) => present(r.p, r.data as Procedure));
}

function escapeLike(s: string) {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** The catalogue (active procedures), searched by name or code with or without diacritics, by domain. */
export async function listProcedures(db: DbOrTx, query: { q?: string; domain?: string }) {
  const q = query.q ? foldVietnamese(query.q) : '';
  const pattern = `%${escapeLike(q)}%`;
  return currentRows(
    db,
    and(
      eq(procedures.status, 'active'),
      query.domain ? eq(procedures.domain, query.domain) : undefined,
      q ? or(like(procedures.nameFolded, pattern), like(procedures.code, pattern)) : undefined,
    ),
  );
}

/** One procedure (current version) with its full data and the list of its versions. */
export async function getProcedure(db: DbOrTx, id: string) {
  if (!isUuid(id)) throw procedureNotFound(id);
  const [summary] = await currentRows(db, and(eq(procedures.id, id)));
  if (!summary) throw procedureNotFound(id);
  const versions = await db
    .select()
    .from(procedureVersions)
    .where(eq(procedureVersions.procedureId, id))
    .orderBy(asc(procedureVersions.version));
  const current = versions.find((v) => v.version === summary.version)!;
  return {
    ...summary,
    data: current.data as Procedure,
    versions: versions.map((v, i) => ({
      version: v.version,
      createdAt: v.createdAt.toISOString(),
      createdBy: v.createdBy,
      reason: v.reason,
      // What this version changed from the one before ("what changed" of the history).
      changes:
        i === 0
          ? []
          : diffProcedure(versions[i - 1]!.data as Procedure, v.data as Procedure).map((c) => ({
              path: c.path,
              label: c.label,
              before: c.before,
              after: c.after,
            })),
    })),
  };
}

interface ProcedureVersion {
  id: string;
  code: string;
  status: (typeof procedures.$inferSelect)['status'];
  version: number;
  data: Procedure;
}

/**
 * Procedure versions served from memory, dropped whenever a procedure or a version changes anywhere (migration 0018
 * notifies `procedures`); bypassed inside transactions and while the invalidation is not live. Callers share the
 * value: read it, never change it.
 */
const versionCache = new KeyedCache<ProcedureVersion>('procedures', { max: 5_000 });

/** The data of one version of a procedure (the one a dossier was received under). */
export async function getProcedureVersion(db: DbOrTx, id: string, version?: number) {
  if (!isUuid(id)) throw procedureNotFound(id);
  return versionCache.get(db, `${id}@${version ?? 'current'}`, () => readProcedureVersion(db, id, version));
}

async function readProcedureVersion(db: DbOrTx, id: string, version?: number): Promise<ProcedureVersion> {
  // The procedure and the version (its current one unless named) in one query.
  const [found] = await db
    .select({ p: procedures, data: procedureVersions.data })
    .from(procedures)
    .leftJoin(
      procedureVersions,
      and(
        eq(procedureVersions.procedureId, procedures.id),
        eq(procedureVersions.version, version ?? procedures.currentVersion),
      ),
    )
    .where(eq(procedures.id, id));
  if (!found) throw procedureNotFound(id);
  const { p } = found;
  const v = version ?? p.currentVersion;
  const row = found.data === null ? null : { data: found.data };
  if (!row) throw notFound('phiên bản thủ tục', 'procedure version', `${id}@${v}`);
  return { id: p.id, code: p.code, status: p.status, version: v, data: ProcedureSchema.parse(row.data) };
}

/**
 * Appends version n+1 of a procedure inside the caller's transaction, with its audit entry and the diff; another
 * edit since `expectedVersion` is a conflict, an edit that changes nothing a 400.
 */
export async function appendVersion(
  tx: Tx,
  audit: Audit,
  by: string,
  id: string,
  input: { expectedVersion: number; data: unknown; reason?: string },
) {
  const [p] = await tx.select().from(procedures).where(eq(procedures.id, id)).for('update');
  if (!p) throw procedureNotFound(id);
  const [latest] = await tx
    .select()
    .from(procedureVersions)
    .where(and(eq(procedureVersions.procedureId, id), eq(procedureVersions.version, p.currentVersion)));
  const at = new Date().toISOString();
  const { version, changes } = revise(
    [
      {
        procedureId: id,
        version: p.currentVersion,
        data: latest!.data as Procedure,
        createdAt: latest!.createdAt.toISOString(),
        createdBy: latest!.createdBy,
      },
    ],
    input.data,
    { at, by, expectedVersion: input.expectedVersion, reason: input.reason },
  );
  await tx.insert(procedureVersions).values({
    procedureId: id,
    version: version.version,
    data: version.data,
    reason: input.reason ?? null,
    createdBy: by,
  });
  await tx
    .update(procedures)
    .set({
      currentVersion: version.version,
      name: version.data.name,
      nameFolded: foldVietnamese(version.data.name),
      domain: version.data.domain,
      updatedAt: new Date(at),
    })
    .where(eq(procedures.id, id));
  await audit({
    action: 'procedure.update',
    entityType: 'procedure',
    entityId: id,
    before: { version: p.currentVersion },
    after: {
      version: version.version,
      reason: input.reason ?? null,
      changes: changes.map((c) => ({ path: c.path, before: c.before, after: c.after })),
    },
  });
  return { version: version.version, changes };
}

/** Saves an edit as version n+1; another edit since `expectedVersion` is a conflict. Audited with the diff. */
export async function updateProcedure(
  ctx: WriteContext,
  id: string,
  input: { expectedVersion: number; data: unknown; reason?: string },
) {
  if (!isUuid(id)) throw procedureNotFound(id);
  await inTransaction(ctx, (tx, audit) => appendVersion(tx, audit, ctx.actor.name, id, input));
  return getProcedure(ctx.db, id);
}

/** Every procedure (active or retired) with its current version, in catalogue order. */
export async function currentVersions(db: DbOrTx) {
  const rows = await db
    .select({
      procedureId: procedures.id,
      code: procedures.code,
      version: procedures.currentVersion,
      data: procedureVersions.data,
    })
    .from(procedures)
    .innerJoin(
      procedureVersions,
      and(
        eq(procedureVersions.procedureId, procedures.id),
        eq(procedureVersions.version, procedures.currentVersion),
      ),
    )
    .orderBy(asc(procedures.domain), asc(procedures.nameFolded))
    .limit(5000);
  return rows.map((r) => ({ ...r, data: r.data as Procedure }));
}

/** The whole catalogue (current versions), as the shared `Procedure` objects: the JSON export/import format. */
export async function exportCatalogue(db: DbOrTx): Promise<Procedure[]> {
  return (await currentVersions(db)).map((r) => r.data);
}
