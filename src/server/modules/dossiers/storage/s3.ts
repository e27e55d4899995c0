/**
 * Stored files in S3-compatible object storage (XASO_STORAGE=s3: AWS S3, MinIO, Ceph, a cloud provider's object
 * storage), under `<prefix>sha256/ab/cd/<hex>`. Every instance reads what another stored. The objects are not in
 * the database: `xaso backup` copies them into the backup's files/ and `xaso restore` puts them back.
 */
import type * as S3 from '@aws-sdk/client-s3';
import type { StorageConfig } from '../../../config';
import { loadS3 } from '../../../lazy-libraries';
import { contentKey, digestOf, type FileStorage, matching, type StoredObject } from '../storage';

type S3Config = Extract<StorageConfig, { kind: 's3' }>;

/** The storage of the configuration, with the AWS SDK loaded now (~0.2 s of a process start when imported eagerly). */
export async function openS3Storage(config: S3Config): Promise<S3FileStorage> {
  return new S3FileStorage(config, await loadS3());
}

export class S3FileStorage implements FileStorage {
  readonly kind = 's3';
  readonly transactional = false;
  readonly client: S3.S3Client;
  private readonly bucket: string;
  private readonly prefix: string;

  constructor(
    config: S3Config,
    private readonly sdk: typeof S3,
  ) {
    this.client = new sdk.S3Client({
      endpoint: config.endpoint,
      region: config.region,
      forcePathStyle: config.forcePathStyle,
      credentials: config.credentials,
    });
    this.bucket = config.bucket;
    this.prefix = config.prefix;
  }

  private notFound(e: unknown) {
    return (
      e instanceof this.sdk.S3ServiceException &&
      (e.name === 'NoSuchKey' || e.name === 'NotFound' || e.$metadata.httpStatusCode === 404)
    );
  }

  private objectKey(key: string) {
    return `${this.prefix}${key}`;
  }

  async put(bytes: Uint8Array): Promise<string> {
    const key = contentKey(bytes);
    // Always written (the same bytes under the same key): a damaged copy is repaired and LastModified, which the
    // collector's grace period counts from, is refreshed.
    await this.client.send(
      new this.sdk.PutObjectCommand({
        Bucket: this.bucket,
        Key: this.objectKey(key),
        Body: bytes,
        ContentLength: bytes.byteLength,
        ContentType: 'application/octet-stream',
      }),
    );
    return key;
  }

  async get(key: string): Promise<Buffer | null> {
    if (!digestOf(key)) return null;
    try {
      const out = await this.client.send(
        new this.sdk.GetObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key) }),
      );
      const bytes = await out.Body!.transformToByteArray();
      return matching(key, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    } catch (e) {
      if (this.notFound(e)) return null;
      throw e;
    }
  }

  async exists(key: string): Promise<boolean> {
    return (await this.storedAt(key)) !== null;
  }

  async storedAt(key: string): Promise<Date | null> {
    if (!digestOf(key)) return null;
    try {
      const out = await this.client.send(
        new this.sdk.HeadObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key) }),
      );
      return out.LastModified ?? null;
    } catch (e) {
      if (this.notFound(e)) return null;
      throw e;
    }
  }

  async *listStoredBefore(before: Date): AsyncIterable<StoredObject[]> {
    let token: string | undefined;
    do {
      const out = await this.client.send(
        new this.sdk.ListObjectsV2Command({
          Bucket: this.bucket,
          Prefix: this.objectKey('sha256/'),
          ContinuationToken: token,
        }),
      );
      const batch = (out.Contents ?? [])
        .filter((o) => o.Key && o.LastModified && o.LastModified < before)
        .map((o) => ({ key: o.Key!.slice(this.prefix.length), storedAt: o.LastModified! }));
      if (batch.length) yield batch;
      token = out.IsTruncated ? out.NextContinuationToken : undefined;
    } while (token);
  }

  async delete(key: string, storedBefore?: Date): Promise<void> {
    if (storedBefore) {
      const at = await this.storedAt(key);
      if (!at || at >= storedBefore) return;
    }
    await this.client.send(
      new this.sdk.DeleteObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key) }),
    );
  }

  /** Every key stored (for the backup), in batches. */
  async *keys(): AsyncIterable<string[]> {
    for await (const batch of this.listStoredBefore(new Date(8.64e15))) yield batch.map((o) => o.key);
  }
}
