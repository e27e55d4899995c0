/**
 * Group commit of intakes (issue 14): one batcher per database handle (one per server process). An intake that
 * arrives while a batch is being written waits for the next batch; a batch is one autocommitted call of the SQL
 * function xaso_intake_batch (migration 0017), which checks, numbers and writes every intake of it and appends
 * their audit entries, so a commune's counter row and chain head are locked only inside that one statement.
 *
 * An intake that fails a check gets its own answer and the others are written. A call that fails as a whole is
 * run again when PostgreSQL aborted it for a deadlock or a serialisation failure (nothing of it stayed), and a
 * batch of several that fails otherwise is run again one intake at a time, so only the culprit gets the error.
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Db } from '../../../db/database';
import { ATTEMPTS, isRetryable } from '../../../db/transaction';

/** What the function writes for one intake (built by intake.ts; see the migration for each field's use). */
export interface BatchItem {
  day: string;
  defaultAgencyId: string;
  claim: { scope: string; key: string; hash: string } | null;
  credential: { kind: 'session' | 'apiToken'; tokenHash: string } | null;
  revisions: { calendar: number; units: number };
  dossier: Record<string, unknown>;
  action: Record<string, unknown>;
  /** The audit entry: its content with stand-ins for the chain seq and the code, and its canonical JSON. */
  audit: { chain: string; content: Record<string, unknown>; text: string };
  /** Outbox rows, rendered with the code's stand-in. */
  messages: Record<string, unknown>[];
}

export type BatchResult =
  | {
      i: number;
      id: string;
      code: string;
      agencyId: string;
      sequence: number;
      chainSeq: number;
      prevHash: string;
      hash: string;
      replay?: undefined;
      error?: undefined;
    }
  | {
      i: number;
      replay: true;
      id: string;
      code: string;
      dueDate: string | null;
      status: string;
      rehearsal: boolean;
      error?: undefined;
    }
  | {
      i: number;
      error: 'unauthenticated' | 'stale' | 'rehearsal_off' | 'conflict' | 'invalid_code' | 'replay_missing';
      what?: string;
      agencyId?: string;
      replay?: undefined;
    };

/**
 * Stand-ins the application renders in place of the values only the function knows (the entry's seq, the code):
 * random per process, so no typed text can contain them. CODE_TOKEN_LONG is a longer one for the check that a
 * message's rendering does not depend on the code's length (see intake.ts).
 */
const nonce = randomBytes(16).toString('hex');
export const SEQ_TOKEN = `S${nonce}S`;
export const CODE_TOKEN = `K${nonce}K`;
export const CODE_TOKEN_LONG = `K${nonce}${nonce}K`;

const MAX_BATCH = 64;

interface Pending {
  item: BatchItem;
  resolve: (r: BatchResult) => void;
  reject: (e: unknown) => void;
}

export class IntakeBatcher {
  private queue: Pending[] = [];
  private running = false;
  private held = false;
  /** Batches written and intakes in them, for tests and the bench. */
  readonly stats = { batches: 0, intakes: 0, largest: 0 };

  constructor(private readonly db: Db) {}

  submit(item: BatchItem): Promise<BatchResult> {
    return new Promise<BatchResult>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.start();
    });
  }

  /** Intakes waiting for the next batch. */
  get pending(): number {
    return this.queue.length;
  }

  /**
   * Holds the next batch until the returned function is called (tests: what arrives meanwhile is one batch, as it
   * is while a batch is being written).
   */
  hold(): () => void {
    this.held = true;
    return () => {
      this.held = false;
      this.start();
    };
  }

  private start() {
    if (this.running || this.held || !this.queue.length) return;
    this.running = true;
    // The intakes of the same turn of the event loop go into the first batch together.
    setImmediate(() => void this.drain());
  }

  private async drain() {
    try {
      while (this.queue.length && !this.held) {
        const batch = this.queue.splice(0, MAX_BATCH);
        await this.write(batch);
      }
    } finally {
      this.running = false;
    }
  }

  private async write(batch: Pending[]) {
    try {
      const results = await this.call(batch.map((p) => p.item));
      this.stats.batches += 1;
      this.stats.intakes += batch.length;
      this.stats.largest = Math.max(this.stats.largest, batch.length);
      batch.forEach((p, i) => {
        const r = results[i];
        if (r) p.resolve(r);
        else p.reject(new Error('xaso_intake_batch returned no result for an intake'));
      });
    } catch (e) {
      if (batch.length === 1) {
        batch[0]!.reject(e);
        return;
      }
      for (const p of batch) await this.write([p]);
    }
  }

  private async call(items: BatchItem[]): Promise<BatchResult[]> {
    const payload = JSON.stringify({ seqToken: SEQ_TOKEN, codeToken: CODE_TOKEN, items });
    for (let attempt = 1; ; attempt++) {
      try {
        const result = await this.db.execute(sql`select xaso_intake_batch(${payload}::jsonb) as "result"`);
        const raw = (result as unknown as { rows: { result: unknown }[] }).rows[0]?.result;
        return (typeof raw === 'string' ? JSON.parse(raw) : raw) as BatchResult[];
      } catch (e) {
        if (attempt >= ATTEMPTS || !isRetryable(e)) throw e;
      }
    }
  }
}

const batchers = new WeakMap<Db, IntakeBatcher>();

/** The batcher of a database handle (one per server process). */
export function batcherFor(db: Db): IntakeBatcher {
  let b = batchers.get(db);
  if (!b) {
    b = new IntakeBatcher(db);
    batchers.set(db, b);
  }
  return b;
}
