/**
 * The dossiers counter of the org chart's workload view (GET /communes/{code}/workload): for each official, the
 * dossiers their linked account holds in the commune in the states of its "Của tôi" queue (assigned, being
 * processed), so the two figures agree. An official without a linked account holds none.
 */
import { and, count, eq, inArray } from 'drizzle-orm';
import { accountsOfOfficials } from '../auth/service';
import type { WorkloadCounterSource } from '../org';
import { officialOnly } from './backlog-sql';
import { MINE_STATUSES } from './domain/queues';
import { dossiers } from './schema';

/** The states of the "mine" queue (domain/queues.ts): the specialist's own work (also counted in the picker). */
export const IN_HAND = [...MINE_STATUSES];

export const dossiersInHand: WorkloadCounterSource = {
  key: 'dossiers_in_hand',
  label: { vi: 'Hồ sơ đang xử lý (Của tôi)', en: 'Dossiers in hand ("Mine")' },
  async count(db, communeCode, officialIds) {
    const accounts = await accountsOfOfficials(db, officialIds);
    const out = new Map<string, number>();
    if (!accounts.size) return out;
    const rows = await db
      .select({ assigneeId: dossiers.assigneeId, n: count() })
      .from(dossiers)
      .where(
        and(
          eq(dossiers.communeCode, communeCode),
          inArray(dossiers.assigneeId, [...accounts.values()]),
          inArray(dossiers.status, IN_HAND),
          // Official work: a trial day's mock dossiers do not weigh on anyone's workload.
          officialOnly,
        ),
      )
      .groupBy(dossiers.assigneeId);
    const held = new Map(rows.map((r) => [r.assigneeId, r.n]));
    for (const [officialId, accountId] of accounts) out.set(officialId, held.get(accountId) ?? 0);
    return out;
  },
};
