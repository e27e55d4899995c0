/**
 * Fixtures of the vote tests: a body of the commune with exactly the members a case needs (its own org body, so
 * the demo's officials never change a count), a meeting in progress with members checked in, and member accounts
 * linked to their officials. Written straight into the tables: the tests are about votes, not about preparing
 * meetings.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { loginAs, type TestApp } from '../../../../tests/support/app';
import { foldVietnamese } from '../../../common/text';
import { inTransaction, systemContext } from '../../db/transaction';
import { createAccount } from '../auth/accounts';
import { accounts } from '../auth/schema';
import { orgBodies, orgOfficials, orgPositions } from '../org/schema';
import type { BodyKind } from './rules';
import { meetingAgendaItems, meetingBodies, meetingParticipants, meetings } from './schema';

export const MEETING_DAY = '2025-06-20';
const GIVEN = ['An', 'Bình', 'Chi', 'Dũng', 'Giang', 'Hà', 'Khoa', 'Lan', 'Minh', 'Nga', 'Oanh', 'Phúc'];
let serial = 0;

export interface TestBody {
  bodyId: string;
  officialIds: string[];
  names: string[];
}

/** A body of the commune with `members` officials holding a position in it from 2025-01-01, and its seats. */
export async function makeBody(
  t: TestApp,
  options: {
    communeCode?: string;
    kind: BodyKind;
    members: number;
    seats?: number | null;
    category?: string;
  },
): Promise<TestBody> {
  const communeCode = options.communeCode ?? '18100';
  const db = t.database.db;
  const bodyId = uuidv7();
  const n = ++serial;
  const name = `${options.kind === 'government' ? 'Ủy ban' : 'Hội đồng'} thử nghiệm ${n}`;
  await db.insert(orgBodies).values({
    id: bodyId,
    communeCode,
    parentId: null,
    templateKey: null,
    category: options.category ?? (options.kind === 'government' ? 'government' : 'council'),
    name,
    nameFolded: foldVietnamese(name),
    openedOn: '2025-01-01',
  });
  await db.insert(meetingBodies).values({
    bodyId,
    communeCode,
    bodyKind: options.kind,
    seats: options.seats === undefined ? options.members : options.seats,
    rules: {},
    issuer: options.kind === 'government' ? 'UBND' : 'HĐND',
  });
  const officialIds: string[] = [];
  const names: string[] = [];
  for (let i = 0; i < options.members; i++) {
    const id = uuidv7();
    const fullName = `Đại biểu ${n}-${String(i + 1).padStart(2, '0')} ${GIVEN[i % GIVEN.length]}`;
    await db.insert(orgOfficials).values({
      id,
      communeCode,
      fullName,
      nameFolded: foldVietnamese(fullName),
      dateOfBirth: '1980-01-01',
      gender: i % 2 ? 'female' : 'male',
    });
    await db.insert(orgPositions).values({
      id: uuidv7(),
      communeCode,
      officialId: id,
      bodyId,
      title: options.kind === 'government' ? 'Ủy viên UBND' : 'Đại biểu HĐND',
      startDate: '2025-01-01',
    });
    officialIds.push(id);
    names.push(fullName);
  }
  return { bodyId, officialIds, names };
}

export interface TestMeeting {
  meetingId: string;
  items: Record<string, string>;
}

/**
 * A meeting of the body in progress on MEETING_DAY: every member invited, those in `present` checked in, guests
 * invited (officials of the commune who are not members), one agenda item per entry of `items`.
 */
export async function makeMeeting(
  t: TestApp,
  body: TestBody,
  options: {
    communeCode?: string;
    present: string[];
    chairId?: string | null;
    rehearsal?: boolean;
    guests?: { officialId: string; fullName: string }[];
    items: Record<string, { decision: string; subject?: string | null }>;
  },
): Promise<TestMeeting> {
  const communeCode = options.communeCode ?? '18100';
  const db = t.database.db;
  const meetingId = uuidv7();
  await db.insert(meetings).values({
    id: meetingId,
    communeCode,
    bodyId: body.bodyId,
    kind: 'first_session',
    title: `Kỳ họp thử ${meetingId.slice(-4)}`,
    meetingDate: MEETING_DAY,
    startsAt: new Date(`${MEETING_DAY}T08:00:00+07:00`),
    place: 'Hội trường',
    chairId: options.chairId ?? null,
    rehearsal: options.rehearsal ?? false,
    status: 'in_progress',
    openedAt: new Date(),
  });
  const present = new Set(options.present);
  await db.insert(meetingParticipants).values([
    ...body.officialIds.map((officialId, i) => ({
      id: uuidv7(),
      meetingId,
      communeCode,
      role: 'member',
      officialId,
      fullName: body.names[i]!,
      response: 'confirmed',
      checkedInAt: present.has(officialId) ? new Date() : null,
    })),
    ...(options.guests ?? []).map((g) => ({
      id: uuidv7(),
      meetingId,
      communeCode,
      role: 'guest',
      officialId: g.officialId,
      fullName: g.fullName,
      response: 'confirmed',
      checkedInAt: new Date(),
    })),
  ]);
  const items: Record<string, string> = {};
  let position = 0;
  for (const [key, item] of Object.entries(options.items)) {
    const id = uuidv7();
    await db.insert(meetingAgendaItems).values({
      id,
      meetingId,
      communeCode,
      position: ++position,
      title: `Nội dung ${key}`,
      decision: item.decision,
      subject: item.subject ?? null,
    });
    items[key] = id;
  }
  return { meetingId, items };
}

/** Checks members in (or, with `leave`, marks them as having left). */
export async function setPresence(t: TestApp, meetingId: string, officialIds: string[], leave = false) {
  await t.database.db
    .update(meetingParticipants)
    .set(leave ? { leftAt: new Date() } : { checkedInAt: new Date(), leftAt: null })
    .where(
      and(eq(meetingParticipants.meetingId, meetingId), inArray(meetingParticipants.officialId, officialIds)),
    );
}

/** A council secretary of the commune (meeting.manage), logged in: its request headers. */
export async function secretaryLogin(t: TestApp, communeCode = '18100') {
  const username = `thuky.test.${communeCode}.${++serial}`;
  await inTransaction(systemContext(t.database.db, 'vote tests'), (tx, audit) =>
    createAccount(tx, audit, {
      username,
      displayName: username,
      password: 'Demo@2025',
      grants: [{ role: 'council_secretary', provinceCode: null, communeCode }],
    }),
  );
  return loginAs(t.app, username);
}

/** A council_member account of the commune linked to the official, logged in: its request headers. */
export async function memberLogin(t: TestApp, officialId: string, communeCode = '18100') {
  const username = `member.${officialId.slice(-12)}`;
  const ctx = systemContext(t.database.db, 'vote tests');
  const id = await inTransaction(ctx, (tx, audit) =>
    createAccount(tx, audit, {
      username,
      displayName: username,
      password: 'Demo@2025',
      grants: [{ role: 'council_member', provinceCode: null, communeCode }],
    }),
  );
  await t.database.db.update(accounts).set({ officialId }).where(eq(accounts.id, id));
  return loginAs(t.app, username);
}
