/**
 * The one way to change data: a transaction that also appends the audit entry (or entries) of the change.
 * A write that records no audit entry is a programming error and rolls back.
 */
import { AppError, text } from '../http/errors';
import { type Actor, type AuditRecord, appendAudit, type RequestMeta } from '../modules/audit/service';
import type { Db, Tx } from './database';

export interface WriteContext {
  db: Db;
  actor: Actor;
  meta: RequestMeta;
}

export type Audit = (record: AuditRecord) => Promise<void>;

export async function inTransaction<T>(
  ctx: WriteContext,
  work: (tx: Tx, audit: Audit) => Promise<T>,
): Promise<T> {
  return ctx.db.transaction(async (tx) => {
    let audited = 0;
    const audit: Audit = async (record) => {
      await appendAudit(tx, ctx.actor, ctx.meta, record);
      audited += 1;
    };
    const result = await work(tx, audit);
    if (audited === 0) {
      throw new AppError('internal', text('Thay đổi không có nhật ký.', 'A change without an audit entry.'));
    }
    return result;
  });
}

/** The actor of work started from the command line or at start-up (imports, seeding). */
export function systemContext(db: Db, name: string): WriteContext {
  return {
    db,
    actor: { accountId: null, name, role: 'system' },
    meta: { requestId: null, clientAddress: null },
  };
}
