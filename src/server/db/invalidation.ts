/**
 * In-memory caches that stay correct across instances sharing one database. Triggers (migration 0018) send a
 * notification on the channel `xaso_cache` whenever a table a cache is built from changes — from any writer, and only
 * when its transaction commits. Each process holds one listening connection per database (a dedicated PostgreSQL
 * session; PGlite delivers its own notifications in process) and drops the entries a notification names.
 *
 * A cache is used only while that connection is live. Until it is established, after it drops and until it is back,
 * every cache is empty and bypassed (each read goes to the database), so a notification lost with the connection
 * never leaves stale data behind. A value read from the database is kept only if no notification of its topic arrived
 * (and the connection did not drop) while it was being read.
 *
 * What a cache cannot promise is zero delay: another instance's commit is seen once its notification arrives
 * (typically well under a millisecond). Writes therefore re-check what matters inside their own transaction (the
 * credential, in inTransaction), and `sync()` waits until every change committed before it has been heard.
 *
 * The listening connection needs a session of its own: point DATABASE_URL at PostgreSQL or a session-mode pooler.
 */
import { randomBytes } from 'node:crypto';
import type { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import type { Db, DbOrTx } from './database';

export const CACHE_CHANNEL = 'xaso_cache';

/** A live listening connection; `close` stops it. */
interface Listening {
  close(): Promise<void>;
  /** PostgreSQL: the listening session's backend process id (pg_stat_activity.pid). */
  pid?: number;
}
type Connector = (onMessage: (payload: string) => void, onLost: () => void) => Promise<Listening>;
type Handler = (topic: string, key: string | null) => void;

export type InvalidationState = 'idle' | 'connecting' | 'live' | 'down' | 'closed';

export class Invalidation {
  #state: InvalidationState = 'idle';
  #listening: Listening | null = null;
  /** Bumped when the connection goes live or drops: every value read before is void. */
  #generation = 0;
  #topics = new Map<string, number>();
  #handlers = new Set<Handler>();
  #slots = new Map<object, unknown>();
  #syncs = new Map<string, () => void>();
  #retry: NodeJS.Timeout | null = null;
  #connecting: Promise<void> | null = null;
  /** Drops the current listening connection (as if it had been lost). */
  #drop: (() => void) | null = null;

  constructor(
    private readonly db: Db,
    private readonly connector: Connector,
    private readonly retryMs: number,
  ) {}

  get state(): InvalidationState {
    return this.#state;
  }

  /** PostgreSQL: the backend process id of the listening session while live (operators, tests). */
  get listenerPid(): number | null {
    return this.#listening?.pid ?? null;
  }

  /** Whether caches may serve now; starts listening on first use (until then, and while down, they are bypassed). */
  live(): boolean {
    if (this.#state === 'idle') this.#connect();
    return this.#state === 'live';
  }

  /** Moves whenever a value of `topic` read before may have changed (a notification, a reconnection). */
  epoch(topic: string): number {
    return this.#generation + (this.#topics.get(topic) ?? 0);
  }

  /** This instance's state of a cache (`owner`), dropped with every cache on reconnection. */
  slot<T>(owner: object, create: () => T): T {
    let value = this.#slots.get(owner) as T | undefined;
    if (value === undefined) {
      value = create();
      this.#slots.set(owner, value);
    }
    return value;
  }

  /** Calls `handler(topic, key)` for each notification (key null: the whole topic). */
  onNotification(handler: Handler): void {
    this.#handlers.add(handler);
  }

  /**
   * Resolves once this instance has heard every notification committed before the call (a notification of its own
   * comes back after them: a channel delivers in commit order). Resolves at once when not live: caches are bypassed.
   */
  async sync(timeoutMs = 5_000): Promise<void> {
    if (!this.live()) await this.#connecting;
    if (this.#state !== 'live') return;
    const nonce = randomBytes(8).toString('hex');
    const heard = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#syncs.delete(nonce);
        // A connection that does not hear its own notification is as good as lost: bypass, reconnect.
        this.#drop?.();
        reject(new Error('cache invalidation: no answer from the listening connection'));
      }, timeoutMs);
      timer.unref();
      this.#syncs.set(nonce, () => {
        clearTimeout(timer);
        resolve();
      });
    });
    await this.db.execute(sql`select pg_notify(${CACHE_CHANNEL}, ${`sync:${nonce}`})`);
    await heard;
  }

  /** Connects again now (after a drop, instead of waiting for the retry). */
  async reconnect(): Promise<void> {
    if (this.#state === 'closed' || this.#state === 'live' || this.#state === 'connecting') return;
    await this.#connect();
  }

  async close(): Promise<void> {
    this.#state = 'closed';
    if (this.#retry) clearTimeout(this.#retry);
    this.#reset();
    await this.#connecting;
    const listening = this.#listening;
    this.#listening = null;
    await listening?.close().catch(() => {});
  }

  #reset() {
    this.#generation += 1;
    this.#slots.clear();
    for (const done of this.#syncs.values()) done();
    this.#syncs.clear();
  }

  #connect(): Promise<void> {
    this.#state = 'connecting';
    let lost = false;
    const onLost = () => {
      if (lost) return;
      lost = true;
      if (this.#state === 'closed') return;
      this.#state = 'down';
      this.#reset();
      const listening = this.#listening;
      this.#listening = null;
      void listening?.close().catch(() => {});
      this.#scheduleRetry();
    };
    this.#drop = onLost;
    const connecting = this.connector((payload) => this.#dispatch(payload), onLost).then(
      async (listening) => {
        if (this.#state === 'closed' || lost) {
          await listening.close().catch(() => {});
          return;
        }
        this.#listening = listening;
        this.#reset();
        this.#state = 'live';
      },
      () => {
        if (this.#state === 'closed') return;
        lost = true;
        this.#state = 'down';
        this.#scheduleRetry();
      },
    );
    this.#connecting = connecting.finally(() => {
      if (this.#connecting === settled) this.#connecting = null;
    });
    const settled = this.#connecting;
    return settled;
  }

  #scheduleRetry() {
    if (this.#retry) clearTimeout(this.#retry);
    this.#retry = setTimeout(() => {
      this.#retry = null;
      if (this.#state === 'down') void this.#connect();
    }, this.retryMs);
    this.#retry.unref();
  }

  #dispatch(payload: string) {
    if (payload.startsWith('sync:')) {
      this.#syncs.get(payload.slice(5))?.();
      this.#syncs.delete(payload.slice(5));
      return;
    }
    const colon = payload.indexOf(':');
    const topic = colon < 0 ? payload : payload.slice(0, colon);
    const key = colon < 0 ? null : payload.slice(colon + 1);
    this.#topics.set(topic, (this.#topics.get(topic) ?? 0) + 1);
    for (const handler of this.#handlers) handler(topic, key);
  }
}

const registry = new WeakMap<object, Invalidation>();

/**
 * The triggers of migration 0018 raise the notice `xaso_cache` in the writing session: a pooled PostgreSQL connection
 * is marked when it hears one, so inTransaction knows its transaction changed cached data.
 */
const TOUCHED = Symbol('xaso.cacheTouched');
type Markable = { [TOUCHED]?: boolean };

export function watchCacheNotices(client: pg.ClientBase): void {
  client.on('notice', (notice) => {
    if (notice.message === CACHE_CHANNEL) (client as Markable)[TOUCHED] = true;
  });
}

/** The pooled connection of a Drizzle transaction (PostgreSQL), to learn whether it changed cached data. */
export function connectionOf(tx: unknown): object | null {
  const client = (tx as { session?: { client?: unknown } }).session?.client;
  return client && typeof client === 'object' ? client : null;
}

/** Whether the connection's transaction changed cached data since the last call (and forgets it). */
export function takeCacheTouched(connection: object | null): boolean {
  if (!connection) return false;
  const touched = (connection as Markable)[TOUCHED] === true;
  (connection as Markable)[TOUCHED] = false;
  return touched;
}

/** The invalidation of a database opened by openDatabase; undefined for a transaction (caches are bypassed there). */
export function invalidationOf(db: DbOrTx): Invalidation | undefined {
  return registry.get(db);
}

/** Waits until this instance's caches reflect every change committed so far (see Invalidation.sync). */
export async function syncCaches(db: DbOrTx): Promise<void> {
  await invalidationOf(db)?.sync();
}

/** Attaches invalidation to a PostgreSQL database: one dedicated LISTEN session, reconnected after a drop. */
export function attachPostgresInvalidation(db: Db, options: pg.ClientConfig, retryMs: number): Invalidation {
  const invalidation = new Invalidation(
    db,
    async (onMessage, onLost) => {
      const client = new pg.Client({ ...options, keepAlive: true, keepAliveInitialDelayMillis: 10_000 });
      client.on('notification', (n) => {
        if (n.channel === CACHE_CHANNEL && n.payload) onMessage(n.payload);
      });
      client.on('error', onLost);
      client.on('end', onLost);
      try {
        await client.connect();
        await client.query(`LISTEN ${CACHE_CHANNEL}`);
      } catch (e) {
        await client.end().catch(() => {});
        throw e;
      }
      return {
        pid: (client as unknown as { processID?: number }).processID,
        close: async () => {
          client.removeListener('end', onLost);
          client.removeListener('error', onLost);
          client.on('error', () => {});
          await client.end();
        },
      };
    },
    retryMs,
  );
  registry.set(db, invalidation);
  return invalidation;
}

/** Attaches invalidation to an embedded PGlite database: its own notifications, delivered in process at commit. */
export function attachPgliteInvalidation(db: Db, client: PGlite): Invalidation {
  const invalidation = new Invalidation(
    db,
    async (onMessage) => {
      const unlisten = await client.listen(CACHE_CHANNEL, onMessage);
      return { close: () => unlisten() };
    },
    1_000,
  );
  registry.set(db, invalidation);
  return invalidation;
}

/**
 * A cache of values by key, per database, cleared by notifications of `topic`: a notification with a key drops the
 * entries tagged with it (`tagOf`), one without a key drops them all. Entries for which `fresh` says no are read again.
 */
export class KeyedCache<V> {
  readonly #registered = new WeakSet<Invalidation>();

  constructor(
    private readonly topic: string,
    private readonly options: { max: number; tagOf?: (value: V) => string },
  ) {}

  #state(invalidation: Invalidation) {
    if (!this.#registered.has(invalidation)) {
      this.#registered.add(invalidation);
      invalidation.onNotification((topic, key) => {
        if (topic !== this.topic) return;
        const state = invalidation.slot(this, () => newState<V>());
        if (key === null || !this.options.tagOf) {
          state.entries.clear();
          state.byTag.clear();
          return;
        }
        for (const k of state.byTag.get(key) ?? []) state.entries.delete(k);
        state.byTag.delete(key);
      });
    }
    return invalidation.slot(this, () => newState<V>());
  }

  /**
   * The cached value of `key`, or `load()` (kept when `keep(value)` and nothing of the topic changed meanwhile).
   * Bypassed (always `load()`) for transactions and while the database's invalidation is not live.
   */
  async get(
    db: DbOrTx,
    key: string,
    load: () => Promise<V>,
    options: { keep?: (value: V) => boolean; fresh?: (value: V) => boolean } = {},
  ): Promise<V> {
    const invalidation = invalidationOf(db);
    if (!invalidation?.live()) return load();
    const state = this.#state(invalidation);
    const hit = state.entries.get(key);
    if (hit !== undefined) {
      if (!options.fresh || options.fresh(hit)) return hit;
      state.entries.delete(key);
    }
    const epoch = invalidation.epoch(this.topic);
    const value = await load();
    if ((options.keep?.(value) ?? true) && invalidation.live() && invalidation.epoch(this.topic) === epoch) {
      const current = this.#state(invalidation);
      if (current.entries.size >= this.options.max) {
        const [oldest, evicted] = current.entries.entries().next().value as [string, V];
        current.entries.delete(oldest);
        const evictedTag = this.options.tagOf?.(evicted);
        if (evictedTag !== undefined) current.byTag.get(evictedTag)?.delete(oldest);
      }
      current.entries.set(key, value);
      const tag = this.options.tagOf?.(value);
      if (tag !== undefined) {
        const keys = current.byTag.get(tag) ?? new Set<string>();
        keys.add(key);
        current.byTag.set(tag, keys);
      }
    }
    return value;
  }
}

function newState<V>() {
  return { entries: new Map<string, V>(), byTag: new Map<string, Set<string>>() };
}
