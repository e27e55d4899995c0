import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from './database';
import { invalidationOf } from './invalidation';
import { dataRevisions } from './schema';

export type RevisionName = 'units' | 'calendar';

/** Bumps a data revision inside the caller's transaction, so caches in every instance see the change. */
export async function bumpRevision(tx: DbOrTx, name: RevisionName): Promise<void> {
  await tx
    .insert(dataRevisions)
    .values({ name, revision: 1 })
    .onConflictDoUpdate({
      target: dataRevisions.name,
      set: { revision: sql`${dataRevisions.revision} + 1` },
    });
}

export async function readRevision(db: DbOrTx, name: RevisionName): Promise<number> {
  const rows = await db.select().from(dataRevisions).where(eq(dataRevisions.name, name));
  return rows[0]?.revision ?? 0;
}

/** A value of a revision cache with the revision it was built at (read before the data, so never newer than it). */
export interface Revisioned<T> {
  revision: number;
  value: T;
}

/**
 * A revision cache: called, the value; `revisioned`, the value with the revision it was built at (`fresh`: checked
 * against the revision row now, not served on the invalidation's word: for a write's retry after its re-check
 * refused the value, which can come before the invalidation's notification does).
 */
export interface RevisionCache<T> {
  (db: DbOrTx): Promise<T>;
  revisioned(db: DbOrTx, options?: { fresh?: boolean }): Promise<Revisioned<T>>;
}

/**
 * An in-memory value rebuilt whenever its data changes. Served from memory while the database's invalidation is live
 * (db/invalidation.ts: the triggers of migration 0018 notify the topic `name` when the revision row or a table the
 * data comes from changes, from any instance or command). Otherwise — inside a transaction, or while the listening
 * connection is being (re)established — the revision row is read on every call and the value rebuilt when it moved.
 *
 * Each value carries the revision read just before its data: a write that re-checks that revision under a lock
 * (the intake batch) then refuses a value built from older data, and one built from newer data than its label only
 * costs a retry; no value is ever labelled newer than what it holds.
 */
export function revisionCache<T>(name: RevisionName, build: (db: DbOrTx) => Promise<T>): RevisionCache<T> {
  const owner = {};
  let byRevision: { revision: number; value: Promise<Revisioned<T>> } | undefined;
  const buildAt = async (db: DbOrTx, known?: number): Promise<Revisioned<T>> => {
    const revision = known ?? (await readRevision(db, name));
    return { revision, value: await build(db) };
  };
  const revisioned = async (db: DbOrTx, options: { fresh?: boolean } = {}): Promise<Revisioned<T>> => {
    const invalidation = invalidationOf(db);
    if (invalidation?.live() && !options.fresh) {
      const epoch = invalidation.epoch(name);
      const slot = invalidation.slot(
        owner,
        () => ({}) as { cached?: { epoch: number; value: Promise<Revisioned<T>> } },
      );
      if (slot.cached?.epoch === epoch) return slot.cached.value;
      const value = buildAt(db);
      const cached = { epoch, value };
      slot.cached = cached;
      value.catch(() => {
        if (slot.cached === cached) slot.cached = undefined;
      });
      return value;
    }
    const revision = await readRevision(db, name);
    if (byRevision?.revision !== revision) {
      const cached = { revision, value: buildAt(db, revision) };
      byRevision = cached;
      cached.value.catch(() => {
        if (byRevision === cached) byRevision = undefined;
      });
    }
    return byRevision.value;
  };
  const get = async (db: DbOrTx): Promise<T> => (await revisioned(db)).value;
  return Object.assign(get, { revisioned });
}
