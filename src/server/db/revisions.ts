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

/**
 * An in-memory value rebuilt whenever its data changes. Served from memory while the database's invalidation is live
 * (db/invalidation.ts: the triggers of migration 0018 notify the topic `name` when the revision row or a table the
 * data comes from changes, from any instance or command). Otherwise — inside a transaction, or while the listening
 * connection is being (re)established — the revision row is read on every call and the value rebuilt when it moved.
 */
export function revisionCache<T>(name: RevisionName, build: (db: DbOrTx) => Promise<T>) {
  const owner = {};
  let byRevision: { revision: number; value: Promise<T> } | undefined;
  return async (db: DbOrTx): Promise<T> => {
    const invalidation = invalidationOf(db);
    if (invalidation?.live()) {
      const epoch = invalidation.epoch(name);
      const slot = invalidation.slot(owner, () => ({}) as { cached?: { epoch: number; value: Promise<T> } });
      if (slot.cached?.epoch === epoch) return slot.cached.value;
      const value = build(db);
      const cached = { epoch, value };
      slot.cached = cached;
      value.catch(() => {
        if (slot.cached === cached) slot.cached = undefined;
      });
      return value;
    }
    const revision = await readRevision(db, name);
    if (!byRevision || byRevision.revision !== revision) {
      const value = build(db);
      const cached = { revision, value };
      byRevision = cached;
      value.catch(() => {
        if (byRevision === cached) byRevision = undefined;
      });
    }
    return byRevision.value;
  };
}
