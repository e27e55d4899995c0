/**
 * Kế hoạch vận hành thử nghiệm: a commune's trial plan (date and half-day, what is rehearsed, the working group,
 * observers from other communes) from planned to held (with the working group's summary) or cancelled.
 */
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/database';
import { trialPlans } from './schema';

export interface TrialCounts {
  planned: number;
  held: number;
  /** The earliest planned (not held, not cancelled) trial date, yyyy-mm-dd. */
  next: string | null;
  /** The latest held trial date. */
  lastHeld: string | null;
}

/** Per commune of the province (only communes with at least one plan): planned and held trials. */
export async function trialsOf(db: DbOrTx, provinceCode: string): Promise<Map<string, TrialCounts>> {
  const rows = await db
    .select({
      communeCode: trialPlans.communeCode,
      trialDate: trialPlans.trialDate,
      status: trialPlans.status,
    })
    .from(trialPlans)
    .where(eq(trialPlans.provinceCode, provinceCode));
  const out = new Map<string, TrialCounts>();
  for (const r of rows) {
    let c = out.get(r.communeCode);
    if (!c) {
      c = { planned: 0, held: 0, next: null, lastHeld: null };
      out.set(r.communeCode, c);
    }
    if (r.status === 'planned') {
      c.planned += 1;
      if (c.next === null || r.trialDate < c.next) c.next = r.trialDate;
    } else if (r.status === 'held') {
      c.held += 1;
      if (c.lastHeld === null || r.trialDate > c.lastHeld) c.lastHeld = r.trialDate;
    }
  }
  return out;
}
