/** An S3-protocol server (s3rver) for tests: loopback only, a temporary directory, one bucket. */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';

/** An S3-protocol server on a free loopback port; the config XãSố would be given for it. */
export async function startS3Server(bucket = 'xaso-test') {
  const directory = await fs.mkdtemp(path.join(os.tmpdir(), 'xaso-s3rver-'));
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    configureBuckets: [{ name: bucket, configs: [] }],
  });
  const { port } = (await server.run()) as { port: number };
  const env = {
    XASO_STORAGE: 's3',
    XASO_S3_ENDPOINT: `http://127.0.0.1:${port}`,
    XASO_S3_BUCKET: bucket,
    XASO_S3_ACCESS_KEY_ID: 'S3RVER',
    XASO_S3_SECRET_ACCESS_KEY: 'S3RVER',
  };
  return {
    env,
    async close() {
      await server.close();
      await fs.rm(directory, { recursive: true, force: true });
    },
  };
}
