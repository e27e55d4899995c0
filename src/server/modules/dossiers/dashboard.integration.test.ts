import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, json, loginAs, type TestApp } from '../../../../tests/support/app';
import { ENGINES } from '../../../../tests/support/database';
import type { DossierActionRequest } from '../../../common/api/dossiers';
import { systemContext } from '../../db/transaction';
import { listAccounts } from '../auth/accounts';
import { getCalendar } from '../calendar/service';
import { listProcedures } from '../procedures/service';
import { communeDashboard } from './dashboard';
import type { DossierStatus } from './domain';
import {
  addTallies,
  backlogStanding,
  classify,
  emptyTally,
  monthOf,
  monthPeriod,
  previousMonth,
  ratesOf,
  type Tally,
} from './domain/statistics';
import { intakeDossier, submitOnline } from './intake';
import { rateDossier } from './ratings';
import { dossierAttachments, dossiers } from './schema';
import { actOnDossier, type Caller } from './service';

type Proc = {
  id: string;
  code: string;
  timeLimit: { kind: string; days?: number };
  requiredDocuments: unknown[];
};

const vn = (local: string) => new Date(`${local}+07:00`);
/** Friday 20/3/2026, 10:00 in Hà Tĩnh. */
const NOW = vn('2026-03-20T10:00:00');

describe.each(ENGINES)('commune dossier dashboard on %s', (engine) => {
  let t: TestApp;
  let callers: Record<'officer' | 'specialist' | 'leader', Caller>;
  let specialistName: string;
  let inDays: Proc; // 3 working days
  let sameDay: Proc;
  const ids: Record<string, string> = {};
  const codes: Record<string, string> = {};
  let n = 0;

  const applicant = (k: number) => ({
    fullName: 'Trần Văn Thống Kê',
    idNumber: `0420990${String(k).padStart(5, '0')}`,
    phone: `0913${String(k).padStart(6, '0')}`,
    address: 'Số 1, đường Nguyễn Du, phường Trần Phú, Hà Tĩnh',
  });
  const body = (p: Proc) => {
    n += 1;
    return {
      procedureId: p.id,
      applicant: applicant(n),
      receivingCommuneCode: '18100',
      competentCommuneCode: '18100',
      channel: 'counter' as const,
      checklist: p.requiredDocuments.map((_, index) => ({ index, status: 'received' as const })),
    };
  };
  const ctx = () => systemContext(t.database.db, 'dashboard test');

  /** One action of a scenario: who, what, at which local time. */
  type Step = [keyof typeof callers, Omit<DossierActionRequest, 'version'>, string];

  /** Receives a dossier at `at`, then runs its actions; returns the applicant's ID number (the verifier). */
  async function dossier(name: string, p: Proc, at: string, steps: Step[] = []) {
    const input = body(p);
    const d = await intakeDossier(ctx(), callers.officer, input, { now: vn(at) });
    let version = 1;
    for (const [who, action, when] of steps) {
      const request = { ...action, version } as DossierActionRequest;
      version = (await actOnDossier(ctx(), callers[who], d.id, request, { now: vn(when) })).version;
    }
    ids[name] = d.id;
    codes[name] = d.code;
    return input.applicant.idNumber;
  }
  const assign = (when: string): Step => [
    'officer',
    { action: 'assign', assigneeId: callers.specialist.accountId },
    when,
  ];
  const start = (when: string): Step => ['specialist', { action: 'start_processing' }, when];
  const toResult = (when: string): Step[] => [
    ['specialist', { action: 'submit_for_approval' }, when],
    ['leader', { action: 'approve' }, when],
    ['specialist', { action: 'mark_result_ready' }, when],
  ];

  beforeAll(async () => {
    t = await createTestApp(engine, { demo: true });
    const accounts = (await listAccounts(t.database.db, { limit: 200 })).items;
    const caller = (username: string) => {
      const a = accounts.find((x) => x.username === username)!;
      return { accountId: a.id, grants: a.grants };
    };
    callers = {
      officer: caller('motcua.tranphu'),
      specialist: caller('chuyenvien.tranphu'),
      leader: caller('lanhdao.tranphu'),
    };
    specialistName = accounts.find((x) => x.username === 'chuyenvien.tranphu')!.displayName;
    const all = (await listProcedures(t.database.db, {})) as unknown as Proc[];
    sameDay = all.find((p) => p.code === '1.001193')!;
    // Not one another agency receives (residence: the commune police; intake refuses those).
    inDays = all.find(
      (p) =>
        p.timeLimit.kind === 'working_days' &&
        p.timeLimit.days === 3 &&
        !(p as { outsideWorkflow?: unknown }).outsideWorkflow,
    )!;

    // Resolved on time (due 5/3, result 4/3), returned, rated satisfied, one document digitised.
    const onTimeId = await dossier('onTime', inDays, '2026-03-02T09:00:00', [
      assign('2026-03-02T09:30:00'),
      start('2026-03-02T10:00:00'),
      ...toResult('2026-03-04T15:00:00'),
      ['officer', { action: 'return_result' }, '2026-03-05T09:00:00'],
    ]);
    // Resolved late (due 5/3, result 9/3), returned, rated unsatisfied.
    const lateId = await dossier('resolvedLate', inDays, '2026-03-02T09:05:00', [
      assign('2026-03-02T09:30:00'),
      start('2026-03-02T10:00:00'),
      ...toResult('2026-03-09T10:00:00'),
      ['officer', { action: 'return_result' }, '2026-03-09T15:00:00'],
    ]);
    // An apology on 11/3 (due 12/3 → 17/3), then resolved on 13/3: late all the same.
    await dossier('apology', inDays, '2026-03-09T09:00:00', [
      assign('2026-03-09T09:30:00'),
      start('2026-03-09T10:00:00'),
      [
        'specialist',
        { action: 'record_apology', reason: 'Cần xác minh thêm.', newDueDate: '2026-03-17' },
        '2026-03-11T09:00:00',
      ],
      ...toResult('2026-03-13T10:00:00'),
    ]);
    // Waiting for a supplement since 17/3 (projected due 19/3, passed): the clock is stopped, not late.
    await dossier('paused', inDays, '2026-03-16T09:00:00', [
      assign('2026-03-16T09:30:00'),
      start('2026-03-16T10:00:00'),
      [
        'specialist',
        { action: 'request_supplement', reason: 'Thiếu giấy tờ.', items: ['Bản sao giấy khai sinh'] },
        '2026-03-17T09:00:00',
      ],
    ]);
    // Carried over from February, still in progress, due 2/3: overdue 14 working days on 20/3.
    await dossier('carriedOver', inDays, '2026-02-25T09:00:00', [
      assign('2026-02-25T09:30:00'),
      start('2026-02-25T10:00:00'),
    ]);
    // Carried over (due 26/2), resolved late on 3/3.
    await dossier('carriedResolved', inDays, '2026-02-23T09:00:00', [
      assign('2026-02-23T09:30:00'),
      start('2026-02-23T10:00:00'),
      ...toResult('2026-03-03T10:00:00'),
    ]);
    // Received 12/3, due 17/3, with the specialist: overdue 3 working days.
    await dossier('overdue', inDays, '2026-03-12T09:00:00', [assign('2026-03-12T09:30:00')]);
    // Same-day procedure received this morning, nobody assigned yet: due today.
    await dossier('dueToday', sameDay, '2026-03-20T09:00:00');
    // Withdrawn the day after receipt.
    await dossier('withdrawn', inDays, '2026-03-03T09:00:00', [
      ['officer', { action: 'withdraw', reason: 'Công dân xin rút.' }, '2026-03-04T09:00:00'],
    ]);
    // Submitted online, refused at intake (never received).
    n += 1;
    const online = await submitOnline(
      ctx(),
      {
        procedureId: inDays.id,
        applicant: applicant(n),
        competentCommuneCode: '18100',
        checklist: inDays.requiredDocuments.map((_, index) => ({ index, status: 'received' as const })),
      },
      { now: vn('2026-03-05T08:00:00') },
    );
    const [row] = await t.database.db.select().from(dossiers).where(eq(dossiers.code, online.code));
    await actOnDossier(
      ctx(),
      callers.officer,
      row!.id,
      { action: 'refuse_intake', version: 1, reason: 'Không thuộc thẩm quyền.' },
      { now: vn('2026-03-05T09:00:00') },
    );

    await rateDossier(ctx(), codes.onTime!, onTimeId, { rating: 'satisfied' }, vn('2026-03-05T10:00:00'));
    await rateDossier(
      ctx(),
      codes.resolvedLate!,
      lateId,
      { rating: 'unsatisfied' },
      vn('2026-03-10T10:00:00'),
    );
    const scan = (dossierId: string, digitised: boolean) => ({
      id: randomUUID(),
      dossierId,
      communeCode: '18100',
      fileName: 'to-khai.pdf',
      contentType: 'application/pdf',
      sizeBytes: 1000,
      sha256: 'a'.repeat(64),
      storageKey: `test/${randomUUID()}`,
      digitised,
      uploadedAt: vn('2026-03-02T09:10:00'),
    });
    await t.database.db
      .insert(dossierAttachments)
      .values([scan(ids.onTime!, true), scan(ids.onTime!, true), scan(ids.resolvedLate!, false)]);
  });
  afterAll(() => t?.close());

  it("gives the month's figures for a known set of dossiers, and the month before", async () => {
    const d = await communeDashboard(t.database.db, { communeCode: '18100', month: '2026-03', now: NOW });
    expect(d.month).toBe('2026-03');
    expect(d.previousMonth).toBe('2026-02');
    expect(d.current).toEqual({
      carriedOver: 2,
      received: 7,
      resolved: 4,
      resolvedOnTime: 1,
      resolvedLate: 3, // resolvedLate, apology, carriedResolved
      inProgress: 4, // paused, carriedOver, overdue, dueToday
      inProgressLate: 2, // carriedOver, overdue (not the paused one)
      waiting: 1,
      withdrawn: 1,
      refused: 1,
      transferred: 0,
      lateRate: 5 / 9,
      onTimeRate: 1 - 5 / 9,
    });
    // End of February: both February dossiers open; only the one due 26/2 was late by then.
    expect(d.previous).toMatchObject({ carriedOver: 0, received: 2, inProgress: 2, inProgressLate: 1 });
    expect(d.previous.lateRate).toBe(0.5);
    // Both rated dossiers were returned by the counter officer: the ratings are theirs.
    expect(d.satisfaction).toEqual({
      satisfied: 1,
      neutral: 0,
      unsatisfied: 1,
      byOfficial: [
        {
          accountId: callers.officer.accountId,
          displayName: expect.stringContaining('Một Cửa'),
          satisfied: 1,
          neutral: 0,
          unsatisfied: 1,
        },
      ],
    });
    expect(d.digitisation).toEqual({ counterReceived: 7, digitised: 1, rate: 1 / 7 });
  });

  it('breaks the month down by procedure and by official (names from the accounts)', async () => {
    const d = await communeDashboard(t.database.db, { communeCode: '18100', month: '2026-03', now: NOW });
    const proc = (id: string) => d.byProcedure.find((p) => p.procedureId === id);
    expect(proc(sameDay.id)).toMatchObject({ received: 1, inProgress: 1, inProgressLate: 0 });
    expect(proc(inDays.id)).toMatchObject({ carriedOver: 2, received: 6, resolvedLate: 3, refused: 1 });
    const specialist = d.byOfficial.find((o) => o.accountId === callers.specialist.accountId);
    expect(specialist).toMatchObject({
      displayName: specialistName,
      carriedOver: 2,
      received: 5,
      resolved: 4,
      inProgressLate: 2,
    });
    expect(d.byOfficial.find((o) => o.accountId === null)).toMatchObject({
      displayName: null,
      received: 2,
      withdrawn: 1,
      refused: 1,
    });
  });

  it('lists the anti-backlog: overdue oldest first, then due soon, with the holder and days late', async () => {
    const d = await communeDashboard(t.database.db, { communeCode: '18100', month: '2026-03', now: NOW });
    expect(d.backlog).toMatchObject({ overdue: 2, dueSoon: 1, limit: 50 });
    expect(d.backlog.items.map((i) => [i.code, i.level, i.daysLate, i.holderName])).toEqual([
      [codes.carriedOver, 'overdue', 14, specialistName],
      [codes.overdue, 'overdue', 3, specialistName],
      [codes.dueToday, 'due_soon', 0, null],
    ]);
    expect(d.backlog.items[0]).toMatchObject({ dueDate: '2026-03-02', id: ids.carriedOver });
  });

  it('agrees with the pure classification of every dossier in the database, for every commune and month', async () => {
    const rows = await t.database.db.select().from(dossiers);
    const calendar = await getCalendar(t.database.db);
    const realNow = new Date();
    const cases: [Date, string][] = [
      [NOW, '2026-03'],
      [NOW, '2026-02'],
      [realNow, monthOf(realNow)],
      [realNow, previousMonth(monthOf(realNow))],
    ];
    const communes = [...new Set(rows.map((r) => r.communeCode))];
    expect(communes).toEqual(expect.arrayContaining(['18100', '18754']));
    for (const communeCode of communes) {
      const mine = rows
        .filter((r) => r.communeCode === communeCode)
        .map((r) => ({ ...r, status: r.status as DossierStatus }));
      for (const [now, month] of cases) {
        const period = monthPeriod(month, now);
        const tally = (subset: typeof mine): Tally =>
          subset.map((r) => classify(r, period, calendar)).reduce(addTallies, emptyTally());
        const d = await communeDashboard(t.database.db, { communeCode, month, now });
        const expected = tally(mine);
        const where = `${communeCode} ${month}`;
        expect({ where, ...d.current }).toEqual({ where, ...expected, ...ratesOf(expected) });
        for (const p of d.byProcedure) {
          const { procedureId, procedureName: _, ...figures } = p;
          const e = tally(mine.filter((r) => r.procedureId === procedureId));
          expect({ where, procedureId, ...figures }).toEqual({ where, procedureId, ...e, ...ratesOf(e) });
        }
        for (const o of d.byOfficial) {
          const { accountId, displayName: _, ...figures } = o;
          const e = tally(mine.filter((r) => r.assigneeId === accountId));
          expect({ where, accountId, ...figures }).toEqual({ where, accountId, ...e, ...ratesOf(e) });
        }
        const standings = mine.map((r) => backlogStanding(r, now, calendar));
        expect({ where, overdue: d.backlog.overdue, dueSoon: d.backlog.dueSoon }).toEqual({
          where,
          overdue: standings.filter((s) => s?.level === 'overdue').length,
          dueSoon: standings.filter((s) => s?.level === 'due_soon').length,
        });
      }
    }
  });

  describe('over HTTP', () => {
    const get = async (username: string, url: string) =>
      t.app.inject({ method: 'GET', url, headers: await loginAs(t.app, username) });
    const url = (code: string, month?: string) =>
      `/api/v1/communes/${code}/dossier-dashboard${month ? `?month=${month}` : ''}`;

    it.each(['lanhdao.tranphu', 'motcua.tranphu', 'chuyenvien.tranphu', 'tinh.hatinh'])(
      'answers %s for Trần Phú',
      async (username) => {
        const res = await get(username, url('18100', '2026-03'));
        expect(res.statusCode).toBe(200);
        expect(json(res)).toMatchObject({ communeCode: '18100', month: '2026-03', current: { received: 7 } });
      },
    );

    it("refuses another commune's leader (403)", async () => {
      const res = await get('lanhdao.songtri', url('18100'));
      expect(res.statusCode).toBe(403);
      expect((await get('lanhdao.songtri', url('18754'))).statusCode).toBe(200);
    });

    it.each(['2026-13', '2026-3', 'march', '2999-01'])(
      'refuses month=%s (400 naming query.month)',
      async (m) => {
        const res = await get('lanhdao.tranphu', url('18100', m));
        expect(res.statusCode).toBe(400);
        expect(json<{ errors: { field: string }[] }>(res).errors.map((e) => e.field)).toEqual([
          'query.month',
        ]);
      },
    );

    it('asks for a sign-in first (401)', async () => {
      expect((await t.app.inject({ method: 'GET', url: url('18100') })).statusCode).toBe(401);
    });
  });
});
