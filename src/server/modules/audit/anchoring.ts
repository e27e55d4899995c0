/**
 * Signed checkpoints of the audit chains, taken from the database and appended to a file outside it (one JSON
 * object a line): by `xaso audit checkpoint`, and by a running server every XASO_AUDIT_CHECKPOINT_MINUTES when
 * XASO_AUDIT_CHECKPOINT_KEY and XASO_AUDIT_CHECKPOINT_FILE are set. `xaso audit verify --checkpoints` reads them.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../../db/database';
import { type SignedCheckpoint, signCheckpoint } from './checkpoints';
import { currentAnchors } from './service';

export async function takeCheckpoint(
  db: Db,
  privateKeyPem: string,
  now = new Date(),
): Promise<SignedCheckpoint> {
  return signCheckpoint({ at: now.toISOString(), chains: await currentAnchors(db) }, privateKeyPem);
}

export async function appendCheckpoint(
  db: Db,
  privateKeyPem: string,
  file: string,
): Promise<SignedCheckpoint> {
  const checkpoint = await takeCheckpoint(db, privateKeyPem);
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  fs.appendFileSync(file, `${JSON.stringify(checkpoint)}\n`);
  return checkpoint;
}

/** The server's periodic checkpoint; returns the stopper. Failures are logged, never fatal. */
export function scheduleCheckpoints(
  db: Db,
  options: { privateKeyPem: string; file: string; minutes: number },
  log: (err: unknown) => void,
): () => void {
  const timer = setInterval(
    () => void appendCheckpoint(db, options.privateKeyPem, options.file).catch(log),
    options.minutes * 60_000,
  );
  timer.unref();
  return () => clearInterval(timer);
}
