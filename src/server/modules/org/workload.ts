/**
 * Workload per official: the areas each one is in charge of or deputy for in the current announcement, and
 * counters other modules plug in (open dossiers, feedback to answer …) with `registerWorkloadCounter`.
 */
import type { DbOrTx } from '../../db/database';
import { findCurrentAnnouncement } from './assignments';
import { listOfficials } from './officials';

export interface WorkloadCounterSource {
  key: string;
  label: { vi: string; en: string };
  /** The count for each of these officials of the commune (missing = 0). */
  count(db: DbOrTx, communeCode: string, officialIds: string[]): Promise<Map<string, number>>;
}

const sources: WorkloadCounterSource[] = [];

/** Called once by a module at start-up; a second registration of the same key replaces the first. */
export function registerWorkloadCounter(source: WorkloadCounterSource): void {
  const at = sources.findIndex((s) => s.key === source.key);
  if (at >= 0) sources[at] = source;
  else sources.push(source);
}

export async function workload(db: DbOrTx, communeCode: string, q: { limit: number; cursor?: string }) {
  const [current, page] = await Promise.all([
    findCurrentAnnouncement(db, communeCode),
    listOfficials(db, communeCode, { status: 'active', limit: q.limit, cursor: q.cursor }),
  ]);
  const ids = page.items.map((o) => o.id);
  const plugged = await Promise.all(
    sources.map(async (s) => ({ s, counts: await s.count(db, communeCode, ids) })),
  );
  const items = page.items.map((o) => {
    const inCharge = (current?.items ?? [])
      .filter((i) => i.inCharge?.id === o.id)
      .map(({ areaCode, label }) => ({ areaCode, label }));
    const deputy = (current?.items ?? [])
      .filter((i) => i.deputy?.id === o.id)
      .map(({ areaCode, label }) => ({ areaCode, label }));
    const titles = o.positions.filter((p) => p.current).map((p) => p.title);
    return {
      official: { id: o.id, fullName: o.fullName, titles },
      inCharge,
      deputy,
      counters: [
        {
          key: 'areas_in_charge',
          label: { vi: 'Lĩnh vực phụ trách', en: 'Areas in charge' },
          value: inCharge.length,
        },
        {
          key: 'areas_deputy',
          label: { vi: 'Lĩnh vực phối hợp', en: 'Areas as deputy' },
          value: deputy.length,
        },
        { key: 'positions', label: { vi: 'Chức vụ đang giữ', en: 'Positions held' }, value: titles.length },
        ...plugged.map(({ s, counts }) => ({ key: s.key, label: s.label, value: counts.get(o.id) ?? 0 })),
      ],
    };
  });
  return { announcementId: current?.id ?? null, items, nextCursor: page.nextCursor };
}
