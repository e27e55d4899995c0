/**
 * Communes' organisations written in bulk, for the demo seed only (issue 14: a fast first start): each commune
 * activated from its template as activateCommune activates it (activationRows: the activation, the bodies, the audit
 * entry) unless it is already, its officials with their positions (seededOfficialRows) and an announcement among them
 * (insertDraft and issueDraft, what createDraft and issueAnnouncement write), all in one transaction of a few
 * statements instead of one transaction per commune, announcement and step, and one statement per official.
 * demo-people-bulk.integration.test.ts compares it with those use cases and one official at a time.
 */
import { inArray } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { foldVietnamese } from '../../../common/text';
import { insertRows } from '../../db/insert-rows';
import { inTransaction, type WriteContext } from '../../db/transaction';
import { type AuditRecord, auditAll } from '../audit/service';
import {
  assertItems,
  type DraftInput,
  draftItems,
  findCurrentRow,
  type IssueInput,
  insertDraft,
  issueDraft,
} from './assignments';
import { activationRows } from './bodies';
import type { OfficialFields } from './officials';
import { orgBodies, orgCommunes, orgOfficials, orgPositions } from './schema';
import type { CommuneKind } from './template';

/** An official a seed writes, with the positions they hold (each in the body of a template key). */
export interface SeedOfficial extends OfficialFields {
  id: string;
  formerUnitName: string | null;
  positions: { bodyKey: string; title: string; startDate: string }[];
}

/** A task assignment announcement a seed drafts and issues (as createDraft then issueAnnouncement on `today`). */
export interface SeedAnnouncement {
  draft: DraftInput;
  issue: IssueInput;
  today: string;
}

/**
 * A commune whose organisation a seed writes: activated on `activatedOn` (unless it is), with these officials, and
 * an announcement issued among them.
 */
export interface SeedCommuneStaff {
  commune: { code: string; kind: CommuneKind; name: string };
  activatedOn: string;
  officials: SeedOfficial[];
  announcement?: SeedAnnouncement;
}

/**
 * The rows of a seeded official of a commune — the official, their positions in the bodies `bodyIdOf` names — and
 * the audit entry that records them, with where they came from (`source`).
 */
export function seededOfficialRows(
  communeCode: string,
  o: SeedOfficial,
  bodyIdOf: (templateKey: string) => string,
  source: string,
) {
  const { id, positions: held, ...fields } = o;
  const shown = { communeCode, ...fields };
  const positions = held.map((p) => ({
    id: uuidv7(),
    communeCode,
    bodyId: bodyIdOf(p.bodyKey),
    title: p.title,
    startDate: p.startDate,
  }));
  return {
    official: { id, ...shown, nameFolded: foldVietnamese(o.fullName) },
    positions: positions.map((p) => ({ ...p, officialId: id })),
    record: {
      action: 'org.official.create',
      entityType: 'org_official',
      entityId: id,
      communeCode,
      after: { ...shown, positions, source },
    } satisfies AuditRecord,
  };
}

/** Activates each commune (unless it is) and writes its officials, in order, in one transaction. */
export async function writeCommuneStaff(
  ctx: WriteContext,
  communes: readonly SeedCommuneStaff[],
  source: string,
): Promise<void> {
  if (!communes.length) return;
  const codes = communes.map((c) => c.commune.code);
  const activated = new Set(
    (
      await ctx.db
        .select({ code: orgCommunes.communeCode })
        .from(orgCommunes)
        .where(inArray(orgCommunes.communeCode, codes))
    ).map((r) => r.code),
  );
  if (communes.every((c) => activated.has(c.commune.code) && !c.officials.length && !c.announcement)) return;
  await inTransaction(ctx, async (tx, audit) => {
    const bodyIds = new Map<string, string>();
    const existing = activated.size
      ? await tx
          .select({ id: orgBodies.id, communeCode: orgBodies.communeCode, key: orgBodies.templateKey })
          .from(orgBodies)
          .where(inArray(orgBodies.communeCode, [...activated]))
      : [];
    for (const b of existing) if (b.key) bodyIds.set(`${b.communeCode}:${b.key}`, b.id);
    const activations = [];
    const bodies = [];
    const officials = [];
    const positions = [];
    const records: AuditRecord[] = [];
    for (const { commune, activatedOn, officials: staff } of communes) {
      const code = commune.code;
      if (!activated.has(code)) {
        // A commune activated meanwhile makes the insert fail, as activateCommune would find it activated.
        const rows = activationRows(commune, activatedOn);
        activations.push(rows.activation);
        bodies.push(...rows.bodies);
        for (const b of rows.bodies) bodyIds.set(`${code}:${b.templateKey}`, b.id);
        records.push(rows.record);
      }
      const bodyOf = (key: string) => {
        const id = bodyIds.get(`${code}:${key}`);
        if (!id) throw new Error(`commune ${code} has no body of template key "${key}"`);
        return id;
      };
      for (const o of staff) {
        const rows = seededOfficialRows(code, o, bodyOf, source);
        officials.push(rows.official);
        positions.push(...rows.positions);
        records.push(rows.record);
      }
    }
    if (activations.length) {
      await insertRows(tx, orgCommunes, activations);
      await insertRows(tx, orgBodies, bodies);
    }
    if (officials.length) await insertRows(tx, orgOfficials, officials);
    if (positions.length) await insertRows(tx, orgPositions, positions);
    await auditAll(tx, audit, records, ctx);
    // What createDraft then issueAnnouncement write, after the officials they name.
    for (const { commune, announcement } of communes) {
      if (!announcement) continue;
      const code = commune.code;
      const current = await findCurrentRow(tx, code);
      const items = draftItems(announcement.draft, current);
      await assertItems(tx, code, items, false);
      const draft = await insertDraft(tx, audit, code, uuidv7(), items, announcement.draft, current);
      await issueDraft(tx, audit, draft, announcement.issue, announcement.today);
    }
  });
}
