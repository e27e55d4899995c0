/**
 * The work queues: every state of the lifecycle in a queue (the decided dossiers where the result is made ready),
 * "to receive" split in two, the counts on the tabs equal to the dashboard's, one search over every state (code,
 * name without diacritics, phone with spaces or +84, ID number), a foreign commune refused (403); and the
 * filters by procedure and by date of receipt, in local (UTC+7) dates: a dossier received at 00:10 on 3/3 in
 * Hà Tĩnh (17:10 UTC on 2/3) belongs to 3/3.
 */
import { and, desc, eq, isNull, or } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, json, loginAs, type TestApp } from '../../../../tests/support/app';
import { ENGINES } from '../../../../tests/support/database';
import { QUEUE_TABS } from '../../../common/api/dossiers';
import { systemContext } from '../../db/transaction';
import { listAccounts } from '../auth/accounts';
import { listProcedures } from '../procedures/service';
import { communeDashboard } from './dashboard';
import { intakeDossier, submitOnline } from './intake';
import { dossiers } from './schema';
import { actOnDossier, type Caller } from './service';

const vn = (local: string) => new Date(`${local}+07:00`);

describe.each(ENGINES)('work queue filters on %s', (engine) => {
  let t: TestApp;
  let officer: Record<string, string>;
  let birth: { id: string; requiredDocuments: unknown[] };
  let other: { id: string; requiredDocuments: unknown[] };
  const codes: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp(engine, { demo: true });
    officer = await loginAs(t.app, 'motcua.tranphu');
    const procedures = (await listProcedures(t.database.db, {})) as unknown as {
      id: string;
      code: string;
      requiredDocuments: unknown[];
    }[];
    birth = procedures.find((p) => p.code === '1.001193')!;
    other = procedures.find((p) => p.code !== '1.001193')!;
    const account = (await listAccounts(t.database.db, { q: 'motcua.tranphu', limit: 5 })).items[0]!;
    const ctx = systemContext(t.database.db, 'test');
    const receive = async (key: string, procedure: typeof birth, at: string) => {
      const d = await intakeDossier(
        ctx,
        { accountId: account.id, grants: account.grants },
        {
          procedureId: procedure.id,
          applicant: {
            fullName: `Lưu Thị Mận ${key}`,
            idNumber: `04219900${String(Object.keys(codes).length + 1).padStart(4, '0')}`,
            phone: `091999${String(Object.keys(codes).length + 1).padStart(4, '0')}`,
            address: 'Phường Trần Phú, Hà Tĩnh',
          },
          receivingCommuneCode: '18100',
          competentCommuneCode: '18100',
          channel: 'counter',
          checklist: procedure.requiredDocuments.map((_, index) => ({ index, status: 'received' as const })),
        },
        { now: vn(at) },
      );
      codes[key] = d.code;
    };
    await receive('late-evening', birth, '2026-03-02T23:30:00');
    await receive('just-after-midnight', birth, '2026-03-03T00:10:00');
    await receive('other-procedure', other, '2026-03-03T09:00:00');
    await receive('two-days-later', birth, '2026-03-05T09:00:00');
  });
  afterAll(() => t?.close());

  const list = async (query: string) => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/dossiers?q=luu thi man&${query}`,
      headers: officer,
    });
    return {
      status: res.statusCode,
      codes: (json<{ items: { code: string }[] }>(res).items ?? []).map((i) => i.code),
    };
  };

  it('finds the dossiers received on a local date, whatever the UTC date', async () => {
    const day = await list('receivedFrom=2026-03-03&receivedTo=2026-03-03');
    expect(day.codes.sort()).toEqual([codes['just-after-midnight'], codes['other-procedure']].sort());
  });

  it('narrows to one procedure', async () => {
    const r = await list(`procedureId=${birth.id}&receivedFrom=2026-03-02`);
    expect(r.codes.sort()).toEqual(
      [codes['late-evening'], codes['just-after-midnight'], codes['two-days-later']].sort(),
    );
  });

  it('takes an open-ended range', async () => {
    expect((await list('receivedFrom=2026-03-04')).codes).toEqual([codes['two-days-later']]);
    expect((await list('receivedTo=2026-03-02')).codes).toEqual([codes['late-evening']]);
  });

  it('refuses a range that ends before it starts, and an impossible date, naming the field', async () => {
    const reversed = await t.app.inject({
      method: 'GET',
      url: '/api/v1/dossiers?receivedFrom=2026-03-05&receivedTo=2026-03-01',
      headers: officer,
    });
    expect(reversed.statusCode).toBe(400);
    expect(json<{ errors: { field: string }[] }>(reversed).errors[0]!.field).toBe('query.receivedTo');
    const impossible = await t.app.inject({
      method: 'GET',
      url: '/api/v1/dossiers?receivedFrom=2026-02-30',
      headers: officer,
    });
    expect(impossible.statusCode).toBe(400);
    expect(json<{ errors: { field: string }[] }>(impossible).errors[0]!.field).toBe('query.receivedFrom');
  });
});

type Proc = {
  id: string;
  code: string;
  timeLimit: { kind: string; days?: number };
  requiredDocuments: unknown[];
};
type Counts = Record<(typeof QUEUE_TABS)[number], number>;
const DAY = 86_400_000;

/** A dossier in every state of the lifecycle, dated back from the real now, in Trần Phú (18100). */
describe.each(ENGINES)('queues over every state on %s', (engine) => {
  let t: TestApp;
  let callers: Record<'officer' | 'specialist' | 'leader', Caller>;
  let headers: Record<string, string>;
  const codes: Record<string, string> = {};
  const idNumbers: Record<string, string> = {};
  const now = new Date();
  const ago = (days: number, minutes = 0) => new Date(now.getTime() - days * DAY + minutes * 60_000);
  let n = 0;

  beforeAll(async () => {
    t = await createTestApp(engine, { demo: true });
    headers = await loginAs(t.app, 'motcua.tranphu');
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
    const all = (await listProcedures(t.database.db, {})) as unknown as Proc[];
    // Not one another agency receives (residence: the commune police; intake refuses those).
    const inDays = all.find(
      (p) =>
        p.timeLimit.kind === 'working_days' &&
        p.timeLimit.days === 3 &&
        !(p as { outsideWorkflow?: unknown }).outsideWorkflow,
    )!;
    const ctx = systemContext(t.database.db, 'queues test');
    const applicant = (phone = `0977${String(++n).padStart(6, '0')}`) => ({
      fullName: `Đặng Thị Hàng Đợi ${n}`,
      idNumber: `0421880${String(n).padStart(5, '0')}`,
      phone,
      address: 'Phường Trần Phú, Hà Tĩnh',
    });
    type Step = [keyof typeof callers, Record<string, unknown>];
    const assign: Step = ['officer', { action: 'assign', assigneeId: callers.specialist.accountId }];
    const start: Step = ['specialist', { action: 'start_processing' }];
    const submit: Step = ['specialist', { action: 'submit_for_approval' }];
    /** Received `days` ago (at the counter, or online then received), then each step a minute apart. */
    const dossier = async (
      name: string,
      days: number,
      steps: Step[],
      options: { online?: boolean; phone?: string; competent?: string } = {},
    ) => {
      const body = {
        procedureId: inDays.id,
        applicant: applicant(options.phone),
        competentCommuneCode: options.competent ?? '18100',
        checklist: inDays.requiredDocuments.map((_, index) => ({ index, status: 'received' as const })),
      };
      const d = options.online
        ? await submitOnline(ctx, body, { now: ago(days) })
        : await intakeDossier(
            ctx,
            callers.officer,
            { ...body, receivingCommuneCode: '18100', channel: 'counter' },
            { now: ago(days) },
          );
      const [row] = await t.database.db.select().from(dossiers).where(eq(dossiers.code, d.code));
      let version = 1;
      for (const [i, [who, action]] of steps.entries()) {
        const request = { ...action, version } as never;
        version = (await actOnDossier(ctx, callers[who], row!.id, request, { now: ago(days, i + 1) }))
          .version;
      }
      codes[name] = d.code;
      idNumbers[name] = body.applicant.idNumber;
    };
    await dossier('online', 0, [], { online: true });
    await dossier('received', 0, []);
    await dossier('assigned', 0, [assign]);
    await dossier('processing', 0, [assign, start]);
    await dossier('supplement', 0, [
      assign,
      start,
      ['specialist', { action: 'request_supplement', reason: 'Thiếu giấy tờ.', items: ['Bản sao CCCD'] }],
    ]);
    await dossier('payment', 0, [
      assign,
      start,
      ['specialist', { action: 'request_payment', reason: 'Lệ phí.' }],
    ]);
    await dossier('forApproval', 0, [assign, start, submit]);
    // Decided weeks ago, result never made ready: overdue, and in "to finish" (the issue's lost dossiers).
    await dossier('approvedLate', 30, [assign, start, submit, ['leader', { action: 'approve' }]], {
      phone: '0988777123', // as the API stores it (common/phone.ts)
    });
    await dossier('rejectedLate', 30, [
      assign,
      start,
      submit,
      ['leader', { action: 'reject', reason: 'Không đủ điều kiện.' }],
    ]);
    await dossier('approved', 0, [assign, start, submit, ['leader', { action: 'approve' }]]);
    const toResult: Step[] = [
      assign,
      start,
      submit,
      ['leader', { action: 'approve' }],
      ['specialist', { action: 'mark_result_ready' }],
    ];
    await dossier('ready', 0, toResult);
    await dossier('returned', 1, [...toResult, ['officer', { action: 'return_result' }]]);
    await dossier('withdrawn', 0, [['officer', { action: 'withdraw', reason: 'Công dân xin rút.' }]]);
    await dossier('transferred', 0, [
      ['officer', { action: 'transfer', toCommuneCode: '18754', reason: 'Thuộc thẩm quyền Sông Trí.' }],
    ]);
    await dossier(
      'refused',
      0,
      [['officer', { action: 'refuse_intake', reason: 'Không thuộc thẩm quyền.' }]],
      {
        online: true,
      },
    );
    // Received at Trần Phú's counter for Sông Trí (phi địa giới): Trần Phú follows it, Sông Trí acts on it.
    await dossier('forOther', 0, [], { competent: '18754' });
  });
  afterAll(() => t?.close());

  const get = (url: string, h = headers) => t.app.inject({ method: 'GET', url, headers: h });
  const listed = async (query: string, h = headers) => {
    const res = await get(`/api/v1/dossiers?communeCode=18100&limit=200&${query}`, h);
    expect(res.statusCode).toBe(200);
    return json<{ items: { code: string; status: string; deadline: string }[] }>(res).items;
  };
  const codesIn = async (query: string) => (await listed(query)).map((i) => i.code);
  const countsOf = async (query = '', h = headers) => {
    const res = await get(`/api/v1/dossiers/queue-counts?communeCode=18100${query}`, h);
    expect(res.statusCode).toBe(200);
    return json<{ counts: Counts }>(res).counts;
  };

  it.each([
    ['to_intake', ['online'], ['received', 'refused']],
    ['to_assign', ['received'], ['online', 'assigned', 'forOther']],
    ['processing', ['assigned', 'processing'], ['received', 'supplement']],
    ['waiting', ['supplement', 'payment'], ['processing']],
    ['to_approve', ['forApproval'], ['approved']],
    ['to_finish', ['approvedLate', 'rejectedLate', 'approved'], ['ready', 'forApproval']],
    ['to_return', ['ready'], ['returned', 'approved']],
    ['overdue', ['approvedLate', 'rejectedLate'], ['ready', 'returned', 'approved']],
    ['all', ['returned', 'withdrawn', 'transferred', 'refused', 'forOther', 'online'], []],
  ])('the %s queue holds %j and not %j', async (queue, inside, outside) => {
    const found = await codesIn(`queue=${queue}`);
    for (const name of inside)
      expect({ name, found: found.includes(codes[name]!) }).toEqual({ name, found: true });
    for (const name of outside)
      expect({ name, found: found.includes(codes[name]!) }).toEqual({ name, found: false });
  });

  it('keeps the old "to_receive" queue: awaiting intake and awaiting assignment together', async () => {
    const old = await codesIn('queue=to_receive');
    expect(old).toEqual(expect.arrayContaining([codes.online, codes.received]));
    const split = [...(await codesIn('queue=to_intake')), ...(await codesIn('queue=to_assign'))];
    expect(old.sort()).toEqual(split.sort());
  });

  it('pages "all" newest first, each dossier once: its own and those its counter received for others', async () => {
    // The whole list as the table holds it: the commune's own dossiers or those received at its counter.
    const expected = (
      await t.database.db
        .select({ code: dossiers.code })
        .from(dossiers)
        .where(
          and(
            or(eq(dossiers.communeCode, '18100'), eq(dossiers.receivingCommuneCode, '18100')),
            isNull(dossiers.archivedAt),
          ),
        )
        .orderBy(desc(dossiers.receivedAt), desc(dossiers.id))
    ).map((r) => r.code);
    expect(expected).toContain(codes.forOther);
    for (const queue of ['queue=all&', '']) {
      const paged: string[] = [];
      let cursor: string | null = null;
      do {
        const res = await get(
          `/api/v1/dossiers?communeCode=18100&${queue}limit=4${cursor ? `&cursor=${cursor}` : ''}`,
        );
        expect(res.statusCode).toBe(200);
        const page = json<{ items: { code: string }[]; nextCursor: string | null }>(res);
        paged.push(...page.items.map((i) => i.code));
        cursor = page.nextCursor;
      } while (cursor);
      expect(paged).toEqual(expected);
    }
  });

  it("marks each listed dossier against its due date by the queues' rule", async () => {
    const all = await listed('queue=all');
    const deadline = (name: string) => all.find((i) => i.code === codes[name])!.deadline;
    expect(deadline('approvedLate')).toBe('overdue');
    expect(deadline('supplement')).toBe('paused');
    expect(deadline('ready')).toBe('none');
    expect(deadline('returned')).toBe('none');
    expect(deadline('online')).toBe('none');
  });

  it('counts every tab as the list holds it, and as the dashboard counts (overdue, due soon, waiting, open)', async () => {
    const counts = await countsOf();
    for (const queue of QUEUE_TABS) {
      const items = await listed(`queue=${queue}`);
      expect({ queue, count: counts[queue] }).toEqual({ queue, count: items.length });
    }
    const dashboard = await communeDashboard(t.database.db, { communeCode: '18100' });
    expect({ overdue: counts.overdue, dueSoon: counts.due_soon }).toEqual({
      overdue: dashboard.backlog.overdue,
      dueSoon: dashboard.backlog.dueSoon,
    });
    expect(counts.overdue).toBeGreaterThanOrEqual(2);
    expect(counts.waiting).toBe(dashboard.current.waiting);
    // Every received, unresolved dossier is in exactly one state tab.
    expect(counts.to_assign + counts.processing + counts.waiting + counts.to_approve + counts.to_finish).toBe(
      dashboard.current.inProgress,
    );
    // The specialist's own: what they were given and have not passed on.
    const mine = await countsOf('', await loginAs(t.app, 'chuyenvien.tranphu'));
    expect(mine.mine).toBeGreaterThanOrEqual(2);
  });

  it.each([
    ['the code', () => codes.approvedLate!],
    ['the phone with spaces', () => '0988 777 123'],
    ['the phone with +84', () => '+84 988 777 123'],
    ['the phone, digits only', () => '0988777123'],
  ])('finds a decided dossier by %s whatever the tab, and counts it in its own', async (_, q) => {
    const query = `q=${encodeURIComponent(q())}`;
    expect(await codesIn(`queue=all&${query}`)).toEqual([codes.approvedLate]);
    expect(await codesIn(`queue=to_intake&${query}`)).toEqual([]);
    const counts = await countsOf(`&${query}`);
    expect(counts).toMatchObject({ all: 1, to_finish: 1, overdue: 1, to_intake: 0, to_return: 0 });
  });

  it('finds by name without diacritics and by ID number, across states', async () => {
    const byName = await listed('queue=all&q=dang thi hang doi');
    expect(byName.map((i) => i.code)).toEqual(
      expect.arrayContaining([codes.returned, codes.withdrawn, codes.online, codes.approved]),
    );
    expect(new Set(byName.map((i) => i.status)).size).toBeGreaterThan(8);
    expect(byName.find((i) => i.code === codes.returned)!.status).toBe('returned');
    expect(await codesIn(`queue=all&q=${idNumbers.withdrawn}`)).toEqual([codes.withdrawn]);
    expect(await codesIn(`queue=to_assign&q=${idNumbers.withdrawn}`)).toEqual([]);
  });

  it("refuses another commune's queues and counts (403), for the list as for the counts", async () => {
    const other = await loginAs(t.app, 'motcua.songtri');
    const list = await get('/api/v1/dossiers?communeCode=18100', other);
    expect(list.statusCode).toBe(403);
    expect(json<{ code: string }>(list).code).toBe('forbidden');
    expect((await get('/api/v1/dossiers/queue-counts?communeCode=18100', other)).statusCode).toBe(403);
    expect((await get('/api/v1/dossiers/queue-counts?communeCode=1810', other)).statusCode).toBe(400);
    // Sông Trí's own queues hold what Trần Phú received for it, ready to assign.
    const theirs = await get('/api/v1/dossiers?communeCode=18754&queue=to_assign&limit=200', other);
    expect(json<{ items: { code: string }[] }>(theirs).items.map((i) => i.code)).toContain(codes.forOther);
  });
});
