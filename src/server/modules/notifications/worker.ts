/**
 * The outbox sender. Every few seconds each instance claims due pending rows (FOR UPDATE SKIP LOCKED, in a short
 * transaction that also moves their next_attempt_at a lease ahead and counts the attempt), then sends them outside
 * any transaction — so a slow mail server never holds a lock or PGlite's single connection — and records the
 * outcome: sent; pending again with exponential back-off; failed after the last attempt (or at once when the mail
 * server refuses the message for good, a 5xx answer). Another instance skips locked rows and, once the claim is
 * committed, finds them not due: no row is sent twice by two workers. A worker that dies mid-send leaves its rows
 * to be claimed again when the lease ends (at least once, never lost).
 *
 * Without a mail server (XASO_SMTP_URL unset) rows are marked `recorded`: kept, "recorded as sent", handed over by
 * other means.
 */
import { and, asc, eq, inArray, lte, sql } from 'drizzle-orm';
import nodemailer from 'nodemailer';
import type { AppConfig } from '../../config';
import type { Db } from '../../db/database';
import { notificationOutbox } from './schema';

/** What the sender needs of a mail transport (nodemailer's Transporter has it). */
export interface MailTransport {
  sendMail(message: { from: string; to: string; subject: string; text: string }): Promise<unknown>;
}

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
}

const DEFAULTS = {
  batchSize: 20,
  maxAttempts: 6,
  baseBackoffMs: 30_000,
  maxBackoffMs: 3_600_000,
  leaseMs: 120_000,
} satisfies Required<SendOptions>;

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

/** A 5xx answer of the mail server: the message will never be accepted as it is (bad address …). */
function permanent(err: unknown): boolean {
  const code = (err as { responseCode?: unknown } | null)?.responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}

function errorText(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return message.slice(0, 1000);
}

/**
 * One round: the due pending rows (next_attempt_at ≤ now), oldest first, up to batchSize. With a mailer they are
 * sent; without (null) they are marked recorded. The worker loop calls this; tests call it directly.
 */
export async function sendPendingNotifications(
  db: Db,
  mailer: Mailer | null,
  now: Date = new Date(),
  options: SendOptions = {},
): Promise<SendReport> {
  const o = { ...DEFAULTS, ...options };
  const report: SendReport = { sent: 0, retrying: 0, failed: 0, recorded: 0 };
  const due = and(eq(notificationOutbox.status, 'pending'), lte(notificationOutbox.nextAttemptAt, now));

  if (!mailer) {
    await db.transaction(async (tx) => {
      const rows = await tx
        .select({ id: notificationOutbox.id })
        .from(notificationOutbox)
        .where(due)
        .orderBy(asc(notificationOutbox.nextAttemptAt), asc(notificationOutbox.id))
        .limit(o.batchSize)
        .for('update', { skipLocked: true });
      if (!rows.length) return;
      await tx
        .update(notificationOutbox)
        .set({ status: 'recorded', sentAt: now, lastError: null })
        .where(
          inArray(
            notificationOutbox.id,
            rows.map((r) => r.id),
          ),
        );
      report.recorded = rows.length;
    });
    return report;
  }

  const leaseUntil = new Date(now.getTime() + o.leaseMs);
  const claimed = await db.transaction(async (tx) => {
    const rows = await tx
      .select({
        id: notificationOutbox.id,
        recipient: notificationOutbox.recipient,
        subject: notificationOutbox.subject,
        body: notificationOutbox.body,
        attempts: notificationOutbox.attempts,
      })
      .from(notificationOutbox)
      .where(due)
      .orderBy(asc(notificationOutbox.nextAttemptAt), asc(notificationOutbox.id))
      .limit(o.batchSize)
      .for('update', { skipLocked: true });
    if (!rows.length) return [];
    await tx
      .update(notificationOutbox)
      .set({ nextAttemptAt: leaseUntil, attempts: sql`${notificationOutbox.attempts} + 1` })
      .where(
        inArray(
          notificationOutbox.id,
          rows.map((r) => r.id),
        ),
      );
    return rows.map((r) => ({ ...r, attempts: r.attempts + 1 }));
  });

  for (const row of claimed) {
    // Only the claim we made is settled: the row must still be pending with our lease.
    const ours = and(
      eq(notificationOutbox.id, row.id),
      eq(notificationOutbox.status, 'pending'),
      eq(notificationOutbox.nextAttemptAt, leaseUntil),
    );
    try {
      await mailer.transport.sendMail({
        from: mailer.from,
        to: row.recipient,
        subject: row.subject,
        text: row.body,
      });
      await db
        .update(notificationOutbox)
        .set({ status: 'sent', sentAt: new Date(), lastError: null })
        .where(ours);
      report.sent++;
    } catch (err) {
      const giveUp = row.attempts >= o.maxAttempts || permanent(err);
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

/** A nodemailer SMTP transport for the configured mail server (smtp:// or smtps:// URL). */
export function smtpMailer(smtp: { url: string; from: string }): Mailer & { close(): void } {
  const transport = nodemailer.createTransport({
    url: smtp.url,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
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
  /** Tests: a transport instead of the configured SMTP server. */
  mailer?: Mailer | null;
  options?: SendOptions;
}): { stop(): Promise<void> } {
  const { db, config, logger } = deps;
  const smtp =
    deps.mailer === undefined && config.notifications.smtp ? smtpMailer(config.notifications.smtp) : null;
  const mailer = deps.mailer !== undefined ? deps.mailer : smtp;
  const options = { maxAttempts: config.notifications.maxAttempts, ...deps.options };
  const batchSize = options.batchSize ?? DEFAULTS.batchSize;
  let stopped = false;
  let inFlight: Promise<void> | null = null;
  let timer: NodeJS.Timeout | null = null;

  const round = async () => {
    try {
      for (let i = 0; i < 50 && !stopped; i++) {
        const r = await sendPendingNotifications(db, mailer, new Date(), options);
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
      smtp?.close();
    },
  };
}
