/**
 * The applicant's upload cannot fill the storage: everything is checked before a byte is stored (state, count,
 * the online total, type, active PDF content, image bombs) and a refusal leaves nothing stored; the upload route
 * has its own, stricter rate limit; stored files no attachment refers to are collected once past the grace
 * period, never a file a concurrent upload is about to refer to. Run with the disk storage on PGlite and the
 * PostgreSQL table storage on the PostgreSQL server.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, json, loginAs, type TestApp } from '../../../../tests/support/app';
import { procedureByCode, receiveDossier, type TestProcedure } from '../../../../tests/support/dossiers';
import { DiskFileStorage, type FileStorage } from './storage';
import { collectUnreferencedFiles } from './storage/collector';
import { PostgresFileStorage } from './storage/postgres';
import { storedFiles } from './storage/schema';

type Problem = { status: number; errors?: { field: string }[]; detail: string };

/** A PDF of about `size` bytes (distinct content per call: no two are deduplicated). */
let made = 0;
const pdf = (size = 200, body = '1 0 obj << /Type /Catalog >> endobj') => {
  made += 1;
  const head = `%PDF-1.4\n${body}\n% ${made}\n`;
  return Buffer.from(
    `${head}${'%'.repeat(Math.max(0, size - head.length - 20))}\ntrailer <<>>\n%%EOF\n`,
    'latin1',
  );
};

function pngHeader(width: number, height: number) {
  const b = Buffer.alloc(64);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(b, 0);
  b.writeUInt32BE(13, 8);
  b.write('IHDR', 12, 'latin1');
  b.writeUInt32BE(width, 16);
  b.writeUInt32BE(height, 20);
  b[24] = 8;
  b[25] = 2;
  return b;
}

describe.each([
  ['pglite', 'disk'],
  ['postgres', 'postgres'],
] as const)('upload limits on %s with the %s storage', (engine, storageKind) => {
  let t: TestApp;
  let dataDir: string;
  let storage: FileStorage;
  let procedure: TestProcedure;
  let n = 0;
  let client = 0;

  const stored = async (): Promise<number> => {
    if (storageKind === 'postgres') {
      const [row] = await t.database.db.select({ n: count() }).from(storedFiles);
      return row!.n;
    }
    const files = await fs
      .readdir(path.join(dataDir, 'files', 'sha256'), { recursive: true })
      .catch(() => []);
    let k = 0;
    for (const f of files) if ((await fs.stat(path.join(dataDir, 'files', 'sha256', f))).isFile()) k += 1;
    return k;
  };

  const submit = async () => {
    n += 1;
    const phone = `0979${String(n).padStart(6, '0')}`;
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/public/dossiers',
      headers: { 'x-forwarded-for': `198.51.100.${n}` },
      payload: {
        procedureId: procedure.id,
        applicant: {
          fullName: 'Lê Văn Gửi',
          idNumber: `04219600${String(n).padStart(4, '0')}`,
          phone,
          address: 'Số 5, đường Hà Huy Tập, phường Trần Phú, Hà Tĩnh',
        },
        competentCommuneCode: '18100',
        checklist: procedure.requiredDocuments.map((_, index) => ({ index })),
      },
    });
    expect(res.statusCode).toBe(201);
    return { code: json<{ code: string }>(res).code, phone };
  };

  /** The applicant's upload, each from its own address unless one is given (the route's limit is per address). */
  const upload = (code: string, phone: string, bytes: Buffer, name = 'scan.pdf', address?: string) => {
    client += 1;
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(bytes)]), name);
    return t.app.inject({
      method: 'POST',
      url: `/api/v1/public/dossiers/${encodeURIComponent(code)}/attachments?verifier=${phone}`,
      headers: { 'x-forwarded-for': address ?? `203.0.113.${client % 250}` },
      payload: form,
    });
  };

  beforeAll(async () => {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'xaso-upload-limits-'));
    t = await createTestApp(engine, {
      demo: true,
      env: {
        XASO_DATA_DIR: dataDir,
        XASO_STORAGE: storageKind,
        XASO_PUBLIC_UPLOAD_MAX_TOTAL_MB: '0.05', // 51.2 KB
        XASO_PUBLIC_UPLOAD_RATE_LIMIT: '4',
      },
    });
    storage =
      storageKind === 'postgres' ? new PostgresFileStorage(t.database.db) : new DiskFileStorage(dataDir);
    procedure = await procedureByCode(t.database.db, '1.001193');
  });
  afterAll(async () => {
    await t?.close();
    await fs.rm(dataDir, { recursive: true, force: true });
  });

  it('refuses an upload to a dossier already received before reading it, and stores nothing', async () => {
    const officer = await loginAs(t.app, 'motcua.tranphu');
    const phone = '0912000111';
    const d = await receiveDossier(t.app, officer, procedure, {
      fullName: 'Trần Thị Quầy',
      idNumber: '042196009999',
      phone,
      address: 'Phường Trần Phú, Hà Tĩnh',
    });
    const before = await stored();
    const res = await upload(d.code, phone, pdf());
    expect(res.statusCode).toBe(409);
    expect(await stored()).toBe(before);
  });

  it('caps the total the applicant sends to one online submission, and the refused file is not stored', async () => {
    const d = await submit();
    expect((await upload(d.code, d.phone, pdf(30_000))).statusCode).toBe(201);
    const before = await stored();
    const res = await upload(d.code, d.phone, pdf(30_000));
    expect(res.statusCode).toBe(413);
    const problem = json<Problem>(res);
    expect(problem.errors?.[0]?.field).toBe('body.file');
    expect(problem.detail).toContain('0.1 MB'); // the cap, rounded as shown (0.05 MB)
    expect(await stored()).toBe(before);
    // What still fits is taken.
    expect((await upload(d.code, d.phone, pdf(10_000))).statusCode).toBe(201);
  });

  it.each([
    [
      'a PDF running JavaScript when opened',
      pdf(300, '1 0 obj << /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >> endobj'),
      'a.pdf',
      '/JavaScript',
    ],
    [
      'a PDF launching a program',
      pdf(300, '1 0 obj << /OpenAction << /S /Launch /F (cmd.exe) >> >> endobj'),
      'b.pdf',
      '/Launch',
    ],
    ['a PNG declaring 100 000 × 100 000 pixels', pngHeader(100_000, 100_000), 'c.png', '100000 × 100000'],
  ])(
    'refuses %s with a 400 naming the file field, storing nothing',
    async (_name, bytes, fileName, detail) => {
      const d = await submit();
      const before = await stored();
      const res = await upload(d.code, d.phone, bytes, fileName);
      expect(res.statusCode).toBe(400);
      const problem = json<Problem>(res);
      expect(problem.errors?.[0]?.field).toBe('body.file');
      expect(problem.detail).toContain(detail);
      expect(await stored()).toBe(before);
    },
  );

  it('limits the upload route on its own, stricter than the other public routes', async () => {
    const d = await submit();
    const address = '192.0.2.77';
    const answers: number[] = [];
    for (let i = 0; i < 5; i += 1)
      answers.push((await upload(d.code, d.phone, pdf(100), 's.pdf', address)).statusCode);
    expect(answers.slice(0, 4).every((s) => s !== 429)).toBe(true);
    expect(answers[4]).toBe(429);
    const lookUp = await t.app.inject({
      method: 'GET',
      url: `/api/v1/public/dossiers/${encodeURIComponent(d.code)}?verifier=${d.phone}`,
      headers: { 'x-forwarded-for': address },
    });
    expect(lookUp.statusCode).toBe(200);
  });

  it('collects stored files no attachment refers to once past the grace period, keeping referenced and recent ones', async () => {
    const d = await submit();
    const kept = pdf(500);
    expect((await upload(d.code, d.phone, kept)).statusCode).toBe(201);
    const orphan = await storage.put(pdf(400));
    const referenced = (await storage.put(kept)) as string;
    const grace = 60 * 60_000;
    // Within the grace period (an upload whose row is not committed yet looks just like this): kept.
    const early = await collectUnreferencedFiles(t.database.db, storage, { graceMs: grace });
    expect(early.deleted).not.toContain(orphan);
    expect(await storage.exists(orphan)).toBe(true);
    // Past it: the orphan goes, the referenced scan stays and still opens for the officials.
    const later = await collectUnreferencedFiles(t.database.db, storage, {
      graceMs: grace,
      now: new Date(Date.now() + 2 * grace),
    });
    expect(later.deleted).toContain(orphan);
    expect(later.deleted).not.toContain(referenced);
    expect(await storage.exists(orphan)).toBe(false);
    expect(await storage.get(referenced)).toEqual(kept);
  });
});
