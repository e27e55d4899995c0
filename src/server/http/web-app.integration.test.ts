import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../tests/support/app';

const ASSET = Buffer.from(`export const greeting = ${JSON.stringify('Xin chào '.repeat(400))};\n`);

describe('serving the web app', () => {
  let t: TestApp;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xaso-web-'));
  beforeAll(async () => {
    fs.mkdirSync(path.join(dir, 'assets'));
    fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>XãSố</title>');
    fs.writeFileSync(path.join(dir, 'assets', 'app-1.js'), 'console.log(1)');
    // As the build leaves a hashed asset: the file and its precompressed siblings (vite.config.ts).
    fs.writeFileSync(path.join(dir, 'assets', 'index-Bx1f9a.js'), ASSET);
    fs.writeFileSync(path.join(dir, 'assets', 'index-Bx1f9a.js.br'), zlib.brotliCompressSync(ASSET));
    fs.writeFileSync(path.join(dir, 'assets', 'index-Bx1f9a.js.gz'), zlib.gzipSync(ASSET));
    t = await createTestApp('pglite', { map: false, env: { XASO_WEB_DIR: dir } });
  });
  afterAll(async () => {
    await t?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('serves the app at / and client-side routes from index.html', async () => {
    for (const url of ['/', '/dia-chi?q=tran%20phu', '/ban-do/42']) {
      const res = await t.app.inject({ url });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('text/html');
      expect(res.body).toContain('<title>XãSố</title>');
    }
  });

  it('serves assets built after the server started, and 404s a missing asset instead of the page', async () => {
    fs.writeFileSync(path.join(dir, 'assets', 'app-2.js'), 'console.log(2)');
    const fresh = await t.app.inject({ url: '/assets/app-2.js' });
    expect(fresh.statusCode).toBe(200);
    expect(fresh.headers['content-type']).toContain('javascript');
    const missing = await t.app.inject({ url: '/assets/gone.js' });
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-type']).toContain('application/problem+json');
  });

  it('keeps unknown API paths as 404 problems', async () => {
    const res = await t.app.inject({ url: '/api/v1/nope' });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });

  it('answers a path too long for the file system with a 404 problem that does not echo it whole', async () => {
    for (const url of [
      `/api/v1/public/dossiers/${'A'.repeat(10_000)}?verifier=0912345678`,
      `/assets/${'b'.repeat(300)}.js`,
    ]) {
      const res = await t.app.inject({ url });
      expect(res.statusCode).toBe(404);
      const body = res.json() as { code: string; instance: string; detail: string };
      expect(body.code).toBe('not_found');
      expect(body.instance.length).toBeLessThanOrEqual(201);
      expect(body.detail.length).toBeLessThan(300);
    }
  });

  it('sends a hashed asset brotli- or gzip-compressed, cached for a year as immutable', async () => {
    const br = await t.app.inject({
      url: '/assets/index-Bx1f9a.js',
      headers: { 'accept-encoding': 'gzip, br' },
    });
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toContain('javascript');
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(br.headers.vary).toContain('accept-encoding');
    expect(zlib.brotliDecompressSync(br.rawPayload).equals(ASSET)).toBe(true);
    expect(br.rawPayload.length).toBeLessThan(ASSET.length / 5);

    const gz = await t.app.inject({ url: '/assets/index-Bx1f9a.js', headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(zlib.gunzipSync(gz.rawPayload).equals(ASSET)).toBe(true);

    const plain = await t.app.inject({
      url: '/assets/index-Bx1f9a.js',
      headers: { 'accept-encoding': 'identity' },
    });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.rawPayload.equals(ASSET)).toBe(true);
  });

  it('compresses an asset without a precompressed copy on the fly', async () => {
    fs.writeFileSync(path.join(dir, 'assets', 'late-Q2w3e4.js'), ASSET);
    const res = await t.app.inject({ url: '/assets/late-Q2w3e4.js', headers: { 'accept-encoding': 'br' } });
    expect(res.headers['content-encoding']).toBe('br');
    expect(zlib.brotliDecompressSync(res.rawPayload).equals(ASSET)).toBe(true);
  });

  it('asks the browser to revalidate index.html, at / and on client-side routes', async () => {
    for (const url of ['/', '/index.html', '/tra-cuu-ho-so']) {
      const res = await t.app.inject({ url, headers: { 'accept-encoding': 'br, gzip' } });
      expect(res.statusCode).toBe(200);
      expect(res.headers['cache-control'], url).toBe('no-cache');
    }
  });

  it('compresses JSON answers above 1 KB and leaves small ones alone', async () => {
    const big = await t.app.inject({ url: '/api/openapi.json', headers: { 'accept-encoding': 'br, gzip' } });
    expect(big.statusCode).toBe(200);
    expect(big.headers['content-encoding']).toBe('br');
    expect(JSON.parse(zlib.brotliDecompressSync(big.rawPayload).toString('utf8')).openapi).toMatch(/^3\./);
    const gz = await t.app.inject({ url: '/api/openapi.json', headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    const small = await t.app.inject({ url: '/api/v1/health', headers: { 'accept-encoding': 'br, gzip' } });
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(small.json().status).toBe('ok');
  });
});
