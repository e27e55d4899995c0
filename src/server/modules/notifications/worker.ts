/**
 * The outbox sender. Every few seconds each instance claims due pending rows (FOR UPDATE SKIP LOCKED, in a short
 * transaction that also moves their next_attempt_at a lease ahead and counts the attempt), then sends them through
 * their channel's transport (transports.ts: SMTP, the SMS/Zalo webhooks) outside any transaction — so a slow
 * server never holds a lock or PGlite's single connection — and records the outcome: sent; pending again with
 * exponential back-off; failed after the last attempt (or at once when the message is refused for good: a 5xx of
 * the mail server, a 4xx of the provider). Another instance skips locked rows and, once the claim is committed,
 * finds them not due: no row is sent twice by two workers. A worker that dies mid-send leaves its rows to be
 * claimed again when the lease ends (at least once, never lost); the provider receives the row's idempotency key,
 * so it can drop a message it already took.
 *
 * A channel without a transport (no XASO_SMTP_URL, no webhook: the demo) goes through `log`: its rows are marked
 * `recorded` in the claim itself — kept, "recorded as sent", handed over by other means.
 */
import { and, asc, eq, inArray, lte, sql } from 'drizzle-orm';
import type { AppConfig } from '../../config';
import type { Db } from '../../db/database';
import { notificationOutbox } from './schema';
import {
  type Channel,
  configuredTransports,
  isPermanent,
  type LogSink,
  logTransport,
  type MailTransport,
  mailTransport,
  type OutboundMessage,
  smtpMailTransport,
  type Transport,
  type Transports,
} from './transports';

export type { MailTransport } from './transports';

export interface Mailer {
  transport: MailTransport;
  from: string;
}

export interface SendOptions {
  /** Rows claimed per round. */
  batchSize?: number;
  /** Attempts before a message is given up (status failed). */
  maxAttempts?: number;
  /** Delay before the second attempt; doubled for each further one, up to maxBackoffMs. */
  baseBackoffMs?: number;
  maxBackoffMs?: number;
  /** How long a claimed row stays out of other workers' reach while it is being sent. */
  leaseMs?: number;
  /** Where the log transport writes its line (none: silent). */
  logger?: LogSink | null;
}

const DEFAULTS = {
  batchSize: 20,
  maxAttempts: 6,
  baseBackoffMs: 30_000,
  maxBackoffMs: 3_600_000,
  leaseMs: 120_000,
} satisfies Required<Omit<SendOptions, 'logger'>>;

/** Delay after the n-th failed attempt (n ≥ 1): base · 2^(n−1), capped. */
export function backoffMs(
  attempts: number,
  base = DEFAULTS.baseBackoffMs,
  max = DEFAULTS.maxBackoffMs,
): number {
  return Math.min(max, base * 2 ** Math.max(0, attempts - 1));
}

export interface SendReport {
  sent: number;
  retrying: number;
  failed: number;
  recorded: number;
}

function errorText(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return message.slice(0, 1000);
}

/** The transports of a round: a set per channel, or (older callers) one mailer for e-mail, or none at all. */
function transportsOf(via: Transports | Mailer | null): Transports {
  if (!via) return {};
  if ('transport' in via && 'from' in via && typeof via.from === 'string')
    return { email: mailTransport((via as Mailer).transport, (via as Mailer).from) };
  return via as Transports;
}

/**
 * One round: the due pending rows (next_attempt_at ≤ now), oldest first, up to batchSize. Rows of a channel with a
 * delivering transport are sent; the others are recorded (log). The worker loop calls this; tests call it directly.
 */
export async function sendPendingNotifications(
  db: Db,
  via: Transports | Mailer | null,
  now: Date = new Date(),
  options: SendOptions = {},
): Promise<SendReport> {
  const o = { ...DEFAULTS, ...options };
  const transports = transportsOf(via);
  const log = transports.log ?? logTransport(options.logger ?? null);
  const transportOf = (channel: string): Transport => transports[channel as Channel] ?? log;
  const report: SendReport = { sent: 0, retrying: 0, failed: 0, recorded: 0 };
  const due = and(eq(notificationOutbox.status, 'pending'), lte(notificationOutbox.nextAttemptAt, now));
  const leaseUntil = new Date(now.getTime() + o.leaseMs);

  const claimed = await db.transaction(async (tx) => {
    const rows = await tx
      .select({
        id: notificationOutbox.id,
        channel: notificationOutbox.channel,
        recipient: notificationOutbox.recipient,
        subject: notificationOutbox.subject,
        body: notificationOutbox.body,
        template: notificationOutbox.template,
        idempotencyKey: notificationOutbox.idempotencyKey,
        attempts: notificationOutbox.attempts,
      })
      .from(notificationOutbox)
      .where(due)
      .orderBy(asc(notificationOutbox.nextAttemptAt), asc(notificationOutbox.id))
      .limit(o.batchSize)
      .for('update', { skipLocked: true });
    if (!rows.length) return [];
    const recorded = rows.filter((r) => transportOf(r.channel).kind === 'log');
    const toSend = rows.filter((r) => transportOf(r.channel).kind !== 'log');
    // Recorded in the claim: the log line may repeat if this rolls back (at least once), the row is kept.
    for (const r of recorded) await transportOf(r.channel).send(messageOf(r));
    if (recorded.length) {
      await tx
        .update(notificationOutbox)
        .set({ status: 'recorded', sentAt: now, lastError: null })
        .where(
          inArray(
            notificationOutbox.id,
            recorded.map((r) => r.id),
          ),
        );
      report.recorded = recorded.length;
    }
    if (!toSend.length) return [];
    await tx
      .update(notificationOutbox)
      .set({ nextAttemptAt: leaseUntil, attempts: sql`${notificationOutbox.attempts} + 1` })
      .where(
        inArray(
          notificationOutbox.id,
          toSend.map((r) => r.id),
        ),
      );
    return toSend.map((r) => ({ ...r, attempts: r.attempts + 1 }));
  });

  for (const row of claimed) {
    // Only the claim we made is settled: the row must still be pending with our lease.
    const ours = and(
      eq(notificationOutbox.id, row.id),
      eq(notificationOutbox.status, 'pending'),
      eq(notificationOutbox.nextAttemptAt, leaseUntil),
    );
    try {
      await transportOf(row.channel).send(messageOf(row));
      await db
        .update(notificationOutbox)
        .set({ status: 'sent', sentAt: new Date(), lastError: null })
        .where(ours);
      report.sent++;
    } catch (err) {
      const giveUp = row.attempts >= o.maxAttempts || isPermanent(err);
      await db
        .update(notificationOutbox)
        .set(
          giveUp
            ? { status: 'failed', lastError: errorText(err) }
            : {
                lastError: errorText(err),
                nextAttemptAt: new Date(
                  now.getTime() + backoffMs(row.attempts, o.baseBackoffMs, o.maxBackoffMs),
                ),
              },
        )
        .where(ours);
      if (giveUp) report.failed++;
      else report.retrying++;
    }
  }
  return report;
}

function messageOf(r: {
  id: string;
  channel: string;
  recipient: string;
  subject: string;
  body: string;
  template: string | null;
  idempotencyKey: string | null;
}): OutboundMessage {
  return {
    id: r.id,
    channel: r.channel as Channel,
    recipient: r.recipient,
    subject: r.subject,
    body: r.body,
    template: r.template,
    idempotencyKey: r.idempotencyKey ?? r.id,
  };
}

/** A mailer for the configured mail server (smtp:// or smtps:// URL): transports.ts's SMTP transport. */
export function smtpMailer(smtp: { url: string; from: string }): Mailer & { close(): void } {
  const transport = smtpMailTransport(smtp.url);
  return { transport, from: smtp.from, close: () => transport.close() };
}

export interface WorkerLogger {
  error(obj: unknown, msg?: string): void;
  info?(obj: unknown, msg?: string): void;
}

/**
 * Starts the loop (every config.notifications.intervalMs; one round at a time per instance; rounds repeat at once
 * while a full batch was found). stop() ends the loop and waits for the round in flight.
 */
export function startNotificationWorker(deps: {
  db: Db;
  config: Pick<AppConfig, 'notifications'>;
  logger: WorkerLogger;
  /** Tests: a mail transport instead of the configured SMTP server (null: e-mail recorded). */
  mailer?: Mailer | null;
  /** Tests: the transports instead of the configured ones. */
  transports?: Transports;
  options?: SendOptions;
}): { stop(): Promise<void> } {
  const { db, config, logger } = deps;
  const owned = deps.transports || deps.mailer !== undefined ? null : configuredTransports(config);
  const transports: Transports = deps.transports ?? owned ?? (deps.mailer ? transportsOf(deps.mailer) : {});
  const sink: LogSink | null = logger.info ? { info: logger.info.bind(logger) } : null;
  const options: SendOptions = {
    maxAttempts: config.notifications.maxAttempts,
    logger: sink,
    ...deps.options,
  };
  const batchSize = options.batchSize ?? DEFAULTS.batchSize;
  let stopped = false;
  let inFlight: Promise<void> | null = null;
  let timer: NodeJS.Timeout | null = null;

  const round = async () => {
    try {
      for (let i = 0; i < 50 && !stopped; i++) {
        const r = await sendPendingNotifications(db, transports, new Date(), options);
        if (r.sent + r.retrying + r.failed + r.recorded < batchSize) break;
      }
    } catch (err) {
      logger.error({ err }, 'notification outbox: sending failed');
    }
  };
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      inFlight = round().finally(() => {
        inFlight = null;
        schedule();
      });
    }, config.notifications.intervalMs);
    timer.unref();
  };
  schedule();

  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      if (inFlight) await inFlight;
      for (const t of Object.values(owned ?? {})) t.close?.();
    },
  };
}
