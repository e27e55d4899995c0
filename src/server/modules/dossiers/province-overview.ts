/**
 * The province officer's first view (cán bộ tỉnh): the communes of the province that use XãSố — those whose
 * organisation was activated (POST /communes/{code}/activate) — with what is overdue and due soon in each, by
 * the queues' and the dashboard's one rule (backlog-sql.ts). One grouped query over the dossiers; the activated
 * communes are those that take online filings (public-status.ts listOnlineCommunes).
 */
import { and, inArray, isNotNull, isNull, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { ProvinceDossierOverview } from '../../../common/api/dossiers';
import type { Db } from '../../db/database';
import { getCalendar } from '../calendar/service';
import { getProvince } from '../units/service';
import { backlogConditions, officialOnly } from './backlog-sql';
import { listOnlineCommunes } from './public-status';
import { dossiers } from './schema';

const count = (condition: SQL) => sql<number>`(count(*) filter (where ${condition}))::int`;

export async function provinceDossierOverview(
  db: Db,
  provinceCode: string,
  now: Date = new Date(),
): Promise<z.infer<typeof ProvinceDossierOverview>> {
  const province = await getProvince(db, provinceCode);
  // The communes that take online filings are the activated ones: one definition (public-status.ts).
  const activated =
    (await listOnlineCommunes(db)).provinces.find((p) => p.code === provinceCode)?.communes ?? [];
  const calendar = await getCalendar(db);
  const { overdue, dueSoon } = backlogConditions(now, calendar);
  const codes = activated.map((c) => c.code);
  const rows = codes.length
    ? await db
        .select({
          communeCode: dossiers.communeCode,
          open: count(
            sql`${isNotNull(dossiers.dueDate)} and ${isNull(dossiers.resolvedAt)} and ${isNull(dossiers.closedAt)}`,
          ),
          overdue: count(overdue),
          dueSoon: count(dueSoon),
          toIntake: count(sql`${dossiers.status} = 'submitted_online'`),
        })
        .from(dossiers)
        .where(and(inArray(dossiers.communeCode, codes), officialOnly))
        .groupBy(dossiers.communeCode)
    : [];
  const byCommune = new Map(rows.map((r) => [r.communeCode, r]));
  return {
    province: { code: province.code, name: province.name },
    asOf: now.toISOString(),
    communes: activated
      .map((c) => {
        const r = byCommune.get(c.code);
        return {
          code: c.code,
          name: c.name,
          open: Number(r?.open ?? 0),
          overdue: Number(r?.overdue ?? 0),
          dueSoon: Number(r?.dueSoon ?? 0),
          toIntake: Number(r?.toIntake ?? 0),
        };
      })
      // What needs help first: the most overdue, then due soon, then by name.
      .sort((a, b) => b.overdue - a.overdue || b.dueSoon - a.dueSoon || a.name.localeCompare(b.name, 'vi')),
  };
}
