/** Task assignment announcements (thông báo phân công nhiệm vụ): drafts, issuing, history, the current one. */
import { and, desc, eq, gte, lt, lte, ne, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { STANDARD_AREAS } from '../../../common/api/org';
import { foldVietnamese } from '../../../common/text';
import type { DbOrTx, Tx } from '../../db/database';
import { type Audit, inTransaction, type WriteContext } from '../../db/transaction';
import { isUuid } from '../../http/auth';
import { AppError, notFound, text } from '../../http/errors';
import {
  advanceSeries,
  formatDocumentNumber,
  parseDocumentNumber,
  peekNextNumber,
  takeNumber,
} from '../numbering/service';
import { getCommune } from '../units/service';
import {
  type AnnouncementStatus,
  type AssignmentItem,
  canEdit,
  checkIssue,
  checkItems,
  DEFAULT_RECIPIENTS,
  DEFAULT_TITLE,
  signatureTitle,
} from './announcement';
import { todayInVietnam } from './document-format';
import { currentTitles, officialFacts } from './officials';
import { conflict, invalid } from './problems';
import { orgAnnouncements } from './schema';

type Row = typeof orgAnnouncements.$inferSelect;
/** Items as stored: issued ones carry the names of the day they were issued. */
type StoredItem = AssignmentItem & { inChargeName?: string | null; deputyName?: string | null };

export interface ItemInput {
  areaCode: string;
  label?: string;
  inChargeId: string | null;
  deputyId: string | null;
  duties: string;
}

const standardLabel = new Map(STANDARD_AREAS.map((a) => [a.code, a.label]));

function toItems(inputs: ItemInput[]): AssignmentItem[] {
  return inputs.map((i, n) => {
    const label = i.label ?? standardLabel.get(i.areaCode);
    if (!label)
      throw invalid([
        {
          field: `body.items.${n}.label`,
          message: { vi: 'Lĩnh vực riêng cần có tên.', en: 'A custom area needs a label.' },
        },
      ]);
    return { areaCode: i.areaCode, label, inChargeId: i.inChargeId, deputyId: i.deputyId, duties: i.duties };
  });
}

async function present(db: DbOrTx, row: Row) {
  const items = row.items as StoredItem[];
  const frozen = row.status !== 'draft';
  const names = frozen
    ? new Map()
    : await officialFacts(
        db,
        items.flatMap((i) => [i.inChargeId, i.deputyId].filter((x): x is string => !!x)),
      );
  const ref = (id: string | null, stored: string | null | undefined) =>
    id ? { id, fullName: (frozen ? stored : names.get(id)?.fullName) ?? '?' } : null;
  return {
    id: row.id,
    communeCode: row.communeCode,
    version: row.version,
    status: row.status as AnnouncementStatus,
    title: row.title,
    preamble: row.preamble,
    items: items.map((i) => ({
      areaCode: i.areaCode,
      label: i.label,
      inCharge: ref(i.inChargeId, i.inChargeName),
      deputy: ref(i.deputyId, i.deputyName),
      duties: i.duties,
    })),
    recipients: row.recipients as string[],
    number: row.number,
    issuedOn: row.issuedOn,
    signer: row.signerId
      ? { id: row.signerId, fullName: row.signerName ?? '', title: row.signerTitle ?? '' }
      : null,
    supersededById: row.supersededById,
    supersededOn: row.supersededOn,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
export type PresentedAnnouncement = Awaited<ReturnType<typeof present>>;

export const announcementNotFound = (id: string) =>
  notFound('thông báo phân công', 'assignment announcement', id);

/** The commune an announcement belongs to, or null (access checks by record id). */
export async function communeOfAnnouncement(db: DbOrTx, id: string): Promise<string | null> {
  if (!isUuid(id)) return null;
  const [row] = await db
    .select({ c: orgAnnouncements.communeCode })
    .from(orgAnnouncements)
    .where(eq(orgAnnouncements.id, id));
  return row?.c ?? null;
}

export async function getAnnouncementRow(db: DbOrTx, id: string): Promise<Row> {
  const [row] = await db.select().from(orgAnnouncements).where(eq(orgAnnouncements.id, id));
  if (!row) throw announcementNotFound(id);
  return row;
}

export async function getAnnouncement(db: DbOrTx, id: string) {
  return present(db, await getAnnouncementRow(db, id));
}

export async function findCurrentRow(db: DbOrTx, communeCode: string) {
  const [row] = await db
    .select()
    .from(orgAnnouncements)
    .where(and(eq(orgAnnouncements.communeCode, communeCode), eq(orgAnnouncements.status, 'issued')));
  return row ?? null;
}

export async function findCurrentAnnouncement(db: DbOrTx, communeCode: string) {
  const row = await findCurrentRow(db, communeCode);
  return row ? present(db, row) : null;
}

export async function getCurrentAnnouncement(db: DbOrTx, communeCode: string) {
  const found = await findCurrentAnnouncement(db, communeCode);
  if (!found)
    throw new AppError(
      'not_found',
      text(
        'Xã {c} chưa ban hành thông báo phân công nhiệm vụ nào.',
        'Commune {c} has not issued any task assignment announcement yet.',
        { c: communeCode },
      ),
    );
  return found;
}

/** Every version, newest first, a page at a time (cursor: the last version number seen). */
export async function listAnnouncements(
  db: DbOrTx,
  communeCode: string,
  q: { limit: number; cursor?: number },
) {
  const rows = await db
    .select()
    .from(orgAnnouncements)
    .where(
      and(
        eq(orgAnnouncements.communeCode, communeCode),
        q.cursor ? lt(orgAnnouncements.version, q.cursor) : undefined,
      ),
    )
    .orderBy(desc(orgAnnouncements.version))
    .limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  const items = [];
  for (const r of page) {
    const { items: list, preamble: _p, recipients: _r, ...rest } = await present(db, r);
    items.push({ ...rest, itemCount: list.length });
  }
  return { items, nextCursor: rows.length > q.limit ? String(page[page.length - 1]!.version) : null };
}

/** Serialises the writes of one commune's announcements (versions, issuing) across instances. */
async function lockCommune(tx: Tx, communeCode: string) {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`org_announcements:${communeCode}`}))`);
}

export async function assertItems(
  db: DbOrTx,
  communeCode: string,
  items: AssignmentItem[],
  complete: boolean,
) {
  const facts = await officialFacts(
    db,
    items.flatMap((i) => [i.inChargeId, i.deputyId].filter((x): x is string => !!x)),
  );
  const problems = checkItems(items, communeCode, facts, { complete });
  if (problems.length) throw invalid(problems);
}

export interface DraftInput {
  title?: string;
  preamble?: string;
  items?: ItemInput[];
  recipients?: string[];
}

/** A draft's items: the input's, or without them the current announcement's (the usual way to revise). */
export function draftItems(input: DraftInput, current: Row | null): AssignmentItem[] {
  return input.items
    ? toItems(input.items)
    : ((current?.items as StoredItem[] | undefined) ?? []).map(
        ({ inChargeName: _a, deputyName: _b, ...i }) => i,
      );
}

/**
 * Writes a new draft (the commune's next version) of checked `items` inside the caller's transaction, with its audit
 * entry: createDraft's write, and the demo's bulk seed's (org/seed-bulk.ts). The row's values.
 */
export async function insertDraft(
  tx: Tx,
  audit: Audit,
  communeCode: string,
  id: string,
  items: AssignmentItem[],
  input: DraftInput,
  current: Row | null,
) {
  await lockCommune(tx, communeCode);
  const [{ max }] = (await tx
    .select({ max: sql<number>`coalesce(max(${orgAnnouncements.version}), 0)::int` })
    .from(orgAnnouncements)
    .where(eq(orgAnnouncements.communeCode, communeCode))) as [{ max: number }];
  const values = {
    id,
    communeCode,
    version: max + 1,
    status: 'draft' as const,
    title: input.title ?? current?.title ?? DEFAULT_TITLE,
    preamble: input.preamble ?? current?.preamble ?? '',
    items,
    recipients: input.recipients ?? (current?.recipients as string[] | undefined) ?? DEFAULT_RECIPIENTS,
  };
  await tx.insert(orgAnnouncements).values(values);
  await audit({
    action: 'org.announcement.create',
    entityType: 'org_announcement',
    entityId: id,
    communeCode,
    after: values,
  });
  return values;
}

/** A new draft; without items it starts from the current announcement's (the usual way to revise). */
export async function createDraft(ctx: WriteContext, communeCode: string, input: DraftInput) {
  await getCommune(ctx.db, communeCode);
  const current = await findCurrentRow(ctx.db, communeCode);
  const items = draftItems(input, current);
  await assertItems(ctx.db, communeCode, items, false);
  const id = uuidv7();
  await inTransaction(ctx, (tx, audit) => insertDraft(tx, audit, communeCode, id, items, input, current));
  return getAnnouncement(ctx.db, id);
}

export async function updateDraft(ctx: WriteContext, id: string, change: DraftInput) {
  const before = await getAnnouncementRow(ctx.db, id);
  if (!canEdit(before.status))
    throw conflict(
      'Thông báo đã ban hành, không sửa được; hãy tạo dự thảo mới.',
      'The announcement is issued and cannot change; create a new draft.',
    );
  const items = change.items ? toItems(change.items) : undefined;
  if (items) await assertItems(ctx.db, before.communeCode, items, false);
  await inTransaction(ctx, async (tx, audit) => {
    const updated = await tx
      .update(orgAnnouncements)
      .set({
        ...(change.title !== undefined ? { title: change.title } : {}),
        ...(change.preamble !== undefined ? { preamble: change.preamble } : {}),
        ...(change.recipients !== undefined ? { recipients: change.recipients } : {}),
        ...(items ? { items } : {}),
        updatedAt: new Date(),
      })
      .where(and(eq(orgAnnouncements.id, id), eq(orgAnnouncements.status, 'draft')))
      .returning({ id: orgAnnouncements.id });
    if (!updated.length) throw conflict('Thông báo vừa được ban hành.', 'The announcement was just issued.');
    await audit({
      action: 'org.announcement.update',
      entityType: 'org_announcement',
      entityId: id,
      communeCode: before.communeCode,
      before: {
        title: before.title,
        preamble: before.preamble,
        items: before.items,
        recipients: before.recipients,
      },
      after: change,
    });
  });
  return getAnnouncement(ctx.db, id);
}

export interface IssueInput {
  /** Typed from paper (checked, and the series moves past it); absent: the next TB-UBND number is taken. */
  number?: string | null;
  issuedOn: string;
  signerId: string;
  signerTitle?: string;
}

/** Ban hành: the draft becomes the current announcement; the one it replaces is superseded the same day. */
export async function issueAnnouncement(
  ctx: WriteContext,
  id: string,
  input: IssueInput,
  today = todayInVietnam(),
) {
  const draft = await getAnnouncementRow(ctx.db, id);
  if (!canEdit(draft.status))
    throw conflict('Thông báo đã được ban hành.', 'The announcement is already issued.');
  await inTransaction(ctx, (tx, audit) => issueDraft(tx, audit, draft, input, today));
  return getAnnouncement(ctx.db, id);
}

/**
 * Issues a draft inside the caller's transaction after the checks of issuing, with its audit entries (and the
 * superseded announcement's): issueAnnouncement's write, and the demo's bulk seed's (org/seed-bulk.ts).
 */
export async function issueDraft(
  tx: Tx,
  audit: Audit,
  draft: Pick<Row, 'id' | 'communeCode' | 'items'>,
  input: IssueInput,
  today: string,
) {
  const { id, communeCode } = draft;
  const items = draft.items as AssignmentItem[];
  await lockCommune(tx, communeCode);
  const [fresh] = await tx
    .select({ status: orgAnnouncements.status })
    .from(orgAnnouncements)
    .where(eq(orgAnnouncements.id, id));
  if (fresh?.status !== 'draft')
    throw conflict('Thông báo đã được ban hành.', 'The announcement is already issued.');
  const current = await findCurrentRow(tx, communeCode);
  const year = input.issuedOn.slice(0, 4);
  const used = await numbersIssuedIn(tx, communeCode, year);
  const facts = await officialFacts(
    tx,
    [...items.flatMap((i) => [i.inChargeId, i.deputyId]), input.signerId].filter((x): x is string => !!x),
  );
  const typed = input.number?.trim() || null;
  const problems = [
    ...checkItems(items, communeCode, facts, { complete: true, field: 'draft.items' }),
    ...checkIssue({
      communeCode,
      number: typed,
      issuedOn: input.issuedOn,
      today,
      signer: facts.get(input.signerId),
      current: current ? { issuedOn: current.issuedOn!, number: current.number! } : null,
      numbersUsedThisYear: used,
    }),
  ];
  if (problems.length) throw invalid(problems);
  const number = await announcementNumber(tx, communeCode, Number(year), typed, used);
  const signerTitle =
    input.signerTitle ??
    signatureTitle((await currentTitles(tx, [input.signerId], input.issuedOn)).get(input.signerId) ?? []);
  const frozen: StoredItem[] = items.map((i) => ({
    ...i,
    inChargeName: i.inChargeId ? (facts.get(i.inChargeId)?.fullName ?? null) : null,
    deputyName: i.deputyId ? (facts.get(i.deputyId)?.fullName ?? null) : null,
  }));
  if (current) {
    await tx
      .update(orgAnnouncements)
      .set({
        status: 'superseded',
        supersededById: id,
        supersededOn: input.issuedOn,
        updatedAt: new Date(),
      })
      .where(eq(orgAnnouncements.id, current.id));
    await audit({
      action: 'org.announcement.supersede',
      entityType: 'org_announcement',
      entityId: current.id,
      communeCode,
      before: { status: 'issued' },
      after: { status: 'superseded', supersededById: id, supersededOn: input.issuedOn },
    });
  }
  await tx
    .update(orgAnnouncements)
    .set({
      status: 'issued',
      number,
      issuedOn: input.issuedOn,
      signerId: input.signerId,
      signerName: facts.get(input.signerId)!.fullName,
      signerTitle,
      items: frozen,
      updatedAt: new Date(),
    })
    .where(eq(orgAnnouncements.id, id));
  await audit({
    action: 'org.announcement.issue',
    entityType: 'org_announcement',
    entityId: id,
    communeCode,
    before: { status: 'draft' },
    after: {
      status: 'issued',
      number,
      numberTaken: typed === null,
      issuedOn: input.issuedOn,
      signerId: input.signerId,
      signerTitle,
      supersedes: current?.id ?? null,
    },
  });
}

/** Announcements are numbered in the UBND's TB series of the commune (one numbering service for all documents). */
const ANNOUNCEMENT_SERIES = { issuer: 'UBND', docType: 'TB' } as const;

/** The highest sequence among numbers of the UBND's TB series (announcements issued before the series existed). */
function highestUsed(numbers: string[]): number {
  let max = 0;
  for (const n of numbers) {
    const p = parseDocumentNumber(n);
    if (p && p.issuer === ANNOUNCEMENT_SERIES.issuer && p.docType === ANNOUNCEMENT_SERIES.docType)
      max = Math.max(max, p.seq);
  }
  return max;
}

/**
 * The number an announcement is issued with, in the issuing transaction: a typed number (already checked) moves
 * its series past it; otherwise the series first moves past numbers typed before it existed, then the next is taken.
 */
async function announcementNumber(
  tx: Tx,
  communeCode: string,
  year: number,
  typed: string | null,
  usedThisYear: string[],
): Promise<string> {
  if (typed !== null) {
    const p = parseDocumentNumber(typed);
    if (p) await advanceSeries(tx, { communeCode, issuer: p.issuer, docType: p.docType, year }, p.seq);
    return typed;
  }
  const key = { communeCode, ...ANNOUNCEMENT_SERIES, year };
  const before = highestUsed(usedThisYear);
  if (before > 0) await advanceSeries(tx, key, before);
  return (await takeNumber(tx, key)).number;
}

/** The numbers of the commune's announcements issued in a year (drafts have none to count). */
async function numbersIssuedIn(db: DbOrTx, communeCode: string, year: string | number): Promise<string[]> {
  const rows = await db
    .select({ number: orgAnnouncements.number })
    .from(orgAnnouncements)
    .where(
      and(
        eq(orgAnnouncements.communeCode, communeCode),
        ne(orgAnnouncements.status, 'draft'),
        gte(orgAnnouncements.issuedOn, `${year}-01-01`),
        lte(orgAnnouncements.issuedOn, `${year}-12-31`),
      ),
    );
  return rows.map((r) => r.number ?? '');
}

/** The number the issue form suggests for a date (the next of the series; taken only when issuing). */
export async function suggestedAnnouncementNumber(db: DbOrTx, communeCode: string, issuedOn: string) {
  const year = Number(issuedOn.slice(0, 4));
  const used = await numbersIssuedIn(db, communeCode, year);
  const next = await peekNextNumber(db, { communeCode, ...ANNOUNCEMENT_SERIES, year });
  const seq = Math.max(next.seq, highestUsed(used) + 1);
  return {
    year,
    seq,
    number: formatDocumentNumber(seq, ANNOUNCEMENT_SERIES.docType, ANNOUNCEMENT_SERIES.issuer),
  };
}

/** "Ai phụ trách việc này?": the areas of the current announcement whose code is `field` or whose name contains it. */
export async function whoHandles(db: DbOrTx, communeCode: string, field: string) {
  const current = await getCurrentAnnouncement(db, communeCode);
  const q = foldVietnamese(field);
  const exact = current.items.filter((i) => i.areaCode === field.trim());
  const matches = exact.length ? exact : current.items.filter((i) => foldVietnamese(i.label).includes(q));
  return {
    announcement: { id: current.id, number: current.number, issuedOn: current.issuedOn },
    matches: matches.slice(0, 50),
  };
}
