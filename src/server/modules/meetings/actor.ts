/**
 * Who acts in a meeting: a secretary (meeting.manage over the commune) may act for any member; a member
 * (meeting.participate) only for themselves, through the official their account is linked to.
 */
import type { FastifyRequest } from 'fastify';
import type { DbOrTx } from '../../db/database';
import { requirePrincipal } from '../../http/auth';
import { AppError, text } from '../../http/errors';
import { canWithRestriction } from '../auth/permissions';
import { accountPeople } from '../auth/service';
import { findCommuneLocation } from '../units/service';

export interface MeetingActor {
  accountId: string;
  /** May act for any member and run the meeting. */
  manages: boolean;
  /** The official this account is (null when the account is not linked to one). */
  officialId: string | null;
}

export async function meetingActor(
  req: FastifyRequest,
  db: DbOrTx,
  communeCode: string,
): Promise<MeetingActor> {
  const p = requirePrincipal(req);
  const where = await findCommuneLocation(db, communeCode);
  const manages = !!where && canWithRestriction(p.grants, p.restriction, 'meeting.manage', where);
  const participates = !!where && canWithRestriction(p.grants, p.restriction, 'meeting.participate', where);
  const people = await accountPeople(db, [p.accountId]);
  const officialId = manages || participates ? (people.get(p.accountId)?.officialId ?? null) : null;
  return { accountId: p.accountId, manages, officialId };
}

/** Throws 403 unless the actor may act for this member (themselves, or anyone when managing). */
export function assertActsFor(actor: MeetingActor, officialId: string): 'member' | 'secretary' {
  if (actor.officialId === officialId) return 'member';
  if (actor.manages) return 'secretary';
  throw new AppError(
    'forbidden',
    text('Bạn chỉ có thể thao tác cho chính mình.', 'You can only act for yourself.'),
  );
}

/** Throws 403 unless the actor runs meetings of this commune. */
export function assertManages(actor: MeetingActor): void {
  if (!actor.manages)
    throw new AppError(
      'forbidden',
      text('Chỉ thư ký kỳ họp mới làm được việc này.', 'Only the meeting secretary can do this.'),
    );
}

/** The live channel of a meeting (hall screen, members' devices). */
export const meetingChannel = (meetingId: string) => `meeting:${meetingId}`;
