/**
 * The outbox sender against a real SMTP server (smtp-server on 127.0.0.1, a random port), on both engines: a queued
 * message arrives with its recipient, subject and Vietnamese body; a server that is down means retries with
 * back-off, then failed; a refused address fails at once; without a mail server rows are recorded; two workers
 * never send one row twice; the loop sends by itself and stops cleanly.
 */
import { eq } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, ENGINES, type TestDatabase } from '../../../../tests/support/database';
import { dueNow } from './clock.test-support';
import { enqueueNotification, notificationStatuses } from './outbox';
import { notificationOutbox } from './schema';
import { closedPort, type Received, startSmtp } from './smtp-server.test-support';
import {
  backoffMs,
  type Mailer,
  sendPendingNotifications,
  smtpMailer,
  startNotificationWorker,
} from './worker';

const FROM = 'UBND phường Trần Phú <khong-tra-loi@tranphu.gov.vn>';

describe.each(ENGINES)('notification outbox sender on %s', (engine) => {
  let database: TestDatabase;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let mailer: Mailer & { close(): void };
  const received: Received[] = [];

  const queue = (n: Partial<Parameters<typeof enqueueNotification>[1]> = {}) =>
    database.db.transaction((tx) =>
      enqueueNotification(tx, {
        communeCode: '18100',
        channel: 'email',
        recipient: 'dai.bieu@tranphu.gov.vn',
        subject: 'Giấy mời kỳ họp thứ nhất HĐND phường Trần Phú',
        body: 'Kính gửi đại biểu Nguyễn Thị Hằng,\nKỳ họp khai mạc lúc 7 giờ 30 ngày 20/6/2025 tại Hội trường UBND.',
        sourceType: 'meeting_participant',
        sourceId: uuidv7(),
        ...n,
      }),
    );
  const row = async (id: string) =>
    (await database.db.select().from(notificationOutbox).where(eq(notificationOutbox.id, id)))[0]!;

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    smtp = await startSmtp(received);
    mailer = smtpMailer({ url: `smtp://127.0.0.1:${smtp.port}`, from: FROM });
  }, 60_000);
  afterAll(async () => {
    mailer?.close();
    await smtp?.close();
    await database?.dispose();
  });
  beforeEach(async () => {
    received.length = 0;
    await database.db.delete(notificationOutbox);
  });

  it('sends a queued message with its recipient, subject and Vietnamese body, and marks it sent', async () => {
    const id = await queue();
    const now = dueNow();
    expect(await sendPendingNotifications(database.db, mailer, now)).toEqual({
      sent: 1,
      retrying: 0,
      failed: 0,
      recorded: 0,
    });
    expect(received).toEqual([
      {
        from: 'khong-tra-loi@tranphu.gov.vn',
        to: ['dai.bieu@tranphu.gov.vn'],
        subject: 'Giấy mời kỳ họp thứ nhất HĐND phường Trần Phú',
        body: 'Kính gửi đại biểu Nguyễn Thị Hằng,\nKỳ họp khai mạc lúc 7 giờ 30 ngày 20/6/2025 tại Hội trường UBND.',
      },
    ]);
    expect(await row(id)).toMatchObject({ status: 'sent', attempts: 1, lastError: null });
    expect((await row(id)).sentAt).toBeInstanceOf(Date);
    // Sent once: the next round finds nothing.
    expect((await sendPendingNotifications(database.db, mailer, new Date())).sent).toBe(0);
    expect(received).toHaveLength(1);
  });

  it('sends nothing for a change that rolled back, and nothing before its time', async () => {
    await expect(
      database.db.transaction(async (tx) => {
        await enqueueNotification(tx, {
          communeCode: '18100',
          channel: 'email',
          recipient: 'a@tranphu.gov.vn',
          subject: 'x',
          body: 'y',
          sourceType: 'meeting_participant',
          sourceId: uuidv7(),
        });
        throw new Error('invitation rejected');
      }),
    ).rejects.toThrow('invitation rejected');
    const later = await queue();
    await database.db
      .update(notificationOutbox)
      .set({ nextAttemptAt: new Date(Date.now() + 60_000) })
      .where(eq(notificationOutbox.id, later));
    expect((await sendPendingNotifications(database.db, mailer, new Date())).sent).toBe(0);
    expect(received).toEqual([]);
    expect((await sendPendingNotifications(database.db, mailer, new Date(Date.now() + 61_000))).sent).toBe(1);
  });

  it('retries with exponential back-off while the mail server is down, then gives up (failed)', async () => {
    const down = smtpMailer({ url: `smtp://127.0.0.1:${await closedPort()}`, from: FROM });
    try {
      const id = await queue();
      const opts = { maxAttempts: 3, baseBackoffMs: 1000 };
      const t0 = new Date('2026-12-03T08:00:00Z');
      await database.db.update(notificationOutbox).set({ nextAttemptAt: t0 });
      expect(await sendPendingNotifications(database.db, down, t0, opts)).toMatchObject({ retrying: 1 });
      let r = await row(id);
      expect(r).toMatchObject({ status: 'pending', attempts: 1 });
      expect(r.lastError).toMatch(/ECONNREFUSED|connect/i);
      expect(r.nextAttemptAt.getTime()).toBe(t0.getTime() + 1000);
      // Not due yet: nothing happens.
      expect(
        await sendPendingNotifications(database.db, down, new Date(t0.getTime() + 999), opts),
      ).toMatchObject({
        retrying: 0,
      });
      const t1 = new Date(t0.getTime() + 1000);
      expect(await sendPendingNotifications(database.db, down, t1, opts)).toMatchObject({ retrying: 1 });
      r = await row(id);
      expect(r).toMatchObject({ status: 'pending', attempts: 2 });
      expect(r.nextAttemptAt.getTime()).toBe(t1.getTime() + 2000);
      const t2 = new Date(t1.getTime() + 2000);
      expect(await sendPendingNotifications(database.db, down, t2, opts)).toMatchObject({ failed: 1 });
      r = await row(id);
      expect(r).toMatchObject({ status: 'failed', attempts: 3, sentAt: null });
      expect(r.lastError).toBeTruthy();
      expect(
        await sendPendingNotifications(database.db, mailer, new Date(t2.getTime() + 3_600_000)),
      ).toMatchObject({ sent: 0, failed: 0 });
      const statuses = await notificationStatuses(database.db, 'meeting_participant', [r.sourceId]);
      expect(statuses.get(r.sourceId)?.status).toBe('failed');
    } finally {
      down.close();
    }
  });

  it('gives up at once on an address the mail server refuses for good (5xx)', async () => {
    const id = await queue({ recipient: 'khong-ton-tai@tranphu.gov.vn' });
    expect(await sendPendingNotifications(database.db, mailer, dueNow())).toMatchObject({ failed: 1 });
    const r = await row(id);
    expect(r).toMatchObject({ status: 'failed', attempts: 1 });
    expect(r.lastError).toContain('550');
  });

  it('without a mail server, records the messages (kept, not sent)', async () => {
    const ids = [await queue(), await queue()];
    expect(await sendPendingNotifications(database.db, null, dueNow())).toEqual({
      sent: 0,
      retrying: 0,
      failed: 0,
      recorded: 2,
    });
    for (const id of ids) expect(await row(id)).toMatchObject({ status: 'recorded', attempts: 0 });
    expect(received).toEqual([]);
  });

  it('two workers sending at once never send one row twice', async () => {
    const n = 30;
    for (let i = 0; i < n; i++) await queue({ subject: `Giấy mời số ${i}` });
    // A slower transport widens the window in which both workers are busy.
    const slow: Mailer = {
      from: FROM,
      transport: {
        sendMail: async (m) => {
          await new Promise((resolve) => setTimeout(resolve, 2));
          return mailer.transport.sendMail(m);
        },
      },
    };
    const worker = async () => {
      let sent = 0;
      for (;;) {
        const r = await sendPendingNotifications(database.db, slow, dueNow(), { batchSize: 4 });
        sent += r.sent;
        if (r.sent + r.retrying + r.failed === 0) return sent;
      }
    };
    const [a, b] = await Promise.all([worker(), worker()]);
    expect(a + b).toBe(n);
    expect(received.map((m) => m.subject).sort()).toEqual(
      Array.from({ length: n }, (_, i) => `Giấy mời số ${i}`).sort(),
    );
    const rows = await database.db.select().from(notificationOutbox);
    expect(rows.every((r) => r.status === 'sent' && r.attempts === 1)).toBe(true);
  });

  it('the worker loop sends by itself and stops cleanly', async () => {
    const errors: unknown[] = [];
    const worker = startNotificationWorker({
      db: database.db,
      config: { notifications: { smtp: null, intervalMs: 10, maxAttempts: 3 } },
      logger: { error: (e) => errors.push(e) },
      mailer,
    });
    try {
      const id = await queue();
      const deadline = Date.now() + 10_000;
      while ((await row(id)).status === 'pending' && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 10));
      expect((await row(id)).status).toBe('sent');
    } finally {
      await worker.stop();
    }
    expect(errors).toEqual([]);
    expect(received).toHaveLength(1);
  });
});

describe('back-off', () => {
  it.each([
    [1, 30_000],
    [2, 60_000],
    [3, 120_000],
    [8, 3_600_000],
    [30, 3_600_000],
  ])('after attempt %i waits %i ms', (attempts, ms) => {
    expect(backoffMs(attempts)).toBe(ms);
  });
});
