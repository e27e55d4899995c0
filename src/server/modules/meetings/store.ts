/** Small reads every meetings file shares: which commune a record belongs to, a meeting's row, status checks. */
import { eq } from 'drizzle-orm';
import type { MeetingStatus } from '../../../common/api/meetings';
import type { DbOrTx } from '../../db/database';
import { isUuid } from '../../http/auth';
import { AppError, notFound, text } from '../../http/errors';
import { meetingAgendaItems, meetingSpeeches, meetings } from './schema';

export type MeetingRow = typeof meetings.$inferSelect;
export type ItemRow = typeof meetingAgendaItems.$inferSelect;

export const meetingNotFound = (id: string) => notFound('kỳ họp, cuộc họp', 'meeting', id);
export const itemNotFound = (id: string) => notFound('nội dung chương trình', 'agenda item', id);

/** The commune a meeting belongs to, or null (access checks by record id: another commune's → 404). */
export async function communeOfMeeting(db: DbOrTx, id: string): Promise<string | null> {
  if (!isUuid(id)) return null;
  const [row] = await db.select({ c: meetings.communeCode }).from(meetings).where(eq(meetings.id, id));
  return row?.c ?? null;
}

export async function communeOfItem(db: DbOrTx, id: string): Promise<string | null> {
  if (!isUuid(id)) return null;
  const [row] = await db
    .select({ c: meetingAgendaItems.communeCode })
    .from(meetingAgendaItems)
    .where(eq(meetingAgendaItems.id, id));
  return row?.c ?? null;
}

export async function communeOfSpeech(db: DbOrTx, id: string): Promise<string | null> {
  if (!isUuid(id)) return null;
  const [row] = await db
    .select({ c: meetingSpeeches.communeCode })
    .from(meetingSpeeches)
    .where(eq(meetingSpeeches.id, id));
  return row?.c ?? null;
}

/** The meeting's row (for update: locks it, so concurrent writes of one meeting take turns). */
export async function getMeetingRow(db: DbOrTx, id: string, options: { forUpdate?: boolean } = {}) {
  if (!isUuid(id)) throw meetingNotFound(id);
  const q = db.select().from(meetings).where(eq(meetings.id, id));
  const [row] = options.forUpdate ? await q.for('update') : await q;
  if (!row) throw meetingNotFound(id);
  return row;
}

export async function getItemRow(db: DbOrTx, id: string, options: { forUpdate?: boolean } = {}) {
  if (!isUuid(id)) throw itemNotFound(id);
  const q = db.select().from(meetingAgendaItems).where(eq(meetingAgendaItems.id, id));
  const [row] = options.forUpdate ? await q.for('update') : await q;
  if (!row) throw itemNotFound(id);
  return row;
}

const STATUS_VI: Record<MeetingStatus, string> = {
  draft: 'đang soạn',
  invited: 'đã gửi giấy mời',
  in_progress: 'đang họp',
  closed: 'đã bế mạc',
  cancelled: 'đã hủy',
};

/** 409 unless the meeting is in one of the statuses (e.g. votes only while in_progress). */
export function assertMeetingStatus(meeting: Pick<MeetingRow, 'status'>, allowed: readonly MeetingStatus[]) {
  if (!allowed.includes(meeting.status as MeetingStatus))
    throw new AppError(
      'conflict',
      text('Không làm được việc này khi kỳ họp {s}.', 'Not possible while the meeting is {en}.', {
        s: STATUS_VI[meeting.status as MeetingStatus] ?? meeting.status,
        en: meeting.status,
      }),
    );
}

/** Archived rehearsals stay readable but no longer change. */
export function assertNotArchived(meeting: Pick<MeetingRow, 'archivedAt'>) {
  if (meeting.archivedAt)
    throw new AppError(
      'conflict',
      text('Kỳ họp diễn tập đã được lưu trữ, chỉ xem được.', 'This rehearsal is archived: read only.'),
    );
}
