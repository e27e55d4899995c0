/**
 * The periodic sweep of overdue reports (issue 13 §2): on the due date the commune's leaders are warned (level 1,
 * action escalate_leader, e-mail to every commune leader with one); once the province's number of working days
 * after it has passed, the province is (level 2, escalate_province, e-mail to its officers), and the report shows
 * on the province's overview. The rule is H1's pure `escalationDue`; holidays count through the working calendar.
 *
 * Every instance may run it: each report is taken in a transaction of its own with FOR UPDATE SKIP LOCKED and its
 * level re-read under the lock, so two sweeps never warn twice (and the outbox's idempotency keys make a repeat one
 * message anyway). Audited as the system in the commune's chain.
 */
import { and, asc, eq, gt, inArray, isNotNull, lt, lte, or } from 'drizzle-orm';
import type { FeedbackState } from '../../../common/api/feedback';
import type { AppConfig } from '../../config';
import type { Db, DbOrTx, Tx } from '../../db/database';
import { type Audit, inTransaction, systemContext } from '../../db/transaction';
import { accounts, roleGrants } from '../auth/schema';
import { getCalendar } from '../calendar/service';
import type { WorkingCalendar } from '../calendar/working-days';
import { notify, publicLink } from '../notifications/notify';
import { todayInVietnam } from '../org/document-format';
import { orgOfficials } from '../org/schema';
import { currentDueDate, escalationDue } from './domain/deadlines';
import { communeNameOf } from './handling';
import { feedbackReports } from './schema';
import { feedbackSettingsOf } from './settings';
import { appendFeedbackAction, FEEDBACK_ENTITY, type FeedbackReportRow, updateReport } from './store';

/**
 * States whose deadline runs and that are still the commune's (an escalated report is with the province; a split
 * one waits for its children, each with its own deadline).
 */
const SWEPT_STATES: FeedbackState[] = ['received', 'accepted', 'assigned', 'answer_pending', 'reopened'];
const BATCH = 200;

/** E-mail addresses of the active accounts holding `role` in the commune (or province), from their officials. */
async function emailsOf(
  db: DbOrTx,
  role: 'commune_leader' | 'province_officer',
  where: { communeCode: string } | { provinceCode: string },
): Promise<{ accountId: string; email: string }[]> {
  const rows = await db
    .select({ accountId: accounts.id, email: orgOfficials.email })
    .from(roleGrants)
    .innerJoin(accounts, eq(accounts.id, roleGrants.accountId))
    .innerJoin(orgOfficials, eq(orgOfficials.id, accounts.officialId))
    .where(
      and(
        eq(roleGrants.role, role),
        'communeCode' in where
          ? eq(roleGrants.communeCode, where.communeCode)
          : eq(roleGrants.provinceCode, where.provinceCode),
        eq(accounts.status, 'active'),
        isNotNull(orgOfficials.email),
      ),
    )
    .orderBy(asc(accounts.id));
  const seen = new Set<string>();
  return rows.flatMap((r) => {
    if (!r.email || seen.has(r.accountId)) return [];
    seen.add(r.accountId);
    return [{ accountId: r.accountId, email: r.email }];
  });
}

async function escalateOne(
  tx: Tx,
  audit: Audit,
  row: FeedbackReportRow,
  level: 1 | 2,
  due: string,
  now: Date,
): Promise<FeedbackReportRow> {
  const action = level === 1 ? 'escalate_leader' : 'escalate_province';
  const state = row.state as FeedbackState;
  const updated = await updateReport(tx, row, { escalationLevel: level, escalatedAt: now }, now);
  await appendFeedbackAction(tx, {
    reportId: row.id,
    communeCode: row.communeCode,
    action,
    fromState: state,
    toState: state,
    actorKind: 'system',
    actorId: null,
    data: { level, dueDate: due },
    at: now,
  });
  const recipients =
    level === 1
      ? await emailsOf(tx, 'commune_leader', { communeCode: row.communeCode })
      : await emailsOf(tx, 'province_officer', { provinceCode: row.provinceCode });
  const template = level === 1 ? 'feedback.escalated_leader' : 'feedback.escalated_province';
  const communeName = recipients.length ? await communeNameOf(tx, row.communeCode) : row.communeCode;
  for (const r of recipients) {
    await notify(tx, {
      template,
      params: {
        code: row.code,
        title: row.title,
        dueDate: due,
        communeName,
        url: publicLink(`/xu-ly-phan-anh/chi-tiet/${row.id}`),
      },
      to: { email: r.email },
      communeCode: row.communeCode,
      sourceType: FEEDBACK_ENTITY,
      sourceId: row.id,
      idempotencyKey: `${template}:${row.id}:${due}:${r.accountId}`,
    });
  }
  await audit({
    action: `feedback.${action}`,
    entityType: FEEDBACK_ENTITY,
    entityId: row.id,
    communeCode: row.communeCode,
    before: { escalationLevel: row.escalationLevel },
    after: { escalationLevel: level, dueDate: due, code: row.code, notified: recipients.length },
  });
  return updated;
}

class NothingToDo extends Error {}

/** The level the rule gives a report today (0 outside the swept states). */
function levelOf(row: FeedbackReportRow, today: string, days: number, calendar: WorkingCalendar): number {
  const state = row.state as FeedbackState;
  if (!SWEPT_STATES.includes(state)) return 0;
  return escalationDue(
    { state, transferDueDate: row.transferDueDate, answerDueDate: row.answerDueDate },
    today,
    days,
    calendar,
  );
}

export interface SweepResult {
  leader: number;
  province: number;
}

/**
 * One sweep at `now`: every open report whose due date has come is raised to the level the rule gives (both
 * warnings in turn when it jumps from none to the province). Returns how many reports reached each level.
 */
export async function runEscalationSweep(db: Db, now: Date = new Date()): Promise<SweepResult> {
  const today = todayInVietnam(now);
  const calendar: WorkingCalendar = await getCalendar(db);
  const settings = new Map<string, number>();
  const result: SweepResult = { leader: 0, province: 0 };
  const ctx = systemContext(db, 'feedback escalation');
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const r = feedbackReports;
    // Candidates, cheaply: a deadline on or before today and not yet at the province's level.
    const batch = await db
      .select()
      .from(r)
      .where(
        and(
          gt(r.id, after),
          inArray(r.state, SWEPT_STATES),
          lt(r.escalationLevel, 2),
          or(lte(r.transferDueDate, today), lte(r.answerDueDate, today)),
        ),
      )
      .orderBy(asc(r.id))
      .limit(BATCH);
    if (!batch.length) break;
    after = batch[batch.length - 1]!.id;
    for (const c of batch) {
      if (!settings.has(c.provinceCode))
        settings.set(c.provinceCode, (await feedbackSettingsOf(db, c.provinceCode)).provinceEscalationDays);
      const days = settings.get(c.provinceCode)!;
      if (levelOf(c, today, days, calendar) <= c.escalationLevel) continue;
      let reached = 0;
      try {
        reached = await inTransaction(ctx, async (tx, audit) => {
          const [row] = await tx
            .select()
            .from(feedbackReports)
            .where(eq(feedbackReports.id, c.id))
            .for('update', { skipLocked: true });
          // Taken by another instance, or changed since it was read: left alone (rolled back, nothing written).
          const level = row ? levelOf(row, today, days, calendar) : 0;
          if (!row || level <= row.escalationLevel) throw new NothingToDo();
          const due = currentDueDate({
            state: row.state as FeedbackState,
            transferDueDate: row.transferDueDate,
            answerDueDate: row.answerDueDate,
          })!;
          let current = row;
          if (current.escalationLevel < 1) current = await escalateOne(tx, audit, current, 1, due, now);
          if (level === 2) current = await escalateOne(tx, audit, current, 2, due, now);
          return level;
        });
      } catch (e) {
        if (!(e instanceof NothingToDo)) throw e;
      }
      if (reached >= 1) result.leader += 1;
      if (reached === 2) result.province += 1;
    }
    if (batch.length < BATCH) break;
  }
  return result;
}

/**
 * Runs the sweep every interval (the first one interval after start), on every instance; stop() waits for a
 * sweep in progress.
 */
export function startFeedbackEscalation(deps: {
  db: Db;
  config: AppConfig;
  logger: { error(obj: unknown, msg?: string): void };
  intervalMs?: number;
}): { stop(): Promise<void> } {
  const intervalMs = deps.intervalMs ?? deps.config.feedbackEscalationMs;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let inFlight: Promise<unknown> | null = null;
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      inFlight = runEscalationSweep(deps.db)
        .catch((err) => deps.logger.error({ err }, 'feedback escalation sweep failed'))
        .finally(() => {
          inFlight = null;
          schedule();
        });
    }, intervalMs);
    timer.unref?.();
  };
  schedule();
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await inFlight;
    },
  };
}
