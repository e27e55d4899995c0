/**
 * The full demo (first `npm start`): a few hundred dossiers across the ten Hà Tĩnh trial communes, in every
 * state, dated around "today", so a newcomer's first look at the queues and the dashboard shows real work.
 */
import { and, count, countDistinct, eq, lt, ne, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, ENGINES, type TestDatabase } from '../../../tests/support/database';
import { systemContext } from '../db/transaction';
import { getCalendar } from '../modules/calendar/service';
import { DOSSIER_STATUSES, localDate } from '../modules/dossiers/domain';
import { dossierRatings, dossiers } from '../modules/dossiers/schema';
import { seedDemo } from './demo';
import { DEMO_DOSSIER_COMMUNES, seedDemoDossiers, workingDaysBefore } from './demo-dossiers';

describe.each(ENGINES)('the full demo on %s', (engine) => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase(engine, { map: true }); // the map as importAdministrativeMap leaves it
    await seedDemo(systemContext(database.db, 'test seed'), () => {}, { scale: 'full' });
  }, 240_000);
  afterAll(() => database?.dispose());

  const total = async (where?: ReturnType<typeof and>) =>
    (await database.db.select({ n: count() }).from(dossiers).where(where))[0]!.n;

  it('has a few hundred dossiers in every trial commune', async () => {
    expect(await total()).toBeGreaterThanOrEqual(300);
    const [communes] = await database.db.select({ n: countDistinct(dossiers.communeCode) }).from(dossiers);
    expect(communes!.n).toBe(DEMO_DOSSIER_COMMUNES.length);
  });

  it('covers every state but the rare payment wait and transfer', async () => {
    const rows = await database.db.selectDistinct({ s: dossiers.status }).from(dossiers);
    const seen = new Set(rows.map((r) => r.s));
    const missing = DOSSIER_STATUSES.filter((s) => !seen.has(s));
    expect(missing.sort()).toEqual(['awaiting_payment', 'refused', 'transferred']);
  });

  it('has work due today, late work, late work with an apology, and dossiers waiting for the citizen', async () => {
    // "Today" of the demo's dates is the working day (today, or the last one on a weekend or holiday in Vietnam:
    // CI may run then), as the seed dates them.
    const day = workingDaysBefore(localDate(new Date()), 0, await getCalendar(database.db));
    const open = sql`${dossiers.closedAt} is null and ${dossiers.resolvedAt} is null`;
    expect(await total(and(eq(dossiers.dueDate, day), open))).toBeGreaterThan(0);
    expect(await total(and(lt(dossiers.dueDate, day), open))).toBeGreaterThan(0);
    expect(await total(eq(dossiers.lateAcknowledged, true))).toBeGreaterThanOrEqual(10);
    expect(await total(eq(dossiers.status, 'supplement_requested'))).toBeGreaterThanOrEqual(10);
  });

  it('has dossiers received at another commune of the province (phi địa giới) and online submissions', async () => {
    expect(await total(ne(dossiers.receivingCommuneCode, dossiers.communeCode))).toBeGreaterThanOrEqual(10);
    expect(await total(eq(dossiers.channel, 'online'))).toBeGreaterThanOrEqual(10);
  });

  it('has returned dossiers rated by their applicants, this month and the months before', async () => {
    const [rated] = await database.db.select({ n: count() }).from(dossierRatings);
    expect(rated!.n).toBeGreaterThanOrEqual(50);
    const [spread] = await database.db
      .select({ days: sql<number>`(max(${dossiers.receivedAt})::date - min(${dossiers.receivedAt})::date)` })
      .from(dossiers);
    expect(Number(spread!.days)).toBeGreaterThanOrEqual(30);
  });

  it('is seeded once: a second run creates nothing', async () => {
    const before = await total();
    expect(await seedDemoDossiers(systemContext(database.db, 'again'))).toEqual({ created: 0 });
    expect(await total()).toBe(before);
  });
});
