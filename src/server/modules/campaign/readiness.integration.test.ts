/**
 * Readiness and go-live on both engines: the province's settings and checklist versions, a commune's answers
 * (optimistic locking, auto-checked items refused, blockers cannot be "not applicable"), evidence checked by
 * content, a new version keeping the answers, the guard, the province's override, the cutover in one transaction
 * (rehearsal meetings archived, rehearsal mode off, numbering restarted) and a failure injected half-way that
 * leaves nothing changed; others' communes and provinces refused, bad input naming the field.
 */
import { and, eq, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, json, loginAs, type TestApp } from '../../../../tests/support/app';
import { ENGINES } from '../../../../tests/support/database';
import type { GoLiveResult, GoLiveView } from '../../../common/api/campaign-golive';
import type {
  CampaignSettingsView,
  CommuneReadiness,
  ReadinessTemplate,
} from '../../../common/api/campaign-readiness';
import { auditEntries } from '../audit/schema';
import { dossierRehearsalModes } from '../dossiers/schema';
import type { FileStorage } from '../dossiers/storage';
import { collectUnreferencedFiles } from '../dossiers/storage/collector';
import { meetings } from '../meetings/schema';
import { documentNumberSeries } from '../numbering/schema';
import { takeNumber } from '../numbering/service';
import { orgBodies } from '../org/schema';
import { EVIDENCE_MAX_BYTES } from './readiness-answers';
import { communeGoLive, readinessAnswers, readinessSnapshots } from './schema';

const TP = '18100';
const ST = '18754';
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

function multipart(name: string, bytes: Buffer, type: string) {
  const boundary = `----xaso${Date.now()}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${type}\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return {
    payload: Buffer.concat([head, bytes, tail]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

describe.each(ENGINES)('readiness and go-live on %s', (engine) => {
  let t: TestApp;
  let province: Record<string, string>;
  let admin: Record<string, string>;
  let leader: Record<string, string>;
  let leaderST: Record<string, string>;
  let officer: Record<string, string>;
  let template: ReadinessTemplate;

  const api = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, headers: object, payload?: unknown) =>
    t.app.inject({
      method,
      url,
      headers: headers as Record<string, string>,
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  const fieldOf = (res: { json(): unknown }) =>
    (res.json() as { errors?: { field: string }[] }).errors?.[0]?.field;
  const today = () => new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);

  beforeAll(async () => {
    t = await createTestApp(engine, { demo: true });
    [province, admin, leader, leaderST, officer] = await Promise.all([
      loginAs(t.app, 'tinh.hatinh'),
      loginAs(t.app, 'admin'),
      loginAs(t.app, 'lanhdao.tranphu'),
      loginAs(t.app, 'lanhdao.songtri'),
      loginAs(t.app, 'chuyenvien.tranphu'),
    ]);
  }, 120_000);
  afterAll(async () => t?.close());

  it('settings: [U] defaults, set by the province only, checked field by field', async () => {
    const read = await api('GET', '/api/v1/provinces/42/campaign/settings', province);
    expect(read.statusCode).toBe(200);
    expect(json<CampaignSettingsView>(read).defaults.goLiveThreshold).toBe(90);
    const body = {
      goLiveThreshold: 80,
      receiveDays: 2,
      answerDays: 10,
      urgentAnswerDays: 3,
      officialDate: '2025-07-01',
    };
    expect((await api('PUT', '/api/v1/provinces/42/campaign/settings', leader, body)).statusCode).toBe(403);
    expect((await api('PUT', '/api/v1/provinces/40/campaign/settings', province, body)).statusCode).toBe(403);
    expect((await api('GET', '/api/v1/provinces/40/campaign/settings', province)).statusCode).toBe(403);
    const bad = await api('PUT', '/api/v1/provinces/42/campaign/settings', province, {
      ...body,
      urgentAnswerDays: 20,
    });
    expect(bad.statusCode).toBe(400);
    expect(fieldOf(bad)).toBe('body.urgentAnswerDays');
    const big = await api('PUT', '/api/v1/provinces/42/campaign/settings', province, {
      ...body,
      goLiveThreshold: 101,
    });
    expect(fieldOf(big)).toBe('body.goLiveThreshold');
    const ok = await api('PUT', '/api/v1/provinces/42/campaign/settings', province, body);
    expect(ok.statusCode).toBe(200);
    expect(json<CampaignSettingsView>(ok)).toMatchObject({ goLiveThreshold: 80, customised: true });
  });

  it('templates: a draft, its items, publishing; one draft at a time; others refused', async () => {
    // Whatever the demo published, start from an empty draft of our own.
    const drafts = json<{ items: ReadinessTemplate[] }>(
      await api('GET', '/api/v1/provinces/42/campaign/readiness-templates', province),
    ).items.filter((x) => x.status === 'draft');
    for (const d of drafts) await api('DELETE', `/api/v1/campaign/readiness-templates/${d.id}`, province);
    expect(
      (await api('POST', '/api/v1/provinces/42/campaign/readiness-templates', leader, { from: 'empty' }))
        .statusCode,
    ).toBe(403);
    const created = await api('POST', '/api/v1/provinces/42/campaign/readiness-templates', province, {
      from: 'empty',
    });
    expect(created.statusCode).toBe(201);
    template = json<ReadinessTemplate>(created);
    expect(
      (await api('POST', '/api/v1/provinces/42/campaign/readiness-templates', province, { from: 'starter' }))
        .statusCode,
    ).toBe(409);
    const items = [
      { itemKey: 'network_lan', groupKey: 'network', title: 'Mạng nội bộ', weight: 50, blocker: true },
      { itemKey: 'seals_made', groupKey: 'seals', title: 'Con dấu', weight: 30 },
      {
        itemKey: 'rehearsal',
        groupKey: 'rehearsals',
        title: 'Đã diễn tập',
        weight: 20,
        autoCheck: 'rehearsal_held',
      },
    ];
    const dup = await api('PUT', `/api/v1/campaign/readiness-templates/${template.id}`, province, {
      title: 'Danh mục thử',
      version: template.editVersion,
      items: [items[0], items[0]],
    });
    expect(fieldOf(dup)).toBe('body.items.1.itemKey');
    const badGroup = await api('PUT', `/api/v1/campaign/readiness-templates/${template.id}`, province, {
      title: 'Danh mục thử',
      version: template.editVersion,
      items: [{ ...items[0], groupKey: 'canteen' }],
    });
    expect(fieldOf(badGroup)).toBe('body.items.0.groupKey');
    const saved = await api('PUT', `/api/v1/campaign/readiness-templates/${template.id}`, province, {
      title: 'Danh mục thử',
      version: template.editVersion,
      items,
    });
    expect(saved.statusCode).toBe(200);
    const stale = await api('PUT', `/api/v1/campaign/readiness-templates/${template.id}`, province, {
      title: 'Danh mục thử',
      version: template.editVersion,
      items,
    });
    expect(stale.statusCode).toBe(409);
    const published = await api(
      'POST',
      `/api/v1/campaign/readiness-templates/${template.id}/publish`,
      province,
    );
    expect(published.statusCode).toBe(200);
    template = json<ReadinessTemplate>(published);
    expect(template.status).toBe('published');
    expect(template.items.map((i) => i.itemKey)).toEqual(['network_lan', 'seals_made', 'rehearsal']);
    // A published version is not edited.
    const edit = await api('PUT', `/api/v1/campaign/readiness-templates/${template.id}`, province, {
      title: 'x x x',
      version: template.editVersion,
      items,
    });
    expect(edit.statusCode).toBe(409);
    // Another province's template is not found for Hà Tĩnh's officer.
    const other = json<ReadinessTemplate>(
      await api('POST', '/api/v1/provinces/40/campaign/readiness-templates', admin, { from: 'starter' }),
    );
    expect((await api('GET', `/api/v1/campaign/readiness-templates/${other.id}`, province)).statusCode).toBe(
      404,
    );
    expect((await api('GET', `/api/v1/campaign/readiness-templates/${template.id}`, leader)).statusCode).toBe(
      404,
    );
  });

  it('two first drafts of a province at the same instant: one is made, the other told a draft exists (409, never 500)', async () => {
    // Hà Nội (01) has no template yet: there is no row to lock, so only the province-wide lock orders the two.
    const statuses = (
      await Promise.all(
        [0, 1].map(() =>
          api('POST', '/api/v1/provinces/01/campaign/readiness-templates', admin, { from: 'starter' }),
        ),
      )
    )
      .map((r) => r.statusCode)
      .sort();
    expect(statuses).toEqual([201, 409]);
  });

  it('answers: weighted readiness, locking, auto-checked and unknown items refused, bad input named', async () => {
    const start = json<CommuneReadiness>(
      await api('GET', `/api/v1/communes/${TP}/campaign/readiness`, leader),
    );
    expect(start.template?.id).toBe(template.id);
    expect(start.canAnswer).toBe(true);
    expect(start.goLiveThreshold).toBe(80);
    const put = (key: string, body: object, who = leader, code = TP) =>
      api('PUT', `/api/v1/communes/${code}/campaign/readiness/items/${key}`, who, body);
    const first = await put('seals_made', { status: 'done', comment: 'Đã nhận dấu', version: 0 });
    expect(first.statusCode).toBe(200);
    const after = json<CommuneReadiness>(first);
    expect(after.readiness.percent).toBe(30);
    expect(after.readiness.blockers.map((b) => b.itemKey)).toContain('network_lan');
    expect((await put('seals_made', { status: 'in_progress', version: 0 })).statusCode).toBe(409);
    expect((await put('rehearsal', { status: 'done', version: 0 })).statusCode).toBe(409);
    const unknown = await put('canteen_open', { status: 'done', version: 0 });
    expect(unknown.statusCode).toBe(400);
    expect(fieldOf(unknown)).toBe('params.itemKey');
    const na = await put('network_lan', { status: 'not_applicable', version: 0 });
    expect(fieldOf(na)).toBe('body.status');
    expect(fieldOf(await put('network_lan', { status: 'finished', version: 0 }))).toBe('body.status');
    expect(fieldOf(await put('network_lan', { status: 'done', comment: 'a\u0000b', version: 0 }))).toBe(
      'body.comment',
    );
    expect(fieldOf(await put('network_lan', { status: 'done', comment: 'x'.repeat(5000), version: 0 }))).toBe(
      'body.comment',
    );
    expect((await put('network_lan', { status: 'done', version: 0 }, officer)).statusCode).toBe(403);
    expect((await put('network_lan', { status: 'done', version: 0 }, leaderST)).statusCode).toBe(403);
    expect((await api('GET', `/api/v1/communes/${TP}/campaign/readiness`, leaderST)).statusCode).toBe(403);
    const officerView = json<CommuneReadiness>(
      await api('GET', `/api/v1/communes/${TP}/campaign/readiness`, officer),
    );
    expect(officerView.canAnswer).toBe(false);
    const [snap] = await t.database.db
      .select()
      .from(readinessSnapshots)
      .where(and(eq(readinessSnapshots.communeCode, TP), eq(readinessSnapshots.day, today())));
    expect(Number(snap?.percent)).toBe(30);
  });

  it('evidence: a photo kept and read back; a wrong type refused naming the file', async () => {
    const url = `/api/v1/communes/${TP}/campaign/readiness/items/seals_made/evidence`;
    const png = multipart('dau.png', PNG, 'image/png');
    const added = await api('POST', url, { ...leader, ...png.headers }, png.payload);
    expect(added.statusCode).toBe(201);
    const { fileId } = json<{ fileId: string }>(added);
    const back = await api('GET', `${url}/${fileId}`, officer);
    expect(back.statusCode).toBe(200);
    expect(back.rawPayload.equals(PNG)).toBe(true);
    const text = multipart('anh.png', Buffer.from('không phải ảnh'), 'image/png');
    const refused = await api('POST', url, { ...leader, ...text.headers }, text.payload);
    expect(refused.statusCode).toBe(400);
    expect(fieldOf(refused)).toBe('body.file');
    const auto = multipart('x.png', PNG, 'image/png');
    expect(
      (
        await api(
          'POST',
          `/api/v1/communes/${TP}/campaign/readiness/items/rehearsal/evidence`,
          { ...leader, ...auto.headers },
          auto.payload,
        )
      ).statusCode,
    ).toBe(409);
    expect((await api('GET', `${url}/${fileId}`, leaderST)).statusCode).toBe(403);
    const view = json<CommuneReadiness>(
      await api('GET', `/api/v1/communes/${TP}/campaign/readiness`, leader),
    );
    expect(view.items.find((i) => i.itemKey === 'seals_made')?.evidence).toHaveLength(1);
    // The collector of unreferenced files keeps evidence (its key lives in the answer's JSON list).
    const [answer] = await t.database.db
      .select()
      .from(readinessAnswers)
      .where(and(eq(readinessAnswers.communeCode, TP), eq(readinessAnswers.itemKey, 'seals_made')));
    const key = (answer!.evidence as { storageKey: string }[])[0]!.storageKey;
    const deleted: string[] = [];
    const stub = {
      async *listStoredBefore() {
        yield [
          { key, storedAt: new Date(0) },
          { key: 'sha256/00/00/unreferenced', storedAt: new Date(0) },
        ];
      },
      async delete(k: string) {
        deleted.push(k);
      },
      async storedAt() {
        return null;
      },
    } as unknown as FileStorage;
    await collectUnreferencedFiles(t.database.db, stub, { graceMs: 0 });
    expect(deleted).toEqual(['sha256/00/00/unreferenced']);
  });

  it('evidence sent wrong is refused naming the field: not a form, another field, no file, two files, too large', async () => {
    const url = `/api/v1/communes/${TP}/campaign/readiness/items/seals_made/evidence`;
    const notForm = await api('POST', url, { ...leader, 'content-type': 'application/json' }, { file: 'x' });
    expect(notForm.statusCode).toBe(400);
    expect(fieldOf(notForm)).toBe('body.file');
    const boundary = `----xaso${Date.now()}`;
    const form = (parts: string[]) => ({
      headers: { ...leader, 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: Buffer.from(`${parts.map((p) => `--${boundary}\r\n${p}\r\n`).join('')}--${boundary}--\r\n`),
    });
    const filePart = (field: string) =>
      `Content-Disposition: form-data; name="${field}"; filename="a.png"\r\nContent-Type: image/png\r\n\r\npng`;
    const other = form([filePart('photo')]);
    const wrongField = await api('POST', url, other.headers, other.payload);
    expect(wrongField.statusCode).toBe(400);
    expect(fieldOf(wrongField)).toBe('body.file');
    const empty = form(['Content-Disposition: form-data; name="note"\r\n\r\nx']);
    const none = await api('POST', url, empty.headers, empty.payload);
    expect(none.statusCode).toBe(400);
    expect(fieldOf(none)).toBe('body.file');
    const two = form([filePart('file'), filePart('file')]);
    const twice = await api('POST', url, two.headers, two.payload);
    expect(twice.statusCode).toBe(400);
    expect(fieldOf(twice)).toBe('body.file');
    const big = multipart('big.png', Buffer.alloc(EVIDENCE_MAX_BYTES + 1, 1), 'image/png');
    expect((await api('POST', url, { ...leader, ...big.headers }, big.payload)).statusCode).toBe(413);
  });

  it('a new version keeps the answers by key; a removed item drops out', async () => {
    const draft = json<ReadinessTemplate>(
      await api('POST', '/api/v1/provinces/42/campaign/readiness-templates', province, {}),
    );
    expect(draft.items.map((i) => i.itemKey)).toEqual(['network_lan', 'seals_made', 'rehearsal']);
    const items = draft.items
      .filter((i) => i.itemKey !== 'rehearsal')
      .map(({ sortOrder: _s, ...i }) => i)
      .concat([
        {
          itemKey: 'notice',
          groupKey: 'public_notice',
          title: 'Thông báo địa chỉ mới',
          description: null,
          weight: 20,
          owner: null,
          dueDate: null,
          blocker: false,
          autoCheck: null,
        },
      ]);
    const saved = json<ReadinessTemplate>(
      await api('PUT', `/api/v1/campaign/readiness-templates/${draft.id}`, province, {
        title: draft.title,
        version: draft.editVersion,
        items,
      }),
    );
    expect(
      (await api('POST', `/api/v1/campaign/readiness-templates/${saved.id}/publish`, province)).statusCode,
    ).toBe(200);
    const list = json<{ items: ReadinessTemplate[] }>(
      await api('GET', '/api/v1/provinces/42/campaign/readiness-templates', province),
    ).items;
    expect(list.find((x) => x.id === template.id)?.status).toBe('superseded');
    const view = json<CommuneReadiness>(
      await api('GET', `/api/v1/communes/${TP}/campaign/readiness`, leader),
    );
    expect(view.template?.version).toBe(saved.version);
    expect(view.items.map((i) => [i.itemKey, i.status])).toEqual([
      ['network_lan', 'not_started'],
      ['seals_made', 'done'],
      ['notice', 'not_started'],
    ]);
    expect(view.readiness.percent).toBe(30);
  });

  it('go-live: the guard, the override, the cutover in one transaction, and never twice', async () => {
    const db = t.database.db;
    const [body] = await db.select().from(orgBodies).where(eq(orgBodies.communeCode, TP)).limit(1);
    const meetingId = uuidv7();
    await db.insert(meetings).values({
      id: meetingId,
      communeCode: TP,
      bodyId: body!.id,
      kind: 'regular',
      title: 'Kỳ họp diễn tập',
      meetingDate: '2025-06-20',
      startsAt: new Date('2025-06-20T08:00:00+07:00'),
      place: 'Hội trường',
      rehearsal: true,
      status: 'closed',
    });
    await db
      .insert(dossierRehearsalModes)
      .values({ communeCode: TP, enabled: true, changedAt: new Date(), changedBy: 'test' })
      .onConflictDoUpdate({ target: dossierRehearsalModes.communeCode, set: { enabled: true } });
    const year = Number(today().slice(0, 4));
    await takeNumber(db, { communeCode: TP, issuer: 'UBND', docType: 'QĐ', year });
    await takeNumber(db, { communeCode: TP, issuer: 'UBND', docType: 'QĐ', year });

    const url = `/api/v1/communes/${TP}/campaign/go-live`;
    const before = json<GoLiveView>(await api('GET', url, leader));
    expect(before.status).toBe('preparing');
    expect(before.verdict.allowed).toBe(false);
    expect(before.verdict.reasons.map((r) => r.code)).toEqual(['below_threshold', 'blockers_open']);
    expect(before.pending).toMatchObject({ rehearsalMeetings: 1, rehearsalMode: true });
    expect(before.canGoLive).toBe(false);
    expect(before.canOverride).toBe(false);
    expect((await api('POST', url, leader, { liveFrom: today() })).statusCode).toBe(409);

    const short = await api('PUT', `${url}/override`, province, { reason: 'ok' });
    expect(short.statusCode).toBe(400);
    expect(fieldOf(short)).toBe('body.reason');
    expect((await api('PUT', `${url}/override`, leader, { reason: 'Tôi tự cho phép mình' })).statusCode).toBe(
      403,
    );
    const overridden = await api('PUT', `${url}/override`, province, {
      reason: 'Tỉnh cho phép: mạng nội bộ hoàn thành trước 02/7',
    });
    expect(overridden.statusCode).toBe(200);
    expect(json<GoLiveView>(overridden)).toMatchObject({
      canOverride: true,
      verdict: { allowed: true, overridden: true },
    });

    expect((await api('POST', url, officer, { liveFrom: today() })).statusCode).toBe(403);
    expect((await api('POST', url, leaderST, { liveFrom: today() })).statusCode).toBe(403);
    const past = await api('POST', url, leader, { liveFrom: '2020-01-01' });
    expect(past.statusCode).toBe(400);
    expect(fieldOf(past)).toBe('body.liveFrom');
    expect(fieldOf(await api('POST', url, leader, { liveFrom: '2025-02-30' }))).toBe('body.liveFrom');

    const live = await api('POST', url, leader, { liveFrom: today() });
    expect(live.statusCode).toBe(200);
    const result = json<GoLiveResult>(live);
    expect(result).toMatchObject({ status: 'live', liveFrom: today(), readinessAtCutover: 30 });
    expect(result.archived.meetings).toBe(1);
    expect(result.numbering).toMatchObject({ restartedSeries: 1, year });
    const [m] = await db.select().from(meetings).where(eq(meetings.id, meetingId));
    expect(m?.archivedAt).not.toBeNull();
    const [mode] = await db
      .select()
      .from(dossierRehearsalModes)
      .where(eq(dossierRehearsalModes.communeCode, TP));
    expect(mode?.enabled).toBe(false);
    expect((await takeNumber(db, { communeCode: TP, issuer: 'UBND', docType: 'QĐ', year })).number).toBe(
      '01/QĐ-UBND',
    );
    const audits = await db
      .select()
      .from(auditEntries)
      .where(and(eq(auditEntries.action, 'campaign.go_live'), eq(auditEntries.entityId, TP)));
    expect(audits).toHaveLength(1);
    expect((await api('POST', url, leader, { liveFrom: today() })).statusCode).toBe(409);
    // Once live, the checklist is kept as it was.
    const frozen = await api('PUT', `/api/v1/communes/${TP}/campaign/readiness/items/notice`, leader, {
      status: 'done',
      version: 0,
    });
    expect(frozen.statusCode).toBe(409);
  });

  it('a failure half-way through the cutover leaves nothing changed', async () => {
    const db = t.database.db;
    const [body] = await db.select().from(orgBodies).where(eq(orgBodies.communeCode, ST)).limit(1);
    const meetingId = uuidv7();
    await db.insert(meetings).values({
      id: meetingId,
      communeCode: ST,
      bodyId: body!.id,
      kind: 'regular',
      title: 'Phiên họp diễn tập',
      meetingDate: '2025-06-20',
      startsAt: new Date('2025-06-20T14:00:00+07:00'),
      place: 'Phòng họp',
      rehearsal: true,
      status: 'closed',
    });
    await db
      .insert(dossierRehearsalModes)
      .values({ communeCode: ST, enabled: true, changedAt: new Date(), changedBy: 'test' })
      .onConflictDoUpdate({ target: dossierRehearsalModes.communeCode, set: { enabled: true } });
    const year = Number(today().slice(0, 4));
    await takeNumber(db, { communeCode: ST, issuer: 'HĐND', docType: 'NQ', year });
    const url = `/api/v1/communes/${ST}/campaign/go-live`;
    expect(
      (await api('PUT', `${url}/override`, province, { reason: 'Tỉnh cho phép để kiểm thử lỗi giữa chừng' }))
        .statusCode,
    ).toBe(200);
    await db.execute(
      sql.raw(`create or replace function xaso_test_fail_go_live() returns trigger language plpgsql as $$
        begin if new.status = 'live' then raise exception 'injected failure'; end if; return new; end $$`),
    );
    await db.execute(
      sql.raw(`create trigger xaso_test_fail_go_live before update on commune_go_live
        for each row execute function xaso_test_fail_go_live()`),
    );
    try {
      const failed = await api('POST', url, leaderST, { liveFrom: today() });
      expect(failed.statusCode).toBeGreaterThanOrEqual(500);
    } finally {
      await db.execute(sql.raw('drop trigger xaso_test_fail_go_live on commune_go_live'));
      await db.execute(sql.raw('drop function xaso_test_fail_go_live()'));
    }
    const [m] = await db.select().from(meetings).where(eq(meetings.id, meetingId));
    expect(m?.archivedAt).toBeNull();
    const [mode] = await db
      .select()
      .from(dossierRehearsalModes)
      .where(eq(dossierRehearsalModes.communeCode, ST));
    expect(mode?.enabled).toBe(true);
    const [series] = await db
      .select()
      .from(documentNumberSeries)
      .where(and(eq(documentNumberSeries.communeCode, ST), eq(documentNumberSeries.year, year)));
    expect(series?.last).toBe(1);
    const [row] = await db.select().from(communeGoLive).where(eq(communeGoLive.communeCode, ST));
    expect(row?.status).toBe('preparing');
    const audits = await db
      .select()
      .from(auditEntries)
      .where(and(eq(auditEntries.action, 'campaign.go_live'), eq(auditEntries.entityId, ST)));
    expect(audits).toHaveLength(0);
    // Without the failure, the same cutover goes through.
    expect((await api('POST', url, leaderST, { liveFrom: today() })).statusCode).toBe(200);
  });
});
