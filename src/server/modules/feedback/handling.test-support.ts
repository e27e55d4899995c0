/**
 * Fixtures of the handling and escalation tests: two communes of Hà Tĩnh (42) and one of Nghệ An (40), their
 * officials and accounts (leader, one-stop officer, specialists, the province officer, an administrator), an issued
 * task assignment naming the specialist in charge of "Xây dựng", the province's starter categories and reports
 * written straight into the table (as the intake leaves them: received).
 */
import { asc, eq } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { Db } from '../../db/database';
import { inTransaction, systemContext } from '../../db/transaction';
import { createAccount } from '../auth/accounts';
import { accounts } from '../auth/schema';
import { getCalendar } from '../calendar/service';
import { todayInVietnam } from '../org/document-format';
import { orgAnnouncements, orgOfficials } from '../org/schema';
import { communes } from '../units/schema';
import { categoriesOfProvince } from './categories';
import { dueDate } from './domain/deadlines';
import { feedbackReports } from './schema';

export const PASSWORD = 'Phananh@2025';

export interface Fixture {
  communeA: string;
  communeB: string;
  communeC: string;
  ids: Record<string, string>;
  categories: Record<string, { id: string; provinceCode: string }>;
  foreignCategoryId: string;
}

async function official(db: Db, communeCode: string, fullName: string, email: string | null) {
  const id = uuidv7();
  await db.insert(orgOfficials).values({
    id,
    communeCode,
    fullName,
    nameFolded: fullName.toLowerCase(),
    dateOfBirth: '1985-05-05',
    gender: 'male',
    email,
  });
  return id;
}

export async function seedHandlingFixture(db: Db): Promise<Fixture> {
  const in42 = await db
    .select({ code: communes.code })
    .from(communes)
    .where(eq(communes.provinceCode, '42'))
    .orderBy(asc(communes.code))
    .limit(2);
  const [in40] = await db
    .select({ code: communes.code })
    .from(communes)
    .where(eq(communes.provinceCode, '40'))
    .orderBy(asc(communes.code))
    .limit(1);
  const communeA = in42[0]!.code;
  const communeB = in42[1]!.code;
  const communeC = in40!.code;

  const officials = {
    leaderA: await official(db, communeA, 'Nguyễn Văn Lãnh', 'lanhdao.a@example.vn'),
    specA: await official(db, communeA, 'Trần Thị Xây', 'xaydung.a@example.vn'),
    province: await official(db, communeA, 'Lê Văn Tỉnh', 'tinh.42@example.vn'),
  };
  const ctx = systemContext(db, 'test');
  const ids: Record<string, string> = {};
  const people: [
    string,
    string,
    { role: string; provinceCode: string | null; communeCode: string | null },
  ][] = [
    ['leaderA', 'Lãnh đạo xã A', { role: 'commune_leader', provinceCode: null, communeCode: communeA }],
    ['oneStopA', 'Một cửa xã A', { role: 'one_stop_officer', provinceCode: null, communeCode: communeA }],
    ['specA', 'Chuyên viên xây dựng A', { role: 'specialist', provinceCode: null, communeCode: communeA }],
    ['spec2A', 'Chuyên viên khác A', { role: 'specialist', provinceCode: null, communeCode: communeA }],
    ['leaderB', 'Lãnh đạo xã B', { role: 'commune_leader', provinceCode: null, communeCode: communeB }],
    ['leaderC', 'Lãnh đạo xã C', { role: 'commune_leader', provinceCode: null, communeCode: communeC }],
    ['province', 'Cán bộ tỉnh', { role: 'province_officer', provinceCode: '42', communeCode: null }],
    ['admin', 'Quản trị', { role: 'system_admin', provinceCode: null, communeCode: null }],
  ];
  await inTransaction(ctx, async (tx, audit) => {
    for (const [username, displayName, grant] of people)
      ids[username] = await createAccount(tx, audit, {
        username: `pa.${username.toLowerCase()}`,
        displayName,
        password: PASSWORD,
        grants: [grant as never],
      });
  });
  for (const [key, officialId] of Object.entries(officials))
    await db.update(accounts).set({ officialId }).where(eq(accounts.id, ids[key]!));

  // The task assignment: "Xây dựng, giao thông, đô thị" is the specialist's.
  await db.insert(orgAnnouncements).values({
    id: uuidv7(),
    communeCode: communeA,
    version: 1,
    status: 'issued',
    title: 'Thông báo phân công nhiệm vụ',
    items: [
      {
        areaCode: 'construction',
        label: 'Xây dựng, giao thông, đô thị',
        inChargeId: officials.specA,
        deputyId: null,
        duties: 'Hạ tầng, đèn đường',
        inChargeName: 'Trần Thị Xây',
      },
    ],
    recipients: [],
    number: '01/TB-UBND',
    issuedOn: '2025-07-01',
    signerId: officials.leaderA,
    signerName: 'Nguyễn Văn Lãnh',
    signerTitle: 'Chủ tịch',
  });

  const cats = await categoriesOfProvince(db, '42');
  const foreign = await categoriesOfProvince(db, '40');
  return {
    communeA,
    communeB,
    communeC,
    ids,
    categories: Object.fromEntries(cats.map((c) => [c.key, { id: c.id, provinceCode: c.provinceCode }])),
    foreignCategoryId: foreign[0]!.id,
  };
}

let seq = 0;

export interface ReportInput {
  communeCode: string;
  categoryId: string;
  provinceCode?: string;
  title?: string;
  content?: string;
  reporterName?: string | null;
  reporterPhone?: string | null;
  reporterEmail?: string | null;
  isPrivate?: boolean;
  state?: string;
  receivedAt?: Date;
  transferDueDate?: string;
  answerDueDate?: string | null;
  acceptedAt?: Date | null;
}

/** A report as the intake leaves it (received, transfer deadline of 5 working days), or as given. */
export async function insertReport(db: Db, r: ReportInput) {
  seq += 1;
  const id = uuidv7();
  const receivedAt = r.receivedAt ?? new Date();
  const day = todayInVietnam(receivedAt);
  const code = `PA-${r.communeCode}-${day.slice(2).replace(/-/g, '')}-${String(9000 + seq).padStart(4, '0')}`;
  const title = r.title ?? `Đèn đường hỏng số ${seq}`;
  const content = r.content ?? 'Đèn đường trước nhà văn hóa thôn 3 không sáng đã một tuần.';
  const [row] = await db
    .insert(feedbackReports)
    .values({
      id,
      code,
      communeCode: r.communeCode,
      provinceCode: r.provinceCode ?? '42',
      categoryId: r.categoryId,
      channel: 'web',
      title,
      content,
      searchText: `${title} ${content}`.toLowerCase(),
      reporterName: r.reporterName === undefined ? 'Phạm Văn Dân' : r.reporterName,
      reporterPhone: r.reporterPhone === undefined ? '0912345678' : r.reporterPhone,
      reporterEmail: r.reporterEmail === undefined ? 'dan@example.vn' : r.reporterEmail,
      isPrivate: r.isPrivate ?? false,
      state: r.state ?? 'received',
      receivedAt,
      transferDueDate: r.transferDueDate ?? dueDate(day, 5, 'working', await getCalendar(db)),
      answerDueDate: r.answerDueDate ?? null,
      acceptedAt: r.acceptedAt ?? null,
    })
    .returning();
  return row!;
}
