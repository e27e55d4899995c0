/**
 * Giấy mời: inviting the members of the meeting's day (and guests), each member's answer (confirm, or an apology
 * with its reason) given by the member or by the secretary for them. Invitations go by e-mail through the
 * notification outbox where an address exists (sent if and only if the invitation committed); otherwise in the app
 * for members with an account, else recorded as handed over.
 */
import { and, asc, eq } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { InviteRequest, RespondRequest } from '../../../common/api/meetings';
import type { AppConfig } from '../../config';
import type { DbOrTx } from '../../db/database';
import { inTransaction, type WriteContext } from '../../db/transaction';
import { AppError, fieldError, notFound, text } from '../../http/errors';
import { accountsOfOfficials } from '../auth/service';
import { enqueueNotification } from '../notifications/outbox';
import { getOfficial } from '../org';
import { assertActsFor, assertManages, type MeetingActor } from './actor';
import { bodySettings } from './bodies-settings';
import { localTime, publishMeetingChange } from './hall';
import { membersOn } from './members';
import { meetingAgendaItems, meetingParticipants, meetings } from './schema';
import { INVITATION_SOURCE } from './service';
import { assertMeetingStatus, assertNotArchived, getMeetingRow, type MeetingRow } from './store';

type ParticipantRow = typeof meetingParticipants.$inferSelect;

const vnDate = (d: string) => `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;

function invitationText(
  m: MeetingRow,
  bodyName: string,
  agenda: string[],
  link: string,
  name: string,
): { subject: string; body: string } {
  const mark = m.rehearsal ? '[DIỄN TẬP] ' : '';
  const subject = `${mark}Giấy mời: ${m.title} — ${localTime(m.startsAt)} ngày ${vnDate(m.meetingDate)}`;
  const lines = [
    `Kính gửi ${name},`,
    '',
    `${bodyName} trân trọng kính mời ông/bà dự ${m.title}.`,
    `Thời gian: ${localTime(m.startsAt)} ngày ${vnDate(m.meetingDate)}.`,
    `Địa điểm: ${m.place}.`,
  ];
  if (m.rehearsal) lines.push('Đây là kỳ họp DIỄN TẬP.');
  if (agenda.length) {
    lines.push('', 'Nội dung chương trình:');
    agenda.forEach((t, i) => {
      lines.push(`${i + 1}. ${t}`);
    });
  }
  lines.push(
    '',
    `Tài liệu, xác nhận dự họp hoặc báo vắng (có lý do): ${link}`,
    '',
    'Đề nghị ông/bà xác nhận tham dự trên XãSố.',
  );
  return { subject, body: lines.join('\n') };
}

/**
 * Invites (or invites again): the members of the meeting's day who are not participants yet become participants
 * (role member), the guests given are added, and each newly added one gets the invitation. Nobody twice.
 */
export async function inviteMeeting(ctx: WriteContext, config: AppConfig, id: string, input: InviteRequest) {
  const meeting = await getMeetingRow(ctx.db, id);
  assertNotArchived(meeting);
  assertMeetingStatus(meeting, ['draft', 'invited']);
  const body = await bodySettings(ctx.db, meeting.communeCode, meeting.bodyId);
  const members = await membersOn(ctx.db, meeting.bodyId, meeting.meetingDate, meeting.communeCode);

  // Guests: an official of the commune (name, title and e-mail from the People module) or an outside person.
  const guests: {
    officialId: string | null;
    fullName: string;
    title: string | null;
    email: string | null;
  }[] = [];
  for (const [i, g] of input.guests.entries()) {
    if (g.officialId) {
      const official = await getOfficial(ctx.db, g.officialId).catch(() => null);
      if (!official || official.communeCode !== meeting.communeCode)
        throw fieldError(
          `body.guests.${i}.officialId`,
          'Không có cán bộ này trong xã.',
          'No such official in this commune.',
        );
      guests.push({
        officialId: official.id,
        fullName: official.fullName,
        title:
          g.title ??
          (official.positions
            .filter((p) => p.current)
            .map((p) => p.title)
            .join(', ') ||
            null),
        email: g.email ?? official.email,
      });
    } else {
      if (!g.fullName)
        throw fieldError(
          `body.guests.${i}.fullName`,
          'Khách mời cần họ và tên.',
          'A guest needs a full name.',
        );
      guests.push({ officialId: null, fullName: g.fullName, title: g.title ?? null, email: g.email ?? null });
    }
  }

  // The member's own page (answer, papers, check-in, vote); the secretary reaches the full page from it.
  const link = `${config.publicUrl}/hop-cua-toi/${meeting.id}`;
  return inTransaction(ctx, async (tx, audit) => {
    const row = await getMeetingRow(tx, id, { forUpdate: true });
    assertMeetingStatus(row, ['draft', 'invited']);
    const existing = await tx.select().from(meetingParticipants).where(eq(meetingParticipants.meetingId, id));
    const known = new Set(existing.flatMap((p) => (p.officialId ? [p.officialId] : [])));
    const knownNames = new Set(
      existing.filter((p) => !p.officialId).map((p) => p.fullName.toLocaleLowerCase('vi')),
    );
    const now = new Date();
    const fresh: (typeof meetingParticipants.$inferInsert)[] = [];
    for (const m of members) {
      if (known.has(m.officialId)) continue;
      known.add(m.officialId);
      fresh.push({
        id: uuidv7(),
        meetingId: id,
        communeCode: row.communeCode,
        role: 'member',
        officialId: m.officialId,
        fullName: m.fullName,
        title: m.titles.join(', ') || null,
        email: m.email,
      });
    }
    for (const g of guests) {
      if (g.officialId ? known.has(g.officialId) : knownNames.has(g.fullName.toLocaleLowerCase('vi')))
        continue;
      if (g.officialId) known.add(g.officialId);
      else knownNames.add(g.fullName.toLocaleLowerCase('vi'));
      fresh.push({
        id: uuidv7(),
        meetingId: id,
        communeCode: row.communeCode,
        role: 'guest',
        officialId: g.officialId,
        fullName: g.fullName,
        title: g.title,
        email: g.email,
      });
    }
    // Participants added earlier but never invited (none today; kept for safety) are invited now too.
    const uninvited = existing.filter((p) => !p.invitedAt);
    const accounts = await accountsOfOfficials(
      tx,
      [...fresh, ...uninvited].flatMap((p) => (p.officialId ? [p.officialId] : [])),
    );
    const agenda = (
      await tx
        .select({ title: meetingAgendaItems.title })
        .from(meetingAgendaItems)
        .where(eq(meetingAgendaItems.meetingId, id))
        .orderBy(asc(meetingAgendaItems.position))
    ).map((a) => a.title);
    const channelOf = (p: { email?: string | null; officialId?: string | null }) =>
      p.email ? 'email' : p.officialId && accounts.has(p.officialId) ? 'app' : 'recorded';
    if (fresh.length)
      await tx
        .insert(meetingParticipants)
        .values(fresh.map((p) => ({ ...p, invitedAt: now, invitationChannel: channelOf(p) })));
    for (const p of uninvited)
      await tx
        .update(meetingParticipants)
        .set({ invitedAt: now, invitationChannel: channelOf(p) })
        .where(eq(meetingParticipants.id, p.id));
    for (const p of [...fresh, ...uninvited]) {
      if (!p.email) continue;
      const { subject, body: mail } = invitationText(row, body.name, agenda, link, p.fullName);
      await enqueueNotification(tx, {
        communeCode: row.communeCode,
        channel: 'email',
        recipient: p.email,
        subject,
        body: mail,
        sourceType: INVITATION_SOURCE,
        sourceId: p.id!,
      });
    }
    await tx.update(meetings).set({ status: 'invited', updatedAt: now }).where(eq(meetings.id, id));
    await audit({
      action: row.status === 'draft' ? 'meeting.invite' : 'meeting.reinvite',
      entityType: 'meeting',
      entityId: id,
      communeCode: row.communeCode,
      before: { status: row.status, participants: existing.length },
      after: {
        status: 'invited',
        invited: [...fresh, ...uninvited].map((p) => ({ id: p.id, role: p.role, fullName: p.fullName })),
      },
    });
    await publishMeetingChange(tx, id, 'meeting.changed', { id });
    return { invited: fresh.length + uninvited.length };
  });
}

const participantNotFound = (id: string) => notFound('người dự họp', 'participant', id);

/** The participant row an action is about: the one named, or the caller's own; 403 unless they may act for it. */
export async function actingParticipant(
  db: DbOrTx,
  actor: MeetingActor,
  meetingId: string,
  participantId: string | undefined,
): Promise<{ participant: ParticipantRow; by: 'member' | 'secretary' }> {
  let participant: ParticipantRow | undefined;
  if (participantId) {
    [participant] = await db
      .select()
      .from(meetingParticipants)
      .where(and(eq(meetingParticipants.id, participantId), eq(meetingParticipants.meetingId, meetingId)));
    if (!participant) throw participantNotFound(participantId);
  } else {
    if (!actor.officialId)
      throw fieldError(
        'body.participantId',
        'Tài khoản của bạn chưa gắn với cán bộ nào: hãy chọn người dự họp.',
        'Your account is not linked to an official: choose the participant.',
      );
    [participant] = await db
      .select()
      .from(meetingParticipants)
      .where(
        and(
          eq(meetingParticipants.meetingId, meetingId),
          eq(meetingParticipants.officialId, actor.officialId),
        ),
      );
    if (!participant)
      throw new AppError(
        'forbidden',
        text('Bạn không có trong danh sách mời của kỳ họp này.', 'You are not invited to this meeting.'),
      );
  }
  if (!participant.officialId) {
    assertManages(actor);
    return { participant, by: 'secretary' };
  }
  return { participant, by: assertActsFor(actor, participant.officialId) };
}

/** A member's answer to the invitation (the member, or the secretary for them); an apology needs a reason. */
export async function respondToInvitation(
  ctx: WriteContext,
  actor: MeetingActor,
  meetingId: string,
  input: RespondRequest,
) {
  const meeting = await getMeetingRow(ctx.db, meetingId);
  assertNotArchived(meeting);
  assertMeetingStatus(meeting, ['invited', 'in_progress']);
  if (input.response === 'apologised' && !input.reason)
    throw fieldError('body.reason', 'Báo vắng cần nêu lý do.', 'An apology needs a reason.');
  const { participant, by } = await actingParticipant(ctx.db, actor, meetingId, input.participantId);
  await inTransaction(ctx, async (tx, audit) => {
    const after = {
      response: input.response,
      apologyReason: input.response === 'apologised' ? input.reason! : null,
      respondedAt: new Date(),
    };
    await tx.update(meetingParticipants).set(after).where(eq(meetingParticipants.id, participant.id));
    await audit({
      action: 'meeting.participant.respond',
      entityType: 'meeting_participant',
      entityId: participant.id,
      communeCode: meeting.communeCode,
      before: { response: participant.response, apologyReason: participant.apologyReason },
      after: { response: after.response, apologyReason: after.apologyReason, by },
    });
  });
}
