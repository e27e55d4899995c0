/**
 * Demo data (demo mode only): the demo accounts and the holiday announcements the project knows.
 * Idempotent: running it again creates nothing new. All demo accounts share the published password.
 */
import type { RoleGrant } from '../../common/roles';
import type { WriteContext } from '../db/transaction';
import { accountsByUsername } from '../modules/auth/accounts';
import { createAccounts, linkOfficials } from '../modules/auth/seed-bulk';
import { hashPassword } from '../modules/auth/service';
import { seedKnownAnnouncements } from '../modules/calendar/service';
import { withoutLiveEvents } from '../modules/live/hub';
import { seedDefaultQueues } from '../modules/tickets/seed-bulk';
import { seedDemoCampaign } from './demo-campaign';
import { DEMO_DOSSIER_COMMUNES, type DemoScale, seedDemoDossiers } from './demo-dossiers';
import { seedDemoDueDateChanges } from './demo-due-date-changes';
import { seedDemoFeedback } from './demo-feedback';
import { type DemoLinkWriter, linkDemoAccounts } from './demo-links';
import { type DemoMeetingDeps, seedDemoMeetings } from './demo-meetings';
import { type DemoStaffWriter, seedDemoOrg, writeDemoStaff } from './demo-org';

export const DEMO_PASSWORD = 'Demo@2025';

let demoHash: Promise<string> | undefined;
/**
 * The demo password's argon2 hash, computed once per process and shared by every demo account (one salt for a
 * password that is published anyway; production refuses to start while demo accounts can log in): creating the
 * demo's ~35 accounts no longer costs ~35 hashes of a first start.
 */
export function demoPasswordHash(): Promise<string> {
  demoHash ??= hashPassword(DEMO_PASSWORD);
  return demoHash;
}

interface DemoAccount {
  username: string;
  displayName: string;
  grants: RoleGrant[];
}

/** Fictional people; Hà Tĩnh = province 42 (Phường Trần Phú 18100, Phường Sông Trí 18754). */
export const DEMO_ACCOUNTS: DemoAccount[] = [
  {
    username: 'admin',
    displayName: 'Quản trị hệ thống',
    grants: [{ role: 'system_admin', provinceCode: null, communeCode: null }],
  },
  {
    username: 'tinh.hatinh',
    displayName: 'Nguyễn Văn Tỉnh (Sở Nội vụ Hà Tĩnh)',
    grants: [{ role: 'province_officer', provinceCode: '42', communeCode: null }],
  },
  ...communeAccounts('tranphu', '18100', [
    'Trần Thị Lãnh Đạo',
    'Lê Văn Một Cửa',
    'Phạm Thị Chuyên Viên',
    'Hoàng Văn Thư Ký',
  ]),
  ...communeAccounts('songtri', '18754', [
    'Nguyễn Văn Lãnh Đạo',
    'Đặng Thị Một Cửa',
    'Võ Văn Chuyên Viên',
    'Bùi Thị Thư Ký',
  ]),
];

/** One account per commune role: lanhdao.<x> (leader), motcua.<x> (counter), chuyenvien.<x> (specialist), thuky.<x> (council secretary). */
function communeAccounts(
  slug: string,
  communeCode: string,
  names: [string, string, string, string],
): DemoAccount[] {
  const roles: [string, RoleGrant['role']][] = [
    ['lanhdao', 'commune_leader'],
    ['motcua', 'one_stop_officer'],
    ['chuyenvien', 'specialist'],
    ['thuky', 'council_secretary'],
  ];
  return roles.map(([prefix, role], i) => ({
    username: `${prefix}.${slug}`,
    displayName: `${names[i]} (demo)`,
    grants: [{ role, provinceCode: null, communeCode }],
  }));
}

/** Leader, counter officer and specialist of the other trial communes (full scale only), e.g. motcua.huongkhe. */
export const TRIAL_COMMUNE_ACCOUNTS: DemoAccount[] = DEMO_DOSSIER_COMMUNES.slice(2).flatMap(
  ([code, slug, place], i) => {
    const family = ['Lê', 'Phan', 'Hồ', 'Đinh', 'Trương', 'Mai', 'Dương', 'Lưu'][i % 8];
    const title = place.replace(/^(xã|phường) /, '');
    return communeAccounts(slug, code, [
      `${family} Văn Lãnh Đạo ${title}`,
      `${family} Thị Một Cửa ${title}`,
      `${family} Văn Chuyên Viên ${title}`,
      `${family} Thị Thư Ký ${title}`,
    ]).filter((a) => !a.username.startsWith('thuky.'));
  },
);

/** A demo account as it is written: the shared published password's hash, marked as a demo account. */
export type DemoAccountRow = DemoAccount & { passwordHash: string; isDemo: true };

/**
 * How the demo's people are written: by default in bulk (an account, a commune's officials, a link each cost a few
 * rows of one statement per table); demo-people-bulk.integration.test.ts compares it with the use cases.
 */
export interface DemoPeopleWriter {
  accounts: (ctx: WriteContext, accounts: readonly DemoAccountRow[]) => Promise<unknown>;
  staff: DemoStaffWriter;
  links: DemoLinkWriter;
}

export const BULK_PEOPLE: DemoPeopleWriter = {
  accounts: createAccounts,
  staff: writeDemoStaff,
  links: linkOfficials,
};

/**
 * The demo's people and calendar, what its dossiers need: the accounts, the communes' organisation and officials
 * (each demo account linked to its official), and the holidays the project knows. The number of records created.
 */
export async function seedDemoPeople(
  ctx: WriteContext,
  log: (msg: string) => void,
  scale: DemoScale,
  writer: DemoPeopleWriter = BULK_PEOPLE,
): Promise<number> {
  const wanted = scale === 'full' ? [...DEMO_ACCOUNTS, ...TRIAL_COMMUNE_ACCOUNTS] : DEMO_ACCOUNTS;
  const existing = await accountsByUsername(
    ctx.db,
    wanted.map((a) => a.username),
  );
  const missing = wanted.filter((a) => !existing.has(a.username.toLowerCase()));
  if (missing.length) {
    const passwordHash = await demoPasswordHash();
    await writer.accounts(
      ctx,
      missing.map((a) => ({ ...a, passwordHash, isDemo: true as const })),
    );
  }
  let created = missing.length;
  const org = await seedDemoOrg(ctx, log, writer.staff);
  created += org.created;
  created += await linkDemoAccounts(ctx, writer.links); // after the officials: each demo account to its official
  const announcements = await seedKnownAnnouncements(ctx);
  if (announcements) log(`Ghi nhận ${announcements} thông báo nghỉ lễ đã biết.`);
  return created + announcements;
}

/**
 * Seeds the demo. 'full' (npm start, `xaso seed --demo`) adds the other trial communes' accounts and a few hundred
 * dossiers; 'small' (the test harness) keeps to Trần Phú and Sông Trí.
 */
export async function seedDemo(
  ctx: WriteContext,
  log: (msg: string) => void = () => {},
  options: { scale?: DemoScale; meetings?: DemoMeetingDeps } = {},
): Promise<{ created: number }> {
  // Before any server listens (or beside it, `xaso seed --demo`): no page follows these writes live.
  return withoutLiveEvents(() => seedEverything(ctx, log, options));
}

async function seedEverything(
  ctx: WriteContext,
  log: (msg: string) => void,
  options: { scale?: DemoScale; meetings?: DemoMeetingDeps },
): Promise<{ created: number }> {
  const scale = options.scale ?? 'full';
  let created = await seedDemoPeople(ctx, log, scale);
  created += (await seedDemoDossiers(ctx, log, { scale })).created; // after the holidays: due dates use the real calendar
  created += await seedDemoDueDateChanges(ctx); // after the dossiers: an example moved appointment
  created += await seedDemoMeetings(ctx, DEMO_PASSWORD, log, options.meetings); // council delegates, a delegate's account, meetings
  // The department handler's account; with the meetings (the trials rehearse them), Hà Tĩnh's campaign.
  created += await seedDemoCampaign(ctx, log, {
    scale,
    state: options.meetings?.config.demoCampaign ?? null,
  });
  // Citizen feedback in the trial communes (with the meetings' storage: the intake stores files through it).
  if (options.meetings) created += await seedDemoFeedback(ctx, options.meetings.storage, log, { scale });
  // Queue tickets: service groups A/B/C and counters 1–3 in Trần Phú and Sông Trí (the kiosk and hall display).
  created += await seedDefaultQueues(ctx, ['18100', '18754']);
  return { created };
}
