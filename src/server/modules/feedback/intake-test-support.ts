/**
 * What the intake, public and duplicate tests share: a test app with the small demo (Trần Phú 18100 and Sông Trí
 * 18754 in Hà Tĩnh, 42), the province's starter categories, a report form sent as multipart, and the setting of a
 * report's answer as the handling would leave it (to test the reporter's and the public's side).
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../../tests/support/app';
import type { EngineKind } from '../../db/database';
import { inTransaction, systemContext } from '../../db/transaction';
import { DiskFileStorage, type FileStorage } from '../dossiers/storage';
import { PostgresFileStorage } from '../dossiers/storage/postgres';
import { categoriesOfProvince } from './categories';
import { feedbackReports } from './schema';
import { FEEDBACK_ENTITY, lockReport, updateReport } from './store';

/** A 1 × 1 PNG. */
export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

/** Category ids of Hà Tĩnh by key (`cat`), one of Nghệ An (another province), the storage the app uses. */
export async function feedbackTestApp(engine: EngineKind, env: Record<string, string> = {}) {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'xaso-feedback-'));
  const t = await createTestApp(engine, {
    demo: true,
    env: { XASO_DATA_DIR: dataDir, XASO_STORAGE: engine === 'postgres' ? 'postgres' : 'disk', ...env },
  });
  const cats = await categoriesOfProvince(t.database.db, '42', { activeOnly: true });
  const foreign = await categoriesOfProvince(t.database.db, '40', { activeOnly: true });
  const storage: FileStorage =
    engine === 'postgres' ? new PostgresFileStorage(t.database.db) : new DiskFileStorage(dataDir);
  return {
    t,
    storage,
    cat: Object.fromEntries(cats.map((c) => [c.key, c.id])),
    foreignCategoryId: foreign[0]!.id,
    async close() {
      await t.close();
      await fs.rm(dataDir, { recursive: true, force: true });
    },
  };
}

let clients = 0;
/** A client address of its own (the public rate limits count per address). */
export const freshClient = () => {
  clients += 1;
  return `203.0.${Math.floor(clients / 250) % 250}.${(clients % 250) + 1}`;
};

/** Sends a report form: `data` as JSON and the files, multipart. */
export function submitForm(
  app: TestApp['app'],
  url: string,
  data: unknown,
  options: {
    files?: { name: string; bytes: Buffer; field?: string }[];
    headers?: Record<string, string>;
    raw?: string;
  } = {},
) {
  const form = new FormData();
  form.append('data', options.raw ?? JSON.stringify(data));
  for (const f of options.files ?? [])
    form.append(f.field ?? 'files', new Blob([new Uint8Array(f.bytes)]), f.name);
  return app.inject({
    method: 'POST',
    url,
    headers: { 'x-forwarded-for': freshClient(), ...options.headers },
    payload: form,
  });
}

/**
 * Leaves a report answered as the handling does (state answered, the answer and its public version, published
 * unless private), so the reporter's and the public's side can be tested on their own.
 */
export async function answerAsHandlingWould(
  t: TestApp,
  code: string,
  answer: { text: string; publicText?: string; publish?: boolean },
) {
  const db = t.database.db;
  const [row] = await db
    .select({ id: feedbackReports.id })
    .from(feedbackReports)
    .where(eq(feedbackReports.code, code));
  const now = new Date();
  await inTransaction(systemContext(db, 'test'), async (tx, audit) => {
    const locked = await lockReport(tx, row!.id);
    await updateReport(tx, locked, {
      state: 'answered',
      answerText: answer.text,
      answerPublicText: answer.publicText ?? answer.text,
      answeredAt: now,
      publishedAt: answer.publish === false || locked.isPrivate ? null : now,
    });
    await audit({
      action: 'feedback.answer',
      entityType: FEEDBACK_ENTITY,
      entityId: locked.id,
      communeCode: locked.communeCode,
    });
  });
  return row!.id;
}

/** Sets a report's state directly (closed, rejected …) for the tests of what each state shows. */
export async function setState(t: TestApp, code: string, state: string) {
  const db = t.database.db;
  const [row] = await db
    .select({ id: feedbackReports.id })
    .from(feedbackReports)
    .where(eq(feedbackReports.code, code));
  await inTransaction(systemContext(db, 'test'), async (tx, audit) => {
    const locked = await lockReport(tx, row!.id);
    await updateReport(tx, locked, { state: state as typeof locked.state });
    await audit({
      action: 'feedback.test_state',
      entityType: FEEDBACK_ENTITY,
      entityId: locked.id,
      communeCode: locked.communeCode,
    });
  });
}
