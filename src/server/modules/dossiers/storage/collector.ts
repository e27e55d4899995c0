/**
 * Collects stored files no row refers to any more (a refused or rolled-back upload on a backend that
 * writes outside the transaction, a deleted dossier, a crash mid-write). Safe against a concurrent upload: only
 * objects stored longer ago than the grace period are considered, and storing the same bytes again refreshes their
 * stored time, which the deletion re-checks (atomically on PostgreSQL). The grace period must exceed the longest
 * upload (the time between storing the bytes and committing the attachment row: seconds).
 */
import { inArray, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../../db/database';
import { campaignRecommendations, readinessAnswers } from '../../campaign/schema';
import { feedbackAttachments } from '../../feedback/schema';
import { meetingMinutes, meetingPaperVersions } from '../../meetings/schema';
import { dossierAttachments } from '../schema';
import type { FileStorage } from '../storage';

/**
 * Every column that holds a storage key: a stored file is kept while any of them names it. A new kind of stored
 * file adds its column here.
 */
const STORAGE_KEY_COLUMNS: PgColumn[] = [
  dossierAttachments.storageKey,
  meetingPaperVersions.storageKey, // tài liệu kỳ họp
  meetingMinutes.storageKey, // biên bản (PDF)
  meetingMinutes.docxStorageKey, // biên bản (DOCX)
  feedbackAttachments.storageKey, // ảnh, tệp của phản ánh
];

/** The keys among `keys` that some row refers to. */
async function referencedKeys(db: DbOrTx, keys: string[]): Promise<Set<string>> {
  const referenced = new Set<string>();
  for (const column of STORAGE_KEY_COLUMNS) {
    const rows = await db.selectDistinct({ key: column }).from(column.table).where(inArray(column, keys));
    for (const r of rows) if (typeof r.key === 'string') referenced.add(r.key);
  }
  // Evidence of readiness checklist answers: a JSON list of { storageKey, … } per answer.
  const evidence = await db
    .selectDistinct({ key: sql<string>`e->>'storageKey'` })
    .from(readinessAnswers)
    .innerJoin(sql`jsonb_array_elements(${readinessAnswers.evidence}) e`, sql`true`)
    .where(inArray(sql`e->>'storageKey'`, keys));
  for (const r of evidence) if (typeof r.key === 'string') referenced.add(r.key);
  // Evidence of recommendations to the province: the same JSON list on the recommendation.
  const recEvidence = await db
    .selectDistinct({ key: sql<string>`e->>'storageKey'` })
    .from(campaignRecommendations)
    .innerJoin(sql`jsonb_array_elements(${campaignRecommendations.evidence}) e`, sql`true`)
    .where(inArray(sql`e->>'storageKey'`, keys));
  for (const r of recEvidence) if (typeof r.key === 'string') referenced.add(r.key);
  return referenced;
}

export async function collectUnreferencedFiles(
  db: DbOrTx,
  storage: FileStorage,
  options: { graceMs: number; now?: Date },
): Promise<{ deleted: string[] }> {
  const cutoff = new Date((options.now ?? new Date()).getTime() - options.graceMs);
  const deleted: string[] = [];
  for await (const batch of storage.listStoredBefore(cutoff)) {
    const keys = batch.map((o) => o.key);
    const referenced = await referencedKeys(db, keys);
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
