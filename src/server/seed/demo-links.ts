/**
 * Demo accounts linked to the demo officials of their commune (demo mode only), the official whose position
 * matches the account's role: the leader to the chair of the People's Committee, the one-stop officer to the
 * centre's intake clerk, the specialist to the justice and civil-status officer (in charge of "tư pháp - hộ
 * tịch" in the demo announcement, so the specialist picker preselects them). The council secretary has no
 * matching official in the demo roster and stays unlinked. Idempotent: a linked account is left as it is.
 */
import type { WriteContext } from '../db/transaction';
import { findAccountByUsername, linkOfficial } from '../modules/auth/accounts';
import { listOfficials } from '../modules/org';
import { DEMO_DOSSIER_COMMUNES } from './demo-dossiers';

/** Username prefix → the title of the official it stands for (demo-org.ts ROSTER). */
const TITLE_OF: [prefix: string, title: string][] = [
  ['lanhdao', 'Chủ tịch UBND'],
  ['motcua', 'Viên chức tiếp nhận và trả kết quả'],
  ['chuyenvien', 'Công chức tư pháp - hộ tịch'],
];

export async function linkDemoAccounts(ctx: WriteContext): Promise<number> {
  let linked = 0;
  for (const [communeCode, slug] of DEMO_DOSSIER_COMMUNES) {
    const { items: officials } = await listOfficials(ctx.db, communeCode, { status: 'active', limit: 200 });
    if (!officials.length) continue;
    for (const [prefix, title] of TITLE_OF) {
      const username = `${prefix}.${slug}`;
      const account = await findAccountByUsername(ctx.db, username);
      if (!account || account.officialId) continue;
      const official = officials.find((o) => o.positions.some((p) => p.current && p.title === title));
      if (!official) continue;
      await linkOfficial(ctx, account.id, official.id);
      linked += 1;
    }
  }
  return linked;
}
