/**
 * The demo's people are written in bulk (auth/seed-bulk.ts, org/seed-bulk.ts) for a fast first start; what users see
 * must be what the use cases (createAccount, activateCommune, linkOfficial, one call each) make of the same demo: the
 * same accounts and grants, organisations, officials and positions, announcements and links, and the same audit
 * entries in the same order, with a chain that verifies; a second seed creates nothing.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, ENGINES, type TestDatabase } from '../../../tests/support/database';
import type { Db } from '../db/database';
import { inTransaction, systemContext } from '../db/transaction';
import { verifyAuditLog } from '../modules/audit/service';
import { createAccount, getAccount, linkOfficial } from '../modules/auth/accounts';
import { createDraft, issueAnnouncement } from '../modules/org/assignments';
import { activateCommune } from '../modules/org/bodies';
import { listOfficials } from '../modules/org/officials';
import { orgOfficials, orgPositions } from '../modules/org/schema';
import { seededOfficialRows } from '../modules/org/seed-bulk';
import { expectEveryIdNamed, expectSameTables, seedReader } from './compare.test-support';
import { DEMO_PASSWORD, type DemoPeopleWriter, seedDemoPeople } from './demo';
import { DEMO_DOSSIER_COMMUNES } from './demo-dossiers';

/**
 * The demo written the old way: one use case call per account, commune, announcement step and link, one statement
 * per official.
 */
const throughUseCases: DemoPeopleWriter = {
  async accounts(ctx, list) {
    for (const account of list)
      await inTransaction(ctx, (tx, audit) =>
        createAccount(tx, audit, { ...account, password: DEMO_PASSWORD }),
      );
  },
  async staff(ctx, communes) {
    for (const { commune, activatedOn, officials, announcement } of communes) {
      const { bodies } = await activateCommune(ctx, commune.code, activatedOn);
      const bodyId = (key: string) => bodies.find((b) => b.templateKey === key)!.id;
      await inTransaction(ctx, async (tx, audit) => {
        for (const official of officials) {
          const rows = seededOfficialRows(commune.code, official, bodyId, 'demo');
          await tx.insert(orgOfficials).values(rows.official);
          await tx.insert(orgPositions).values(rows.positions);
          await audit(rows.record);
        }
      });
      if (!announcement) continue;
      const draft = await createDraft(ctx, commune.code, announcement.draft);
      await issueAnnouncement(ctx, draft.id, announcement.issue, announcement.today);
    }
  },
  async links(ctx, links) {
    for (const { accountId, officialId } of links) await linkOfficial(ctx, accountId, officialId);
    return links.length;
  },
};

const TABLES = [
  'accounts',
  'role_grants',
  'org_communes',
  'org_bodies',
  'org_officials',
  'org_positions',
  'org_announcements',
  'document_number_series',
  'calendar_holiday_ranges',
  'calendar_make_up_days',
];

/** Everything the people's seed wrote, with the ids each database drew named by what they stand for, times of now as <now>. */
async function written(db: Db): Promise<Record<string, unknown[]>> {
  const { rows, name, normal, auditTrail } = seedReader(db);
  await name(sql`select id::text, '@' || username as name from accounts`);
  await name(sql`select g.id::text, 'grant @' || a.username || ' ' || g.role || ' ' || coalesce(g.commune_code, '')
    as name from role_grants g join accounts a on a.id = g.account_id`);
  await name(sql`select id::text, 'official ' || commune_code || ' ' || full_name || ' ' || date_of_birth as name
    from org_officials`);
  await name(sql`select id::text, 'body ' || commune_code || ' ' || name as name from org_bodies`);
  await name(
    sql`select id::text, 'announcement ' || commune_code || ' ' || version as name from org_announcements`,
  );
  await name(
    sql`select id::text, 'holidays ' || from_date || ' ' || name as name from calendar_holiday_ranges`,
  );
  await name(sql`select p.id::text, 'position ' || o.commune_code || ' ' || o.full_name || ' ' || p.title as name
    from org_positions p join org_officials o on o.id = p.official_id`);
  const tables: Record<string, unknown[]> = {};
  for (const table of TABLES) {
    const list = normal(await rows(sql`select * from ${sql.identifier(table)}`)) as Record<string, unknown>[];
    tables[table] = list.map((r) => JSON.stringify(r)).sort();
  }
  return {
    ...tables,
    ...(await auditTrail()),
  };
}

describe.each(ENGINES)('the demo people written in bulk on %s', (engine) => {
  let bulk: TestDatabase;
  let useCases: TestDatabase;
  let created: number;

  beforeAll(async () => {
    [bulk, useCases] = await Promise.all([
      createTestDatabase(engine, { map: true }),
      createTestDatabase(engine, { map: true }),
    ]);
    // Hương Khê's organisation activated before the demo (by its administrator): the seed staffs its bodies.
    for (const database of [bulk, useCases])
      await activateCommune(systemContext(database.db, 'test'), '18496', '2025-06-01');
    created = await seedDemoPeople(systemContext(bulk.db, 'test seed'), () => {}, 'full');
    const expected = await seedDemoPeople(
      systemContext(useCases.db, 'test seed'),
      () => {},
      'full',
      throughUseCases,
    );
    expect(created).toBe(expected);
  }, 240_000);
  afterAll(async () => {
    await bulk?.dispose();
    await useCases?.dispose();
  });

  it('are what the use cases make of the same demo, row for row and entry for entry', async () => {
    const expected = await written(useCases.db);
    const actual = await written(bulk.db);
    expect(expected.accounts).toHaveLength(34);
    expect(expected.org_officials).toHaveLength(120);
    expect(expected.org_announcements).toHaveLength(2);
    expect(
      expected.org_communes?.filter((c) => String(c).includes('"activated_on":"2025-06-01"')),
    ).toHaveLength(1);
    const actions = new Set((expected.audit as { action: string }[]).map((a) => a.action));
    expect([...actions].sort()).toEqual(
      expect.arrayContaining([
        'account.create',
        'account.link_official',
        'org.announcement.create',
        'org.announcement.issue',
        'org.commune.activate',
        'org.official.create',
      ]),
    );
    expectEveryIdNamed(expected);
    expectSameTables(actual, expected);
  });

  it('link each leader, counter officer and specialist to the official of their title, as the officials list shows', async () => {
    const ctx = systemContext(bulk.db, 'test');
    let linked = 0;
    for (const [communeCode, slug] of DEMO_DOSSIER_COMMUNES) {
      const { items } = await listOfficials(bulk.db, communeCode, { status: 'active', limit: 200 });
      for (const [prefix, title] of [
        ['lanhdao', 'Chủ tịch UBND'],
        ['motcua', 'Viên chức tiếp nhận và trả kết quả'],
        ['chuyenvien', 'Công chức tư pháp - hộ tịch'],
      ] as const) {
        const { rows } = (await bulk.db.execute(
          sql`select id::text as id from accounts where username = ${`${prefix}.${slug}`}`,
        )) as unknown as { rows: { id: string }[] };
        const official = items.find((o) => o.positions.some((p) => p.current && p.title === title))!;
        expect((await getAccount(ctx.db, rows[0]!.id)).official?.id, `${prefix}.${slug}`).toBe(official.id);
        linked += 1;
      }
    }
    expect(linked).toBe(30);
  });

  it('leave an audit chain that verifies', async () => {
    const report = await verifyAuditLog(bulk.db);
    expect(report.breaks).toEqual([]);
  });

  it('are seeded once: a second seed creates nothing', async () => {
    const before = await written(bulk.db);
    expect(await seedDemoPeople(systemContext(bulk.db, 'test seed'), () => {}, 'full')).toBe(0);
    expect(await written(bulk.db)).toEqual(before);
  });
});
