/**
 * The demo's meetings (issue: Trần Phú and Sông Trí each have a rehearsal first HĐND session of 20 June 2025,
 * closed with its minutes, and a real UBND meeting in preparation), read back through the API as the users see them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, json, loginAs, type TestApp } from '../../../tests/support/app';
import { ENGINES } from '../../../tests/support/database';
import { loadConfig } from '../config';
import { systemContext } from '../db/transaction';
import { createFileStorage } from '../modules/dossiers/storage';
import { seedDemo } from './demo';

type List = {
  items: { id: string; kind: string; status: string; rehearsal: boolean; meetingDate: string }[];
};

describe.each(ENGINES)('the demo meetings on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine, { demo: true, demoMeetings: true });
  }, 240_000);
  afterAll(() => t?.close());

  for (const [code, slug] of [
    ['18100', 'tranphu'],
    ['18754', 'songtri'],
  ] as const) {
    it(`${slug}: a closed rehearsal first session of 20/6/2025 with locked minutes, and a UBND meeting in preparation`, async () => {
      const h = await loginAs(t.app, `thuky.${slug}`);
      const list = json<List>(
        await t.app.inject({ url: `/api/v1/communes/${code}/meetings?limit=50`, headers: h }),
      );
      const first = list.items.find((m) => m.kind === 'first_session');
      expect(first).toMatchObject({ status: 'closed', rehearsal: true, meetingDate: '2025-06-20' });
      const ubnd = list.items.find((m) => m.kind === 'regular_monthly');
      expect(ubnd).toMatchObject({ status: 'draft', rehearsal: false });

      const minutes = await t.app.inject({ url: `/api/v1/meetings/${first!.id}/minutes`, headers: h });
      expect(minutes.statusCode).toBe(200);
      expect(json<{ status: string; sha256: string | null }>(minutes)).toMatchObject({ status: 'locked' });
      expect(json<{ sha256: string }>(minutes).sha256).toMatch(/^[0-9a-f]{64}$/);

      const votes = json<{ items?: unknown[] } | unknown[]>(
        await t.app.inject({ url: `/api/v1/meetings/${first!.id}/votes`, headers: h }),
      );
      const items = (Array.isArray(votes) ? votes : (votes.items ?? [])) as { outcome: string }[];
      expect(items.map((v) => v.outcome).sort()).toEqual(['held', 'passed']);

      const docs = json<{ items: { docType: string; status: string; number: string | null }[] }>(
        await t.app.inject({ url: `/api/v1/meetings/${first!.id}/documents`, headers: h }),
      );
      expect(docs.items.length).toBeGreaterThanOrEqual(2);
      for (const d of docs.items) expect(d).toMatchObject({ status: 'issued', number: null }); // a rehearsal: never numbered
    });
  }

  it('the delegate daibieu.tranphu sees the session among their meetings', async () => {
    const h = await loginAs(t.app, 'daibieu.tranphu');
    const mine = json<{ items: { meeting: { kind: string } }[] } | { items: { kind: string }[] }>(
      await t.app.inject({ url: '/api/v1/me/meetings', headers: h }),
    );
    expect(JSON.stringify(mine)).toContain('first_session');
  });

  it('seeding again creates nothing', async () => {
    const config = loadConfig({ XASO_WEB_DIR: '/nonexistent' });
    const again = await seedDemo(systemContext(t.database.db, 'test seed'), () => {}, {
      scale: 'small',
      meetings: { config, storage: await createFileStorage(config, t.database.db) },
    });
    expect(again.created).toBe(0);
  });
});
