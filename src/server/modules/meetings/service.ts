/**
 * Meetings of a commune's bodies: create, change while in preparation, cancel, open, close, list, read one (with
 * participants, agenda and quorum), the member's own list, and the archiving of rehearsals at cutover.
 */
import { and, asc, desc, eq, gte, inArray, isNull, lt, lte, or, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { IsoDate } from '../../../common/api/calendar';
import type {
  AgendaItem,
  CreateMeetingRequest,
  Meeting,
  MeetingDetail,
  MeetingKind,
  MeetingList,
  MeetingStatus,
  MeetingSummary,
  MyMeetings,
  Participant,
  Speech,
  UpdateMeetingRequest,
} from '../../../common/api/meetings';
import type { DbOrTx, Tx } from '../../db/database';
import { inTransaction, type WriteContext } from '../../db/transaction';
import { isUuid } from '../../http/auth';
import { AppError, fieldError, text } from '../../http/errors';
import { publishLive } from '../live/hub';
import { notificationStatuses } from '../notifications/outbox';
import { officialFacts } from '../org';
import { type MeetingActor, meetingChannel } from './actor';
import { type BodySettings, bodySettings, communeBodySettings } from './bodies-settings';
import { localTime, meetingQuorum, publishMeetingChange } from './hall';
import { meetingAgendaItems, meetingParticipants, meetingSpeeches, meetings, meetingVotes } from './schema';
import { assertMeetingStatus, assertNotArchived, getMeetingRow, type MeetingRow } from './store';

/** The opening instant of a local date and time in Việt Nam (UTC+7, no daylight saving). */
export const startsAtOf = (date: string, time: string) => new Date(`${date}T${time}:00+07:00`);

const iso = (d: Date | null) => d?.toISOString() ?? null;

export function meetingOut(
  m: MeetingRow,
  body: Pick<BodySettings, 'name' | 'bodyKind'> | undefined,
  people: Map<string, { fullName: string }>,
): Meeting {
  const person = (id: string | null) => (id ? { id, fullName: people.get(id)?.fullName ?? '' } : null);
  return {
    id: m.id,
    communeCode: m.communeCode,
    bodyId: m.bodyId,
    bodyName: body?.name ?? '',
    bodyKind: body?.bodyKind ?? 'other',
    kind: m.kind as MeetingKind,
    title: m.title,
    meetingDate: m.meetingDate,
    startTime: localTime(m.startsAt),
    startsAt: m.startsAt.toISOString(),
    place: m.place,
    convener: person(m.convenerId),
    chair: person(m.chairId),
    rehearsal: m.rehearsal,
    status: m.status as MeetingStatus,
    currentItemId: m.currentItemId,
    openedAt: iso(m.openedAt),
    closedAt: iso(m.closedAt),
    archivedAt: iso(m.archivedAt),
    archived: !!m.archivedAt,
    createdAt: m.createdAt.toISOString(),
    updatedAt: m.updatedAt.toISOString(),
  };
}

/** Meetings with their body names, convener/chair names and response counts. */
async function summaries(db: DbOrTx, rows: MeetingRow[]): Promise<MeetingSummary[]> {
  if (!rows.length) return [];
  const communes = [...new Set(rows.map((r) => r.communeCode))];
  const bodies = new Map<string, BodySettings>();
  for (const c of communes) for (const [id, b] of await communeBodySettings(db, c)) bodies.set(id, b);
  const people = await officialFacts(
    db,
    rows.flatMap((r) => [r.convenerId, r.chairId]).filter((x): x is string => !!x),
  );
  const counts = await db
    .select({
      meetingId: meetingParticipants.meetingId,
      total: sql<number>`count(*)::int`,
      confirmed: sql<number>`count(*) filter (where ${meetingParticipants.response} = 'confirmed')::int`,
      apologised: sql<number>`count(*) filter (where ${meetingParticipants.response} = 'apologised')::int`,
    })
    .from(meetingParticipants)
    .where(
      inArray(
        meetingParticipants.meetingId,
        rows.map((r) => r.id),
      ),
    )
    .groupBy(meetingParticipants.meetingId);
  const byMeeting = new Map(counts.map((c) => [c.meetingId, c]));
  return rows.map((r) => {
    const c = byMeeting.get(r.id);
    return {
      ...meetingOut(r, bodies.get(r.bodyId), people),
      participants: Number(c?.total ?? 0),
      confirmed: Number(c?.confirmed ?? 0),
      apologised: Number(c?.apologised ?? 0),
    };
  });
}

// ——— listing ———

export interface MeetingQuery {
  bodyId?: string;
  status?: MeetingStatus;
  from?: string;
  to?: string;
  rehearsal?: 'true' | 'false';
  archived?: 'true' | 'false';
  limit: number;
  cursor?: string;
}

const encodeCursor = (m: { meetingDate: string; id: string }) =>
  Buffer.from(JSON.stringify([m.meetingDate, m.id])).toString('base64url');
function decodeCursor(cursor: string): [string, string] {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(v) && IsoDate.safeParse(v[0]).success && typeof v[1] === 'string' && isUuid(v[1]))
      return [v[0], v[1]];
  } catch {}
  throw fieldError('query.cursor', 'Con trỏ trang không hợp lệ.', 'Invalid cursor.');
}

/** A commune's meetings, latest day first, a page at a time; archived rehearsals only when asked. */
export async function listMeetings(db: DbOrTx, communeCode: string, q: MeetingQuery): Promise<MeetingList> {
  if (q.from && q.to && q.to < q.from)
    throw fieldError(
      'query.to',
      'Ngày kết thúc trước ngày bắt đầu.',
      'The end date is before the start date.',
    );
  const after = q.cursor ? decodeCursor(q.cursor) : null;
  const rows = await db
    .select()
    .from(meetings)
    .where(
      and(
        eq(meetings.communeCode, communeCode),
        q.bodyId ? eq(meetings.bodyId, q.bodyId) : undefined,
        q.status ? eq(meetings.status, q.status) : undefined,
        q.from ? gte(meetings.meetingDate, q.from) : undefined,
        q.to ? lte(meetings.meetingDate, q.to) : undefined,
        q.rehearsal ? eq(meetings.rehearsal, q.rehearsal === 'true') : undefined,
        q.archived === 'true' ? undefined : isNull(meetings.archivedAt),
        after
          ? or(
              lt(meetings.meetingDate, after[0]),
              and(eq(meetings.meetingDate, after[0]), lt(meetings.id, after[1])),
            )
          : undefined,
      ),
    )
    .orderBy(desc(meetings.meetingDate), desc(meetings.id))
    .limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  return {
    items: await summaries(db, page),
    nextCursor: rows.length > q.limit ? encodeCursor(page[page.length - 1]!) : null,
  };
}

// ——— one meeting ———

export function speechOut(s: typeof meetingSpeeches.$inferSelect): Speech {
  return {
    id: s.id,
    itemId: s.itemId,
    officialId: s.officialId,
    speakerName: s.speakerName,
    startedAt: s.startedAt.toISOString(),
    endedAt: iso(s.endedAt),
    seconds: s.endedAt ? Math.max(0, Math.round((s.endedAt.getTime() - s.startedAt.getTime()) / 1000)) : null,
    running: !s.endedAt,
  };
}

export async function agendaOf(db: DbOrTx, meetingId: string): Promise<AgendaItem[]> {
  const items = await db
    .select()
    .from(meetingAgendaItems)
    .where(eq(meetingAgendaItems.meetingId, meetingId))
    .orderBy(asc(meetingAgendaItems.position), asc(meetingAgendaItems.id));
  const speeches = items.length
    ? await db
        .select()
        .from(meetingSpeeches)
        .where(
          inArray(
            meetingSpeeches.itemId,
            items.map((i) => i.id),
          ),
        )
        .orderBy(asc(meetingSpeeches.startedAt), asc(meetingSpeeches.id))
    : [];
  return items.map((i) => {
    const own = speeches.filter((s) => s.itemId === i.id).map(speechOut);
    return {
      id: i.id,
      meetingId: i.meetingId,
      position: i.position,
      title: i.title,
      presenterId: i.presenterId,
      presenterName: i.presenterName,
      plannedMinutes: i.plannedMinutes,
      decision: i.decision as AgendaItem['decision'],
      subject: (i.subject as AgendaItem['subject']) ?? null,
      status: i.status as AgendaItem['status'],
      startedAt: iso(i.startedAt),
      endedAt: iso(i.endedAt),
      notes: i.notes,
      speeches: own,
      speakingSeconds: own.reduce((n, s) => n + (s.seconds ?? 0), 0),
    };
  });
}

export const INVITATION_SOURCE = 'meeting_participant';

export async function participantsOf(db: DbOrTx, meeting: MeetingRow): Promise<Participant[]> {
  const rows = await db
    .select()
    .from(meetingParticipants)
    .where(eq(meetingParticipants.meetingId, meeting.id))
    .orderBy(
      sql`case when ${meetingParticipants.role} = 'member' then 0 else 1 end`,
      asc(meetingParticipants.createdAt),
      asc(meetingParticipants.id),
    );
  const statuses = await notificationStatuses(
    db,
    INVITATION_SOURCE,
    rows.filter((r) => r.invitationChannel === 'email').map((r) => r.id),
  );
  return rows.map((p) => ({
    id: p.id,
    role: p.role as Participant['role'],
    officialId: p.officialId,
    fullName: p.fullName,
    title: p.title,
    hasEmail: !!p.email,
    response: p.response as Participant['response'],
    apologyReason: p.apologyReason,
    respondedAt: iso(p.respondedAt),
    invitationChannel: (p.invitationChannel as Participant['invitationChannel']) ?? null,
    invitationStatus:
      p.invitationChannel === 'email'
        ? (statuses.get(p.id)?.status ?? 'pending')
        : p.invitationChannel
          ? 'recorded'
          : null,
    invitedAt: iso(p.invitedAt),
    checkedInAt: iso(p.checkedInAt),
    leftAt: iso(p.leftAt),
    late: !!p.checkedInAt && p.checkedInAt.getTime() > meeting.startsAt.getTime() + 59_999,
    present: !!p.checkedInAt && !p.leftAt,
  }));
}

export async function getMeetingDetail(
  db: DbOrTx,
  id: string,
  actor: Pick<MeetingActor, 'manages' | 'officialId'> | null,
): Promise<MeetingDetail> {
  const meeting = await getMeetingRow(db, id);
  // One after another: `db` may be a transaction (one connection, one query at a time).
  const { settings, quorum } = await meetingQuorum(db, meeting);
  const participants = await participantsOf(db, meeting);
  const agenda = await agendaOf(db, meeting.id);
  const people = await officialFacts(
    db,
    [meeting.convenerId, meeting.chairId].filter((x): x is string => !!x),
  );
  return {
    ...meetingOut(meeting, settings, people),
    participants,
    agenda,
    quorum,
    canManage: !!actor?.manages,
    myParticipantId:
      (actor?.officialId && participants.find((p) => p.officialId === actor.officialId)?.id) || null,
  };
}

// ——— writing ———

/** An official of this commune, or 400 naming the field. */
export async function assertCommuneOfficial(
  db: DbOrTx,
  communeCode: string,
  id: string | null,
  field: string,
) {
  if (!id) return null;
  const facts = (await officialFacts(db, [id])).get(id);
  if (!facts || facts.communeCode !== communeCode)
    throw fieldError(field, 'Không có cán bộ này trong xã.', 'No such official in this commune.');
  return facts;
}

async function assertBodyAndKind(db: DbOrTx, communeCode: string, bodyId: string, kind: MeetingKind) {
  const body = await bodySettings(db, communeCode, bodyId);
  if (!body.open || !body.canMeet)
    throw fieldError('body.bodyId', 'Cơ quan này không tổ chức kỳ họp.', 'This body does not hold meetings.');
  if (!body.meetingKinds.includes(kind))
    throw fieldError(
      'body.kind',
      'Loại kỳ họp này không áp dụng cho cơ quan đã chọn.',
      'This kind of meeting does not apply to the chosen body.',
    );
  return body;
}

export async function createMeeting(ctx: WriteContext, communeCode: string, input: CreateMeetingRequest) {
  await assertBodyAndKind(ctx.db, communeCode, input.bodyId, input.kind);
  await assertCommuneOfficial(ctx.db, communeCode, input.convenerId, 'body.convenerId');
  await assertCommuneOfficial(ctx.db, communeCode, input.chairId, 'body.chairId');
  const id = uuidv7();
  await inTransaction(ctx, async (tx, audit) => {
    const values = {
      id,
      communeCode,
      bodyId: input.bodyId,
      kind: input.kind,
      title: input.title,
      meetingDate: input.meetingDate,
      startsAt: startsAtOf(input.meetingDate, input.startTime),
      place: input.place,
      convenerId: input.convenerId,
      chairId: input.chairId,
      rehearsal: input.rehearsal,
      status: 'draft',
    };
    await tx.insert(meetings).values(values);
    await audit({
      action: 'meeting.create',
      entityType: 'meeting',
      entityId: id,
      communeCode,
      after: { ...values, startsAt: values.startsAt.toISOString() },
    });
  });
  return id;
}

export async function updateMeeting(ctx: WriteContext, id: string, patch: UpdateMeetingRequest) {
  const before = await getMeetingRow(ctx.db, id);
  assertNotArchived(before);
  assertMeetingStatus(before, ['draft', 'invited']);
  if (patch.kind) await assertBodyAndKind(ctx.db, before.communeCode, before.bodyId, patch.kind);
  if (patch.convenerId !== undefined)
    await assertCommuneOfficial(ctx.db, before.communeCode, patch.convenerId, 'body.convenerId');
  if (patch.chairId !== undefined)
    await assertCommuneOfficial(ctx.db, before.communeCode, patch.chairId, 'body.chairId');
  if (patch.meetingDate && before.status === 'invited' && patch.meetingDate !== before.meetingDate) {
    // Members are those of the day: a new day after the invitations would change them; cancel and invite again.
    throw fieldError(
      'body.meetingDate',
      'Đã gửi giấy mời: không đổi ngày họp được, hãy hủy và triệu tập lại.',
      'Invitations are out: the date cannot change; cancel and convene again.',
    );
  }
  await inTransaction(ctx, async (tx, audit) => {
    const row = await getMeetingRow(tx, id, { forUpdate: true });
    assertMeetingStatus(row, ['draft', 'invited']);
    const date = patch.meetingDate ?? row.meetingDate;
    const time = patch.startTime ?? localTime(row.startsAt);
    const change = {
      ...(patch.kind ? { kind: patch.kind } : {}),
      ...(patch.title ? { title: patch.title } : {}),
      ...(patch.place ? { place: patch.place } : {}),
      ...(patch.convenerId !== undefined ? { convenerId: patch.convenerId } : {}),
      ...(patch.chairId !== undefined ? { chairId: patch.chairId } : {}),
      ...(patch.rehearsal !== undefined ? { rehearsal: patch.rehearsal } : {}),
      meetingDate: date,
      startsAt: startsAtOf(date, time),
      updatedAt: new Date(),
    };
    await tx.update(meetings).set(change).where(eq(meetings.id, id));
    await audit({
      action: 'meeting.update',
      entityType: 'meeting',
      entityId: id,
      communeCode: row.communeCode,
      before: { ...row, startsAt: row.startsAt.toISOString() },
      after: { ...change, startsAt: change.startsAt.toISOString() },
    });
    await publishMeetingChange(tx, id, 'meeting.changed', { id });
  });
}

async function setStatus(
  ctx: WriteContext,
  id: string,
  from: readonly MeetingStatus[],
  to: MeetingStatus,
  action: string,
  extra: (tx: DbOrTx, row: MeetingRow) => Promise<Partial<MeetingRow>> = async () => ({}),
) {
  await inTransaction(ctx, async (tx, audit) => {
    const row = await getMeetingRow(tx, id, { forUpdate: true });
    assertNotArchived(row);
    assertMeetingStatus(row, from);
    const change = { ...(await extra(tx, row)), status: to, updatedAt: new Date() };
    await tx.update(meetings).set(change).where(eq(meetings.id, id));
    await audit({
      action,
      entityType: 'meeting',
      entityId: id,
      communeCode: row.communeCode,
      before: { status: row.status },
      after: { status: to },
    });
    await publishMeetingChange(tx, id, 'meeting.changed', { id, status: to });
  });
}

export const cancelMeeting = (ctx: WriteContext, id: string) =>
  setStatus(ctx, id, ['draft', 'invited'], 'cancelled', 'meeting.cancel');

/** Opening (khai mạc): from invited; recorded at the moment it happens, whatever the planned day. */
export const openMeeting = (ctx: WriteContext, id: string) =>
  setStatus(ctx, id, ['invited'], 'in_progress', 'meeting.open', async () => ({ openedAt: new Date() }));

/** Closing (bế mạc): refused while a vote is open; the current item is finished and speeches stopped. */
export const closeMeeting = (ctx: WriteContext, id: string) =>
  setStatus(ctx, id, ['in_progress'], 'closed', 'meeting.close', async (tx, row) => {
    const [open] = await tx
      .select({ id: meetingVotes.id })
      .from(meetingVotes)
      .where(and(eq(meetingVotes.meetingId, row.id), eq(meetingVotes.status, 'open')))
      .limit(1);
    if (open)
      throw new AppError(
        'conflict',
        text(
          'Còn một cuộc biểu quyết đang mở: hãy kết thúc biểu quyết trước khi bế mạc.',
          'A vote is still open: close it before closing the meeting.',
        ),
      );
    const now = new Date();
    const items = await tx
      .select({ id: meetingAgendaItems.id })
      .from(meetingAgendaItems)
      .where(eq(meetingAgendaItems.meetingId, row.id));
    if (items.length)
      await tx
        .update(meetingSpeeches)
        .set({ endedAt: now })
        .where(
          and(
            inArray(
              meetingSpeeches.itemId,
              items.map((i) => i.id),
            ),
            isNull(meetingSpeeches.endedAt),
          ),
        );
    await tx
      .update(meetingAgendaItems)
      .set({ status: 'done', endedAt: now })
      .where(and(eq(meetingAgendaItems.meetingId, row.id), eq(meetingAgendaItems.status, 'current')));
    return { closedAt: now, currentItemId: null };
  });

/**
 * Cutover (trial → go-live): every rehearsal meeting of the commune is marked archived, inside the caller's
 * transaction (the caller audits it); they stay readable (with their "archived" mark) and leave the lists unless
 * asked for. The campaign's go-live calls this in its own cutover transaction.
 */
export async function archiveRehearsalMeetingsInTx(
  tx: Tx,
  communeCode: string,
  at: Date,
): Promise<{ archived: number; ids: string[] }> {
  const rows = await tx
    .update(meetings)
    .set({ archivedAt: at, updatedAt: at })
    .where(
      and(eq(meetings.communeCode, communeCode), eq(meetings.rehearsal, true), isNull(meetings.archivedAt)),
    )
    .returning({ id: meetings.id });
  for (const r of rows)
    await publishLive(tx, {
      channel: meetingChannel(r.id),
      type: 'meeting.changed',
      data: { id: r.id, archived: true },
    });
  return { archived: rows.length, ids: rows.map((r) => r.id) };
}

/** The secretary's "Lưu trữ dữ liệu diễn tập": the same archiving, in its own audited transaction. */
export async function archiveRehearsals(
  ctx: WriteContext,
  communeCode: string,
): Promise<{ archived: number }> {
  return inTransaction(ctx, async (tx, audit) => {
    const { archived, ids } = await archiveRehearsalMeetingsInTx(tx, communeCode, new Date());
    await audit({
      action: 'meeting.rehearsals.archive',
      entityType: 'commune',
      entityId: communeCode,
      communeCode,
      after: { archived, meetingIds: ids },
    });
    return { archived };
  });
}

/**
 * Rehearsals held, per commune (for the campaign's readiness check "đã diễn tập"): rehearsal meetings that were
 * closed (held to the end), archived or not.
 */
export async function rehearsalsHeldOf(
  db: DbOrTx,
  communeCodes: readonly string[],
): Promise<Map<string, { held: number; lastDate: string | null }>> {
  const out = new Map<string, { held: number; lastDate: string | null }>();
  if (communeCodes.length === 0) return out;
  const rows = await db
    .select({
      communeCode: meetings.communeCode,
      held: sql<number>`count(*)::int`,
      lastDate: sql<string | null>`max(${meetings.meetingDate})::text`,
    })
    .from(meetings)
    .where(
      and(
        inArray(meetings.communeCode, [...communeCodes]),
        eq(meetings.rehearsal, true),
        eq(meetings.status, 'closed'),
      ),
    )
    .groupBy(meetings.communeCode);
  for (const r of rows) out.set(r.communeCode, { held: Number(r.held), lastDate: r.lastDate });
  return out;
}

/** The meetings the official takes part in (members and guests): upcoming first, then the past, latest first. */
export async function myMeetings(db: DbOrTx, officialId: string | null, today: string): Promise<MyMeetings> {
  if (!officialId) return { items: [] };
  const rows = await db
    .select({ m: meetings, p: meetingParticipants })
    .from(meetingParticipants)
    .innerJoin(meetings, eq(meetings.id, meetingParticipants.meetingId))
    .where(and(eq(meetingParticipants.officialId, officialId), isNull(meetings.archivedAt)))
    .orderBy(
      sql`case when ${meetings.meetingDate} >= ${today} then 0 else 1 end`,
      sql`case when ${meetings.meetingDate} >= ${today} then ${meetings.meetingDate} end asc`,
      desc(meetings.meetingDate),
      desc(meetings.id),
    )
    .limit(100);
  const list = await summaries(
    db,
    rows.map((r) => r.m),
  );
  return {
    items: rows.map((r, i) => ({
      ...list[i]!,
      participantId: r.p.id,
      response: r.p.response as MyMeetings['items'][number]['response'],
      apologyReason: r.p.apologyReason,
      checkedInAt: iso(r.p.checkedInAt),
    })),
  };
}
