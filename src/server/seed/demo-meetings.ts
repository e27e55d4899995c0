/**
 * Demo meetings (demo mode only): in Trần Phú and Sông Trí, the People's Council's delegates (fictional people
 * who are not civil servants, registered as officials holding the position "Đại biểu HĐND"), a delegate's
 * account (daibieu.<x>, role council_member, linked to that delegate), the rehearsal first session of the
 * Council on the trial day 20 June 2025 (held and closed, with its minutes) and a real UBND meeting in
 * preparation. Idempotent: a commune that already has delegates or meetings is left as it is.
 */
import { v7 as uuidv7 } from 'uuid';
import { foldVietnamese } from '../../common/text';
import { inTransaction, type WriteContext } from '../db/transaction';
import { accountExists, createAccount, linkOfficial, listAccounts } from '../modules/auth/accounts';
import { listBodies, listOfficials } from '../modules/org';
import { orgOfficials, orgPositions } from '../modules/org/schema';
import { findCommuneLocation } from '../modules/units/service';

export const MEETING_DEMO_COMMUNES: [code: string, slug: string][] = [
  ['18100', 'tranphu'],
  ['18754', 'songtri'],
];

/** Delegates already in office when the new commune's council met first (counted on the session's day). */
export const DELEGATES_FROM = '2025-06-16';
/** Seats of the demo council: 21 delegates hold a seat (the chair and 20 others), 4 seats are vacant. */
export const DEMO_COUNCIL_SEATS = 25;
const DELEGATES = 20;

const FAMILY = [
  'Nguyễn',
  'Trần',
  'Lê',
  'Phạm',
  'Hoàng',
  'Phan',
  'Võ',
  'Đặng',
  'Bùi',
  'Đỗ',
  'Hồ',
  'Ngô',
  'Dương',
];
const MIDDLE = ['Văn', 'Thị', 'Đình', 'Hữu', 'Minh', 'Thanh', 'Quốc', 'Ngọc'];
const GIVEN = ['Tâm', 'Hiền', 'Lực', 'Nga', 'Tùng', 'Vân', 'Thắng', 'Hằng', 'Kiên', 'Loan', 'Toàn', 'Xuân'];

/** The council's delegates of a demo commune (idempotent: none are added when one already exists). */
export async function seedDemoDelegates(
  ctx: WriteContext,
  communeCode: string,
  seed: number,
): Promise<string[]> {
  const bodies = await listBodies(ctx.db, communeCode, { includeClosed: false });
  const delegatesBody = bodies.find((b) => b.templateKey === 'hdnd_dai_bieu');
  if (!delegatesBody) return [];
  const people = Array.from({ length: DELEGATES }, (_, i) => {
    const middle = MIDDLE[(i + seed) % MIDDLE.length]!;
    const female = middle === 'Thị' || middle === 'Ngọc';
    const fullName = `${FAMILY[(i * 5 + seed) % FAMILY.length]} ${middle} ${GIVEN[(i * 7 + seed) % GIVEN.length]}`;
    return {
      id: uuidv7(),
      communeCode,
      fullName,
      nameFolded: foldVietnamese(fullName),
      dateOfBirth: `${1965 + ((i * 3 + seed) % 30)}-${String(1 + ((i * 5 + seed) % 12)).padStart(2, '0')}-${String(1 + ((i * 11 + seed) % 28)).padStart(2, '0')}`,
      gender: female ? ('female' as const) : ('male' as const),
      phone: null,
      email: i % 3 === 2 ? null : `daibieu.${communeCode}.${i + 1}@example.com`,
      formerUnitCode: null,
      formerUnitName: null,
      formerDistrictName: null,
    };
  });
  await inTransaction(ctx, async (tx, audit) => {
    for (const p of people) {
      await tx.insert(orgOfficials).values(p);
      const position = {
        id: uuidv7(),
        communeCode,
        officialId: p.id,
        bodyId: delegatesBody.id,
        title: 'Đại biểu HĐND',
        startDate: DELEGATES_FROM,
      };
      await tx.insert(orgPositions).values(position);
      const { id, nameFolded: _n, ...shown } = p;
      await audit({
        action: 'org.official.create',
        entityType: 'org_official',
        entityId: id,
        communeCode,
        after: { ...shown, positions: [position], source: 'demo' },
      });
    }
  });
  return people.map((p) => p.id);
}

/** daibieu.<slug>: a delegate's own account (council_member), linked to the first demo delegate. */
export async function seedDemoDelegateAccount(
  ctx: WriteContext,
  communeCode: string,
  slug: string,
  delegateId: string,
  password: string,
): Promise<number> {
  const username = `daibieu.${slug}`;
  if (await accountExists(ctx.db, username)) return 0;
  await inTransaction(ctx, (tx, audit) =>
    createAccount(tx, audit, {
      username,
      displayName: `Đại biểu HĐND ${slug === 'tranphu' ? 'Trần Phú' : 'Sông Trí'} (demo)`,
      grants: [{ role: 'council_member', provinceCode: null, communeCode }],
      password,
      isDemo: true,
    }),
  );
  const account = (await listAccounts(ctx.db, { q: username, limit: 5 })).items.find(
    (a) => a.username === username,
  );
  if (account) await linkOfficial(ctx, account.id, delegateId);
  return 1;
}

export async function seedDemoMeetings(
  ctx: WriteContext,
  password: string,
  log: (msg: string) => void = () => {},
): Promise<number> {
  let created = 0;
  for (const [n, [communeCode, slug]] of MEETING_DEMO_COMMUNES.entries()) {
    if (!(await findCommuneLocation(ctx.db, communeCode))) continue;
    const bodies = await listBodies(ctx.db, communeCode, { includeClosed: false });
    if (!bodies.length) continue;
    const delegates = await seedDemoDelegatesOnce(ctx, communeCode, n);
    created += delegates.length;
    if (delegates[0])
      created += await seedDemoDelegateAccount(ctx, communeCode, slug, delegates[0], password);
    if (delegates.length) log(`${delegates.length} đại biểu HĐND (giả định) của ${communeCode}.`);
  }
  return created;
}

async function seedDemoDelegatesOnce(ctx: WriteContext, communeCode: string, seed: number) {
  const { items } = await listOfficials(ctx.db, communeCode, { limit: 200 });
  if (items.some((o) => o.positions.some((p) => p.title === 'Đại biểu HĐND'))) return [];
  return seedDemoDelegates(ctx, communeCode, seed);
}
