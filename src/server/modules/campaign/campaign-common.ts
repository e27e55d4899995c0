/** Small shared pieces of the trials, incidents and lessons services (helper D's files). */
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/database';
import { AppError, fieldError, text } from '../../http/errors';
import { auditEntries } from '../audit/schema';
import { communes } from '../units/schema';
import { findCommuneLocation } from '../units/service';
import { trialPlans } from './schema';

export const iso = (d: Date | null) => d?.toISOString() ?? null;

/** The province of a commune (the caller's access has already found it). */
export async function provinceOfCommune(db: DbOrTx, communeCode: string): Promise<string> {
  const where = await findCommuneLocation(db, communeCode);
  if (!where) throw new AppError('not_found');
  return where.provinceCode;
}

export async function communeNames(db: DbOrTx, codes: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(codes)];
  if (!unique.length) return new Map();
  const rows = await db
    .select({ code: communes.code, name: communes.name })
    .from(communes)
    .where(inArray(communes.code, unique));
  return new Map(rows.map((r) => [r.code, r.name]));
}

/** The dates of the trials the rows link to (rows without a trial are skipped), by trial id. */
export async function trialDates(db: DbOrTx, trialIds: (string | null)[]): Promise<Map<string, string>> {
  const unique = [...new Set(trialIds.filter((x): x is string => !!x))];
  if (!unique.length) return new Map();
  const rows = await db
    .select({ id: trialPlans.id, d: trialPlans.trialDate })
    .from(trialPlans)
    .where(inArray(trialPlans.id, unique));
  return new Map(rows.map((t) => [t.id, t.d]));
}

/** The values the fields of `set` had before the change (the audit entry's "before"). */
export function previousValues<R extends object>(before: R, set: Partial<R>): Record<string, unknown> {
  return Object.fromEntries(Object.keys(set).map((k) => [k, before[k as keyof R]]));
}

/** 409 when the record changed since the caller read it. */
export function assertVersion(current: number, sent: number) {
  if (current !== sent)
    throw new AppError(
      'conflict',
      text(
        'Bản ghi đã được người khác thay đổi (phiên bản {c}, bạn gửi {s}). Hãy tải lại.',
        'The record was changed by someone else (version {c}, you sent {s}). Reload it.',
        { c: current, s: sent },
      ),
      {
        errors: [
          {
            field: 'body.version',
            message: text('Phiên bản đã cũ.', 'Stale version.'),
          },
        ],
      },
    );
}

/** The audit entries of one record, oldest first (the record's history on its page). */
export async function auditHistory(db: DbOrTx, entityType: string, entityId: string) {
  return db
    .select({
      at: auditEntries.at,
      action: auditEntries.action,
      actorName: auditEntries.actorName,
      before: auditEntries.before,
      after: auditEntries.after,
    })
    .from(auditEntries)
    .where(and(eq(auditEntries.entityType, entityType), eq(auditEntries.entityId, entityId)))
    .orderBy(asc(auditEntries.id));
}

/** Cursor of lists ordered by (a text key, id) descending. */
export const encodeCursor = (key: string, id: string) =>
  Buffer.from(JSON.stringify([key, id])).toString('base64url');
export function decodeCursor(cursor: string): [string, string] {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(v) &&
      typeof v[0] === 'string' &&
      v[0].length <= 40 &&
      typeof v[1] === 'string' &&
      /^[0-9a-f-]{36}$/i.test(v[1])
    )
      return [v[0], v[1]];
  } catch {}
  throw fieldError('query.cursor', 'Con trỏ trang không hợp lệ.', 'Invalid cursor.');
}

/** The earliest date a campaign record may carry (the two-level local government reform). */
export const CAMPAIGN_START = '2025-01-01';
