/** Pure hash-chain rules of the audit log (nhật ký kiểm toán): how an entry is hashed, how a chain is checked. */
import { createHash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

export interface ChainedContent {
  chain: string;
  seq: number;
  at: string;
  actorId: string | null;
  actorName: string;
  actorRole: string | null;
  communeCode: string | null;
  action: string;
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
  requestId: string | null;
  clientAddress: string | null;
}

/** JSON with sorted keys, so the same content always gives the same bytes (jsonb reorders keys). */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

const CONTENT_KEYS = [
  'chain',
  'seq',
  'at',
  'actorId',
  'actorName',
  'actorRole',
  'communeCode',
  'action',
  'entityType',
  'entityId',
  'before',
  'after',
  'requestId',
  'clientAddress',
] as const satisfies readonly (keyof ChainedContent)[];

/** The hash of an entry: sha256 over the previous hash and the canonical JSON of exactly the content fields. */
export function entryHash(prevHash: string, content: ChainedContent): string {
  const normalised: Record<string, unknown> = {};
  for (const key of CONTENT_KEYS) normalised[key] = content[key];
  normalised.at = new Date(content.at).toISOString();
  return createHash('sha256').update(prevHash).update('\n').update(canonicalJson(normalised)).digest('hex');
}

export interface StoredEntry extends ChainedContent {
  id: number;
  prevHash: string;
  hash: string;
}

export type ChainBreak = {
  id: number;
  seq: number;
  /** id_order: ids no longer rise with seq (rows' ids swapped: the log would show entries out of order). */
  reason: 'hash_mismatch' | 'prev_hash_mismatch' | 'seq_gap' | 'id_order';
};

/** Walks one chain in seq order; returns the first broken link, or null when intact. */
export function findBreak(entries: StoredEntry[]): ChainBreak | null {
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  let prevId = Number.NEGATIVE_INFINITY;
  for (const e of entries) {
    if (e.seq !== expectedSeq) return { id: e.id, seq: e.seq, reason: 'seq_gap' };
    if (e.id <= prevId) return { id: e.id, seq: e.seq, reason: 'id_order' };
    prevId = e.id;
    if (e.prevHash !== prev) return { id: e.id, seq: e.seq, reason: 'prev_hash_mismatch' };
    if (entryHash(e.prevHash, e) !== e.hash) return { id: e.id, seq: e.seq, reason: 'hash_mismatch' };
    prev = e.hash;
    expectedSeq += 1;
  }
  return null;
}

const PERSONAL_KEYS = new Set([
  'password',
  'passwordHash',
  'phone',
  'email',
  'idNumber',
  'dateOfBirth',
  'address',
]);

/** Masks personal data in before/after snapshots: keeps that a value changed, not what it was. */
export function maskPersonalData(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(maskPersonalData);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [
        k,
        PERSONAL_KEYS.has(k) && v != null ? '***' : maskPersonalData(v),
      ]),
    );
  }
  return value;
}
