import { asc, eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/database';
import {
  type ChainBreak,
  type ChainedContent,
  entryHash,
  findBreak,
  GENESIS_HASH,
  maskPersonalData,
} from './chain';
import { auditChainHeads, auditEntries } from './schema';

/** Who acts, from where: the request context every write carries into its audit entry. */
export interface Actor {
  accountId: string | null;
  name: string;
  role: string | null;
}
export interface RequestMeta {
  requestId: string | null;
  clientAddress: string | null;
}

export interface AuditRecord {
  action: string;
  entityType: string;
  entityId: string;
  communeCode?: string | null;
  /** Chain for records without a commune: "province:<code>" or "system" (default). */
  chain?: string;
  before?: unknown;
  after?: unknown;
}

/** Appends one entry to its chain inside the caller's transaction (the chain head's row lock orders appends). */
export async function appendAudit(
  tx: Tx,
  actor: Actor,
  meta: RequestMeta,
  record: AuditRecord,
): Promise<void> {
  const chain = record.communeCode ? `commune:${record.communeCode}` : (record.chain ?? 'system');
  await tx.insert(auditChainHeads).values({ chain, seq: 0, hash: GENESIS_HASH }).onConflictDoNothing();
  const [head] = await tx
    .select()
    .from(auditChainHeads)
    .where(eq(auditChainHeads.chain, chain))
    .for('update');
  const prevHash = head!.hash;
  const content: ChainedContent = {
    chain,
    seq: head!.seq + 1,
    at: new Date().toISOString(),
    actorId: actor.accountId,
    actorName: actor.name,
    actorRole: actor.role,
    communeCode: record.communeCode ?? null,
    action: record.action,
    entityType: record.entityType,
    entityId: record.entityId,
    before: maskPersonalData(record.before ?? null),
    after: maskPersonalData(record.after ?? null),
    requestId: meta.requestId,
    clientAddress: meta.clientAddress,
  };
  const hash = entryHash(prevHash, content);
  await tx.insert(auditEntries).values({ ...content, prevHash, hash });
  await tx.update(auditChainHeads).set({ seq: content.seq, hash }).where(eq(auditChainHeads.chain, chain));
}

export interface VerifyReport {
  chains: number;
  entries: number;
  breaks: (ChainBreak & { chain: string })[];
}

/** Recomputes every chain; reports the first broken link of each broken chain. */
export async function verifyAuditLog(db: Db): Promise<VerifyReport> {
  const chains = await db.selectDistinct({ chain: auditEntries.chain }).from(auditEntries);
  const report: VerifyReport = { chains: chains.length, entries: 0, breaks: [] };
  for (const { chain } of chains) {
    const rows = await db
      .select()
      .from(auditEntries)
      .where(eq(auditEntries.chain, chain))
      .orderBy(asc(auditEntries.seq));
    report.entries += rows.length;
    const broken = findBreak(rows);
    if (broken) report.breaks.push({ ...broken, chain });
  }
  return report;
}

export async function countAuditEntries(db: Db, entityType?: string): Promise<number> {
  const rows = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(auditEntries)
    .where(entityType ? eq(auditEntries.entityType, entityType) : undefined);
  return rows[0]?.n ?? 0;
}
