/** Environment → typed configuration, read once at start (Zod-validated; a bad value stops the start with a clear message). */
import net from 'node:net';
import path from 'node:path';
import { z } from 'zod';

const splitList = (v: string) =>
  v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

function isAddressOrCidr(entry: string): boolean {
  const [address, bits, extra] = entry.split('/');
  const family = net.isIP(address ?? '');
  if (!family || extra !== undefined) return false;
  if (bits === undefined) return true;
  const n = Number(bits);
  return /^\d+$/.test(bits) && n >= 0 && n <= (family === 4 ? 32 : 128);
}

const ConfigSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  XASO_DATA_DIR: z.string().min(1).default('./.xaso-data'),
  /** When set, a PostgreSQL server (≥ 15) is used instead of the embedded PGlite. */
  DATABASE_URL: z.string().url().optional(),
  /** demo: seeds the Hà Tĩnh demo data and accepts the demo passwords; production refuses them. */
  XASO_MODE: z.enum(['demo', 'production']).optional(),
  NODE_ENV: z.string().optional(),
  /** Size of the demo data: full (ten trial communes, a few hundred dossiers) or small (two communes; quick starts). */
  XASO_DEMO_SCALE: z.enum(['full', 'small']).default('full'),
  /** The demo campaign: trial (as of the trial day 20/6/2025) or live (after the go-live of 1/7/2025). */
  XASO_DEMO_CAMPAIGN: z.enum(['trial', 'live']).default('trial'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Secure flag of the session cookie: auto (when the request came over HTTPS), true or false. */
  XASO_SECURE_COOKIES: z.enum(['auto', 'true', 'false']).default('auto'),
  /**
   * Reverse proxies whose X-Forwarded-For is believed (comma-separated addresses or CIDRs, e.g. "10.0.0.5,
   * 192.168.1.0/24"). Empty (the default): none — the client address is the TCP peer, so no client can forge the
   * address that rate limits, sessions and the audit log use.
   */
  XASO_TRUST_PROXY: z
    .string()
    .default('')
    .refine((v) => splitList(v).every(isAddressOrCidr), {
      message:
        'danh sách địa chỉ IP hoặc CIDR, cách nhau bằng dấu phẩy (comma-separated IP addresses or CIDRs)',
    }),
  /** Load shedding (503 + Retry-After): mean event-loop delay (ms), utilisation (0–1) and heap in use (MB). */
  XASO_MAX_EVENT_LOOP_DELAY_MS: z.coerce.number().int().positive().default(1000),
  /** Off by default: PGlite runs queries on the main thread, so a busy embedded server is near 1 by design. */
  XASO_MAX_EVENT_LOOP_UTILIZATION: z.coerce.number().gt(0).max(1).optional(),
  XASO_MAX_HEAP_USED_MB: z.coerce.number().int().positive().optional(),
  /**
   * How far the JavaScript heap may grow past what the last full collection kept, in percent, before the next one
   * (V8's --heap-growing-percent). 0: V8's own adaptive factor (up to 4×: fastest, most memory). Default 10 on the
   * embedded engine (one small machine holds the server and the database: memory first), 0 with DATABASE_URL.
   */
  XASO_HEAP_GROWTH_PERCENT: z.coerce.number().int().min(0).max(300).optional(),
  /** Signed audit checkpoints from the running server: the Ed25519 private key (PEM file), the file to append to. */
  XASO_AUDIT_CHECKPOINT_KEY: z.string().min(1).optional(),
  XASO_AUDIT_CHECKPOINT_FILE: z.string().min(1).optional(),
  XASO_AUDIT_CHECKPOINT_MINUTES: z.coerce.number().int().min(1).max(1440).default(60),
  /**
   * Redis (redis://[user:pass@]host:port[/db]) shared by several instances: rate limits are counted there instead
   * of in each instance's memory. Unset: in-process counters (one instance).
   */
  REDIS_URL: z
    .string()
    .url()
    .refine((u) => /^rediss?:\/\//i.test(u), {
      message: 'phải là địa chỉ redis:// hoặc rediss:// (must be a redis URL)',
    })
    .optional(),
  /** Requests per minute per client address on public endpoints (address resolver, status look-up …). */
  XASO_PUBLIC_RATE_LIMIT: z.coerce.number().int().positive().default(120),
  /** Requests per minute per client address on the applicant's upload route (stricter than the public limit). */
  XASO_PUBLIC_UPLOAD_RATE_LIMIT: z.coerce.number().int().positive().default(20),
  /** Total size of the scans an applicant may send to one online submission (MB; officials' scans not counted). */
  XASO_PUBLIC_UPLOAD_MAX_TOTAL_MB: z.coerce.number().positive().max(1000).default(30),
  /**
   * Where scans and results are kept: disk (under the data directory), postgres (a table of the database, so one
   * pg_dump holds everything) or s3 (S3-compatible object storage). Default: postgres when DATABASE_URL is set,
   * disk otherwise.
   */
  XASO_STORAGE: z.enum(['disk', 'postgres', 's3']).optional(),
  XASO_S3_ENDPOINT: z.string().url().optional(),
  XASO_S3_BUCKET: z.string().min(3).max(63).optional(),
  XASO_S3_REGION: z.string().min(1).default('us-east-1'),
  /** Key prefix inside the bucket (e.g. "xaso/"), so one bucket can serve several deployments. */
  XASO_S3_PREFIX: z.string().default(''),
  /** Credentials; when absent the AWS SDK's usual chain (AWS_ACCESS_KEY_ID …, instance roles) applies. */
  XASO_S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  XASO_S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  /** Path-style addressing (http://host/bucket/key): needed by MinIO and most self-hosted servers. */
  XASO_S3_FORCE_PATH_STYLE: z.enum(['true', 'false']).default('true'),
  /** Stored files no attachment refers to are deleted every N minutes, once older than the grace period (hours). */
  XASO_FILE_GC_MINUTES: z.coerce.number().int().min(1).max(10080).default(60),
  XASO_FILE_GC_GRACE_HOURS: z.coerce.number().positive().max(720).default(24),
  /** Directory of the built web app; the server serves it at /. */
  XASO_WEB_DIR: z.string().default('./dist/web'),
  /** Map tiles of the public feedback map ({z}/{x}/{y} URL template) and their attribution; unset: no tiles. */
  XASO_MAP_TILE_URL: z.string().trim().url().max(500).optional(),
  XASO_MAP_TILE_ATTRIBUTION: z.string().trim().max(500).optional(),
  /**
   * Public address of XãSố as citizens reach it (printed on slips: the QR code and every link). Never taken from a
   * request header, which a client or a proxy could set. Default http://localhost:<PORT>.
   */
  XASO_PUBLIC_URL: z
    .string()
    .url()
    .refine((u) => /^https?:\/\//i.test(u), {
      message: 'phải là địa chỉ http:// hoặc https:// (must be an http(s) URL)',
    })
    .optional(),
  /**
   * Mail server for the notification outbox (smtp://[user:pass@]host:port or smtps://…). Unset: messages are kept
   * as "recorded" (handed over by other means) instead of being sent.
   */
  XASO_SMTP_URL: z
    .string()
    .url()
    .refine((u) => /^smtps?:\/\//i.test(u), {
      message: 'phải là địa chỉ smtp:// hoặc smtps:// (must be an smtp URL)',
    })
    .optional(),
  /** Sender of the e-mails, e.g. "UBND phường Trần Phú <khong-tra-loi@tranphu.gov.vn>" (needed with XASO_SMTP_URL). */
  XASO_MAIL_FROM: z.string().trim().min(3).max(300).optional(),
  /** How often the outbox is looked at (seconds), and after how many attempts a message is given up. */
  XASO_NOTIFY_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(3600).default(5),
  /** How often overdue feedback reports are looked for and escalated (minutes). */
  XASO_FEEDBACK_ESCALATION_MINUTES: z.coerce.number().int().min(1).max(1440).default(15),
  XASO_NOTIFY_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(6),
  /**
   * SMS and Zalo through an HTTP provider (a gateway the province contracts): XãSố POSTs JSON
   * { to, text, idempotencyKey } to the URL, with `Authorization: Bearer <token>` when a token is set. Unset: the
   * messages for that channel are recorded (log transport), not sent. A Zalo URL also makes phones get Zalo messages.
   */
  XASO_SMS_WEBHOOK_URL: z
    .string()
    .url()
    .refine((u) => /^https?:\/\//i.test(u), {
      message: 'phải là địa chỉ http:// hoặc https:// (must be an http(s) URL)',
    })
    .optional(),
  XASO_SMS_WEBHOOK_TOKEN: z.string().trim().min(1).max(1000).optional(),
  XASO_ZALO_WEBHOOK_URL: z
    .string()
    .url()
    .refine((u) => /^https?:\/\//i.test(u), {
      message: 'phải là địa chỉ http:// hoặc https:// (must be an http(s) URL)',
    })
    .optional(),
  XASO_ZALO_WEBHOOK_TOKEN: z.string().trim().min(1).max(1000).optional(),
  /** How long a provider may take to answer one message (seconds) before it counts as a failed attempt. */
  XASO_NOTIFY_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(300).default(15),
});

/** Settings that only make sense together. */
const CheckedConfigSchema = ConfigSchema.superRefine((e, ctx) => {
  if (e.XASO_SMTP_URL && !e.XASO_MAIL_FROM)
    ctx.addIssue({
      code: 'custom',
      path: ['XASO_MAIL_FROM'],
      message: 'cần khi đặt XASO_SMTP_URL (required with XASO_SMTP_URL)',
    });
  for (const channel of ['SMS', 'ZALO'] as const)
    if (e[`XASO_${channel}_WEBHOOK_TOKEN`] && !e[`XASO_${channel}_WEBHOOK_URL`])
      ctx.addIssue({
        code: 'custom',
        path: [`XASO_${channel}_WEBHOOK_URL`],
        message: `cần khi đặt XASO_${channel}_WEBHOOK_TOKEN (required with XASO_${channel}_WEBHOOK_TOKEN)`,
      });
  if (e.XASO_STORAGE !== 's3') return;
  if (!e.XASO_S3_BUCKET)
    ctx.addIssue({
      code: 'custom',
      path: ['XASO_S3_BUCKET'],
      message: 'cần khi XASO_STORAGE=s3 (required with XASO_STORAGE=s3)',
    });
  if (!e.XASO_S3_ACCESS_KEY_ID !== !e.XASO_S3_SECRET_ACCESS_KEY)
    ctx.addIssue({
      code: 'custom',
      path: ['XASO_S3_SECRET_ACCESS_KEY'],
      message:
        'đặt cả XASO_S3_ACCESS_KEY_ID và XASO_S3_SECRET_ACCESS_KEY, hoặc không đặt cả hai (set both or neither)',
    });
});

export type StorageConfig =
  | { kind: 'disk' }
  | { kind: 'postgres' }
  | {
      kind: 's3';
      endpoint: string | undefined;
      bucket: string;
      region: string;
      prefix: string;
      forcePathStyle: boolean;
      credentials: { accessKeyId: string; secretAccessKey: string } | undefined;
    };

export interface AppConfig {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  mode: 'demo' | 'production';
  demoScale: 'full' | 'small';
  demoCampaign: 'trial' | 'live';
  logLevel: string;
  /**
   * auto: the session cookie is Secure when the request came over HTTPS (or a trusted proxy says so with
   * X-Forwarded-Proto), so a plain-HTTP commune LAN can still sign in; true/false force it.
   */
  secureCookies: 'auto' | boolean;
  publicRateLimit: number;
  /** The applicant's upload: its own rate limit and the total size of one online submission's scans. */
  publicUpload: { ratePerMinute: number; maxTotalBytes: number };
  /** Where stored files live (XASO_STORAGE …); see modules/dossiers/storage.ts. */
  storage: StorageConfig;
  /** The periodic collection of stored files no attachment refers to. */
  fileCollection: { intervalMs: number; graceMs: number };
  /** REDIS_URL: rate limits shared by every instance (undefined: counted in this process). */
  redisUrl: string | undefined;
  /** When to shed load with 503 (see http/load-shedding.ts). */
  load: {
    maxEventLoopDelayMs: number;
    maxEventLoopUtilization: number | null;
    maxHeapUsedBytes: number | null;
  };
  /** V8's heap growing percent for this process (XASO_HEAP_GROWTH_PERCENT); 0: V8's own adaptive factor. */
  heapGrowthPercent: number;
  /** Periodic signed audit checkpoints (null: not configured). */
  auditCheckpoints: { keyFile: string; file: string; minutes: number } | null;
  /** Addresses/CIDRs of the trusted reverse proxies (XASO_TRUST_PROXY); empty = trust none. */
  trustProxy: string[];
  webDir: string;
  /** Public base URL without a trailing slash (XASO_PUBLIC_URL). */
  publicUrl: string;
  /** Tiles of the public feedback map (XASO_MAP_TILE_URL / _ATTRIBUTION); url null: the map has no tiles. */
  mapTiles: { url: string | null; attribution: string | null };
  /** Period of the overdue-feedback escalation sweep (XASO_FEEDBACK_ESCALATION_MINUTES). */
  feedbackEscalationMs: number;
  /** The notification outbox's sender: the mail server (null: messages are recorded, not sent) and the loop. */
  notifications: {
    smtp: { url: string; from: string } | null;
    /** SMS and Zalo providers' webhooks (null: that channel is recorded, not sent). */
    sms?: { url: string; token: string | null } | null;
    zalo?: { url: string; token: string | null } | null;
    /** How long one provider call may take. */
    timeoutMs?: number;
    intervalMs: number;
    maxAttempts: number;
  };
}

/**
 * The embedded engine's heap growth (issue 14: `npm start` under 400 MB after the bench's load). With V8's own factor
 * the heap of a server whose live data is ~90 MB grew to ~300 MB of mostly garbage under load (546 MB resident);
 * with 10% a full collection comes sooner and, with the first start's own garbage collected before listening
 * (main.ts), the process stayed at 367-429 MB in five runs of `npm run bench -- --only memory` (20%: 370-428 MB).
 * Set once the first start's map and demo are written (they run with V8's own factor, ~45% less collection time):
 * resident memory after the bench's requests the same (345-380 MB either way in the runs of 04/12/2026).
 */
export const EMBEDDED_HEAP_GROWTH_PERCENT = 10;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = CheckedConfigSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`Cấu hình không hợp lệ (invalid configuration):\n${lines}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.XASO_DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    mode: e.XASO_MODE ?? (e.NODE_ENV === 'production' ? 'production' : 'demo'),
    demoScale: e.XASO_DEMO_SCALE,
    demoCampaign: e.XASO_DEMO_CAMPAIGN,
    logLevel: e.LOG_LEVEL,
    secureCookies: e.XASO_SECURE_COOKIES === 'auto' ? 'auto' : e.XASO_SECURE_COOKIES === 'true',
    publicRateLimit: e.XASO_PUBLIC_RATE_LIMIT,
    publicUpload: {
      ratePerMinute: e.XASO_PUBLIC_UPLOAD_RATE_LIMIT,
      maxTotalBytes: Math.round(e.XASO_PUBLIC_UPLOAD_MAX_TOTAL_MB * 1024 * 1024),
    },
    storage: storageConfig(e),
    fileCollection: {
      intervalMs: e.XASO_FILE_GC_MINUTES * 60_000,
      graceMs: Math.round(e.XASO_FILE_GC_GRACE_HOURS * 3_600_000),
    },
    redisUrl: e.REDIS_URL,
    trustProxy: splitList(e.XASO_TRUST_PROXY),
    auditCheckpoints:
      e.XASO_AUDIT_CHECKPOINT_KEY && e.XASO_AUDIT_CHECKPOINT_FILE
        ? {
            keyFile: path.resolve(e.XASO_AUDIT_CHECKPOINT_KEY),
            file: path.resolve(e.XASO_AUDIT_CHECKPOINT_FILE),
            minutes: e.XASO_AUDIT_CHECKPOINT_MINUTES,
          }
        : null,
    load: {
      maxEventLoopDelayMs: e.XASO_MAX_EVENT_LOOP_DELAY_MS,
      maxEventLoopUtilization: e.XASO_MAX_EVENT_LOOP_UTILIZATION ?? null,
      maxHeapUsedBytes: e.XASO_MAX_HEAP_USED_MB ? e.XASO_MAX_HEAP_USED_MB * 1024 * 1024 : null,
    },
    heapGrowthPercent: e.XASO_HEAP_GROWTH_PERCENT ?? (e.DATABASE_URL ? 0 : EMBEDDED_HEAP_GROWTH_PERCENT),
    webDir: path.resolve(e.XASO_WEB_DIR),
    publicUrl: (e.XASO_PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
    mapTiles: { url: e.XASO_MAP_TILE_URL ?? null, attribution: e.XASO_MAP_TILE_ATTRIBUTION ?? null },
    feedbackEscalationMs: e.XASO_FEEDBACK_ESCALATION_MINUTES * 60_000,
    notifications: {
      smtp: e.XASO_SMTP_URL && e.XASO_MAIL_FROM ? { url: e.XASO_SMTP_URL, from: e.XASO_MAIL_FROM } : null,
      sms: e.XASO_SMS_WEBHOOK_URL
        ? { url: e.XASO_SMS_WEBHOOK_URL, token: e.XASO_SMS_WEBHOOK_TOKEN ?? null }
        : null,
      zalo: e.XASO_ZALO_WEBHOOK_URL
        ? { url: e.XASO_ZALO_WEBHOOK_URL, token: e.XASO_ZALO_WEBHOOK_TOKEN ?? null }
        : null,
      timeoutMs: e.XASO_NOTIFY_TIMEOUT_SECONDS * 1000,
      intervalMs: e.XASO_NOTIFY_INTERVAL_SECONDS * 1000,
      maxAttempts: e.XASO_NOTIFY_MAX_ATTEMPTS,
    },
  };
}

function storageConfig(e: z.infer<typeof ConfigSchema>): StorageConfig {
  const kind = e.XASO_STORAGE ?? (e.DATABASE_URL ? 'postgres' : 'disk');
  if (kind !== 's3') return { kind };
  return {
    kind,
    endpoint: e.XASO_S3_ENDPOINT,
    bucket: e.XASO_S3_BUCKET!,
    region: e.XASO_S3_REGION,
    prefix: e.XASO_S3_PREFIX,
    forcePathStyle: e.XASO_S3_FORCE_PATH_STYLE === 'true',
    credentials:
      e.XASO_S3_ACCESS_KEY_ID && e.XASO_S3_SECRET_ACCESS_KEY
        ? { accessKeyId: e.XASO_S3_ACCESS_KEY_ID, secretAccessKey: e.XASO_S3_SECRET_ACCESS_KEY }
        : undefined,
  };
}

/**
 * The source the Content-Security-Policy must allow images from for the map's tiles: the tile URL's scheme and host,
 * with a template placeholder in the host ("{s}.tile.example.org") widened to "*". Null without tiles.
 */
export function mapTileImageSource(tileUrl: string | null): string | null {
  if (!tileUrl) return null;
  const m = /^(https?):\/\/([^/?#]+)/i.exec(tileUrl);
  if (!m) return null;
  const host = m[2]!.replace(/\{[^}]*\}/g, '*');
  return `${m[1]!.toLowerCase()}://${host}`;
}
