/** Composition root: builds the Fastify server from the configuration, the database and the modules. */
import fs from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';
import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import { type AppConfig, mapTileImageSource } from './config';
import { type Database, pingDatabase } from './db/database';
import { registerAccessControl, registerAuthentication } from './http/auth';
import { AppError, text } from './http/errors';
import { registerInputTextRule } from './http/input-text';
import { defaultHeapBudget, registerLoadShedding } from './http/load-shedding';
import { loggerOptions, registerNoStore } from './http/privacy';
import { registerProblemHandling } from './http/problem';
import { connectRedis, registerRateLimits } from './http/rate-limit';
import { asyncStdout, lazyRequestLogger, RequestLogController } from './http/request-log';
import { registerAuditRoutes } from './modules/audit/routes';
import { registerAccountRoutes } from './modules/auth/accounts-routes';
import { registerAuthRoutes } from './modules/auth/routes';
import { registerCalendarRoutes } from './modules/calendar/routes';
import { registerCampaignRoutes } from './modules/campaign';
import { registerAttachmentRoutes } from './modules/dossiers/attachment-routes';
import { dossierCodesById, dossierIdByCode } from './modules/dossiers/audit-labels';
import { registerDossierChecklistRoutes } from './modules/dossiers/checklist-routes';
import { registerDossierDashboardRoutes } from './modules/dossiers/dashboard-routes';
import { registerDueDateChangeRoutes } from './modules/dossiers/due-date-change-routes';
import { recomputeDueDatesOnCalendarChange } from './modules/dossiers/due-date-changes';
import { registerInflightRoutes } from './modules/dossiers/inflight/routes';
import { registerQueueRoutes } from './modules/dossiers/queue-routes';
import { registerRehearsalRoutes } from './modules/dossiers/rehearsal-routes';
import { registerDossierRoutes } from './modules/dossiers/routes';
import { registerSlipRoutes } from './modules/dossiers/slips/routes';
import { dossiersInHand } from './modules/dossiers/workload-counter';
import { registerFeedbackRoutes } from './modules/feedback';
import { recomputeFeedbackDueDatesOnCalendarChange } from './modules/feedback/calendar-hook';
import { startFeedbackEscalation } from './modules/feedback/escalation';
import { createLiveHub } from './modules/live/hub';
import { registerMeetingRoutes } from './modules/meetings';
import { registerNotificationRoutes } from './modules/notifications/routes';
import { startNotificationWorker } from './modules/notifications/worker';
import { registerWorkloadCounter } from './modules/org';
import { registerOrgRoutes } from './modules/org/routes';
import { registerProcedureRoutes } from './modules/procedures/routes';
import { registerTicketRoutes } from './modules/tickets/routes';
import { registerUnitsRoutes } from './modules/units/routes';
import { APP_VERSION } from './version';

export interface BuildOptions {
  config: AppConfig;
  database: Database;
  /** false in tests that do not want request logs; a stream to capture them (tests of what is logged). */
  logger?: boolean | NodeJS.WritableStream;
}

export async function buildApp({ config, database, logger = true }: BuildOptions): Promise<FastifyInstance> {
  // The server's own log goes to standard output asynchronously; a test's stream is written as it is.
  const stdout = logger === true ? asyncStdout() : null;
  const app = Fastify({
    logger: logger ? loggerOptions(config.logLevel, stdout ?? (logger as NodeJS.WritableStream)) : false,
    logController: new RequestLogController(),
    childLoggerFactory: lazyRequestLogger,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w-]{1,100}$/.test(given) ? given : uuidv7();
    },
    requestIdHeader: false,
    // Only the configured proxies' X-Forwarded-For counts (XASO_TRUST_PROXY); by default the TCP peer is the client.
    trustProxy: config.trustProxy.length ? config.trustProxy : false,
    bodyLimit: 1_048_576,
  });
  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerProblemHandling(app, webAppFallback(config.webDir));
  registerInputTextRule(app);
  registerNoStore(app);
  await registerLoadShedding(app, {
    ...config.load,
    maxHeapUsedBytes: config.load.maxHeapUsedBytes ?? defaultHeapBudget(),
    retryAfterSeconds: 10,
  });

  // The security headers (helmet's) are the same on every answer: computed once here, set on each response.
  const security = securityHeaders(config);
  app.addHook('onRequest', (_req, reply, done) => {
    const raw = reply.raw;
    for (const [name, value] of security) raw.setHeader(name, value);
    done();
  });
  // API answers (JSON) above 1 KB go out brotli- or gzip-compressed (quality 4: cheap for the CPU, most of the gain
  // on a 3G phone). The web app's files are precompressed at build time (vite.config.ts) and served as they are.
  await app.register(compress, { global: true, threshold: 1024, encodings: ['br', 'gzip'] });
  await app.register(cookie);
  // Rate limits before authentication and any database work (http/rate-limit.ts); shared through Redis if set.
  const redis = config.redisUrl ? await connectRedis(config.redisUrl) : null;
  if (redis) app.addHook('onClose', async () => void (await redis.quit().catch(() => {})));
  await registerRateLimits(app, { redis });
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'XãSố API',
        description:
          'Nền tảng chính quyền cấp xã số — digital commune platform. Lỗi theo RFC 9457 (problem+json).',
        version: APP_VERSION,
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  registerAuthentication(app, database.db);
  registerAccessControl(app, database.db);
  const deps = { db: database.db, config };

  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/v1/health',
    {
      config: { access: 'public' },
      schema: {
        tags: ['system'],
        summary: 'Tình trạng hệ thống (health)',
        response: {
          200: z.object({
            status: z.literal('ok'),
            database: z.enum(['pglite', 'postgres']),
            version: z.string(),
          }),
        },
      },
    },
    async () => {
      await pingDatabase(database.db).catch(() => {
        throw new AppError(
          'unavailable',
          text('Cơ sở dữ liệu không phản hồi.', 'The database does not answer.'),
        );
      });
      return { status: 'ok' as const, database: database.kind, version: APP_VERSION };
    },
  );
  registerAuthRoutes(app, deps);
  registerAccountRoutes(app, deps);
  // The log names a dossier by its code (audit reads no dossier table itself).
  registerAuditRoutes(app, {
    ...deps,
    entityLabels: { dossier: dossierCodesById },
    entityIdByCode: { dossier: dossierIdByCode },
  });
  registerUnitsRoutes(app, deps);
  // Calendar changes move the due dates of open dossiers in the same transaction (calendar imports no dossiers).
  registerCalendarRoutes(app, {
    ...deps,
    onCalendarChanged: [recomputeDueDatesOnCalendarChange(), recomputeFeedbackDueDatesOnCalendarChange()],
  });
  registerOrgRoutes(app, deps);
  registerProcedureRoutes(app, deps);
  registerQueueRoutes(app, deps); // before /dossiers/:id
  registerDossierRoutes(app, deps);
  registerSlipRoutes(app, deps);
  registerWorkloadCounter(dossiersInHand); // the org chart's workload counts what "Của tôi" lists
  registerDueDateChangeRoutes(app, deps);
  registerDossierDashboardRoutes(app, deps);
  registerAttachmentRoutes(app, deps);
  // Live pages (the queue's hall display): one LISTEN connection per instance; open streams end before the server.
  const live = createLiveHub(database);
  app.addHook('preClose', () => live.close());
  registerTicketRoutes(app, { ...deps, live });
  registerMeetingRoutes(app, { ...deps, live });
  registerDossierChecklistRoutes(app, deps);
  registerRehearsalRoutes(app, deps);
  registerInflightRoutes(app, deps);
  registerCampaignRoutes(app, deps);
  registerFeedbackRoutes(app, deps);
  registerNotificationRoutes(app, deps);
  // The notification outbox is sent (or recorded, without XASO_SMTP_URL) by every instance; stopped before the database.
  let notifications: { stop(): Promise<void> } | null = null;
  let escalation: { stop(): Promise<void> } | null = null;
  app.addHook('onReady', async () => {
    notifications = startNotificationWorker({ db: database.db, config, logger: app.log });
    escalation = startFeedbackEscalation({ db: database.db, config, logger: app.log });
  });
  app.addHook('onClose', async () => {
    await escalation?.stop();
    await notifications?.stop();
  });

  registerWebApp(app, config.webDir);
  // Last: the lines written while closing are out before close() returns.
  if (stdout)
    app.addHook('onClose', async () => {
      try {
        stdout.flushSync();
      } catch {} // not open yet or already ended: pino flushes at exit
    });
  return app;
}

/**
 * What helmet sets on a response with XãSố's policy: the CSP (the feedback map's tiles, XASO_MAP_TILE_URL, come
 * from their own host), HSTS unless cookies are explicitly not secure, and helmet's other defaults. Helmet is run
 * once on a recording response; its headers do not depend on the request.
 */
export function securityHeaders(config: AppConfig): [string, string][] {
  const tileSource = mapTileImageSource(config.mapTiles.url);
  const helmet = helmetMiddleware({
    contentSecurityPolicy: {
      directives: {
        'default-src': ["'self'"],
        'script-src': ["'self'"],
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:', ...(tileSource ? [tileSource] : [])],
        'upgrade-insecure-requests': null,
      },
    },
    hsts: config.secureCookies !== false,
  });
  const headers = new Map<string, string>();
  const recorder = {
    setHeader(name: string, value: unknown) {
      headers.set(name.toLowerCase(), String(value));
    },
    removeHeader(name: string) {
      headers.delete(name.toLowerCase());
    },
  };
  helmet({} as IncomingMessage, recorder as unknown as ServerResponse, (err?: unknown) => {
    if (err) throw err;
  });
  return [...headers];
}

type HelmetMiddleware = (req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void) => void;
/** The helmet package @fastify/helmet is built on (its own dependency, resolved from there). */
const helmetMiddleware: (options: Record<string, unknown>) => HelmetMiddleware = createRequire(
  createRequire(import.meta.url).resolve('@fastify/helmet'),
)('helmet');

/**
 * Serves the built React app at / (files read from disk on each request, so a rebuild needs no restart).
 * Client-side routes (GET, no file extension, outside /api) fall back to index.html; a missing asset is a 404.
 * The build writes a .br and a .gz beside each text file (vite.config.ts), sent as they are to a browser that accepts
 * them (no compression work per request). Files under assets/ carry a content hash in their names, so a browser keeps
 * them for a year without asking again; index.html (which names the current hashes) is revalidated every time.
 */
function registerWebApp(app: FastifyInstance, webDir: string) {
  if (!fs.existsSync(path.join(webDir, 'index.html'))) {
    app.get('/', async (_req, reply) =>
      reply
        .type('text/plain; charset=utf-8')
        .send('XãSố API is running. The web app is not built: run `npm run build`.'),
    );
    return;
  }
  const assetsDir = path.join(webDir, 'assets') + path.sep;
  app.register(fastifyStatic, {
    root: webDir,
    wildcard: true,
    index: ['index.html'],
    preCompressed: true,
    cacheControl: false,
    setHeaders: (reply, filePath) => {
      reply.header('cache-control', webCacheControl(filePath, assetsDir));
    },
  });
}

/** Cache-Control of a file of the built web app (its path on disk, maybe the .br or .gz sibling). */
function webCacheControl(filePath: string, assetsDir: string): string {
  return filePath.startsWith(assetsDir) ? 'public, max-age=31536000, immutable' : 'no-cache';
}

function webAppFallback(webDir: string) {
  return (req: FastifyRequest, reply: FastifyReply) => {
    const urlPath = req.url.split('?')[0]!;
    if (req.method !== 'GET' || urlPath.startsWith('/api/') || path.extname(urlPath)) return null;
    if (!fs.existsSync(path.join(webDir, 'index.html'))) return null;
    return reply.type('text/html; charset=utf-8').sendFile('index.html', webDir);
  };
}
