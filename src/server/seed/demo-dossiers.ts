/**
 * Demo dossiers (demo mode only): the procedure catalogue, then a few hundred dossiers across the Hà Tĩnh trial
 * communes in every kind of state — submitted online, just received, received at a neighbouring centre, with the
 * specialist, waiting for the citizen, extended, awaiting approval, ready, returned and rated, withdrawn, rejected,
 * overdue, late with an apology, due today — dated around today (this month and the two before). Each dossier's
 * history is computed by the lifecycle as the API's use cases compute it (intake, actions, rating: the same checks,
 * due dates and records) and a commune's dossiers are written in one transaction with their codes from the intake
 * counters, the applicants' messages and the audit entries (modules/dossiers/seed-bulk.ts): a few statements per
 * commune instead of a use case call per step. Idempotent: a commune that already has dossiers is left as it is.
 */
import { count, eq } from 'drizzle-orm';
import type { DossierActionRequest, IntakeRequest, RatingRequest } from '../../common/api/dossiers';
import type { WriteContext } from '../db/transaction';
import { findAccountByUsername } from '../modules/auth/accounts';
import { getCalendar } from '../modules/calendar/service';
import type { WorkingCalendar } from '../modules/calendar/working-days';
import { localDate } from '../modules/dossiers/domain';
import { dossiers } from '../modules/dossiers/schema';
import { type BulkDossier, BulkDossiers, writeBulkDossiers } from '../modules/dossiers/seed-bulk';
import type { Caller } from '../modules/dossiers/service';
import { listProcedures, loadCatalogue } from '../modules/procedures/service';
import { findCommuneLocation } from '../modules/units/service';

/** The Hà Tĩnh trial communes with demo accounts (seed/demo.ts): code, account slug, how the addresses name it. */
export const DEMO_DOSSIER_COMMUNES: [code: string, slug: string, place: string][] = [
  ['18100', 'tranphu', 'phường Trần Phú'],
  ['18754', 'songtri', 'phường Sông Trí'],
  ['18496', 'huongkhe', 'xã Hương Khê'],
  ['18313', 'vuquang', 'xã Vũ Quang'],
  ['18373', 'tiendien', 'xã Tiên Điền'],
  ['18229', 'ductho', 'xã Đức Thọ'],
  ['18562', 'thachha', 'xã Thạch Hà'],
  ['18673', 'camxuyen', 'xã Cẩm Xuyên'],
  ['18406', 'canloc', 'xã Can Lộc'],
  ['18775', 'kyanh', 'xã Kỳ Anh'],
];

/**
 * 'full' (npm start): every trial commune, this month's work and two earlier rounds of returned and rated
 * dossiers (a few hundred in all). 'small' (the test harness): Trần Phú and Sông Trí, this month only — the same
 * kinds of states, seeded in a fraction of the time.
 */
export type DemoScale = 'full' | 'small';

/**
 * How the demo's dossiers are written, one commune at a time. The seed's (bulkWriter): each history computed by the
 * lifecycle as the use cases compute it, and a commune written in one transaction. A test passes a writer that calls
 * the use cases one by one, and compares what the two wrote.
 */
export interface DemoDossierWriter<D> {
  /** Received at the counter by `caller`, or filed online by the applicant when `caller` is null. */
  intake(caller: Caller | null, input: IntakeRequest, at: Date): Promise<D>;
  act(d: D, caller: Caller, action: Omit<DossierActionRequest, 'version'>, at: Date): Promise<void>;
  /** The due date in force after the last action, as the dossier is presented at `at`. */
  dueDate(d: D, at: Date): string;
  rate(d: D, input: RatingRequest, at: Date): Promise<void>;
  /** The commune's dossiers are all there. */
  commit(): Promise<void>;
}

export type DemoDossierWriters = (ctx: WriteContext, calendar: WorkingCalendar) => DemoDossierWriter<unknown>;

/** The seed's writer: modules/dossiers/seed-bulk.ts. */
export const bulkWriter: DemoDossierWriters = (ctx, calendar) => {
  const bulk = new BulkDossiers(ctx.db, calendar);
  let pending: BulkDossier[] = [];
  const writer: DemoDossierWriter<BulkDossier> = {
    async intake(caller, input, at) {
      const d = await bulk.intake(caller, input, at);
      pending.push(d);
      return d;
    },
    act: (d, caller, action, at) => bulk.act(d, caller, action, at),
    dueDate: (d, at) => bulk.dueDate(d, at)!,
    async rate(d, input, at) {
      bulk.rate(d, input, at);
    },
    async commit() {
      const list = pending;
      pending = [];
      await writeBulkDossiers(ctx, list);
    },
  };
  return writer as DemoDossierWriter<unknown>;
};

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Phan', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô'];
const MIDDLE = ['Văn', 'Thị', 'Đức', 'Thị Thu', 'Minh', 'Thị Ngọc'];
const GIVEN = ['An', 'Bình', 'Cường', 'Dung', 'Hải', 'Hoa', 'Khánh', 'Lan', 'Minh', 'Ngọc', 'Phúc', 'Thảo'];
const STREETS = ['Trần Phú', 'Nguyễn Du', 'Hà Huy Tập', 'Phan Đình Phùng', 'Lê Duẩn', 'Xuân Diệu'];
const RATINGS = ['satisfied', 'satisfied', 'neutral', 'satisfied', 'unsatisfied'] as const;
const COMMENTS = [
  'Cán bộ hướng dẫn tận tình.',
  null,
  'Thời gian chờ hơi lâu.',
  null,
  'Phải đi lại nhiều lần.',
];

type Who = 'officer' | 'specialist' | 'leader';
type ActionBody = Omit<DossierActionRequest, 'version'>;
/** An action, or one whose dates depend on the due date in force and today (extension, apology). */
type Step = {
  who: Who;
  action: ActionBody | ((due: string, today: string, calendar: WorkingCalendar) => ActionBody);
};

const ASSIGN: Step = { who: 'officer', action: { action: 'assign' } };
const START: Step = { who: 'specialist', action: { action: 'start_processing' } };
const SUBMIT: Step = { who: 'specialist', action: { action: 'submit_for_approval' } };
const APPROVE: Step = { who: 'leader', action: { action: 'approve' } };
const READY: Step = { who: 'specialist', action: { action: 'mark_result_ready' } };
const RETURN: Step = { who: 'officer', action: { action: 'return_result' } };
const SUPPLEMENT: Step = {
  who: 'specialist',
  action: {
    action: 'request_supplement',
    reason: 'Hồ sơ còn thiếu giấy tờ theo quy định.',
    items: ['Bản sao giấy tờ chứng minh nơi cư trú'],
  },
};
const RESUMED: Step = { who: 'officer', action: { action: 'supplement_received' } };
const APOLOGY: Step = {
  who: 'leader',
  action: (due, today, calendar) => ({
    action: 'record_apology',
    reason: 'Cần xác minh thêm thông tin với cơ quan liên quan nên chưa trả kết quả đúng hẹn.',
    // biome-ignore lint/complexity/useMathMinMax: ISO dates (strings) compare as text, Math.max would give NaN
    newDueDate: calendar.addWorkingDays(due > today ? due : today, 3),
  }),
};
const EXTEND: Step = {
  who: 'leader',
  action: (due, _today, calendar) => ({
    action: 'extend',
    reason: 'Hồ sơ cần lấy ý kiến phối hợp của cơ quan chuyên môn.',
    newDueDate: calendar.addWorkingDays(due, 5),
  }),
};
const DONE = [ASSIGN, START, SUBMIT, APPROVE, READY, RETURN];

interface Scenario {
  /** Working days ago the dossier was received. */
  ago: number;
  kind: 'same_day' | 'days';
  steps: Step[];
  /** Submitted online and not yet received (waits in "to receive"). */
  online?: boolean;
  /** Received at the neighbouring commune's centre (phi địa giới), for this commune to process. */
  elsewhere?: boolean;
  /** Rated by the applicant after return. */
  rated?: boolean;
}

/** This month's work: every state, some due today, some late, some waiting for the citizen. */
const CURRENT: Scenario[] = [
  { ago: 0, kind: 'same_day', steps: [] },
  { ago: 0, kind: 'days', steps: [] },
  { ago: 0, kind: 'days', steps: [], online: true },
  { ago: 0, kind: 'same_day', steps: [ASSIGN, START] },
  { ago: 1, kind: 'days', steps: [ASSIGN] },
  { ago: 1, kind: 'days', steps: [ASSIGN, START] },
  { ago: 1, kind: 'days', steps: [ASSIGN, START, EXTEND] },
  { ago: 2, kind: 'days', steps: [ASSIGN, START, SUPPLEMENT] },
  { ago: 2, kind: 'days', steps: [ASSIGN, START, SUBMIT] },
  { ago: 2, kind: 'days', steps: [ASSIGN, START], elsewhere: true },
  { ago: 3, kind: 'days', steps: [ASSIGN, START, SUBMIT, APPROVE] },
  { ago: 3, kind: 'days', steps: [ASSIGN, START, SUBMIT, APPROVE, READY] },
  { ago: 4, kind: 'days', steps: DONE, rated: true },
  { ago: 5, kind: 'days', steps: [ASSIGN, START, SUPPLEMENT] },
  { ago: 5, kind: 'days', steps: [ASSIGN, START, SUPPLEMENT, RESUMED, SUBMIT] },
  { ago: 6, kind: 'days', steps: [ASSIGN, START] },
  { ago: 8, kind: 'days', steps: [ASSIGN, START, SUBMIT] },
  { ago: 9, kind: 'days', steps: DONE, rated: true },
  { ago: 10, kind: 'same_day', steps: DONE, rated: true },
  { ago: 12, kind: 'days', steps: [ASSIGN, START, APOLOGY] },
  {
    ago: 4,
    kind: 'days',
    steps: [
      ASSIGN,
      { who: 'officer', action: { action: 'withdraw', reason: 'Công dân xin rút hồ sơ để bổ sung sau.' } },
    ],
  },
  {
    ago: 5,
    kind: 'days',
    steps: [
      ASSIGN,
      START,
      SUBMIT,
      { who: 'leader', action: { action: 'reject', reason: 'Không đủ điều kiện theo quy định.' } },
    ],
  },
];

/** An earlier round (full scale): returned and rated dossiers `offset` working days further back. */
const earlier = (offset: number): Scenario[] => [
  ...[0, 1, 2, 3, 5, 7].map((k) => ({
    ago: offset + k,
    kind: k % 2 ? ('same_day' as const) : ('days' as const),
    steps: DONE,
    rated: k !== 3,
  })),
  {
    ago: offset + 9,
    kind: 'days',
    steps: [ASSIGN, START, SUPPLEMENT, RESUMED, SUBMIT, APPROVE, READY, RETURN],
  },
  { ago: offset + 4, kind: 'days', steps: [ASSIGN, START, SUBMIT, APPROVE, READY, RETURN], elsewhere: true },
];

/** The working day `n` working days before `today` (n = 0: today, or the last working day). */
export function workingDaysBefore(today: string, n: number, calendar: WorkingCalendar): string {
  let d = new Date(`${today}T00:00:00Z`);
  let left = n;
  for (;;) {
    const iso = d.toISOString().slice(0, 10);
    if (calendar.isWorkingDay(iso)) {
      if (left === 0) return iso;
      left -= 1;
    }
    d = new Date(d.getTime() - 86_400_000);
  }
}

async function callerOf(ctx: WriteContext, username: string): Promise<Caller | null> {
  const account = await findAccountByUsername(ctx.db, username);
  return account ? { accountId: account.id, grants: account.grants } : null;
}

export async function seedDemoDossiers(
  ctx: WriteContext,
  log: (msg: string) => void = () => {},
  options: { now?: Date; scale?: DemoScale; writer?: DemoDossierWriters } = {},
): Promise<{ created: number }> {
  const now = options.now ?? new Date();
  const scale = options.scale ?? 'full';
  const catalogue = await loadCatalogue(ctx);
  if (catalogue.created) log(`Nạp ${catalogue.created} thủ tục hành chính vào danh mục.`);
  // Not the procedures another agency receives (residence: the commune police): intake refuses them.
  const procedures = (await listProcedures(ctx.db, {})).filter((p) => !p.outsideWorkflow);
  const sameDay = procedures.filter((p) => p.timeLimit.kind === 'same_day');
  const inDays = procedures.filter((p) => p.timeLimit.kind === 'working_days');
  if (!sameDay.length || !inDays.length) return { created: catalogue.created };
  const calendar = await getCalendar(ctx.db);
  const today = localDate(now);
  const writer = (options.writer ?? bulkWriter)(ctx, calendar);
  const communes = scale === 'full' ? DEMO_DOSSIER_COMMUNES : DEMO_DOSSIER_COMMUNES.slice(0, 2);
  const rounds = scale === 'full' ? [CURRENT, earlier(14), earlier(26)] : [CURRENT];
  let created = 0;
  for (const [ci, [communeCode, slug, place]] of communes.entries()) {
    if (!(await findCommuneLocation(ctx.db, communeCode))) continue;
    const [existing] = await ctx.db
      .select({ n: count() })
      .from(dossiers)
      .where(eq(dossiers.communeCode, communeCode));
    if (existing!.n > 0) continue;
    const callers = await callersOf(ctx, slug);
    // The neighbouring commune's counter receives the "elsewhere" dossiers (phi địa giới).
    const [neighbourCode, neighbourSlug] = communes[(ci + 1) % communes.length]!;
    const neighbour = neighbourCode === communeCode ? null : await callersOf(ctx, neighbourSlug);
    if (!callers) continue;
    let made = 0;
    for (const [r, scenarios] of rounds.entries()) {
      for (const [i, scenario] of scenarios.entries()) {
        const n = r * 100 + i + 1;
        const day = workingDaysBefore(today, scenario.ago, calendar);
        // Received from 08:00 local, a few minutes apart; today's dossiers in the hours before now.
        let at =
          scenario.ago === 0
            ? new Date(now.getTime() - (3 * 60 - i * 5) * 60_000)
            : new Date(Date.parse(`${day}T08:00:00+07:00`) + i * 7 * 60_000);
        const list = scenario.kind === 'same_day' ? sameDay : inDays;
        const procedure = list[(i + ci + r) % list.length]!;
        const name = `${FAMILY[(i + 3 + ci * 5) % FAMILY.length]} ${MIDDLE[(i + r) % MIDDLE.length]} ${GIVEN[(i * 5 + ci) % GIVEN.length]}`;
        const seq = String(n).padStart(4, '0');
        const applicant = {
          fullName: name,
          idNumber: `0420${communeCode.slice(-3)}0${seq}`,
          phone: `09${communeCode.slice(-3)}0${seq}`,
          address: `Số ${i + 3}, đường ${STREETS[i % STREETS.length]}, ${place}, Hà Tĩnh`,
        };
        const checklist = procedure.requiredDocuments.map((_, index) => ({
          index,
          status: 'received' as const,
        }));
        const input = {
          procedureId: procedure.id,
          applicant,
          competentCommuneCode: communeCode,
          checklist,
        };
        if (scenario.online) {
          await writer.intake(null, { ...input, receivingCommuneCode: communeCode, channel: 'online' }, at);
          made += 1;
          continue;
        }
        const receiver = scenario.elsewhere && neighbour ? neighbour : callers;
        const dossier = await writer.intake(
          receiver.officer,
          {
            ...input,
            receivingCommuneCode: receiver === callers ? communeCode : neighbourCode,
            channel: 'counter',
          },
          at,
        );
        let due = writer.dueDate(dossier, at);
        for (const step of scenario.steps) {
          at = new Date(at.getTime() + 10 * 60_000);
          const body =
            typeof step.action === 'function' ? step.action(due, localDate(at), calendar) : step.action;
          const action =
            body.action === 'assign' ? { ...body, assigneeId: callers.specialist.accountId } : body;
          await writer.act(dossier, callers[step.who], action, at);
          due = writer.dueDate(dossier, at);
        }
        if (scenario.rated) {
          const k = (i + ci + r) % RATINGS.length;
          await writer.rate(
            dossier,
            { rating: RATINGS[k]!, ...(COMMENTS[k] ? { comment: COMMENTS[k] } : {}) },
            new Date(at.getTime() + 60 * 60_000),
          );
        }
        made += 1;
      }
    }
    await writer.commit();
    created += made;
    log(`Tạo ${made} hồ sơ mẫu cho xã/phường ${communeCode}.`);
  }
  return { created: created + catalogue.created };
}

/** The demo officials of a commune (motcua.<slug>, chuyenvien.<slug>, lanhdao.<slug>), or null if missing. */
async function callersOf(ctx: WriteContext, slug: string): Promise<Record<Who, Caller> | null> {
  const officer = await callerOf(ctx, `motcua.${slug}`);
  const specialist = await callerOf(ctx, `chuyenvien.${slug}`);
  const leader = await callerOf(ctx, `lanhdao.${slug}`);
  return officer && specialist && leader ? { officer, specialist, leader } : null;
}
