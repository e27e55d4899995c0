/**
 * Members of a body on a day: the officials holding a position (start ≤ day ≤ end) in the body itself or in one of
 * its descendant bodies of category 'group' (HĐND → Thường trực, the Ban, Đại biểu HĐND; Đảng ủy → BCH, BTV,
 * Thường trực), active, each once. The org module has no function for "holders of these bodies on a day", so this
 * one read-only query reads its positions and officials (nothing here writes them).
 */
import { and, eq, gte, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/database';
import { communeOfBody, listBodies } from '../org';
import { orgOfficials, orgPositions } from '../org/schema';
import { meetingBodies, meetingParticipants } from './schema';

export interface BodyMember {
  officialId: string;
  fullName: string;
  /** Titles held that day in the body and its groups. */
  titles: string[];
  email: string | null;
}

/** The body and its descendant 'group' bodies (a group under a group counts too). */
export async function bodyWithGroups(db: DbOrTx, bodyId: string, communeCode?: string): Promise<string[]> {
  const code = communeCode ?? (await communeOfBody(db, bodyId));
  if (!code) return [bodyId];
  const bodies = await listBodies(db, code, { includeClosed: true });
  const ids = new Set([bodyId]);
  // listBodies is in tree order: parents before children.
  for (const b of bodies) if (b.category === 'group' && b.parentId && ids.has(b.parentId)) ids.add(b.id);
  return [...ids];
}

export async function membersOn(
  db: DbOrTx,
  bodyId: string,
  day: string,
  communeCode?: string,
): Promise<BodyMember[]> {
  const bodyIds = await bodyWithGroups(db, bodyId, communeCode);
  const rows = await db
    .select({
      officialId: orgPositions.officialId,
      title: orgPositions.title,
      fullName: orgOfficials.fullName,
      email: orgOfficials.email,
    })
    .from(orgPositions)
    .innerJoin(orgOfficials, eq(orgOfficials.id, orgPositions.officialId))
    .where(
      and(
        inArray(orgPositions.bodyId, bodyIds),
        lte(orgPositions.startDate, day),
        or(isNull(orgPositions.endDate), gte(orgPositions.endDate, day)),
        eq(orgOfficials.status, 'active'),
      ),
    )
    .orderBy(orgOfficials.nameFolded, orgOfficials.id, orgPositions.startDate);
  const out = new Map<string, BodyMember>();
  for (const r of rows) {
    const m = out.get(r.officialId);
    if (m) {
      if (!m.titles.includes(r.title)) m.titles.push(r.title);
    } else
      out.set(r.officialId, {
        officialId: r.officialId,
        fullName: r.fullName,
        titles: [r.title],
        email: r.email,
      });
  }
  return [...out.values()];
}

/** Seats (from the body's settings; null when not set), members of the meeting's day, members present now. */
export async function bodyHeadcount(
  db: DbOrTx,
  meeting: { id: string; bodyId: string; meetingDate: string; communeCode: string },
): Promise<{ seats: number | null; members: number; present: number }> {
  // One after another: `db` may be a transaction (one connection, one query at a time).
  const settings = await db
    .select({ seats: meetingBodies.seats })
    .from(meetingBodies)
    .where(eq(meetingBodies.bodyId, meeting.bodyId));
  const members = await membersOn(db, meeting.bodyId, meeting.meetingDate, meeting.communeCode);
  const present = await presentCount(db, meeting.id);
  return { seats: settings[0]?.seats ?? null, members: members.length, present };
}

/** Participants of role member checked in and not left. */
export async function presentCount(db: DbOrTx, meetingId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(meetingParticipants)
    .where(
      and(
        eq(meetingParticipants.meetingId, meetingId),
        eq(meetingParticipants.role, 'member'),
        sql`${meetingParticipants.checkedInAt} is not null`,
        isNull(meetingParticipants.leftAt),
      ),
    );
  return Number(row?.n ?? 0);
}
