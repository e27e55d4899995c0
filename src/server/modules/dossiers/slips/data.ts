/**
 * What the slips of an existing dossier read from its history (the same append-only list as the audit log) and
 * from the organisation chart: who received it, who handed it to whom and when (the control slip), the
 * supplement requested, the apology recorded, the refusal at intake, and the holders of the signing positions.
 */
import { and, eq, gte, inArray, isNull, lte, or } from 'drizzle-orm';
import { HANDLER_ROLE_LABELS } from '../../../../common/api/procedures';
import type { DbOrTx } from '../../../db/database';
import { accounts } from '../../auth/schema';
import type { WorkingCalendar } from '../../calendar/working-days';
import { orgBodies, orgOfficials, orgPositions } from '../../org/schema';
import { getCommune } from '../../units/service';
import { ACTION_SPECS, type DossierActionRecord, effectiveDueDate, localDate, replay } from '../domain';

const POSITIONS = ['commune_leader', 'specialist', 'one_stop_officer'] as const;

/** The position the actor acted in: the one the action asks for, among the roles they hold. */
function positionOf(record: DossierActionRecord): string {
  if (record.actor.kind === 'applicant') return 'Người nộp hồ sơ';
  const by = ACTION_SPECS[record.action.type].by.map((p) => (p === 'assignee' ? 'specialist' : p));
  const held = record.actor.roles;
  const role =
    POSITIONS.find((r) => by.includes(r) && held.includes(r)) ?? POSITIONS.find((r) => held.includes(r));
  return role ? HANDLER_ROLE_LABELS[role].vi : 'Công chức';
}

/** Display names of accounts by id. */
export async function accountNames(db: DbOrTx, ids: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Map();
  const rows = await db
    .select({ id: accounts.id, name: accounts.displayName })
    .from(accounts)
    .where(inArray(accounts.id, unique));
  return new Map(rows.map((a) => [a.id, a.name]));
}

/** Name of the official who did the last action of a type (e.g. who received the dossier), or null. */
export async function actorNameOf(
  db: DbOrTx,
  history: readonly DossierActionRecord[],
  type: DossierActionRecord['action']['type'],
): Promise<string | null> {
  const record = history.findLast((h) => h.action.type === type);
  if (record?.actor.kind !== 'official') return null;
  return (await accountNames(db, [record.actor.id])).get(record.actor.id) ?? null;
}

/** One hand-over of the processing-control slip: who gave the dossier to whom, when, and whether in time. */
export interface HandOver {
  label: string;
  giver: string;
  receiver: string;
  at: string;
  /** Against the dossier's due date in force at the time; null before the clock runs. */
  result: 'early' | 'on_time' | 'late' | null;
  note: string | null;
}

/**
 * The hand-overs of a dossier, from its history: the applicant to the centre (receipt), the centre to the
 * specialist (assignment), the specialist to the leader (submission) and back, the result to the centre and to
 * the applicant; requests to the applicant and their answers. Steps inside one person's hands (start of
 * processing, extension, apology) are not hand-overs.
 */
export async function handOvers(
  db: DbOrTx,
  history: readonly DossierActionRecord[],
  applicantName: string,
  calendar: WorkingCalendar,
): Promise<HandOver[]> {
  const ids = history.flatMap((h) => [
    ...(h.actor.kind === 'official' ? [h.actor.id] : []),
    ...('assigneeId' in h.action && h.action.assigneeId ? [h.action.assigneeId] : []),
  ]);
  const names = await accountNames(db, ids);
  const communeNames = new Map<string, string>();
  for (const h of history) {
    if (h.action.type === 'transfer')
      communeNames.set(h.action.toCommuneCode, (await getCommune(db, h.action.toCommuneCode)).name);
  }
  const applicant = `Người nộp hồ sơ — ${applicantName}`;
  const leader = HANDLER_ROLE_LABELS.commune_leader.vi;
  const centre = 'Bộ phận Một cửa (Trung tâm Phục vụ hành chính công)';
  const specialist = (id: string | null) => {
    const name = id ? names.get(id) : undefined;
    return name ? `${HANDLER_ROLE_LABELS.specialist.vi} — ${name}` : HANDLER_ROLE_LABELS.specialist.vi;
  };
  const out: HandOver[] = [];
  let assignee: string | null = null;
  history.forEach((h, i) => {
    const a = h.action;
    const actorName = h.actor.kind === 'official' ? names.get(h.actor.id) : undefined;
    const actor =
      h.actor.kind === 'applicant'
        ? applicant
        : actorName
          ? `${positionOf(h)} — ${actorName}`
          : positionOf(h);
    let pair: [string, string] | null = null;
    let note: string | null = 'reason' in a && a.reason ? a.reason : null;
    switch (a.type) {
      case 'receive':
        pair = [a.transferredFrom ? `Xã chuyển đến (hồ sơ ${a.transferredFrom.code})` : applicant, actor];
        break;
      case 'import': // taken over from a former unit (hồ sơ đang giải quyết dở)
        pair = [`${a.importedFrom} (hồ sơ ${a.originalCode})`, actor];
        assignee = a.assigneeId ?? null;
        break;
      case 'assign':
      case 'reassign':
        pair = [actor, specialist(a.assigneeId)];
        assignee = a.assigneeId;
        break;
      case 'request_supplement':
        pair = [actor, applicant];
        note = [a.reason, ...a.items].filter(Boolean).join('; ');
        break;
      case 'request_payment':
      case 'withdraw':
        pair = [actor, applicant];
        break;
      case 'supplement_received':
      case 'payment_received':
        pair = [applicant, h.actor.kind === 'applicant' ? specialist(assignee) : actor];
        break;
      case 'submit_for_approval': {
        // The leader who took it: the one who next approved, rejected or sent it back.
        const next = history
          .slice(i + 1)
          .find((n) => ['approve', 'reject', 'send_back'].includes(n.action.type));
        const name = next?.actor.kind === 'official' ? names.get(next.actor.id) : undefined;
        pair = [actor, name ? `${leader} — ${name}` : leader];
        break;
      }
      case 'send_back':
      case 'approve':
      case 'reject':
        pair = [actor, specialist(assignee)];
        break;
      case 'mark_result_ready':
        pair = [actor, centre];
        break;
      case 'return_result':
        pair = [actor, applicant];
        break;
      case 'transfer':
        pair = [actor, `Ủy ban nhân dân ${communeNames.get(a.toCommuneCode) ?? a.toCommuneCode}`];
        break;
      default:
        pair = null;
    }
    if (!pair) return;
    const before = replay(history.slice(0, i), calendar);
    const due = before.clock ? effectiveDueDate(before.clock, new Date(h.at), calendar) : null;
    const day = localDate(new Date(h.at));
    out.push({
      label: ACTION_SPECS[a.type].label.vi,
      giver: pair[0],
      receiver: pair[1],
      at: h.at,
      result: due ? (day < due ? 'early' : day === due ? 'on_time' : 'late') : null,
      note: note ?? (a.note || null),
    });
  });
  return out;
}

/** The last apology recorded, with the appointment it replaced (the route checks one was recorded). */
export function lastApology(history: readonly DossierActionRecord[], calendar: WorkingCalendar) {
  const i = history.findLastIndex((h) => h.action.type === 'record_apology');
  const record = history[i]!;
  const action = record.action as Extract<DossierActionRecord['action'], { type: 'record_apology' }>;
  const before = replay(history.slice(0, i), calendar);
  return {
    reason: action.reason,
    newDueDate: action.newDueDate,
    previousDueDate: before.clock ? effectiveDueDate(before.clock, new Date(record.at), calendar) : null,
    at: new Date(record.at),
  };
}

/** The refusal at intake (the route checks the dossier was refused). */
export function refusalOf(history: readonly DossierActionRecord[]) {
  const record = history.findLast((h) => h.action.type === 'refuse_intake')!;
  const action = record.action as Extract<DossierActionRecord['action'], { type: 'refuse_intake' }>;
  return {
    reason: action.reason,
    at: new Date(record.at),
    actorId: record.actor.kind === 'official' ? record.actor.id : null,
  };
}

/** The open request for a supplement: its items and reason, who asked and when. */
export function supplementOf(history: readonly DossierActionRecord[]) {
  const record = history.findLast((h) => h.action.type === 'request_supplement')!;
  const action = record.action as Extract<DossierActionRecord['action'], { type: 'request_supplement' }>;
  return {
    items: action.items,
    reason: action.reason,
    at: new Date(record.at),
    actorId: record.actor.kind === 'official' ? record.actor.id : null,
  };
}

/**
 * Who holds a position on a date in the commune's organisation chart, by the body's template key and the title
 * ("ubnd" / "Chủ tịch UBND", "ttpvhcc" / "Giám đốc"); null when nobody is recorded.
 */
export async function holderOf(
  db: DbOrTx,
  communeCode: string,
  bodyKey: string,
  title: string,
  onDate: string,
): Promise<string | null> {
  const [row] = await db
    .select({ name: orgOfficials.fullName })
    .from(orgPositions)
    .innerJoin(orgBodies, eq(orgBodies.id, orgPositions.bodyId))
    .innerJoin(orgOfficials, eq(orgOfficials.id, orgPositions.officialId))
    .where(
      and(
        eq(orgPositions.communeCode, communeCode),
        eq(orgBodies.templateKey, bodyKey),
        eq(orgPositions.title, title),
        lte(orgPositions.startDate, onDate),
        or(isNull(orgPositions.endDate), gte(orgPositions.endDate, onDate)),
        eq(orgOfficials.status, 'active'),
      ),
    )
    .orderBy(orgPositions.startDate)
    .limit(1);
  return row?.name ?? null;
}
