/**
 * The one way to change data: a transaction that also appends the audit entry (or entries) of the change.
 * A write that records no audit entry is a programming error and rolls back.
 */
import { sql } from 'drizzle-orm';
import { AppError, text } from '../http/errors';
import { type Actor, type AuditRecord, appendAudit, type RequestMeta } from '../modules/audit/service';
import type { Db, Tx } from './database';
import { connectionOf, invalidationOf, takeCacheTouched } from './invalidation';

export interface WriteContext {
  db: Db;
  actor: Actor;
  meta: RequestMeta;
  /**
   * The credential the request was authenticated with (sha256 of the session cookie or of the API token), so that
   * a write can re-check inside its own transaction that it is still valid (a principal may come from a cache).
   * Absent for anonymous citizens and for system work.
   */
  credential?: Credential;
}

export interface Credential {
  kind: 'session' | 'apiToken';
  tokenHash: string;
}

export type Audit = (record: AuditRecord) => Promise<void>;

/** deadlock_detected, serialization_failure: PostgreSQL rolled the transaction back; running it again is safe. */
const RETRYABLE = new Set(['40P01', '40001']);
export const ATTEMPTS = 3;

function sqlState(e: unknown): string | undefined {
  const err = e as { code?: unknown; cause?: { code?: unknown } } | null;
  const code = err?.code ?? err?.cause?.code;
  return typeof code === 'string' ? code : undefined;
}

/** Whether PostgreSQL aborted the work for a deadlock or a serialisation failure (nothing of it stayed). */
export const isRetryable = (e: unknown) => RETRYABLE.has(sqlState(e) ?? '');

/**
 * Runs `work` in one transaction with its audit entries. When PostgreSQL aborts it for a deadlock or a
 * serialisation failure (two writers taking the same rows in opposite orders, e.g. transfers between two
 * communes both ways), the whole transaction is run again, up to three times: nothing of the aborted one stayed.
 */
export async function inTransaction<T>(
  ctx: WriteContext,
  work: (tx: Tx, audit: Audit) => Promise<T>,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await attemptTransaction(ctx, work);
    } catch (e) {
      if (attempt >= ATTEMPTS || !isRetryable(e)) throw e;
    }
  }
}

/**
 * Refuses the write (401, as an unauthenticated request) unless the credential it was authenticated with still holds
 * now, inside its transaction: the session exists, has not expired and its account is active; or the API token is
 * neither revoked nor expired and its account active. The principal of the request may come from memory
 * (auth/service.ts), which another instance's logout reaches only when its notification arrives.
 */
async function assertCredential(tx: Tx, credential: Credential): Promise<void> {
  const { tokenHash } = credential;
  const query =
    credential.kind === 'session'
      ? sql`select 1 as ok from sessions s join accounts a on a.id = s.account_id
          where s.token_hash = ${tokenHash} and s.expires_at > now() and a.status = 'active'`
      : sql`select 1 as ok from api_tokens t join accounts a on a.id = t.account_id
          where t.token_hash = ${tokenHash} and t.revoked_at is null
            and (t.expires_at is null or t.expires_at > now()) and a.status = 'active'`;
  const { rows } = (await tx.execute(query)) as unknown as { rows: unknown[] };
  if (!rows.length) throw new AppError('unauthenticated');
}

async function attemptTransaction<T>(
  ctx: WriteContext,
  work: (tx: Tx, audit: Audit) => Promise<T>,
): Promise<T> {
  let touched = false;
  const result = await ctx.db.transaction(async (tx) => {
    const connection = connectionOf(tx);
    takeCacheTouched(connection); // forget what an earlier transaction on this pooled connection did
    if (ctx.credential) await assertCredential(tx, ctx.credential);
    let audited = 0;
    const audit: Audit = async (record) => {
      await appendAudit(tx, ctx.actor, ctx.meta, record);
      audited += 1;
    };
    const result = await work(tx, audit);
    if (audited === 0) {
      throw new AppError('internal', text('Thay đổi không có nhật ký.', 'A change without an audit entry.'));
    }
    touched = takeCacheTouched(connection); // the notices of every statement have arrived with their results
    return result;
  });
  // A change of cached data (sessions, grants, calendar, procedures, map: migration 0018's triggers said so) is
  // answered once this instance's own caches heard of it, so the caller reads its own write (PostgreSQL; PGlite hears
  // its notifications at commit). Other instances hear it within their notification delay.
  if (touched)
    await invalidationOf(ctx.db)
      ?.sync()
      .catch(() => {});
  return result;
}

/** The actor of work started from the command line or at start-up (imports, seeding). */
export function systemContext(db: Db, name: string): WriteContext {
  return {
    db,
    actor: { accountId: null, name, role: 'system' },
    meta: { requestId: null, clientAddress: null },
  };
}
