import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from './database';
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
 * An in-memory value rebuilt whenever its data revision moves. Stateless across instances: each instance
 * checks the revision (one indexed row) before use and rebuilds its own copy.
 */
export function revisionCache<T>(name: RevisionName, build: (db: DbOrTx) => Promise<T>) {
  let cached: { revision: number; value: Promise<T> } | undefined;
  return async (db: DbOrTx): Promise<T> => {
    const revision = await readRevision(db, name);
    if (!cached || cached.revision !== revision) {
      const value = build(db);
      cached = { revision, value };
      value.catch(() => {
        if (cached?.value === value) cached = undefined;
      });
    }
    return cached.value;
  };
}
