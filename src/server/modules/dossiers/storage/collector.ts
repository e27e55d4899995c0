/**
 * Collects stored files no attachment row refers to any more (a refused or rolled-back upload on a backend that
 * writes outside the transaction, a deleted dossier, a crash mid-write). Safe against a concurrent upload: only
 * objects stored longer ago than the grace period are considered, and storing the same bytes again refreshes their
 * stored time, which the deletion re-checks (atomically on PostgreSQL). The grace period must exceed the longest
 * upload (the time between storing the bytes and committing the attachment row: seconds).
 */
import { inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/database';
import { dossierAttachments } from '../schema';
import type { FileStorage } from '../storage';

export async function collectUnreferencedFiles(
  db: DbOrTx,
  storage: FileStorage,
  options: { graceMs: number; now?: Date },
): Promise<{ deleted: string[] }> {
  const cutoff = new Date((options.now ?? new Date()).getTime() - options.graceMs);
  const deleted: string[] = [];
  for await (const batch of storage.listStoredBefore(cutoff)) {
    const keys = batch.map((o) => o.key);
    const rows = await db
      .selectDistinct({ key: dossierAttachments.storageKey })
      .from(dossierAttachments)
      .where(inArray(dossierAttachments.storageKey, keys));
    const referenced = new Set(rows.map((r) => r.key));
    for (const key of keys) {
      if (referenced.has(key)) continue;
      await storage.delete(key, cutoff);
      if ((await storage.storedAt(key)) === null) deleted.push(key);
    }
  }
  return { deleted };
}

/** Runs the collector every `intervalMs` (unref'd: never keeps the process alive); returns the stop function. */
export function scheduleFileCollection(
  db: DbOrTx,
  storage: FileStorage,
  options: { intervalMs: number; graceMs: number },
  log: (err: unknown) => void,
): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    collectUnreferencedFiles(db, storage, { graceMs: options.graceMs })
      .catch(log)
      .finally(() => {
        running = false;
      });
  }, options.intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
