import { and, asc, desc, eq, gte, inArray, like, lt, type SQL, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/database';
import { insertRows } from '../../db/insert-rows';
import { escapeLike } from '../../db/like';
import {
  type ChainBreak,
  type ChainedContent,
  entryHash,
  findBreak,
  GENESIS_HASH,
  maskPersonalData,
} from './chain';
import {
  type AnchorBreak,
  type ChainAnchor,
  checkAgainstCheckpoint,
  type SignedCheckpoint,
} from './checkpoints';
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
  /**
   * The chain head as a statement of the caller locked it earlier in the same transaction (with
   * lockChainHead, e.g. as a CTE of its last write): saves the round trip that would lock it.
   */
  lockedHead?: ChainHead;
}

export interface ChainHead {
  seq: number;
  hash: string;
}

/** The chain an entry goes to. */
export function chainOf(record: Pick<AuditRecord, 'communeCode' | 'chain'>): string {
  return record.communeCode ? `commune:${record.communeCode}` : (record.chain ?? 'system');
}

/**
 * Creates or locks the chain head and returns it as it is (seq, hash): INSERT … ON CONFLICT DO UPDATE … RETURNING.
 * `source` (a CTE name) makes it run after that CTE, and only for its rows: the caller's lock order.
 */
export function lockChainHead(chain: string, source?: string): SQL {
  const row = source
    ? sql`select ${chain}, 0, ${GENESIS_HASH} from ${sql.identifier(source)}`
    : sql`values (${chain}, 0, ${GENESIS_HASH})`;
  return sql`insert into audit_chain_heads (chain, seq, hash) ${row}
    on conflict (chain) do update set seq = audit_chain_heads.seq
    returning seq, hash`;
}

/**
 * The entry that follows `head` in the record's chain, with its hash: what appendAudit writes, and what a writer
 * of many entries at once (the demo's bulk seed) chains in memory.
 */
export function chainedEntry(actor: Actor, meta: RequestMeta, record: AuditRecord, head: ChainHead) {
  const prevHash = head.hash;
  const content: ChainedContent = {
    chain: chainOf(record),
    seq: Number(head.seq) + 1,
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
  return { content, prevHash, hash: entryHash(prevHash, content) };
}

/**
 * Appends one entry to its chain inside the caller's transaction (the chain head's row lock orders appends), in
 * two statements: the head, created or locked as it is (lockChainHead; none when the caller locked it already),
 * then the entry and the new head together, so the lock is held for one round trip before COMMIT.
 */
export async function appendAudit(
  tx: Tx,
  actor: Actor,
  meta: RequestMeta,
  record: AuditRecord,
): Promise<void> {
  const chain = chainOf(record);
  const [head] = record.lockedHead
    ? [record.lockedHead]
    : ((await tx.execute(lockChainHead(chain))) as unknown as { rows: ChainHead[] }).rows;
  const { content, prevHash, hash } = chainedEntry(actor, meta, record, head!);
  const entry = tx
    .insert(auditEntries)
    .values({ ...content, prevHash, hash })
    .getSQL();
  await tx.execute(
    sql`with entry as (${entry}) update ${auditChainHeads} set seq = ${content.seq}, hash = ${hash} where ${eq(auditChainHeads.chain, chain)}`,
  );
}

/** A record with its own actor and request: a bulk writer's entries may be several people's. */
export interface AuditedRecord extends AuditRecord {
  by: { actor: Actor; meta: RequestMeta };
}

/**
 * Appends `records` in their order inside the caller's transaction, as that many appendAudit calls would: the heads
 * of their chains created or locked once, in sorted order; the entries chained in memory (chainedEntry) and inserted
 * a few hundred at a time; each head moved to its chain's last entry. For bulk writers (the demo's seeds).
 */
export async function appendAuditMany(tx: Tx, records: readonly AuditedRecord[]): Promise<void> {
  if (!records.length) return;
  const heads = new Map<string, ChainHead>();
  for (const chain of [...new Set(records.map((r) => chainOf(r)))].sort()) {
    const { rows } = (await tx.execute(lockChainHead(chain))) as unknown as { rows: ChainHead[] };
    heads.set(chain, { seq: Number(rows[0]!.seq), hash: rows[0]!.hash });
  }
  const entries = records.map(({ by, lockedHead: _locked, ...record }) => {
    const chain = chainOf(record);
    const { content, prevHash, hash } = chainedEntry(by.actor, by.meta, record, heads.get(chain)!);
    heads.set(chain, { seq: content.seq, hash });
    return { ...content, prevHash, hash };
  });
  await insertRows(tx, auditEntries, entries);
  for (const [chain, head] of heads) {
    await tx.update(auditChainHeads).set(head).where(eq(auditChainHeads.chain, chain));
  }
}

/**
 * Appends `records` in their order inside the caller's transaction, as that many `audit` calls would: all but the
 * last at once (appendAuditMany), the last through `audit`, as the transaction's own entry (so its author is the
 * transaction's caller). A record without its own `by` is by `by`. For bulk writers.
 */
export async function auditAll(
  tx: Tx,
  audit: (record: AuditRecord) => Promise<void>,
  records: readonly (AuditRecord & Partial<Pick<AuditedRecord, 'by'>>)[],
  by?: AuditedRecord['by'],
): Promise<void> {
  if (!records.length) return;
  await appendAuditMany(
    tx,
    records.slice(0, -1).map((r) => {
      const author = r.by ?? by;
      if (!author) throw new Error(`auditAll: no author for ${r.action}`);
      return { ...r, by: author };
    }),
  );
  const { by: _by, ...last } = records.at(-1)!;
  await audit(last);
}

export type VerifyBreak =
  | (ChainBreak & { chain: string })
  /** The chain head (audit_chain_heads) disagrees with the newest entry: newest entries deleted, or head edited. */
  | { chain: string; seq: number; reason: 'head_mismatch' | 'head_missing' }
  | (AnchorBreak & { chain?: string; seq?: number });

export interface VerifyReport {
  chains: number;
  entries: number;
  /** Checkpoints checked (0 without a checkpoint file). */
  checkpoints: number;
  breaks: VerifyBreak[];
}

export interface VerifyAnchors {
  checkpoints: SignedCheckpoint[];
  publicKeyPem: string;
}

/**
 * Recomputes every chain (the first broken link of each), checks each chain head against the newest entry, and,
 * given signed checkpoints, that every checkpointed entry is still there with the same hash.
 */
export async function verifyAuditLog(db: Db, anchors?: VerifyAnchors): Promise<VerifyReport> {
  const heads = new Map((await db.select().from(auditChainHeads)).map((h) => [h.chain, h]));
  const chains = new Set([
    ...(await db.selectDistinct({ chain: auditEntries.chain }).from(auditEntries)).map((c) => c.chain),
    ...[...heads.values()].filter((h) => h.seq > 0).map((h) => h.chain),
  ]);
  const wanted = new Map<string, Set<number>>();
  for (const c of anchors?.checkpoints ?? [])
    for (const a of c.chains) wanted.set(a.chain, (wanted.get(a.chain) ?? new Set()).add(a.seq));
  const hashes = new Map<string, string>();
  const present = new Set<string>();
  const report: VerifyReport = { chains: chains.size, entries: 0, checkpoints: 0, breaks: [] };
  for (const chain of [...chains].sort()) {
    const rows = await db
      .select()
      .from(auditEntries)
      .where(eq(auditEntries.chain, chain))
      .orderBy(asc(auditEntries.seq));
    report.entries += rows.length;
    if (rows.length) present.add(chain);
    const broken = findBreak(rows);
    if (broken) report.breaks.push({ ...broken, chain });
    const head = heads.get(chain);
    const newest = rows[rows.length - 1];
    if (!head) report.breaks.push({ chain, seq: newest?.seq ?? 0, reason: 'head_missing' });
    else if (!newest || newest.seq !== Number(head.seq) || newest.hash !== head.hash)
      report.breaks.push({ chain, seq: Number(head.seq), reason: 'head_mismatch' });
    const seqs = wanted.get(chain);
    if (seqs) for (const r of rows) if (seqs.has(r.seq)) hashes.set(`${chain}#${r.seq}`, r.hash);
  }
  for (const checkpoint of anchors?.checkpoints ?? []) {
    report.checkpoints += 1;
    report.breaks.push(
      ...checkAgainstCheckpoint(
        checkpoint,
        anchors!.publicKeyPem,
        (chain, seq) => hashes.get(`${chain}#${seq}`),
        (chain) => present.has(chain),
      ),
    );
  }
  return report;
}

/** Every chain's head now, for a checkpoint. */
export async function currentAnchors(db: Db): Promise<ChainAnchor[]> {
  const heads = await db.select().from(auditChainHeads).orderBy(asc(auditChainHeads.chain));
  return heads.map((h) => ({ chain: h.chain, seq: Number(h.seq), hash: h.hash }));
}

export async function countAuditEntries(db: Db, entityType?: string): Promise<number> {
  const rows = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(auditEntries)
    .where(entityType ? eq(auditEntries.entityType, entityType) : undefined);
  return rows[0]?.n ?? 0;
}

export interface AuditFilter {
  /** null = every chain (system administrators only); otherwise entries of these communes. */
  communeCodes: string[] | null;
  actor?: string;
  action?: string;
  entityType?: string;
  entityId?: string;
  from?: string;
  to?: string;
  /** Cursor: entries older than this id. */
  before?: number;
  limit: number;
}

/**
 * Readable names of entities other modules own (a dossier's code for its id), given by the composition root so
 * that the audit module reads no other module's tables. Asked only for the ids of the page being returned.
 */
export type EntityLabeler = (db: Db, ids: readonly string[]) => Promise<Map<string, string>>;
export type EntityLabelers = Readonly<Record<string, EntityLabeler>>;

/** Newest first, filtered, bounded; the caller passes the communes the viewer may see. */
export async function listAuditEntries(db: Db, f: AuditFilter, labelers: EntityLabelers = {}) {
  if (f.communeCodes && f.communeCodes.length === 0) return { items: [], nextCursor: null };
  const rows = await db
    .select()
    .from(auditEntries)
    .where(
      and(
        f.communeCodes ? inArray(auditEntries.communeCode, f.communeCodes) : undefined,
        f.actor ? like(auditEntries.actorName, `%${escapeLike(f.actor)}%`) : undefined,
        f.action ? like(auditEntries.action, `${escapeLike(f.action)}%`) : undefined,
        f.entityType ? eq(auditEntries.entityType, f.entityType) : undefined,
        f.entityId ? eq(auditEntries.entityId, f.entityId) : undefined,
        f.from ? gte(auditEntries.at, `${f.from}T00:00:00+07:00`) : undefined,
        f.to
          ? lt(auditEntries.at, sql`(${f.to}::date + 1)::timestamp at time zone 'Asia/Ho_Chi_Minh'`)
          : undefined,
        f.before ? lt(auditEntries.id, f.before) : undefined,
      ),
    )
    .orderBy(desc(auditEntries.id))
    .limit(f.limit + 1);
  const page = rows.slice(0, f.limit).map((r) => ({
    id: r.id,
    at: new Date(r.at).toISOString(),
    actorName: r.actorName,
    actorRole: r.actorRole,
    communeCode: r.communeCode,
    action: r.action,
    entityType: r.entityType,
    entityId: r.entityId,
    before: r.before,
    after: r.after,
    requestId: r.requestId,
    clientAddress: r.clientAddress,
  }));
  const labels = new Map<string, Map<string, string>>();
  for (const [type, labeler] of Object.entries(labelers)) {
    const ids = page.filter((e) => e.entityType === type).map((e) => e.entityId);
    if (ids.length) labels.set(type, await labeler(db, ids));
  }
  const items = page.map((e) => ({ ...e, entityLabel: labels.get(e.entityType)?.get(e.entityId) ?? null }));
  return { items, nextCursor: rows.length > f.limit ? page[page.length - 1]!.id : null };
}
