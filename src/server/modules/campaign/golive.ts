/**
 * Vận hành chính thức: a commune's state in the campaign (no commune_go_live row = preparing) and its cutover.
 * The guard (golive-guard.ts) decides whether the leader may switch; the cutover runs in one transaction.
 */
import { eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/database';
import { communeGoLive } from './schema';

export interface GoLiveStatus {
  status: 'preparing' | 'live';
  liveFrom: string | null;
  wentLiveAt: string | null;
}

export async function goLiveStatusOf(db: DbOrTx, communeCodes: string[]): Promise<Map<string, GoLiveStatus>> {
  const out = new Map<string, GoLiveStatus>();
  for (const c of communeCodes) out.set(c, { status: 'preparing', liveFrom: null, wentLiveAt: null });
  if (communeCodes.length === 0) return out;
  const rows = await db.select().from(communeGoLive).where(inArray(communeGoLive.communeCode, communeCodes));
  for (const r of rows)
    out.set(r.communeCode, {
      status: r.status === 'live' ? 'live' : 'preparing',
      liveFrom: r.liveFrom,
      wentLiveAt: r.wentLiveAt?.toISOString() ?? null,
    });
  return out;
}

export async function isCommuneLive(db: DbOrTx, communeCode: string): Promise<boolean> {
  const [row] = await db
    .select({ status: communeGoLive.status })
    .from(communeGoLive)
    .where(eq(communeGoLive.communeCode, communeCode));
  return row?.status === 'live';
}
