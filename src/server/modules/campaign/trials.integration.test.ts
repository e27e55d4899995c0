/**
 * Trials, incidents and lessons learned on both engines: a commune's leader plans a trial (working group from its
 * officials, observers from communes of the same province), moves it with a reason, sees the rehearsal meetings
 * and mock dossiers of the day, marks it held; staff log an incident that blocks go-live until fixed, with the
 * time to resolve; lessons searched without diacritics across the province. Who may read and who may write,
 * other communes' and other provinces' ids, and bad input naming the field.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, json, loginAs, type TestApp } from '../../../../tests/support/app';
import { ENGINES } from '../../../../tests/support/database';
import type {
  IncidentDetail,
  IncidentList,
  Lesson,
  LessonList,
  TrialDetail,
  TrialList,
} from '../../../common/api/campaign-trials';
import type { MeetingBodyList } from '../../../common/api/meetings';
import { foldVietnamese } from '../../../common/text';
import { inTransaction, systemContext } from '../../db/transaction';
import { createAccount } from '../auth/accounts';
import { dossiers } from '../dossiers/schema';
import { todayInVietnam } from '../org/document-format';
import { communes } from '../units/schema';
import { openBlockingIncidents } from './incidents';
import { trialsOf } from './trials';

const CODE = '18100'; // Phường Trần Phú (Hà Tĩnh, 42)
const OTHER = '18754'; // Phường Sông Trí (Hà Tĩnh)

describe.each(ENGINES)('campaign trials, incidents and lessons on %s', (engine) => {
  let t: TestApp;
  let leader: Record<string, string>;
  let counter: Record<string, string>;
  let otherLeader: Record<string, string>;
  let observer: Record<string, string>;
  let delegate: Record<string, string>;
  let province: Record<string, string>;
  let officialIds: string[];
  let FOREIGN: string; // a commune of Nghệ An (40)
  const today = todayInVietnam();

  const api = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, headers: object, payload?: object) =>
    t.app.inject({ method, url, headers: headers as Record<string, string>, payload });
  const fieldOf = (res: { json(): unknown }) =>
    (res.json() as { errors?: { field: string }[] }).errors?.[0]?.field;

  const plan = (over: Record<string, unknown> = {}) => ({
    trialDate: today,
    halfDay: 'morning',
    scope: { council: true, government: true, party: false, oneStop: 'mock' },
    workingGroup: {
      leader: { officialId: officialIds[0] },
      members: [
        { officialId: officialIds[1], role: 'Thư ký' },
        { name: 'Kỹ thuật viên VNPT', role: 'Mạng' },
      ],
    },
    observers: [{ communeCode: OTHER, name: 'Lãnh đạo phường Sông Trí' }],
    ...over,
  });

  beforeAll(async () => {
    t = await createTestApp(engine, { demo: true });
    const [foreign] = await t.database.db
      .select({ code: communes.code })
      .from(communes)
      .where(eq(communes.provinceCode, '40'))
      .limit(1);
    FOREIGN = foreign!.code;
    await inTransaction(systemContext(t.database.db, 'test'), (tx, audit) =>
      createAccount(tx, audit, {
        username: 'quansat.tranphu',
        displayName: 'Quan Sát',
        password: 'Demo@2025',
        grants: [{ role: 'observer', provinceCode: null, communeCode: CODE }],
      }),
    );
    await inTransaction(systemContext(t.database.db, 'test'), (tx, audit) =>
      createAccount(tx, audit, {
        username: 'daibieu.test.tranphu',
        displayName: 'Đại Biểu',
        password: 'Demo@2025',
        grants: [{ role: 'council_member', provinceCode: null, communeCode: CODE }],
      }),
    );
    delegate = await loginAs(t.app, 'daibieu.test.tranphu');
    [leader, counter, otherLeader, observer, province] = await Promise.all([
      loginAs(t.app, 'lanhdao.tranphu'),
      loginAs(t.app, 'motcua.tranphu'),
      loginAs(t.app, 'lanhdao.songtri'),
      loginAs(t.app, 'quansat.tranphu'),
      loginAs(t.app, 'tinh.hatinh'),
    ]);
    const off = json<{ items: { id: string }[] }>(
      await api('GET', `/api/v1/communes/${CODE}/officials`, leader),
    );
    officialIds = off.items.map((o) => o.id);
    expect(officialIds.length).toBeGreaterThan(2);
  });
  afterAll(() => t?.close());

  let trial: TrialDetail;
  let heldBefore = 0;
  /** The demo may hold campaign data of its own: assertions look for this test's records among it. */
  const ids = (items: { id: string }[]) => items.map((i) => i.id);

  it('the leader plans a trial: officials by name from the records, observers of the same province', async () => {
    const before = (await trialsOf(t.database.db, '42')).get(CODE) ?? { planned: 0, held: 0 };
    const res = await api('POST', `/api/v1/communes/${CODE}/campaign/trials`, leader, plan());
    expect(res.statusCode, res.body).toBe(201);
    trial = json<TrialDetail>(res);
    expect(trial.status).toBe('planned');
    expect(trial.workingGroup.leader.name.length).toBeGreaterThan(2);
    expect(trial.workingGroup.members[1]).toEqual({
      officialId: null,
      name: 'Kỹ thuật viên VNPT',
      role: 'Mạng',
    });
    expect(trial.observers).toEqual([
      { communeCode: OTHER, communeName: 'Phường Sông Trí', name: 'Lãnh đạo phường Sông Trí' },
    ]);
    const list = json<TrialList>(
      await api('GET', `/api/v1/communes/${CODE}/campaign/trials?status=planned`, observer),
    );
    expect(list.items.map((i) => i.id)).toContain(trial.id);
    const counts = await trialsOf(t.database.db, '42');
    expect(counts.get(CODE)).toMatchObject({ planned: before.planned + 1, held: before.held });
    expect(counts.get(CODE)!.next! <= today).toBe(true);
    heldBefore = before.held;
  });

  it('refuses observers from another province or itself, officials of another commune, bad dates and enums', async () => {
    const post = (body: object) => api('POST', `/api/v1/communes/${CODE}/campaign/trials`, leader, body);
    const cases: [object, string][] = [
      [plan({ observers: [{ communeCode: FOREIGN }] }), 'body.observers.0.communeCode'],
      [plan({ observers: [{ communeCode: CODE }] }), 'body.observers.0.communeCode'],
      [plan({ observers: [{ communeCode: OTHER }, { communeCode: OTHER }] }), 'body.observers.1.communeCode'],
      [plan({ observers: [{ communeCode: 'abc' }] }), 'body.observers.0.communeCode'],
      [plan({ trialDate: '2025-02-30' }), 'body.trialDate'],
      [plan({ trialDate: '2020-06-20' }), 'body.trialDate'],
      [plan({ trialDate: '2999-06-20' }), 'body.trialDate'],
      [plan({ halfDay: 'evening' }), 'body.halfDay'],
      [
        plan({ scope: { council: true, government: true, party: false, oneStop: 'maybe' } }),
        'body.scope.oneStop',
      ],
      [plan({ workingGroup: { leader: {} } }), 'body.workingGroup.leader.name'],
      [plan({ note: 'x'.repeat(100_000) }), 'body.note'],
    ];
    for (const [body, field] of cases) {
      const res = await post(body);
      expect(res.statusCode, `${field}: ${res.body}`).toBe(400);
      expect(fieldOf(res)).toBe(field);
    }
    // An official of Sông Trí in Trần Phú's working group.
    const otherOfficials = json<{ items: { id: string }[] }>(
      await api('GET', `/api/v1/communes/${OTHER}/officials`, otherLeader),
    );
    const res = await post(plan({ workingGroup: { leader: { officialId: otherOfficials.items[0]!.id } } }));
    expect(res.statusCode).toBe(400);
    expect(fieldOf(res)).toBe('body.workingGroup.leader.officialId');
    // NUL in a name
    const nul = await post(plan({ workingGroup: { leader: { name: 'Lê\u0000Văn' } } }));
    expect(nul.statusCode).toBe(400);
    expect(fieldOf(nul)).toBe('body.workingGroup.leader.name');
  });

  it('only the leader writes plans; staff, observers and other communes cannot; foreign ids are 404', async () => {
    expect((await api('POST', `/api/v1/communes/${CODE}/campaign/trials`, counter, plan())).statusCode).toBe(
      403,
    );
    expect((await api('POST', `/api/v1/communes/${CODE}/campaign/trials`, observer, plan())).statusCode).toBe(
      403,
    );
    expect(
      (await api('POST', `/api/v1/communes/${CODE}/campaign/trials`, otherLeader, plan())).statusCode,
    ).toBe(403);
    expect((await api('GET', `/api/v1/communes/${CODE}/campaign/trials`, otherLeader)).statusCode).toBe(403);
    expect((await api('GET', `/api/v1/campaign/trials/${trial.id}`, otherLeader)).statusCode).toBe(404);
    expect(
      (
        await api('POST', `/api/v1/campaign/trials/${trial.id}/cancel`, otherLeader, {
          version: 1,
          reason: 'không',
        })
      ).statusCode,
    ).toBe(404);
    expect((await api('GET', `/api/v1/campaign/trials/${trial.id}`, observer)).statusCode).toBe(200);
    expect((await api('GET', `/api/v1/campaign/trials/${trial.id}`, province)).statusCode).toBe(200);
    expect((await api('GET', '/api/v1/campaign/trials/not-a-uuid', leader)).statusCode).toBe(404);
  });

  it('a move to the afternoon keeps its reason in the history; a stale version is 409', async () => {
    const res = await api('POST', `/api/v1/campaign/trials/${trial.id}/move`, leader, {
      version: trial.version,
      trialDate: today,
      halfDay: 'afternoon',
      reason: 'Mạng nội bộ chưa xong buổi sáng',
    });
    expect(res.statusCode, res.body).toBe(200);
    const moved = json<TrialDetail>(res);
    expect(moved.halfDay).toBe('afternoon');
    expect(moved.history.at(-1)).toMatchObject({
      action: 'campaign.trial.move',
      from: { trialDate: today, halfDay: 'morning' },
      to: { trialDate: today, halfDay: 'afternoon' },
      reason: 'Mạng nội bộ chưa xong buổi sáng',
    });
    const stale = await api('POST', `/api/v1/campaign/trials/${trial.id}/move`, leader, {
      version: trial.version,
      trialDate: today,
      halfDay: 'all_day',
      reason: 'Lý do khác',
    });
    expect(stale.statusCode).toBe(409);
    expect(fieldOf(stale)).toBe('body.version');
    trial = moved;
  });

  it("the plan's page shows the day's rehearsal meetings and mock dossiers", async () => {
    const bodies = json<MeetingBodyList>(await api('GET', `/api/v1/communes/${CODE}/meeting-bodies`, leader));
    const body = bodies.items.find((b) => b.bodyKind === 'council' && b.meetingKinds.length)!;
    const created = await api('POST', `/api/v1/communes/${CODE}/meetings`, leader, {
      bodyId: body.bodyId,
      kind: body.meetingKinds[0],
      title: 'Kỳ họp diễn tập HĐND',
      meetingDate: today,
      startTime: '14:00',
      place: 'Hội trường UBND phường',
      rehearsal: true,
    });
    expect(created.statusCode, created.body).toBe(201);
    const meetingId = (created.json() as { id: string }).id;
    // A demo dossier of Trần Phú received today as a mock one (B1's intake makes them; here set directly).
    const db = t.database.db;
    const [d] = await db
      .select({ id: dossiers.id, code: dossiers.code })
      .from(dossiers)
      .where(eq(dossiers.receivingCommuneCode, CODE))
      .limit(1);
    await db
      .update(dossiers)
      .set({ rehearsal: true, receivedAt: new Date(`${today}T09:15:00+07:00`) })
      .where(eq(dossiers.id, d!.id));
    const detail = json<TrialDetail>(await api('GET', `/api/v1/campaign/trials/${trial.id}`, leader));
    expect(detail.rehearsed.meetings.map((m) => m.id)).toContain(meetingId);
    expect(detail.rehearsed.mockDossiers.codes).toContain(d!.code);
    expect(detail.rehearsed.mockDossiers.count).toBe(detail.rehearsed.mockDossiers.codes.length);
  });

  let incident: IncidentDetail;

  it('staff log a high network incident: it blocks go-live until fixed; time to resolve is computed', async () => {
    const occurredAt = new Date(Date.now() - 135 * 60_000).toISOString();
    const res = await api('POST', `/api/v1/communes/${CODE}/campaign/incidents`, counter, {
      kind: 'network',
      severity: 'high',
      title: 'Mất kết nối mạng nội bộ',
      description: 'Máy tính quầy 2 không vào được phần mềm một cửa',
      occurredAt,
      trialId: trial.id,
    });
    expect(res.statusCode, res.body).toBe(201);
    incident = json<IncidentDetail>(res);
    expect(incident).toMatchObject({
      status: 'open',
      blocking: true,
      minutesToResolve: null,
      trialDate: today,
    });
    expect(incident.reportedBy).toBeTruthy();
    expect(await openBlockingIncidents(t.database.db, CODE)).toContainEqual({
      id: incident.id,
      title: 'Mất kết nối mạng nội bộ',
      severity: 'high',
    });
    const list = json<IncidentList>(
      await api('GET', `/api/v1/communes/${CODE}/campaign/incidents?severity=high&status=open`, observer),
    );
    expect(ids(list.items)).toContain(incident.id);
    expect(list.items.every((i) => i.severity === 'high' && i.status === 'open')).toBe(true);
    expect(ids(list.blocking)).toContain(incident.id);
    const none = json<IncidentList>(
      await api('GET', `/api/v1/communes/${CODE}/campaign/incidents?kind=software`, leader),
    );
    expect(none.items.every((i) => i.kind === 'software')).toBe(true);
    expect(ids(none.items)).not.toContain(incident.id);

    const early = await api('POST', `/api/v1/campaign/incidents/${incident.id}/resolve`, counter, {
      version: incident.version,
      resolvedBy: 'VNPT Hà Tĩnh',
      resolvedAt: new Date(Date.now() - 200 * 60_000).toISOString(),
      resolution: 'Thay switch',
    });
    expect(early.statusCode).toBe(400);
    expect(fieldOf(early)).toBe('body.resolvedAt');

    const resolvedAt = new Date(new Date(occurredAt).getTime() + 135 * 60_000 - 1000).toISOString();
    const fixed = await api('POST', `/api/v1/campaign/incidents/${incident.id}/resolve`, counter, {
      version: incident.version,
      resolvedBy: 'VNPT Hà Tĩnh',
      resolvedAt,
      resolution: 'Thay switch tầng 1',
    });
    expect(fixed.statusCode, fixed.body).toBe(200);
    incident = json<IncidentDetail>(fixed);
    expect(incident).toMatchObject({ status: 'resolved', blocking: false, minutesToResolve: 134 });
    expect(ids(await openBlockingIncidents(t.database.db, CODE))).not.toContain(incident.id);
  });

  it('a reopened incident blocks again and counts its reopening; a stale version is 409', async () => {
    const res = await api('POST', `/api/v1/campaign/incidents/${incident.id}/reopen`, leader, {
      version: incident.version,
      reason: 'Lại mất mạng lúc 16 giờ',
    });
    expect(res.statusCode, res.body).toBe(200);
    const reopened = json<IncidentDetail>(res);
    expect(reopened).toMatchObject({ status: 'open', blocking: true, reopened: 1, resolvedAt: null });
    expect(reopened.history.map((h) => h.action)).toEqual([
      'campaign.incident.create',
      'campaign.incident.resolve',
      'campaign.incident.reopen',
    ]);
    expect(reopened.history.at(-1)!.reason).toBe('Lại mất mạng lúc 16 giờ');
    const stale = await api('POST', `/api/v1/campaign/incidents/${incident.id}/reopen`, leader, {
      version: incident.version,
      reason: 'lần nữa',
    });
    expect(stale.statusCode).toBe(409);
    incident = reopened;
  });

  it('incidents: observers and other communes cannot write; bad input names the field', async () => {
    const good = {
      kind: 'equipment',
      severity: 'low',
      title: 'Máy in hỏng',
      occurredAt: new Date().toISOString(),
    };
    expect(
      (await api('POST', `/api/v1/communes/${CODE}/campaign/incidents`, observer, good)).statusCode,
    ).toBe(403);
    expect(
      (await api('POST', `/api/v1/communes/${CODE}/campaign/incidents`, otherLeader, good)).statusCode,
    ).toBe(403);
    expect((await api('GET', `/api/v1/campaign/incidents/${incident.id}`, otherLeader)).statusCode).toBe(404);
    expect(
      (
        await api('POST', `/api/v1/campaign/incidents/${incident.id}/resolve`, observer, {
          version: incident.version,
          resolvedBy: 'x y',
          resolvedAt: new Date().toISOString(),
          resolution: 'abc',
        })
      ).statusCode,
    ).toBe(404); // a record-by-id write without the right answers as if the record were not there

    const post = (body: object) => api('POST', `/api/v1/communes/${CODE}/campaign/incidents`, counter, body);
    const cases: [object, string][] = [
      [{ ...good, kind: 'weather' }, 'body.kind'],
      [{ ...good, severity: 'urgent' }, 'body.severity'],
      [{ ...good, occurredAt: 'hôm qua' }, 'body.occurredAt'],
      [{ ...good, occurredAt: new Date(Date.now() + 3600_000).toISOString() }, 'body.occurredAt'],
      [{ ...good, title: 'x'.repeat(1_000_000) }, 'body.title'],
      [{ ...good, title: 'Máy\u0000in' }, 'body.title'],
      [{ ...good, trialId: '00000000-0000-7000-8000-000000000000' }, 'body.trialId'],
    ];
    for (const [body, field] of cases) {
      const res = await post(body);
      expect(res.statusCode, `${field}: ${res.body.slice(0, 300)}`).toBeGreaterThanOrEqual(400);
      expect(res.statusCode).toBeLessThan(500);
      if (res.statusCode === 400) expect(fieldOf(res)).toBe(field);
    }
  });

  it('the trial is held with a summary only once; the count moves to held', async () => {
    const short = await api('POST', `/api/v1/campaign/trials/${trial.id}/hold`, leader, {
      version: trial.version,
      summary: 'ok',
    });
    expect(fieldOf(short)).toBe('body.summary');
    const res = await api('POST', `/api/v1/campaign/trials/${trial.id}/hold`, leader, {
      version: trial.version,
      summary: 'Đã diễn tập kỳ họp HĐND và tiếp nhận 12 hồ sơ diễn tập; mạng nội bộ gián đoạn 2 giờ.',
    });
    expect(res.statusCode, res.body).toBe(200);
    const held = json<TrialDetail>(res);
    expect(held).toMatchObject({ status: 'held', incidents: { open: 1, total: 1 } });
    expect(held.summary).toContain('12 hồ sơ');
    expect((await trialsOf(t.database.db, '42')).get(CODE)).toMatchObject({
      held: heldBefore + 1,
      lastHeld: today,
    });
    const again = await api('POST', `/api/v1/campaign/trials/${trial.id}/cancel`, leader, {
      version: held.version,
      reason: 'Không cần',
    });
    expect(again.statusCode).toBe(409);
    // A future trial cannot be marked held.
    const future = json<TrialDetail>(
      await api(
        'POST',
        `/api/v1/communes/${CODE}/campaign/trials`,
        leader,
        plan({ trialDate: '2026-12-31' > today ? '2026-12-31' : today, observers: [] }),
      ),
    );
    if (future.trialDate > today) {
      const early = await api('POST', `/api/v1/campaign/trials/${future.id}/hold`, leader, {
        version: future.version,
        summary: 'Tóm tắt trước ngày diễn tập',
      });
      expect(early.statusCode).toBe(409);
    }
  });

  it('lessons: written by staff, found without diacritics across the province, filtered by tag and commune', async () => {
    const write = (h: object, code: string, body: object) =>
      api('POST', `/api/v1/communes/${code}/campaign/lessons`, h, body);
    const a = await write(counter, CODE, {
      title: 'Kiểm tra mạng nội bộ trước ngày vận hành',
      body: 'Cần kiểm tra switch và đường truyền của từng quầy một ngày trước khi diễn tập.',
      tags: ['Mạng', 'thiết bị', 'mạng'],
      trialId: trial.id,
    });
    expect(a.statusCode, a.body).toBe(201);
    expect(json<Lesson>(a)).toMatchObject({ tags: ['mạng', 'thiết bị'], trialDate: today });
    const b = await write(otherLeader, OTHER, {
      title: 'Phân công công chức từ các đơn vị cũ',
      body: 'Nên có bảng phân công rõ ràng cho công chức đến từ các xã cũ trước ngày diễn tập.',
      tags: ['nhân sự'],
    });
    expect(b.statusCode, b.body).toBe(201);
    const [idA, idB] = [json<Lesson>(a).id, json<Lesson>(b).id];
    // Sông Trí's staff find Trần Phú's lesson by typing without diacritics.
    const found = json<LessonList>(
      await api(
        'GET',
        `/api/v1/communes/${OTHER}/campaign/lessons?scope=province&q=${encodeURIComponent('mang noi bo')}`,
        otherLeader,
      ),
    );
    const mine = found.items.find((l) => l.id === idA)!;
    expect(mine).toMatchObject({
      title: 'Kiểm tra mạng nội bộ trước ngày vận hành',
      communeName: 'Phường Trần Phú',
    });
    expect(ids(found.items)).not.toContain(idB);
    for (const l of found.items)
      expect(foldVietnamese(`${l.title} ${l.body} ${l.tags.join(' ')}`)).toContain('mang noi bo');
    // Their own scope only shows their own.
    const own = json<LessonList>(await api('GET', `/api/v1/communes/${OTHER}/campaign/lessons`, otherLeader));
    expect(ids(own.items)).toContain(idB);
    expect(own.items.every((l) => l.communeCode === OTHER)).toBe(true);
    // The province reads all, filters by tag and commune; observers of a commune read the province's.
    const all = json<LessonList>(await api('GET', '/api/v1/provinces/42/campaign/lessons', province));
    expect(ids(all.items)).toEqual(expect.arrayContaining([idA, idB]));
    expect(all.tags.map((x) => x.tag)).toEqual(expect.arrayContaining(['mạng', 'nhân sự', 'thiết bị']));
    const byTag = json<LessonList>(
      await api(
        'GET',
        `/api/v1/provinces/42/campaign/lessons?tag=${encodeURIComponent('Nhân sự')}`,
        province,
      ),
    );
    expect(ids(byTag.items)).toContain(idB);
    expect(ids(byTag.items)).not.toContain(idA);
    expect(byTag.items.every((l) => l.tags.includes('nhân sự'))).toBe(true);
    const byCommune = json<LessonList>(
      await api('GET', `/api/v1/provinces/42/campaign/lessons?commune=${CODE}`, province),
    );
    expect(ids(byCommune.items)).toContain(idA);
    expect(byCommune.items.every((l) => l.communeCode === CODE)).toBe(true);
    // One at a time, the pages walk the same list, newest first.
    const walked: string[] = [];
    let cursor: string | null = null;
    do {
      const page: LessonList = json<LessonList>(
        await api(
          'GET',
          `/api/v1/provinces/42/campaign/lessons?limit=1${cursor ? `&cursor=${cursor}` : ''}`,
          province,
        ),
      );
      expect(page.items.length).toBeLessThanOrEqual(1);
      walked.push(...ids(page.items));
      cursor = page.nextCursor;
    } while (cursor && walked.length < 100);
    expect(walked).toEqual(ids(all.items));
    const obs = json<LessonList>(
      await api('GET', `/api/v1/communes/${CODE}/campaign/lessons?scope=province&q=PHAN%20CONG`, observer),
    );
    expect(ids(obs.items)).toContain(idB);
    expect(ids(obs.items)).not.toContain(idA);
  });

  it('a council member reads trials, incidents and the province lessons but writes none of them', async () => {
    for (const url of ['trials', 'incidents', 'lessons?scope=province'])
      expect((await api('GET', `/api/v1/communes/${CODE}/campaign/${url}`, delegate)).statusCode).toBe(200);
    expect((await api('GET', `/api/v1/campaign/trials/${trial.id}`, delegate)).statusCode).toBe(200);
    expect((await api('GET', `/api/v1/campaign/incidents/${incident.id}`, delegate)).statusCode).toBe(200);
    const writes: [string, object][] = [
      ['trials', plan()],
      [
        'incidents',
        { kind: 'other', severity: 'low', title: 'Thử ghi', occurredAt: new Date().toISOString() },
      ],
      ['lessons', { title: 'Thử ghi', body: 'Nội dung đủ dài để lưu lại.' }],
    ];
    for (const [kind, body] of writes)
      expect(
        (await api('POST', `/api/v1/communes/${CODE}/campaign/${kind}`, delegate, body)).statusCode,
      ).toBe(403);
    expect(
      (
        await api('POST', `/api/v1/campaign/incidents/${incident.id}/resolve`, delegate, {
          version: incident.version,
          resolvedBy: 'Ai đó',
          resolvedAt: new Date().toISOString(),
          resolution: 'Đã sửa',
        })
      ).statusCode,
    ).toBe(404);
  });

  it('lessons: who may write, other provinces, bad input', async () => {
    const body = { title: 'Bài học', body: 'Nội dung đủ dài để lưu lại.', tags: [] };
    expect((await api('POST', `/api/v1/communes/${CODE}/campaign/lessons`, observer, body)).statusCode).toBe(
      403,
    );
    expect((await api('GET', '/api/v1/provinces/40/campaign/lessons', province)).statusCode).toBe(403);
    expect((await api('GET', '/api/v1/provinces/42/campaign/lessons', leader)).statusCode).toBe(403);
    const foreign = await api('GET', `/api/v1/provinces/42/campaign/lessons?commune=${FOREIGN}`, province);
    expect(foreign.statusCode).toBe(400);
    expect(fieldOf(foreign)).toBe('query.commune');
    const badCursor = await api('GET', '/api/v1/provinces/42/campaign/lessons?cursor=xyz', province);
    expect(fieldOf(badCursor)).toBe('query.cursor');
    const cases: [object, string][] = [
      [{ ...body, title: '' }, 'body.title'],
      [{ ...body, body: 'ngắn' }, 'body.body'],
      [{ ...body, tags: Array.from({ length: 11 }, (_, i) => `t${i}`) }, 'body.tags'],
      [{ ...body, tags: ['x'.repeat(41)] }, 'body.tags.0'],
      [{ ...body, body: 'y'.repeat(30_000) }, 'body.body'],
    ];
    for (const [b, field] of cases) {
      const res = await api('POST', `/api/v1/communes/${CODE}/campaign/lessons`, counter, b);
      expect(res.statusCode, `${field}: ${res.body.slice(0, 200)}`).toBe(400);
      expect(fieldOf(res)).toBe(field);
    }
    const lessons = json<LessonList>(
      await api(
        'GET',
        `/api/v1/communes/${CODE}/campaign/lessons?q=${encodeURIComponent('switch từng quầy')}`,
        leader,
      ),
    );
    const id = lessons.items.find((l) => l.title === 'Kiểm tra mạng nội bộ trước ngày vận hành')!.id;
    expect(
      (await api('PATCH', `/api/v1/campaign/lessons/${id}`, otherLeader, { title: 'Sửa trộm' })).statusCode,
    ).toBe(404);
    expect((await api('DELETE', `/api/v1/campaign/lessons/${id}`, observer)).statusCode).toBe(404);
    const edited = await api('PATCH', `/api/v1/campaign/lessons/${id}`, counter, { tags: ['Internet'] });
    expect(json<Lesson>(edited).tags).toEqual(['internet']);
    const q = json<LessonList>(
      await api('GET', `/api/v1/communes/${CODE}/campaign/lessons?q=internet`, leader),
    );
    expect(ids(q.items)).toContain(id);
    expect((await api('DELETE', `/api/v1/campaign/lessons/${id}`, counter)).statusCode).toBe(200);
    expect((await api('GET', `/api/v1/campaign/lessons/${id}`, leader)).statusCode).toBe(404);
  });
});
