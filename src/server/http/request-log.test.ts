/**
 * One log line per answered request, carrying the request id, method, route, redacted URL, status and time; the
 * request's logger still binds the request id to whatever a handler logs; above info, a request writes nothing.
 */
import { PassThrough } from 'node:stream';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { loggerOptions } from './privacy';
import { lazyRequestLogger, RequestLogController } from './request-log';

async function serverLogging(level: string) {
  const stream = new PassThrough();
  let out = '';
  stream.on('data', (d) => {
    out += d;
  });
  const app = Fastify({
    logger: loggerOptions(level, stream),
    logController: new RequestLogController(),
    childLoggerFactory: lazyRequestLogger,
    genReqId: () => 'req-1',
  });
  app.get('/api/v1/public/dossiers/:code', async (req) => {
    req.log.warn({ step: 'looked up' }, 'handler line');
    return { ok: true };
  });
  app.get('/boom', async () => {
    throw new Error('broken');
  });
  await app.ready();
  const lines = () =>
    out
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l));
  return { app, lines };
}

describe('request log', () => {
  it('writes one line per request at info, with the request id, route, status and time, the verifier masked', async () => {
    const { app, lines } = await serverLogging('info');
    await app.inject({ url: '/api/v1/public/dossiers/ABC-1?verifier=0912345678' });
    await app.close();
    const completed = lines().filter((l) => l.msg === 'request completed');
    expect(completed).toHaveLength(1);
    expect(completed[0]).toMatchObject({
      reqId: 'req-1',
      route: '/api/v1/public/dossiers/:code',
      req: { method: 'GET', url: '/api/v1/public/dossiers/ABC-1?verifier=[redacted]' },
      res: { statusCode: 200 },
    });
    expect(completed[0].responseTime).toBeTypeOf('number');
    expect(lines().filter((l) => l.msg === 'incoming request')).toHaveLength(0);
    // A handler's own line carries the request id too.
    expect(lines().find((l) => l.msg === 'handler line')).toMatchObject({
      reqId: 'req-1',
      step: 'looked up',
    });
    expect(JSON.stringify(lines())).not.toContain('0912345678');
  });

  it('writes no request line above info, but still the errors, with their request id and scrubbed', async () => {
    const { app, lines } = await serverLogging('error');
    await app.inject({ url: '/api/v1/public/dossiers/ABC-1?verifier=0912345678' });
    expect((await app.inject({ url: '/boom' })).statusCode).toBe(500);
    await app.close();
    expect(lines().filter((l) => l.msg === 'request completed' || l.msg === 'handler line')).toEqual([]);
    const errored = lines().filter((l) => l.level >= 50);
    expect(errored.length).toBeGreaterThan(0);
    expect(errored.every((l) => l.reqId === 'req-1')).toBe(true);
    expect(JSON.stringify(lines())).not.toContain('0912345678');
  });
});
