/**
 * Điểm danh: check-in by the member on their own device or by the secretary, late arrival (after the opening
 * time), early leave, and check-in again after leaving. Only while the meeting is in progress. Every change is
 * pushed to the hall screen with the new headcount and quorum.
 */
import { eq } from 'drizzle-orm';
import type { AttendanceRequest } from '../../../common/api/meetings';
import type { DbOrTx } from '../../db/database';
import { inTransaction, type WriteContext } from '../../db/transaction';
import { AppError, text } from '../../http/errors';
import type { MeetingActor } from './actor';
import { meetingQuorum, publishMeetingChange } from './hall';
import { actingParticipant } from './invitations';
import { meetingParticipants } from './schema';
import { assertMeetingStatus, assertNotArchived, getMeetingRow, type MeetingRow } from './store';

/** The small fact an attendance event carries (the hall screen refetches the rest). */
async function quorumFacts(db: DbOrTx, meeting: MeetingRow) {
  const { quorum } = await meetingQuorum(db, meeting);
  return {
    present: quorum.present,
    members: quorum.members,
    required: quorum.required,
    reached: quorum.reached,
  };
}

export async function recordAttendance(
  ctx: WriteContext,
  actor: MeetingActor,
  meetingId: string,
  input: AttendanceRequest,
) {
  const meeting = await getMeetingRow(ctx.db, meetingId);
  assertNotArchived(meeting);
  assertMeetingStatus(meeting, ['in_progress']);
  const { participant, by } = await actingParticipant(ctx.db, actor, meetingId, input.participantId);
  await inTransaction(ctx, async (tx, audit) => {
    const row = await getMeetingRow(tx, meetingId, { forUpdate: true });
    assertMeetingStatus(row, ['in_progress']);
    const [p] = await tx.select().from(meetingParticipants).where(eq(meetingParticipants.id, participant.id));
    const present = !!p!.checkedInAt && !p!.leftAt;
    const now = new Date();
    let change: { checkedInAt?: Date; leftAt: Date | null };
    if (input.action === 'check_in') {
      if (present)
        throw new AppError(
          'conflict',
          text('{n} đã điểm danh có mặt.', '{n} is already checked in.', { n: p!.fullName }),
        );
      // Back after leaving: present again; the first arrival (and its lateness) stays.
      change = p!.checkedInAt ? { leftAt: null } : { checkedInAt: now, leftAt: null };
    } else {
      if (!present)
        throw new AppError(
          'conflict',
          text('{n} chưa có mặt nên không thể ghi rời họp.', '{n} is not present, so cannot leave.', {
            n: p!.fullName,
          }),
        );
      change = { leftAt: now };
    }
    await tx.update(meetingParticipants).set(change).where(eq(meetingParticipants.id, p!.id));
    const late =
      input.action === 'check_in' && !p!.checkedInAt && now.getTime() > row.startsAt.getTime() + 59_999;
    await audit({
      action: input.action === 'check_in' ? 'meeting.attendance.check_in' : 'meeting.attendance.leave',
      entityType: 'meeting_participant',
      entityId: p!.id,
      communeCode: row.communeCode,
      before: {
        checkedInAt: p!.checkedInAt?.toISOString() ?? null,
        leftAt: p!.leftAt?.toISOString() ?? null,
      },
      after: {
        checkedInAt: (change.checkedInAt ?? p!.checkedInAt)?.toISOString() ?? null,
        leftAt: change.leftAt?.toISOString() ?? null,
        late,
        by,
      },
    });
    if (p!.role === 'member')
      await publishMeetingChange(tx, meetingId, 'attendance.changed', await quorumFacts(tx, row));
  });
}
