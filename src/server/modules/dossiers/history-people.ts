/**
 * Who did each step of a dossier's history, as a person reads it: the official's full name and the position they
 * held that day (org chart, through the account's link to its official), the account's display name when the
 * account is not linked, and the applicant ("Công dân") for the public channel.
 */
import type { DbOrTx } from '../../db/database';
import { accountPeople } from '../auth/service';
import { officialProfiles, workTitlesOn } from '../org';
import { type DossierActionRecord, localDate } from './domain';

export interface HistoryActor {
  kind: 'official' | 'applicant';
  /** The account that acted (officials only). */
  accountId: string | null;
  /** Full name of the linked official, else the account's display name; null for the applicant. */
  name: string | null;
  /** The titles the official held on the day of the step ("Chủ tịch UBND"), when the account is linked. */
  position: string | null;
}

export type HistoryPeople = (record: DossierActionRecord) => HistoryActor;

/** Without a look-up (e.g. a 409's fresh copy): the account id only. */
export const anonymousPeople: HistoryPeople = (record) =>
  record.actor.kind === 'official'
    ? { kind: 'official', accountId: record.actor.id, name: null, position: null }
    : { kind: 'applicant', accountId: null, name: null, position: null };

/** Reads the accounts and officials of a history in two round trips, whatever its length. */
export async function historyPeople(
  db: DbOrTx,
  history: readonly DossierActionRecord[],
): Promise<HistoryPeople> {
  const accountIds = history.flatMap((h) => (h.actor.kind === 'official' ? [h.actor.id] : []));
  const accounts = await accountPeople(db, accountIds);
  const officials = await officialProfiles(
    db,
    [...accounts.values()].flatMap((a) => (a.officialId ? [a.officialId] : [])),
  );
  return (record) => {
    if (record.actor.kind !== 'official') return anonymousPeople(record);
    const account = accounts.get(record.actor.id);
    const official = account?.officialId ? officials.get(account.officialId) : undefined;
    if (!official) {
      return {
        kind: 'official',
        accountId: record.actor.id,
        name: account?.displayName ?? null,
        position: null,
      };
    }
    const titles = workTitlesOn(official.positions, localDate(new Date(record.at)));
    const current = titles.length ? titles : workTitlesOn(official.positions);
    return {
      kind: 'official',
      accountId: record.actor.id,
      name: official.fullName,
      position: current.length ? current.join(', ') : null,
    };
  };
}
