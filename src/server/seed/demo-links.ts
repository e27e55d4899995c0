/**
 * Demo accounts linked to the demo officials of their commune (demo mode only), the official whose position
 * matches the account's role: the leader to the chair of the People's Committee, the one-stop officer to the
 * centre's intake clerk, the specialist to the justice and civil-status officer (in charge of "tư pháp - hộ
 * tịch" in the demo announcement, so the specialist picker preselects them). The council secretary has no
 * matching official in the demo roster and stays unlinked. Idempotent: a linked account is left as it is.
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { WriteContext } from '../db/transaction';
import { accountsByUsername } from '../modules/auth/accounts';
import { linkOfficials } from '../modules/auth/seed-bulk';
import { todayInVietnam } from '../modules/org/document-format';
import { isCurrent } from '../modules/org/officials';
import { orgOfficials, orgPositions } from '../modules/org/schema';
import { DEMO_DOSSIER_COMMUNES } from './demo-dossiers';

/** Username prefix → the title of the official it stands for (demo-org.ts ROSTER). */
const TITLE_OF: [prefix: string, title: string][] = [
  ['lanhdao', 'Chủ tịch UBND'],
  ['motcua', 'Viên chức tiếp nhận và trả kết quả'],
  ['chuyenvien', 'Công chức tư pháp - hộ tịch'],
];

/** How the links are written (tests compare the bulk writer with linkOfficial one account at a time); how many. */
export type DemoLinkWriter = (
  ctx: WriteContext,
  links: readonly { accountId: string; officialId: string }[],
) => Promise<number>;

export async function linkDemoAccounts(
  ctx: WriteContext,
  link: DemoLinkWriter = linkOfficials,
): Promise<number> {
  const codes = DEMO_DOSSIER_COMMUNES.map(([communeCode]) => communeCode);
  const today = todayInVietnam();
  // The active officials of the communes holding one of the titles, in the officials list's order (by name).
  const held = await ctx.db
    .select({
      id: orgOfficials.id,
      communeCode: orgOfficials.communeCode,
      title: orgPositions.title,
      startDate: orgPositions.startDate,
      endDate: orgPositions.endDate,
    })
    .from(orgOfficials)
    .innerJoin(orgPositions, eq(orgPositions.officialId, orgOfficials.id))
    .where(
      and(
        inArray(orgOfficials.communeCode, codes),
        eq(orgOfficials.status, 'active'),
        inArray(
          orgPositions.title,
          TITLE_OF.map(([, title]) => title),
        ),
      ),
    )
    .orderBy(asc(orgOfficials.nameFolded), asc(orgOfficials.id));
  const wanted = DEMO_DOSSIER_COMMUNES.flatMap(([communeCode, slug]) =>
    TITLE_OF.map(([prefix, title]) => ({ communeCode, username: `${prefix}.${slug}`, title })),
  );
  const accounts = await accountsByUsername(
    ctx.db,
    wanted.map((w) => w.username),
  );
  const links = [];
  for (const { communeCode, username, title } of wanted) {
    const account = accounts.get(username);
    if (!account || account.officialId) continue;
    const official = held.find(
      (h) => h.communeCode === communeCode && h.title === title && isCurrent(h, today),
    );
    if (official) links.push({ accountId: account.id, officialId: official.id });
  }
  return link(ctx, links);
}
