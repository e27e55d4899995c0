/**
 * notify() and the transports end to end, on both engines: a rendered Vietnamese and an English message reach a
 * real SMTP server; SMS and Zalo reach a real local HTTP provider (node:http) with the idempotency key and the
 * bearer token — a 500 is retried (the same key resent), a 400 fails at once; the same key queued twice is one
 * message; a person without contact gets nothing and no error; channels without a transport are recorded by the
 * log transport, whose line carries no message text.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, ENGINES, type TestDatabase } from '../../../../tests/support/database';
import { dueNow } from './clock.test-support';
import { type NotifyInput, notify, setNotifyChannels } from './notify';
import { notificationOutbox } from './schema';
import { type Received, startSmtp } from './smtp-server.test-support';
import { logTransport, smtpTransport, type Transport, webhookTransport } from './transports';
import { sendPendingNotifications, startNotificationWorker } from './worker';

interface Call {
  path: string;
  headers: IncomingHttpHeaders;
  body: { to: string; text: string; idempotencyKey: string };
}

/** A provider's webhook: records each call and answers with the next planned status (200 when none is left). */
async function startProvider() {
  const calls: Call[] = [];
  const plan: number[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      calls.push({
        path: req.url ?? '',
        headers: req.headers,
        body: JSON.parse(Buffer.concat(chunks).toString('utf8')),
      });
      const status = plan.shift() ?? 200;
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(status < 300 ? { ok: true } : { error: `trạng thái ${status}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as AddressInfo).port;
  return {
    calls,
    plan,
    url: (path: string) => `http://127.0.0.1:${port}${path}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const FROM = 'UBND phường Trần Phú <khong-tra-loi@tranphu.gov.vn>';

describe.each(ENGINES)('notify() and the transports on %s', { timeout: 60_000 }, (engine) => {
  let database: TestDatabase;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let provider: Awaited<ReturnType<typeof startProvider>>;
  let email: Transport;
  const received: Received[] = [];

  const input = (over: Partial<NotifyInput> = {}): NotifyInput => {
    const sourceId = uuidv7();
    return {
      template: 'dossier.received',
      params: {
        code: 'H40.18100-251203-0001',
        name: 'Trần Thị Bình',
        communeName: 'Phường Trần Phú',
        procedureName: 'Đăng ký khai sinh',
        dueDate: '2025-12-10',
      },
      to: { email: 'binh.tran@example.vn', phone: '0912 345 678' },
      communeCode: '18100',
      sourceType: 'dossier',
      sourceId,
      idempotencyKey: `dossier.received:${sourceId}`,
      ...over,
    };
  };
  const queue = (i: NotifyInput) => database.db.transaction((tx) => notify(tx, i));
  const rows = async (sourceId: string) =>
    (
      await database.db.select().from(notificationOutbox).where(eq(notificationOutbox.sourceId, sourceId))
    ).sort((a, b) => a.channel.localeCompare(b.channel));
  const sms = () => webhookTransport({ url: provider.url('/sms'), token: 'sms-bi-mat', timeoutMs: 5000 });
  const zalo = () => webhookTransport({ url: provider.url('/zalo'), token: null, timeoutMs: 5000 });

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    smtp = await startSmtp(received);
    provider = await startProvider();
    email = smtpTransport({ url: `smtp://127.0.0.1:${smtp.port}`, from: FROM });
  }, 60_000);
  afterAll(async () => {
    email?.close?.();
    await smtp?.close();
    await provider?.close();
    await database?.dispose();
  });
  beforeEach(async () => {
    received.length = 0;
    provider.calls.length = 0;
    provider.plan.length = 0;
    await database.db.delete(notificationOutbox);
  });
  afterEach(() => setNotifyChannels({ zalo: false }));

  it('sends a rendered Vietnamese e-mail and an English one through the SMTP server', async () => {
    const vi = input();
    const en = input({ locale: 'en', to: { email: 'an.nguyen@example.com' } });
    expect(await queue(vi)).toHaveLength(2);
    expect(await queue(en)).toHaveLength(1);
    const report = await sendPendingNotifications(database.db, { email }, dueNow());
    // The SMS of the first has no transport: recorded, not sent.
    expect(report).toEqual({ sent: 2, retrying: 0, failed: 0, recorded: 1 });
    const byTo = new Map(received.map((m) => [m.to[0], m]));
    expect(byTo.get('binh.tran@example.vn')).toMatchObject({
      from: 'khong-tra-loi@tranphu.gov.vn',
      subject: 'Đã tiếp nhận hồ sơ H40.18100-251203-0001',
    });
    expect(byTo.get('binh.tran@example.vn')!.body).toContain(
      'Kính gửi Ông/Bà Trần Thị Bình,\nPhường Trần Phú đã tiếp nhận hồ sơ H40.18100-251203-0001 (Đăng ký khai sinh).\nNgày hẹn trả kết quả: 10/12/2025.',
    );
    expect(byTo.get('an.nguyen@example.com')).toMatchObject({
      subject: 'Dossier H40.18100-251203-0001 received',
    });
    expect(byTo.get('an.nguyen@example.com')!.body).toContain('Result due on: 10/12/2025.');
    const [mail, text] = await rows(vi.sourceId);
    expect(mail).toMatchObject({
      channel: 'email',
      status: 'sent',
      template: 'dossier.received',
      locale: 'vi',
    });
    expect(text).toMatchObject({ channel: 'sms', status: 'recorded', recipient: '0912345678' });
  });

  it('posts SMS and Zalo to the provider with the idempotency key and bearer token', async () => {
    setNotifyChannels({ zalo: true });
    const i = input({ to: { phone: '+84 912.345.678' } });
    expect(await queue(i)).toHaveLength(2);
    expect(await sendPendingNotifications(database.db, { sms: sms(), zalo: zalo() }, dueNow())).toEqual({
      sent: 2,
      retrying: 0,
      failed: 0,
      recorded: 0,
    });
    const byPath = new Map(provider.calls.map((c) => [c.path, c]));
    const s = byPath.get('/sms')!;
    expect(s.headers.authorization).toBe('Bearer sms-bi-mat');
    expect(s.headers['content-type']).toMatch(/application\/json/);
    expect(s.headers['idempotency-key']).toBe(`${i.idempotencyKey}:sms`);
    expect(s.body).toEqual({
      to: '+84912345678',
      text: 'Phường Trần Phú đã tiếp nhận hồ sơ H40.18100-251203-0001. Hẹn trả kết quả ngày 10/12/2025.',
      idempotencyKey: `${i.idempotencyKey}:sms`,
    });
    const z = byPath.get('/zalo')!;
    expect(z.headers.authorization).toBeUndefined();
    expect(z.body.idempotencyKey).toBe(`${i.idempotencyKey}:zalo`);
    expect(z.body.text).toContain('Kính gửi Ông/Bà Trần Thị Bình');
    expect((await rows(i.sourceId)).map((r) => [r.channel, r.status])).toEqual([
      ['sms', 'sent'],
      ['zalo', 'sent'],
    ]);
  });

  it('retries after a 500 (the provider gets the same key again), then sends', async () => {
    const i = input({ to: { phone: '0912345678' } });
    await queue(i);
    provider.plan.push(500);
    const t0 = dueNow();
    const opts = { baseBackoffMs: 1000 };
    expect(await sendPendingNotifications(database.db, { sms: sms() }, t0, opts)).toMatchObject({
      retrying: 1,
    });
    let [r] = await rows(i.sourceId);
    expect(r).toMatchObject({ status: 'pending', attempts: 1 });
    expect(r!.lastError).toContain('HTTP 500');
    expect(r!.nextAttemptAt.getTime()).toBe(t0.getTime() + 1000);
    const t1 = new Date(t0.getTime() + 1000);
    expect(await sendPendingNotifications(database.db, { sms: sms() }, t1, opts)).toMatchObject({ sent: 1 });
    [r] = await rows(i.sourceId);
    expect(r).toMatchObject({ status: 'sent', attempts: 2, lastError: null });
    expect(provider.calls.map((c) => c.body.idempotencyKey)).toEqual([
      `${i.idempotencyKey}:sms`,
      `${i.idempotencyKey}:sms`,
    ]);
  });

  it('gives up at once when the provider refuses the message (400), and retries 429', async () => {
    const refused = input({ to: { phone: '0912000111' } });
    await queue(refused);
    provider.plan.push(400);
    expect(await sendPendingNotifications(database.db, { sms: sms() }, dueNow())).toMatchObject({
      failed: 1,
    });
    const [r] = await rows(refused.sourceId);
    expect(r).toMatchObject({ status: 'failed', attempts: 1 });
    expect(r!.lastError).toContain('HTTP 400');
    const busy = input({ to: { phone: '0912000222' } });
    await queue(busy);
    provider.plan.push(429);
    expect(await sendPendingNotifications(database.db, { sms: sms() }, dueNow())).toMatchObject({
      retrying: 1,
    });
  });

  it('retries when the provider cannot be reached', async () => {
    const i = input({ to: { phone: '0912000333' } });
    await queue(i);
    const down = webhookTransport({ url: 'http://127.0.0.1:9/sms', token: null, timeoutMs: 2000 });
    expect(await sendPendingNotifications(database.db, { sms: down }, dueNow())).toMatchObject({
      retrying: 1,
    });
    expect((await rows(i.sourceId))[0]).toMatchObject({ status: 'pending', attempts: 1 });
  });

  it('queues the same message once when the same key comes twice', async () => {
    const i = input();
    const first = await queue(i);
    expect(first).toHaveLength(2);
    expect(await queue({ ...i, params: { ...i.params, code: 'another' } })).toEqual([]);
    const r = await rows(i.sourceId);
    expect(r).toHaveLength(2);
    expect(r.map((x) => x.idempotencyKey).sort()).toEqual([
      `${i.idempotencyKey}:email`,
      `${i.idempotencyKey}:sms`,
    ]);
    expect(r[0]!.subject).toContain('H40.18100-251203-0001');
  });

  it('queues nothing, and does not fail, for a person without a usable contact', async () => {
    await database.db.transaction(async (tx) => {
      expect(await notify(tx, input({ to: {} }))).toEqual([]);
      expect(await notify(tx, input({ to: { email: null, phone: null } }))).toEqual([]);
      expect(await notify(tx, input({ to: { email: 'không phải e-mail', phone: 'abc' } }))).toEqual([]);
    });
    expect(await database.db.select().from(notificationOutbox)).toEqual([]);
  });

  it('records messages without a transport through the log, whose line holds no message text', async () => {
    const lines: unknown[] = [];
    const i = input();
    await queue(i);
    const report = await sendPendingNotifications(
      database.db,
      { log: logTransport({ info: (o) => lines.push(o) }) },
      dueNow(),
    );
    expect(report).toEqual({ sent: 0, retrying: 0, failed: 0, recorded: 2 });
    expect((await rows(i.sourceId)).map((r) => r.status)).toEqual(['recorded', 'recorded']);
    expect(lines).toHaveLength(2);
    const text = JSON.stringify(lines);
    expect(text).toContain('dossier.received');
    expect(text).toContain('bi***@example.vn');
    expect(text).toContain('0912***678');
    expect(text).not.toContain('Trần Thị Bình');
    expect(text).not.toContain('binh.tran@example.vn');
  });

  it('the worker started from the configuration sends SMS to the configured webhook', async () => {
    const i = input({ to: { phone: '0912000444' } });
    await queue(i);
    const worker = startNotificationWorker({
      db: database.db,
      config: {
        notifications: {
          smtp: null,
          sms: { url: provider.url('/cau-hinh'), token: 'tok' },
          zalo: null,
          timeoutMs: 5000,
          intervalMs: 10,
          maxAttempts: 3,
        },
      },
      logger: { error: () => {} },
    });
    try {
      const deadline = Date.now() + 10_000;
      while ((await rows(i.sourceId))[0]!.status === 'pending' && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 10));
    } finally {
      await worker.stop();
    }
    expect((await rows(i.sourceId))[0]!.status).toBe('sent');
    expect(provider.calls.map((c) => [c.path, c.headers.authorization])).toEqual([
      ['/cau-hinh', 'Bearer tok'],
    ]);
  });
});
