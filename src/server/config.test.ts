import { describe, expect, it } from 'vitest';
import { loadConfig, mapTileImageSource } from './config';

describe('XASO_PUBLIC_URL (the address printed on slips)', () => {
  it('defaults to http://localhost:<PORT>', () => {
    expect(loadConfig({ PORT: '8080' }).publicUrl).toBe('http://localhost:8080');
  });

  it('takes an http(s) address, without its trailing slash', () => {
    expect(loadConfig({ XASO_PUBLIC_URL: 'https://dichvucong.tranphu.gov.vn/' }).publicUrl).toBe(
      'https://dichvucong.tranphu.gov.vn',
    );
    expect(loadConfig({ XASO_PUBLIC_URL: 'http://10.0.0.5:3000/xaso' }).publicUrl).toBe(
      'http://10.0.0.5:3000/xaso',
    );
  });

  it.each(['dichvucong.tranphu.gov.vn', 'ftp://files.example.vn', 'javascript:alert(1)'])(
    'refuses to start with %s, naming the variable',
    (value) => {
      expect(() => loadConfig({ XASO_PUBLIC_URL: value })).toThrow(/XASO_PUBLIC_URL/);
    },
  );
});

describe('XASO_SMTP_URL and XASO_MAIL_FROM (the notification outbox)', () => {
  it('without a mail server, messages are recorded, not sent; the loop runs every 5 s, 6 attempts', () => {
    expect(loadConfig({}).notifications).toEqual({
      smtp: null,
      sms: null,
      zalo: null,
      timeoutMs: 15_000,
      intervalMs: 5000,
      maxAttempts: 6,
    });
  });

  it('takes an smtp(s) address with its sender, and the loop settings', () => {
    expect(
      loadConfig({
        XASO_SMTP_URL: 'smtp://mail.tranphu.gov.vn:587',
        XASO_MAIL_FROM: 'UBND phường Trần Phú <khong-tra-loi@tranphu.gov.vn>',
        XASO_NOTIFY_INTERVAL_SECONDS: '30',
        XASO_NOTIFY_MAX_ATTEMPTS: '3',
      }).notifications,
    ).toEqual({
      smtp: {
        url: 'smtp://mail.tranphu.gov.vn:587',
        from: 'UBND phường Trần Phú <khong-tra-loi@tranphu.gov.vn>',
      },
      sms: null,
      zalo: null,
      timeoutMs: 15_000,
      intervalMs: 30_000,
      maxAttempts: 3,
    });
  });

  it.each([
    [{ XASO_SMTP_URL: 'http://mail.example.vn' }, /XASO_SMTP_URL/],
    [{ XASO_SMTP_URL: 'mail.example.vn:25', XASO_MAIL_FROM: 'a@b.vn' }, /XASO_SMTP_URL/],
    [{ XASO_SMTP_URL: 'smtp://mail.example.vn' }, /XASO_MAIL_FROM/],
    [{ XASO_NOTIFY_MAX_ATTEMPTS: '0' }, /XASO_NOTIFY_MAX_ATTEMPTS/],
    [{ XASO_NOTIFY_INTERVAL_SECONDS: 'often' }, /XASO_NOTIFY_INTERVAL_SECONDS/],
    [{ XASO_SMS_WEBHOOK_URL: 'sms.example.vn/send' }, /XASO_SMS_WEBHOOK_URL/],
    [{ XASO_ZALO_WEBHOOK_URL: 'ftp://zalo.example.vn' }, /XASO_ZALO_WEBHOOK_URL/],
    [{ XASO_SMS_WEBHOOK_TOKEN: 'abc' }, /XASO_SMS_WEBHOOK_URL/],
    [{ XASO_NOTIFY_TIMEOUT_SECONDS: '0' }, /XASO_NOTIFY_TIMEOUT_SECONDS/],
    [{ XASO_FEEDBACK_ESCALATION_MINUTES: '0' }, /XASO_FEEDBACK_ESCALATION_MINUTES/],
    [{ XASO_FEEDBACK_ESCALATION_MINUTES: 'hourly' }, /XASO_FEEDBACK_ESCALATION_MINUTES/],
  ])('refuses to start with %o, naming the variable', (env, name) => {
    expect(() => loadConfig(env)).toThrow(name);
  });

  it("takes the SMS and Zalo providers' webhooks, each with an optional bearer token", () => {
    const n = loadConfig({
      XASO_SMS_WEBHOOK_URL: 'https://sms.example.vn/send',
      XASO_SMS_WEBHOOK_TOKEN: 'bi-mat',
      XASO_ZALO_WEBHOOK_URL: 'http://10.0.0.9/zalo',
      XASO_NOTIFY_TIMEOUT_SECONDS: '5',
    }).notifications;
    expect(n).toMatchObject({
      sms: { url: 'https://sms.example.vn/send', token: 'bi-mat' },
      zalo: { url: 'http://10.0.0.9/zalo', token: null },
      timeoutMs: 5000,
    });
  });

  it('sweeps overdue feedback every 15 minutes unless told otherwise', () => {
    expect(loadConfig({}).feedbackEscalationMs).toBe(15 * 60_000);
    expect(loadConfig({ XASO_FEEDBACK_ESCALATION_MINUTES: '60' }).feedbackEscalationMs).toBe(3_600_000);
  });

  it.each([
    [null, null],
    ['https://tile.openstreetmap.org/{z}/{x}/{y}.png', 'https://tile.openstreetmap.org'],
    ['https://{s}.tile.example.vn:8443/{z}/{x}/{y}.png', 'https://*.tile.example.vn:8443'],
    ['HTTP://10.0.0.5/tiles/{z}/{x}/{y}.png', 'http://10.0.0.5'],
  ])('lets the map load its tiles from %s (CSP img-src %s)', (url, source) => {
    expect(mapTileImageSource(url)).toBe(source);
  });
});

describe('heap growth (XASO_HEAP_GROWTH_PERCENT)', () => {
  it('keeps memory first on the embedded engine and leaves V8 its own factor with PostgreSQL', () => {
    expect(loadConfig({}).heapGrowthPercent).toBe(10);
    expect(loadConfig({ DATABASE_URL: 'postgres://x@127.0.0.1/xaso' }).heapGrowthPercent).toBe(0);
    expect(loadConfig({ XASO_HEAP_GROWTH_PERCENT: '50' }).heapGrowthPercent).toBe(50);
    expect(
      loadConfig({ DATABASE_URL: 'postgres://x@127.0.0.1/xaso', XASO_HEAP_GROWTH_PERCENT: '30' })
        .heapGrowthPercent,
    ).toBe(30);
  });

  it.each(['-1', '301', '2.5', 'lots'])('refuses %s naming the setting', (value) => {
    expect(() => loadConfig({ XASO_HEAP_GROWTH_PERCENT: value })).toThrow(/XASO_HEAP_GROWTH_PERCENT/);
  });
});
