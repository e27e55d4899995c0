/**
 * Demo dossiers (demo mode only): the procedure catalogue, then a few dozen dossiers in Phường Trần Phú (18100)
 * and Phường Sông Trí (18754) in every kind of state — just received, with the specialist, waiting for the
 * citizen, awaiting approval, ready, returned, withdrawn, overdue, due today — dated around today and made
 * through the same use cases as the API (intake, lifecycle actions), so codes, due dates and the audit log are
 * real. Idempotent: a commune that already has dossiers is left as it is.
 */
import { count, eq } from 'drizzle-orm';
import type { DossierActionRequest } from '../../common/api/dossiers';
import type { WriteContext } from '../db/transaction';
import { listAccounts } from '../modules/auth/accounts';
import { getCalendar } from '../modules/calendar/service';
import type { WorkingCalendar } from '../modules/calendar/working-days';
import { localDate } from '../modules/dossiers/domain';
import { intakeDossier } from '../modules/dossiers/intake';
import { dossiers } from '../modules/dossiers/schema';
import { actOnDossier, type Caller } from '../modules/dossiers/service';
import { listProcedures, loadCatalogue } from '../modules/procedures/service';
import { findCommuneLocation } from '../modules/units/service';

const COMMUNES: [string, string][] = [
  ['18100', 'tranphu'],
  ['18754', 'songtri'],
];

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Phan', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô'];
const MIDDLE = ['Văn', 'Thị', 'Đức', 'Thị Thu', 'Minh', 'Thị Ngọc'];
const GIVEN = ['An', 'Bình', 'Cường', 'Dung', 'Hải', 'Hoa', 'Khánh', 'Lan', 'Minh', 'Ngọc', 'Phúc', 'Thảo'];
const STREETS = ['Trần Phú', 'Nguyễn Du', 'Hà Huy Tập', 'Phan Đình Phùng', 'Lê Duẩn', 'Xuân Diệu'];

type Who = 'officer' | 'specialist' | 'leader';
type Step = { who: Who; action: Omit<DossierActionRequest, 'version'> };

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

/** [working days ago the dossier was received, kind of procedure, steps after receipt]. */
const SCENARIOS: [number, 'same_day' | 'days', Step[]][] = [
  [0, 'same_day', []],
  [0, 'days', []],
  [0, 'same_day', [ASSIGN, START]],
  [1, 'days', [ASSIGN]],
  [1, 'days', [ASSIGN, START]],
  [2, 'days', [ASSIGN, START, SUPPLEMENT]],
  [2, 'days', [ASSIGN, START, SUBMIT]],
  [3, 'days', [ASSIGN, START, SUBMIT, APPROVE]],
  [3, 'days', [ASSIGN, START, SUBMIT, APPROVE, READY]],
  [4, 'days', [ASSIGN, START, SUBMIT, APPROVE, READY, RETURN]],
  [5, 'days', [ASSIGN, START, SUPPLEMENT]],
  [6, 'days', [ASSIGN, START]],
  [8, 'days', [ASSIGN, START, SUBMIT]],
  [9, 'days', [ASSIGN, START, SUBMIT, APPROVE, READY, RETURN]],
  [10, 'same_day', [ASSIGN, START, SUBMIT, APPROVE, READY, RETURN]],
  [
    4,
    'days',
    [
      ASSIGN,
      { who: 'officer', action: { action: 'withdraw', reason: 'Công dân xin rút hồ sơ để bổ sung sau.' } },
    ],
  ],
  [
    5,
    'days',
    [
      ASSIGN,
      START,
      SUBMIT,
      { who: 'leader', action: { action: 'reject', reason: 'Không đủ điều kiện theo quy định.' } },
    ],
  ],
];

/** The working day `n` working days before `today` (n = 0: today, or the last working day). */
function workingDaysBefore(today: string, n: number, calendar: WorkingCalendar): string {
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
  const { items } = await listAccounts(ctx.db, { q: username, limit: 5 });
  const account = items.find((a) => a.username === username);
  return account ? { accountId: account.id, grants: account.grants } : null;
}

export async function seedDemoDossiers(
  ctx: WriteContext,
  log: (msg: string) => void = () => {},
  now: Date = new Date(),
): Promise<{ created: number }> {
  const catalogue = await loadCatalogue(ctx);
  if (catalogue.created) log(`Nạp ${catalogue.created} thủ tục hành chính vào danh mục.`);
  const procedures = await listProcedures(ctx.db, {});
  const sameDay = procedures.filter((p) => p.timeLimit.kind === 'same_day');
  const inDays = procedures.filter((p) => p.timeLimit.kind === 'working_days');
  if (!sameDay.length || !inDays.length) return { created: catalogue.created };
  const calendar = await getCalendar(ctx.db);
  const today = localDate(now);
  let created = 0;
  for (const [communeCode, slug] of COMMUNES) {
    if (!(await findCommuneLocation(ctx.db, communeCode))) continue;
    const [existing] = await ctx.db
      .select({ n: count() })
      .from(dossiers)
      .where(eq(dossiers.communeCode, communeCode));
    if (existing!.n > 0) continue;
    const officer = await callerOf(ctx, `motcua.${slug}`);
    const specialist = await callerOf(ctx, `chuyenvien.${slug}`);
    const leader = await callerOf(ctx, `lanhdao.${slug}`);
    if (!officer || !specialist || !leader) continue;
    const callers: Record<Who, Caller> = { officer, specialist, leader };
    for (const [i, [ago, kind, steps]] of SCENARIOS.entries()) {
      const day = workingDaysBefore(today, ago, calendar);
      // Received at 08:00 + a few minutes local time; today's dossiers a couple of hours before now.
      let at =
        ago === 0
          ? new Date(now.getTime() - (3 * 60 - i * 5) * 60_000)
          : new Date(Date.parse(`${day}T08:00:00+07:00`) + i * 7 * 60_000);
      const list = kind === 'same_day' ? sameDay : inDays;
      const procedure = list[(i + communeCode.length) % list.length]!;
      const name = `${FAMILY[(i + 3) % FAMILY.length]} ${MIDDLE[i % MIDDLE.length]} ${GIVEN[(i * 5) % GIVEN.length]}`;
      const seq = String(i + 1).padStart(2, '0');
      const intake = await intakeDossier(
        ctx,
        officer,
        {
          procedureId: procedure.id,
          applicant: {
            fullName: name,
            idNumber: `04209${communeCode.slice(-3)}00${seq}`,
            phone: `09${communeCode.slice(-3)}100${seq}`,
            address: `Số ${i + 3}, đường ${STREETS[i % STREETS.length]}, ${slug === 'tranphu' ? 'phường Trần Phú' : 'phường Sông Trí'}, Hà Tĩnh`,
          },
          receivingCommuneCode: communeCode,
          competentCommuneCode: communeCode,
          channel: 'counter',
          checklist: procedure.requiredDocuments.map((_, index) => ({ index, status: 'received' as const })),
        },
        { now: at },
      );
      let version = 1;
      for (const step of steps) {
        at = new Date(at.getTime() + 10 * 60_000);
        const action =
          step.action.action === 'assign'
            ? { ...step.action, assigneeId: specialist.accountId }
            : step.action;
        const d = await actOnDossier(ctx, callers[step.who], intake.id, { ...action, version }, { now: at });
        version = d.version;
      }
      created += 1;
    }
    log(`Tạo ${SCENARIOS.length} hồ sơ mẫu cho xã/phường ${communeCode}.`);
  }
  return { created: created + catalogue.created };
}
