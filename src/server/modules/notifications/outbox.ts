/**
 * Queueing a notification: in the writer's transaction, so it is sent if and only if the change committed.
 * (The sending worker lives in worker.ts.)
 */
import { and, eq, inArray } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { DbOrTx } from '../../db/database';
import { notificationOutbox } from './schema';

export interface NewNotification {
  communeCode: string | null;
  channel: 'email';
  recipient: string;
  subject: string;
  body: string;
  /** What it is about, e.g. 'meeting_participant', and that record's id. */
  sourceType: string;
  sourceId: string;
}

export async function enqueueNotification(tx: DbOrTx, n: NewNotification): Promise<string> {
  const id = uuidv7();
  await tx.insert(notificationOutbox).values({ id, ...n });
  return id;
}

export type NotificationStatus = 'pending' | 'sent' | 'failed' | 'recorded';

/** The latest notification status of each source record (for "invitation sent / failed" on screens). */
export async function notificationStatuses(
  db: DbOrTx,
  sourceType: string,
  sourceIds: readonly string[],
): Promise<Map<string, { status: NotificationStatus; sentAt: Date | null; lastError: string | null }>> {
  if (!sourceIds.length) return new Map();
  const rows = await db
    .select({
      sourceId: notificationOutbox.sourceId,
      status: notificationOutbox.status,
      sentAt: notificationOutbox.sentAt,
      lastError: notificationOutbox.lastError,
      id: notificationOutbox.id,
    })
    .from(notificationOutbox)
    .where(
      and(
        eq(notificationOutbox.sourceType, sourceType),
        inArray(notificationOutbox.sourceId, [...sourceIds]),
      ),
    )
    .orderBy(notificationOutbox.id);
  const out = new Map<
    string,
    { status: NotificationStatus; sentAt: Date | null; lastError: string | null }
  >();
  for (const r of rows)
    out.set(r.sourceId, { status: r.status as NotificationStatus, sentAt: r.sentAt, lastError: r.lastError });
  return out;
}
