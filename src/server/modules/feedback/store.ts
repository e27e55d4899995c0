/**
 * The feedback module's few shared record helpers: which commune a report belongs to (for the access rule), loading
 * a report for a change with its optimistic lock, writing the change with the next version, and appending an
 * action. Every use case (intake, handling, the reporter's answer, the overdue sweep) goes through them, inside its
 * own `inTransaction`, and records its audit entry in the commune's chain itself.
 */
import { and, eq, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { FeedbackActionKind, FeedbackState } from '../../../common/api/feedback';
import type { Db, DbOrTx, Tx } from '../../db/database';
import { isUuid } from '../../http/auth';
import { AppError } from '../../http/errors';
import { assertVersion } from '../campaign/campaign-common';
import { feedbackActions, feedbackReports } from './schema';

export type FeedbackReportRow = typeof feedbackReports.$inferSelect;

/** For `{ permission, recordParam: 'id', communeOf: feedbackCommuneOf }`: null when missing or not a uuid. */
export async function feedbackCommuneOf(db: Db, id: string): Promise<string | null> {
  if (!isUuid(id)) return null;
  const [row] = await db
    .select({ communeCode: feedbackReports.communeCode })
    .from(feedbackReports)
    .where(eq(feedbackReports.id, id));
  return row?.communeCode ?? null;
}

/** The report, locked (FOR UPDATE) for the rest of the transaction; 404 when missing; 409 on a stale version. */
export async function lockReport(tx: Tx, id: string, expectedVersion?: number): Promise<FeedbackReportRow> {
  if (!isUuid(id)) throw new AppError('not_found');
  const [row] = await tx.select().from(feedbackReports).where(eq(feedbackReports.id, id)).for('update');
  if (!row) throw new AppError('not_found');
  if (expectedVersion !== undefined) assertVersion(row.version, expectedVersion);
  return row;
}

/** The report without a lock (reads); null when missing. */
export async function findReport(db: DbOrTx, id: string): Promise<FeedbackReportRow | null> {
  if (!isUuid(id)) return null;
  const [row] = await db.select().from(feedbackReports).where(eq(feedbackReports.id, id));
  return row ?? null;
}

/** Writes `set` on a locked report, with version + 1 and updated_at; returns the new row. */
export async function updateReport(
  tx: Tx,
  row: FeedbackReportRow,
  set: Partial<Omit<FeedbackReportRow, 'id' | 'version' | 'createdAt'>>,
  now: Date = new Date(),
): Promise<FeedbackReportRow> {
  const [updated] = await tx
    .update(feedbackReports)
    .set({ ...set, version: sql`${feedbackReports.version} + 1`, updatedAt: now })
    .where(and(eq(feedbackReports.id, row.id), eq(feedbackReports.version, row.version)))
    .returning();
  if (!updated) throw new AppError('conflict');
  return updated;
}

export interface NewFeedbackAction {
  reportId: string;
  communeCode: string;
  action: FeedbackActionKind;
  fromState: FeedbackState | null;
  toState: FeedbackState;
  actorKind: 'official' | 'reporter' | 'system' | 'api';
  actorId: string | null;
  note?: string | null;
  data?: Record<string, unknown> | null;
  at?: Date;
}

/** Appends one action to the report's list (in the caller's transaction). */
export async function appendFeedbackAction(tx: DbOrTx, a: NewFeedbackAction): Promise<string> {
  const id = uuidv7();
  await tx.insert(feedbackActions).values({
    id,
    reportId: a.reportId,
    communeCode: a.communeCode,
    action: a.action,
    fromState: a.fromState,
    toState: a.toState,
    actorKind: a.actorKind,
    actorId: a.actorId,
    note: a.note ?? null,
    data: a.data ?? null,
    at: a.at ?? new Date(),
  });
  return id;
}

/** The audit entity type of reports (audit entries: action 'feedback.<action>', entityId = report id). */
export const FEEDBACK_ENTITY = 'feedback_report';
