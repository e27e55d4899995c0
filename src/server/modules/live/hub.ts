/**
 * Live updates for pages that must follow a change within a second (the hall display of the queue, later the
 * meeting hall screen and notifications). A writer publishes an event on a channel inside its transaction
 * (`publishLive`: pg_notify, delivered by the database only when the transaction commits, never when it rolls
 * back); every instance holds one LISTEN connection and hands each event to its own subscribers. Several instances
 * on one PostgreSQL all receive every event; PGlite (one process) delivers its own notifications the same way.
 * Nothing is kept in memory but the list of this instance's open streams.
 *
 * Redis pub/sub (REDIS_URL) is deliberately not used here: every instance already shares the PostgreSQL server, and
 * NOTIFY is part of the writer's transaction (an event goes out if and only if the change committed), which a
 * publish to Redis after the commit could not promise. The LISTEN connection needs a session of its own: point
 * DATABASE_URL at PostgreSQL or a session-mode pooler, not a transaction-mode pooler (PgBouncer's default).
 */
import type { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import type { Database, DbOrTx } from '../../db/database';

/** The one PostgreSQL notification channel of XãSố; the live channel travels in the payload. */
const PG_CHANNEL = 'xaso_live';
/** pg_notify refuses payloads of 8000 bytes or more: events carry small facts, pages refetch the rest. */
const MAX_PAYLOAD = 7_500;

export interface LiveEvent {
  /** e.g. "queue:18100" */
  channel: string;
  /** e.g. "ticket.called" */
  type: string;
  data: unknown;
}

/** How many `withoutLiveEvents` runs are under way in this process. */
let quietRuns = 0;

/**
 * Runs `work` with no live events published by this process: for writers no page can be following, the demo seed
 * before the server listens (its meetings would otherwise rebuild the hall view after each of their hundreds of
 * steps). A process-wide switch, not a per-call context: an AsyncLocalStorage, once run, leaves Node 20's promise
 * hooks on for the life of the process (a cost on every request after). Only for work done before the process
 * serves anyone; pages opened later load the state as it is.
 */
export async function withoutLiveEvents<T>(work: () => Promise<T>): Promise<T> {
  quietRuns += 1;
  try {
    return await work();
  } finally {
    quietRuns -= 1;
  }
}

/** Inside `withoutLiveEvents`: publishers skip the event (and any work done only to build it). */
export function liveEventsOff(): boolean {
  return quietRuns > 0;
}

/** Publishes inside the writer's transaction: subscribers see it once (and only if) the transaction commits. */
export async function publishLive(tx: DbOrTx, event: LiveEvent): Promise<void> {
  if (liveEventsOff()) return;
  const payload = JSON.stringify(event);
  if (Buffer.byteLength(payload) > MAX_PAYLOAD) throw new Error(`Live event too large: ${event.type}`);
  await tx.execute(sql`select pg_notify(${PG_CHANNEL}, ${payload})`);
}

export type LiveListener = (event: LiveEvent) => void;

export interface LiveHub {
  /**
   * Starts listening (once per instance); resolves when the database will deliver to this instance.
   * `onClose` runs when the hub closes (the server stops): streams end so the server can.
   */
  subscribe(channel: string, listener: LiveListener, onClose?: () => void): Promise<() => void>;
  /** Number of open subscriptions (tests, health). */
  size(): number;
  close(): Promise<void>;
}

/** The instance's hub: one LISTEN connection, opened on the first subscription and kept until close. */
export function createLiveHub(database: Database): LiveHub {
  const listeners = new Map<string, Set<LiveListener>>();
  const closers = new Set<() => void>();
  let started: Promise<() => Promise<void>> | null = null;
  let closed = false;

  const dispatch = (payload: string) => {
    let event: LiveEvent;
    try {
      event = JSON.parse(payload) as LiveEvent;
    } catch {
      return;
    }
    for (const listener of listeners.get(event.channel) ?? []) {
      try {
        listener(event);
      } catch {
        // one broken stream must not stop the others
      }
    }
  };

  const start = async (): Promise<() => Promise<void>> => {
    if (database.kind === 'pglite') {
      const client = (database.db as unknown as { $client: PGlite }).$client;
      const unlisten = await client.listen(PG_CHANNEL, dispatch);
      return () => unlisten().catch(() => {});
    }
    const pool = (database.db as unknown as { $client: pg.Pool }).$client;
    // A dedicated connection (not from the pool): LISTEN lives as long as its session.
    let client: pg.Client | null = null;
    let stopping = false;
    const connect = async (): Promise<void> => {
      const c = new pg.Client(pool.options);
      c.on('notification', (n) => n.channel === PG_CHANNEL && n.payload && dispatch(n.payload));
      c.on('error', () => {
        // Reconnect after a dropped connection; pages resynchronise from their snapshot when they reconnect.
        c.end().catch(() => {});
        if (!stopping) setTimeout(() => void connect().catch(() => {}), 1_000).unref();
      });
      await c.connect();
      await c.query(`LISTEN ${PG_CHANNEL}`);
      client = c;
    };
    await connect();
    return async () => {
      stopping = true;
      await client?.end().catch(() => {});
    };
  };

  return {
    async subscribe(channel, listener, onClose) {
      if (closed) throw new Error('live hub closed');
      started ??= start().catch((e) => {
        started = null;
        throw e;
      });
      await started;
      const set = listeners.get(channel) ?? new Set<LiveListener>();
      listeners.set(channel, set);
      set.add(listener);
      if (onClose) closers.add(onClose);
      return () => {
        if (onClose) closers.delete(onClose);
        set.delete(listener);
        if (set.size === 0) listeners.delete(channel);
      };
    },
    size: () => [...listeners.values()].reduce((n, s) => n + s.size, 0),
    async close() {
      closed = true;
      listeners.clear();
      for (const end of [...closers]) end();
      closers.clear();
      const stop = await started?.catch(() => null);
      await stop?.();
    },
  };
}
