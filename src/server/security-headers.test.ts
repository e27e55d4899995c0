/**
 * The security headers are computed once (app.ts) instead of running helmet on every response: they must be
 * exactly what @fastify/helmet sets per request with the same policy, with and without a map tile host and HSTS.
 */
import helmet from '@fastify/helmet';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { securityHeaders } from './app';
import { loadConfig, mapTileImageSource } from './config';

describe('security headers computed once', () => {
  it.each([
    {},
    { XASO_SECURE_COOKIES: 'false', XASO_MAP_TILE_URL: 'https://tile.example.org/{z}/{x}/{y}.png' },
  ])('are the headers helmet sets on each response (%o)', async (env) => {
    const config = loadConfig({ XASO_WEB_DIR: '/nonexistent', ...env });
    const tileSource = mapTileImageSource(config.mapTiles.url);
    const app = Fastify();
    await app.register(helmet, {
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
    app.get('/', async () => ({}));
    const res = await app.inject('/');
    await app.close();
    const expected = Object.entries(res.headers).filter(
      ([name]) => !['content-type', 'content-length', 'date', 'connection'].includes(name),
    );
    expect(securityHeaders(config)).toEqual(expected);
    const csp = Object.fromEntries(securityHeaders(config))['content-security-policy'];
    expect(csp).toContain(
      tileSource ? "img-src 'self' data: https://tile.example.org;" : "img-src 'self' data:;",
    );
  });
});
