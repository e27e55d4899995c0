/**
 * The hall screen (màn hình hội trường): a public, read-only snapshot of a meeting for the projector — title, body,
 * DIỄN TẬP, the current item and the running speaker, present / members / seats / required, quorum, and the result
 * of the latest closed vote. No personal data but counts (and the speaker's name, spoken in public anyway).
 */
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Decision, HallView } from '../../../common/api/meetings';
import type { DbOrTx } from '../../db/database';
import { liveEventsOff, publishLive } from '../live/hub';
import { meetingChannel } from './actor';
import { bodySettings } from './bodies-settings';
import { bodyHeadcount } from './members';
import { quorumState } from './rules';
import { meetingAgendaItems, meetingSpeeches, meetingVotes } from './schema';
import { getMeetingRow, type MeetingRow } from './store';

/** Vietnam's wall-clock HH:mm (one formatter: building one costs more than formatting with it). */
const HOURS_MINUTES = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Asia/Ho_Chi_Minh',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

export const localTime = (d: Date) => HOURS_MINUTES.format(d);

/** Headcount and quorum of a meeting now, with the rule's confidence mark. */
export async function meetingQuorum(db: DbOrTx, meeting: MeetingRow) {
  const settings = await bodySettings(db, meeting.communeCode, meeting.bodyId);
  const headcount = await bodyHeadcount(db, meeting);
  const q = quorumState(headcount, settings.rules);
  return {
    settings,
    quorum: {
      seats: headcount.seats,
      members: q.members,
      vacancies: q.vacancies,
      present: q.present,
      required: q.required,
      reached: q.reached,
      rule: settings.rules.quorum,
    },
  };
}

export async function hallView(db: DbOrTx, meetingId: string): Promise<HallView> {
  const meeting = await getMeetingRow(db, meetingId);
  const { settings, quorum } = await meetingQuorum(db, meeting);
  const [current] = meeting.currentItemId
    ? await db.select().from(meetingAgendaItems).where(eq(meetingAgendaItems.id, meeting.currentItemId))
    : [];
  const [speech] = current
    ? await db
        .select({ name: meetingSpeeches.speakerName, startedAt: meetingSpeeches.startedAt })
        .from(meetingSpeeches)
        .where(and(eq(meetingSpeeches.itemId, current.id), isNull(meetingSpeeches.endedAt)))
        .orderBy(desc(meetingSpeeches.startedAt))
        .limit(1)
    : [];
  const [vote] = await db
    .select({
      id: meetingVotes.id,
      question: meetingVotes.question,
      voteType: meetingVotes.voteType,
      outcome: meetingVotes.outcome,
      result: meetingVotes.result,
      closedAt: meetingVotes.closedAt,
      itemTitle: meetingAgendaItems.title,
    })
    .from(meetingVotes)
    .innerJoin(meetingAgendaItems, eq(meetingAgendaItems.id, meetingVotes.itemId))
    .where(and(eq(meetingVotes.meetingId, meeting.id), eq(meetingVotes.status, 'closed')))
    .orderBy(desc(meetingVotes.closedAt), desc(meetingVotes.id))
    .limit(1);
  return {
    meetingId: meeting.id,
    title: meeting.title,
    bodyName: settings.name,
    meetingDate: meeting.meetingDate,
    startTime: localTime(meeting.startsAt),
    place: meeting.place,
    rehearsal: meeting.rehearsal,
    status: meeting.status as HallView['status'],
    archived: !!meeting.archivedAt,
    currentItem: current
      ? {
          id: current.id,
          position: current.position,
          title: current.title,
          decision: current.decision as Decision,
        }
      : null,
    speaker: speech ? { name: speech.name, startedAt: speech.startedAt.toISOString() } : null,
    seats: quorum.seats,
    members: quorum.members,
    present: quorum.present,
    required: quorum.required,
    quorumReached: quorum.reached,
    lastVote: vote
      ? {
          id: vote.id,
          itemTitle: vote.itemTitle,
          question: vote.question,
          voteType: vote.voteType,
          outcome: vote.outcome,
          result: vote.result ?? null,
          closedAt: vote.closedAt?.toISOString() ?? null,
        }
      : null,
  };
}

/** pg_notify's payload limit is 8000 bytes; the hall view travels in the event when it leaves room to spare. */
const HALL_EVENT_BYTES = 6_000;

/**
 * Publishes a change of a meeting on its live channel, inside the writer's transaction. The event carries the
 * hall view as it will be once committed (the hall screen shows it without asking again: 500 screens, no 500
 * requests); when that view is too large for a notification, only the small facts are sent and pages refetch.
 */
export async function publishMeetingChange(
  tx: DbOrTx,
  meetingId: string,
  type: 'meeting.changed' | 'attendance.changed' | 'item.changed' | (string & {}),
  small: Record<string, unknown>,
): Promise<void> {
  if (liveEventsOff()) return;
  const hall = await hallView(tx, meetingId);
  const full = { ...small, ...hall };
  const data = Buffer.byteLength(JSON.stringify(full)) <= HALL_EVENT_BYTES ? full : small;
  await publishLive(tx, { channel: meetingChannel(meetingId), type, data });
}
