/** The storage settings: defaults that follow the database, and S3 settings checked at start. */
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../config';

describe('storage configuration', () => {
  it.each([
    [{}, 'disk'],
    [{ DATABASE_URL: 'postgres://x@127.0.0.1/xaso' }, 'postgres'],
    [{ DATABASE_URL: 'postgres://x@127.0.0.1/xaso', XASO_STORAGE: 'disk' }, 'disk'],
    [{ XASO_STORAGE: 'postgres' }, 'postgres'],
  ])('%j → %s', (env, kind) => {
    expect(loadConfig(env).storage.kind).toBe(kind);
  });

  it('reads the S3 settings', () => {
    expect(
      loadConfig({
        XASO_STORAGE: 's3',
        XASO_S3_ENDPOINT: 'http://127.0.0.1:9000',
        XASO_S3_BUCKET: 'xaso',
        XASO_S3_PREFIX: 'hatinh/',
        XASO_S3_ACCESS_KEY_ID: 'k',
        XASO_S3_SECRET_ACCESS_KEY: 's',
      }).storage,
    ).toEqual({
      kind: 's3',
      endpoint: 'http://127.0.0.1:9000',
      bucket: 'xaso',
      region: 'us-east-1',
      prefix: 'hatinh/',
      forcePathStyle: true,
      credentials: { accessKeyId: 'k', secretAccessKey: 's' },
    });
  });

  it.each([
    [{ XASO_STORAGE: 's3' }, 'XASO_S3_BUCKET'],
    [{ XASO_STORAGE: 's3', XASO_S3_BUCKET: 'xaso', XASO_S3_ACCESS_KEY_ID: 'k' }, 'XASO_S3_SECRET_ACCESS_KEY'],
    [{ XASO_STORAGE: 'ftp' }, 'XASO_STORAGE'],
    [{ XASO_STORAGE: 's3', XASO_S3_BUCKET: 'xaso', XASO_S3_ENDPOINT: 'not a url' }, 'XASO_S3_ENDPOINT'],
    [{ XASO_PUBLIC_UPLOAD_MAX_TOTAL_MB: '0' }, 'XASO_PUBLIC_UPLOAD_MAX_TOTAL_MB'],
  ])('refuses to start with %j, naming %s', (env, name) => {
    expect(() => loadConfig(env)).toThrow(name);
  });

  it('caps an online submission at 30 MB and limits its uploads to 20 a minute by default', () => {
    expect(loadConfig({}).publicUpload).toEqual({ ratePerMinute: 20, maxTotalBytes: 30 * 1024 * 1024 });
  });
});
