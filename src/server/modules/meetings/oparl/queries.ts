/**
 * Read-only queries of the OParl API: what is public of a commune's meetings (see mapping.ts for what and why).
 * Nothing here writes; every query is scoped to one commune or checks the public rule for a record by id.
 */
import { and, asc, count, eq, inArray, isNotNull, isNull, ne, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../../db/database';
import { orgBodies, orgCommunes, orgOfficials, orgPositions } from '../../org/schema';
import { communes } from '../../units/schema';
import {
  meetingAgendaItems,
  meetingBallotTallies,
  meetingBodies,
  meetingCandidates,
  meetingOpenBallots,
  meetingPapers,
  meetingPaperVersions,
  meetingParticipants,
  meetings,
  meetingVotes,
} from '../schema';
import type {
  CommuneRow,
  FileRow,
  ItemRow,
  MeetingRow,
  OrgBodyRow,
  PaperRow,
  PositionRow,
  PublicPersonRow,
  PublishedVote,
} from './mapping';

/** A meeting is public once invited, unless it is a rehearsal or archived. */
export const publicMeeting: SQL = and(
  eq(meetings.rehearsal, false),
  isNull(meetings.archivedAt),
  ne(meetings.status, 'draft'),
) as SQL;

export interface Paging {
  limit: number;
  offset: number;
}

const communeColumns = {
  code: orgCommunes.communeCode,
  name: communes.name,
  kind: communes.kind,
  activatedOn: orgCommunes.activatedOn,
  createdAt: orgCommunes.createdAt,
};

export async function listCommunes(db: Db, paging: Paging): Promise<{ rows: CommuneRow[]; total: number }> {
  const [rows, [total]] = await Promise.all([
    db
      .select(communeColumns)
      .from(orgCommunes)
      .innerJoin(communes, eq(communes.code, orgCommunes.communeCode))
      .orderBy(asc(orgCommunes.communeCode))
      .limit(paging.limit)
      .offset(paging.offset),
    db.select({ n: count() }).from(orgCommunes),
  ]);
  return { rows, total: Number(total?.n ?? 0) };
}

export async function findCommune(db: Db, code: string): Promise<CommuneRow | null> {
  const [row] = await db
    .select(communeColumns)
    .from(orgCommunes)
    .innerJoin(communes, eq(communes.code, orgCommunes.communeCode))
    .where(eq(orgCommunes.communeCode, code));
  return row ?? null;
}

export async function firstActivation(db: Db): Promise<Date | null> {
  const [row] = await db.select({ at: sql<string | null>`min(${orgCommunes.createdAt})` }).from(orgCommunes);
  return row?.at ? new Date(row.at) : null;
}

const bodyColumns = {
  id: orgBodies.id,
  communeCode: orgBodies.communeCode,
  parentId: orgBodies.parentId,
  category: orgBodies.category,
  name: orgBodies.name,
  shortName: orgBodies.shortName,
  openedOn: orgBodies.openedOn,
  closedOn: orgBodies.closedOn,
  createdAt: orgBodies.createdAt,
};

/** The commune's bodies that meet (the Organizations), in the org chart's order. */
export async function meetingOrganizations(db: Db, communeCode: string): Promise<OrgBodyRow[]> {
  return db
    .select(bodyColumns)
    .from(orgBodies)
    .where(
      and(
        eq(orgBodies.communeCode, communeCode),
        or(
          inArray(orgBodies.category, ['party', 'council', 'government', 'group']),
          inArray(
            orgBodies.id,
            db
              .select({ id: meetingBodies.bodyId })
              .from(meetingBodies)
              .where(eq(meetingBodies.communeCode, communeCode)),
          ),
          inArray(
            orgBodies.id,
            db.select({ id: meetings.bodyId }).from(meetings).where(eq(meetings.communeCode, communeCode)),
          ),
        ),
      ),
    )
    .orderBy(asc(orgBodies.sortOrder), asc(orgBodies.id));
}

const positionColumns = {
  id: orgPositions.id,
  officialId: orgPositions.officialId,
  bodyId: orgPositions.bodyId,
  communeCode: orgPositions.communeCode,
  title: orgPositions.title,
  startDate: orgPositions.startDate,
  endDate: orgPositions.endDate,
  createdAt: orgPositions.createdAt,
};

export async function positionsIn(db: Db, bodyIds: string[]): Promise<PositionRow[]> {
  if (bodyIds.length === 0) return [];
  return db
    .select(positionColumns)
    .from(orgPositions)
    .where(inArray(orgPositions.bodyId, bodyIds))
    .orderBy(asc(orgPositions.startDate), asc(orgPositions.id));
}

/** Public columns only: the name. Date of birth, gender, phone, e-mail and former unit are never read here. */
export async function publicPeople(db: Db, ids: string[]): Promise<PublicPersonRow[]> {
  if (ids.length === 0) return [];
  return db
    .select({
      id: orgOfficials.id,
      communeCode: orgOfficials.communeCode,
      fullName: orgOfficials.fullName,
      createdAt: orgOfficials.createdAt,
      updatedAt: orgOfficials.updatedAt,
    })
    .from(orgOfficials)
    .where(inArray(orgOfficials.id, ids))
    .orderBy(asc(orgOfficials.nameFolded), asc(orgOfficials.id));
}

/** Everyone of the commune the API shows: organizations, their positions, the people holding them. */
export async function communeRoster(db: Db, communeCode: string) {
  const organizations = await meetingOrganizations(db, communeCode);
  const positions = await positionsIn(
    db,
    organizations.map((o) => o.id),
  );
  const people = await publicPeople(db, [...new Set(positions.map((p) => p.officialId))]);
  return { organizations, positions, people };
}

const meetingColumns = {
  id: meetings.id,
  communeCode: meetings.communeCode,
  bodyId: meetings.bodyId,
  title: meetings.title,
  place: meetings.place,
  status: meetings.status,
  startsAt: meetings.startsAt,
  openedAt: meetings.openedAt,
  closedAt: meetings.closedAt,
  createdAt: meetings.createdAt,
  updatedAt: meetings.updatedAt,
};

export async function listMeetings(
  db: Db,
  communeCode: string,
  paging: Paging,
): Promise<{ rows: MeetingRow[]; total: number }> {
  const where = and(eq(meetings.communeCode, communeCode), publicMeeting);
  const [rows, [total]] = await Promise.all([
    db
      .select(meetingColumns)
      .from(meetings)
      .where(where)
      .orderBy(asc(meetings.startsAt), asc(meetings.id))
      .limit(paging.limit)
      .offset(paging.offset),
    db.select({ n: count() }).from(meetings).where(where),
  ]);
  return { rows, total: Number(total?.n ?? 0) };
}

export async function findMeeting(db: Db, id: string): Promise<MeetingRow | null> {
  const [row] = await db
    .select(meetingColumns)
    .from(meetings)
    .where(and(eq(meetings.id, id), publicMeeting));
  return row ?? null;
}

const itemColumns = {
  id: meetingAgendaItems.id,
  meetingId: meetingAgendaItems.meetingId,
  position: meetingAgendaItems.position,
  title: meetingAgendaItems.title,
  decision: meetingAgendaItems.decision,
  status: meetingAgendaItems.status,
  startedAt: meetingAgendaItems.startedAt,
  endedAt: meetingAgendaItems.endedAt,
  createdAt: meetingAgendaItems.createdAt,
};

export async function itemsOfMeetings(db: Db, meetingIds: string[]): Promise<ItemRow[]> {
  if (meetingIds.length === 0) return [];
  return db
    .select(itemColumns)
    .from(meetingAgendaItems)
    .where(inArray(meetingAgendaItems.meetingId, meetingIds))
    .orderBy(asc(meetingAgendaItems.meetingId), asc(meetingAgendaItems.position), asc(meetingAgendaItems.id));
}

export async function listItems(
  db: Db,
  communeCode: string,
  paging: Paging,
): Promise<{ rows: ItemRow[]; total: number }> {
  const where = and(eq(meetings.communeCode, communeCode), publicMeeting);
  const [rows, [total]] = await Promise.all([
    db
      .select(itemColumns)
      .from(meetingAgendaItems)
      .innerJoin(meetings, eq(meetings.id, meetingAgendaItems.meetingId))
      .where(where)
      .orderBy(
        asc(meetings.startsAt),
        asc(meetings.id),
        asc(meetingAgendaItems.position),
        asc(meetingAgendaItems.id),
      )
      .limit(paging.limit)
      .offset(paging.offset),
    db
      .select({ n: count() })
      .from(meetingAgendaItems)
      .innerJoin(meetings, eq(meetings.id, meetingAgendaItems.meetingId))
      .where(where),
  ]);
  return { rows, total: Number(total?.n ?? 0) };
}

export async function findItem(db: Db, id: string): Promise<(ItemRow & { communeCode: string }) | null> {
  const [row] = await db
    .select({ ...itemColumns, communeCode: meetings.communeCode })
    .from(meetingAgendaItems)
    .innerJoin(meetings, eq(meetings.id, meetingAgendaItems.meetingId))
    .where(and(eq(meetingAgendaItems.id, id), publicMeeting));
  return row ?? null;
}

/** Members of the meetings who checked in (OParl `participant`). */
export async function participantsOf(db: Db, meetingIds: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (meetingIds.length === 0) return out;
  const rows = await db
    .select({ meetingId: meetingParticipants.meetingId, officialId: meetingParticipants.officialId })
    .from(meetingParticipants)
    .where(
      and(
        inArray(meetingParticipants.meetingId, meetingIds),
        eq(meetingParticipants.role, 'member'),
        isNotNull(meetingParticipants.checkedInAt),
        isNotNull(meetingParticipants.officialId),
      ),
    )
    .orderBy(asc(meetingParticipants.fullName), asc(meetingParticipants.id));
  for (const r of rows) {
    const list = out.get(r.meetingId) ?? [];
    list.push(r.officialId!);
    out.set(r.meetingId, list);
  }
  return out;
}

/** Closed votes of the items, with what may be published of each (see PublishedVote). */
export async function closedVotesOf(db: Db, itemIds: string[]): Promise<Map<string, PublishedVote[]>> {
  const out = new Map<string, PublishedVote[]>();
  if (itemIds.length === 0) return out;
  const votes = await db
    .select({
      id: meetingVotes.id,
      itemId: meetingVotes.itemId,
      voteType: meetingVotes.voteType,
      method: meetingVotes.method,
      question: meetingVotes.question,
      outcome: meetingVotes.outcome,
      closedAt: meetingVotes.closedAt,
    })
    .from(meetingVotes)
    .where(and(inArray(meetingVotes.itemId, itemIds), eq(meetingVotes.status, 'closed')))
    .orderBy(asc(meetingVotes.openedAt), asc(meetingVotes.id));
  if (votes.length === 0) return out;
  const voteIds = votes.map((v) => v.id);
  const [ballots, tallies, candidates] = await Promise.all([
    db
      .select({
        voteId: meetingOpenBallots.voteId,
        officialId: meetingOpenBallots.officialId,
        choice: meetingOpenBallots.choice,
      })
      .from(meetingOpenBallots)
      .where(inArray(meetingOpenBallots.voteId, voteIds))
      .orderBy(asc(meetingOpenBallots.officialId)),
    db
      .select({
        voteId: meetingBallotTallies.voteId,
        choice: meetingBallotTallies.choice,
        count: meetingBallotTallies.count,
      })
      .from(meetingBallotTallies)
      .where(inArray(meetingBallotTallies.voteId, voteIds))
      .orderBy(asc(meetingBallotTallies.choice)),
    db
      .select({
        voteId: meetingCandidates.voteId,
        officialId: meetingCandidates.officialId,
        fullName: meetingCandidates.fullName,
        positionTitle: meetingCandidates.positionTitle,
        elected: meetingCandidates.elected,
        position: meetingCandidates.position,
      })
      .from(meetingCandidates)
      .where(inArray(meetingCandidates.voteId, voteIds))
      .orderBy(asc(meetingCandidates.position)),
  ]);
  for (const v of votes) {
    const published: PublishedVote = { ...v, counts: {} };
    if (v.voteType === 'open') {
      published.ballots = ballots
        .filter((b) => b.voteId === v.id)
        .map(({ officialId, choice }) => ({ officialId, choice }));
      for (const b of published.ballots) published.counts[b.choice] = (published.counts[b.choice] ?? 0) + 1;
    } else {
      for (const t of tallies) if (t.voteId === v.id) published.counts[t.choice] = t.count;
    }
    if (v.voteType === 'election')
      published.candidates = candidates
        .filter((c) => c.voteId === v.id)
        .map(({ officialId, fullName, positionTitle, elected }) => ({
          officialId,
          fullName,
          positionTitle,
          elected,
        }));
    const list = out.get(v.itemId) ?? [];
    list.push(published);
    out.set(v.itemId, list);
  }
  return out;
}

const paperColumns = {
  id: meetingPapers.id,
  meetingId: meetingPapers.meetingId,
  communeCode: meetingPapers.communeCode,
  itemId: meetingPapers.itemId,
  paperType: meetingPapers.paperType,
  title: meetingPapers.title,
  publishedAt: meetingPapers.publishedAt,
  createdAt: meetingPapers.createdAt,
  bodyId: meetings.bodyId,
  itemDecision: meetingAgendaItems.decision,
};

const publicPaper = and(eq(meetingPapers.status, 'published'), publicMeeting);

function papersQuery(db: Db) {
  return db
    .select(paperColumns)
    .from(meetingPapers)
    .innerJoin(meetings, eq(meetings.id, meetingPapers.meetingId))
    .leftJoin(meetingAgendaItems, eq(meetingAgendaItems.id, meetingPapers.itemId));
}

/** Published papers of the commune; `withItem` lists only those discussed under an item (consultations). */
export async function listPapers(
  db: Db,
  communeCode: string,
  paging: Paging,
  withItem = false,
): Promise<{ rows: PaperRow[]; total: number }> {
  const where = and(
    eq(meetingPapers.communeCode, communeCode),
    publicPaper,
    withItem ? isNotNull(meetingPapers.itemId) : undefined,
  );
  const [rows, [total]] = await Promise.all([
    papersQuery(db)
      .where(where)
      .orderBy(asc(meetingPapers.publishedAt), asc(meetingPapers.id))
      .limit(paging.limit)
      .offset(paging.offset),
    db
      .select({ n: count() })
      .from(meetingPapers)
      .innerJoin(meetings, eq(meetings.id, meetingPapers.meetingId))
      .where(where),
  ]);
  return { rows, total: Number(total?.n ?? 0) };
}

export async function findPaper(db: Db, id: string): Promise<PaperRow | null> {
  const [row] = await papersQuery(db).where(and(eq(meetingPapers.id, id), publicPaper));
  return row ?? null;
}

/** Published papers by item (the first, for AgendaItem.consultation). */
export async function papersOfItems(db: Db, itemIds: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (itemIds.length === 0) return out;
  const rows = await db
    .select({ id: meetingPapers.id, itemId: meetingPapers.itemId })
    .from(meetingPapers)
    .where(and(inArray(meetingPapers.itemId, itemIds), eq(meetingPapers.status, 'published')))
    .orderBy(asc(meetingPapers.publishedAt), asc(meetingPapers.id));
  for (const r of rows) if (r.itemId && !out.has(r.itemId)) out.set(r.itemId, r.id);
  return out;
}

const fileColumns = {
  id: meetingPaperVersions.id,
  paperId: meetingPaperVersions.paperId,
  meetingId: meetingPapers.meetingId,
  itemId: meetingPapers.itemId,
  version: meetingPaperVersions.version,
  fileName: meetingPaperVersions.fileName,
  contentType: meetingPaperVersions.contentType,
  sizeBytes: meetingPaperVersions.sizeBytes,
  sha256: meetingPaperVersions.sha256,
  createdAt: meetingPaperVersions.createdAt,
  paperTitle: meetingPapers.title,
};

/** The published file of a paper: its adopted version (else its current one), when that version has a file. */
const publishedFile = and(
  publicPaper,
  isNotNull(meetingPaperVersions.storageKey),
  sql`${meetingPaperVersions.version} = coalesce(${meetingPapers.adoptedVersion}, ${meetingPapers.currentVersion})`,
);

function filesQuery(db: Db) {
  return db
    .select({ ...fileColumns, storageKey: meetingPaperVersions.storageKey })
    .from(meetingPaperVersions)
    .innerJoin(meetingPapers, eq(meetingPapers.id, meetingPaperVersions.paperId))
    .innerJoin(meetings, eq(meetings.id, meetingPapers.meetingId));
}

export async function listFiles(
  db: Db,
  communeCode: string,
  paging: Paging,
): Promise<{ rows: FileRow[]; total: number }> {
  const where = and(eq(meetingPapers.communeCode, communeCode), publishedFile);
  const [rows, [total]] = await Promise.all([
    filesQuery(db)
      .where(where)
      .orderBy(asc(meetingPaperVersions.createdAt), asc(meetingPaperVersions.id))
      .limit(paging.limit)
      .offset(paging.offset),
    db
      .select({ n: count() })
      .from(meetingPaperVersions)
      .innerJoin(meetingPapers, eq(meetingPapers.id, meetingPaperVersions.paperId))
      .innerJoin(meetings, eq(meetings.id, meetingPapers.meetingId))
      .where(where),
  ]);
  return { rows, total: Number(total?.n ?? 0) };
}

export async function filesOfPapers(db: Db, paperIds: string[]): Promise<Map<string, FileRow>> {
  const out = new Map<string, FileRow>();
  if (paperIds.length === 0) return out;
  const rows = await filesQuery(db).where(and(inArray(meetingPapers.id, paperIds), publishedFile));
  for (const r of rows) out.set(r.paperId, r);
  return out;
}

export async function findFile(
  db: Db,
  id: string,
): Promise<(FileRow & { storageKey: string | null }) | null> {
  const [row] = await filesQuery(db).where(and(eq(meetingPaperVersions.id, id), publishedFile));
  return row ?? null;
}

/** The commune of an org record by id (empty when none): the roster of that commune decides if it is public. */
export const bodyCommune = (db: Db, id: string) =>
  db.select({ communeCode: orgBodies.communeCode }).from(orgBodies).where(eq(orgBodies.id, id));
export const officialCommune = (db: Db, id: string) =>
  db.select({ communeCode: orgOfficials.communeCode }).from(orgOfficials).where(eq(orgOfficials.id, id));
export const positionCommune = (db: Db, id: string) =>
  db.select({ communeCode: orgPositions.communeCode }).from(orgPositions).where(eq(orgPositions.id, id));
