/**
 * The demo's feedback written in bulk (seed/demo-feedback.ts, for a fast first start): a commune's reports and
 * what happened to them — received, accepted, assigned, answered (or drafted and approved), rated or reopened by
 * the reporter — worked out in memory with the module's own rules (parseNewReport, placeAndCommune, categoryFor,
 * dueDate, decide, transition, publicVersion) and written in one transaction: the reports, their actions, the
 * tracking-code counters, the messages (notify) and the audit entries (appendAuditMany), as createReport, the
 * handling steps and rateReport would have written them one call at a time (demo-feedback.integration.test.ts
 * compares the two row for row). The demo's reports have no files.
 */
import { randomInt } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { FeedbackActionKind, FeedbackState } from '../../../common/api/feedback';
import type { Tx } from '../../db/database';
import { insertRows } from '../../db/insert-rows';
import { inTransaction, type WriteContext } from '../../db/transaction';
import { AppError } from '../../http/errors';
import { type AuditedRecord, auditAll } from '../audit/service';
import { getCalendar } from '../calendar/service';
import { localDate } from '../dossiers/domain/local-time';
import { notify, publicLink } from '../notifications/notify';
import { todayInVietnam } from '../org/document-format';
import { findCommuneLocation } from '../units/service';
import { categoryOf, type FeedbackCategoryRow } from './detail';
import { formatFeedbackCode } from './domain/code';
import { dueDate } from './domain/deadlines';
import { transition } from './domain/lifecycle';
import { type Caller, daysKindOf, decide, publicVersion, reporterMessage, staffRoles } from './handling';
import {
  ACTOR_KIND,
  type CommuneFacts,
  categoryFor,
  communeFacts,
  contactOf,
  hashPin,
  type NewReportInput,
  newReportRow,
  parseNewReport,
  placeAndCommune,
  resolvedPlace,
} from './reports';
import { feedbackActions, feedbackCodeCounters, feedbackReports } from './schema';
import { FEEDBACK_ENTITY, type FeedbackReportRow } from './store';
import { assigneeContact } from './tracking';

/** What happens to a demo report after it is received, by whom and when (a staff step's caller acts in ctx). */
export type DemoFeedbackStep =
  | { kind: 'accept' | 'close'; ctx: WriteContext; caller: Caller; at: Date }
  | { kind: 'assign'; ctx: WriteContext; caller: Caller; accountId: string; at: Date }
  | { kind: 'answer'; ctx: WriteContext; caller: Caller; text: string; at: Date }
  | { kind: 'approve'; ctx: WriteContext; caller: Caller; at: Date }
  | { kind: 'rate'; ctx: WriteContext; resolved: boolean; rating: number; comment: string; at: Date };

/** A demo report: received by `receiver` (the seed itself for the web) in `communeCode` at `at`, then its steps. */
export interface DemoFeedbackReport {
  receiver: WriteContext;
  communeCode: string;
  input: NewReportInput;
  /**
   * The place as the seed knows it: the place text names the commune, after `street` ("Chợ phường Trần Phú":
   * "Chợ"). It is written resolved as placeAndCommune resolves it, without the address resolver's index (built on
   * its first real use); without it, the place text is resolved.
   */
  place?: { street: string | null };
  channel: 'web' | 'counter' | 'phone';
  at: Date;
  steps: DemoFeedbackStep[];
}

type CommuneLocation = NonNullable<Awaited<ReturnType<typeof findCommuneLocation>>>;

let demoPin: Promise<string> | null = null;
/**
 * The tracking PIN's hash of the demo's anonymous reports: one PIN drawn and hashed (argon2, ~15 ms) once per
 * process, not once per report — nobody is shown a demo report's PIN.
 */
const demoPinHash = () => (demoPin ??= hashPin(String(randomInt(0, 1_000_000)).padStart(6, '0')));

/**
 * Writes the demo reports (of one or more communes), in their order, in one transaction; returns how many. Input is
 * checked as createReport checks it (a bad story throws before anything is written).
 */
export async function writeDemoFeedback(
  ctx: WriteContext,
  list: readonly DemoFeedbackReport[],
): Promise<number> {
  if (!list.length) return 0;
  const calendar = await getCalendar(ctx.db);
  // Each commune and category read once (several reports share one).
  const communes = new Map<string, Promise<{ where: CommuneLocation; facts: CommuneFacts | null }>>();
  const communeOnce = (code: string) => {
    if (!communes.has(code))
      communes.set(
        code,
        (async () => {
          const where = await findCommuneLocation(ctx.db, code);
          if (!where) throw new AppError('not_found');
          return { where, facts: await communeFacts(ctx.db, code) };
        })(),
      );
    return communes.get(code)!;
  };
  const categories = new Map<string, ReturnType<typeof categoryOnce>>();
  const categoryOnce = async (id: string, provinceCode: string) => ({
    checked: await categoryFor(ctx.db, id, provinceCode),
    category: (await categoryOf(ctx.db, id)) as FeedbackCategoryRow,
  });
  // As createReport before its transaction: the input, the commune and place, the category, the PIN.
  const prepared = await Promise.all(
    list.map(async (r) => {
      const input = parseNewReport(r.input);
      const { phone, email } = contactOf(input);
      const { where, facts } = await communeOnce(r.communeCode);
      const { commune, placeResolved } =
        r.place && facts && !(input.communeCode && input.communeCode !== r.communeCode)
          ? { commune: facts, placeResolved: resolvedPlace(r.place.street, facts) }
          : await placeAndCommune(ctx.db, input, r.communeCode);
      const key = `${commune.provinceCode}:${input.categoryId}`;
      if (!categories.has(key)) categories.set(key, categoryOnce(input.categoryId, commune.provinceCode));
      const { checked, category } = await categories.get(key)!;
      const pinHash = !phone && !email ? await demoPinHash() : null;
      return { r, input, phone, email, where, commune, placeResolved, checked, category, pinHash };
    }),
  );
  const last = list[list.length - 1]!;
  const lastBy = last.steps.at(-1)?.ctx ?? last.receiver;
  // The last entry is the transaction's own (appendAudit), by whoever took the last step.
  return inTransaction({ ...lastBy, db: ctx.db }, async (tx, audit) => {
    const seqs = await issueSeqs(
      tx,
      prepared.map((p) => ({ communeCode: p.r.communeCode, day: localDate(p.r.at) })),
    );
    const reports: FeedbackReportRow[] = [];
    const actions: (typeof feedbackActions.$inferInsert)[] = [];
    const records: AuditedRecord[] = [];
    const messages: { send: (tx: Tx) => Promise<unknown> }[] = [];
    for (const [i, p] of prepared.entries()) {
      const { r, input, phone, email, category, where } = p;
      const { communeCode } = r;
      const communeName = p.commune.name;
      const now = r.at;
      const day = localDate(now);
      const code = formatFeedbackCode(communeCode, day, seqs[i]!);
      const { transferDays, answerDays, daysKind } = p.checked;
      const transferDueDate = dueDate(day, transferDays, daysKind, calendar);
      const answerDueAtLatest = dueDate(transferDueDate, answerDays, daysKind, calendar);
      const id = uuidv7();
      let row = {
        ...newReportRow({
          id,
          code,
          commune: p.commune,
          categoryId: category.id,
          channel: r.channel,
          input,
          phone,
          email,
          placeResolved: p.placeResolved,
          pinHash: p.pinHash,
          transferDueDate,
          now,
        }),
        escalationLevel: 0,
        reopenCount: 0,
        version: 1,
      } as FeedbackReportRow;
      const action = (a: Omit<typeof feedbackActions.$inferInsert, 'id' | 'reportId' | 'communeCode'>) =>
        actions.push({ id: uuidv7(), reportId: id, communeCode, note: null, data: null, ...a });
      action({
        action: 'receive',
        fromState: null,
        toState: 'received',
        actorKind: ACTOR_KIND[r.channel],
        actorId: r.receiver.actor.accountId,
        data: { channel: r.channel, files: 0 },
        at: now,
      });
      records.push({
        by: r.receiver,
        action: 'feedback.receive',
        entityType: FEEDBACK_ENTITY,
        entityId: id,
        communeCode,
        after: {
          code,
          channel: r.channel,
          categoryId: category.id,
          title: input.title,
          anonymous: row.anonymous,
          isPrivate: input.isPrivate,
          files: [],
          transferDueDate,
        },
      });
      if (phone || email)
        messages.push({
          send: (t) =>
            notify(t, {
              template: 'feedback.received',
              params: {
                code,
                title: input.title,
                name: input.reporterName ?? '',
                communeName,
                dueDate: answerDueAtLatest,
                url: publicLink(`/phan-anh/theo-doi?ma=${encodeURIComponent(code)}`),
              },
              to: { phone, email },
              locale: input.locale,
              communeCode,
              sourceType: FEEDBACK_ENTITY,
              sourceId: id,
              idempotencyKey: `feedback.received:${id}`,
            }),
        });
      const write = (set: Partial<FeedbackReportRow>, at: Date) => {
        row = { ...row, ...set, version: row.version + 1, updatedAt: at };
        return row;
      };
      for (const s of r.steps) {
        const state = row.state as FeedbackState;
        if (s.kind === 'rate') {
          // As rateReport (and recordReopen when not resolved).
          const lifecycle = { approvalRequired: category.approvalRequired };
          const rated = transition(state, 'rate', 'reporter', lifecycle);
          if (!rated.ok) throw new AppError('conflict', { vi: rated.vi, en: rated.en });
          let to: FeedbackState = rated.to;
          if (!s.resolved) {
            const reopened = transition(rated.to, 'reopen', 'reporter', lifecycle);
            if (!reopened.ok) throw new AppError('conflict', { vi: reopened.vi, en: reopened.en });
            to = reopened.to;
          }
          const updated = write(
            {
              state: to,
              resolvedByReporter: s.resolved,
              rating: s.rating,
              ratingComment: s.comment,
              ratedAt: s.at,
              ...(s.resolved
                ? { closedAt: row.closedAt ?? s.at }
                : { reopenCount: row.reopenCount + 1, closedAt: null }),
            },
            s.at,
          );
          const reporter = { actorKind: 'reporter' as const, actorId: null, note: s.comment, at: s.at };
          action({ ...reporter, action: 'rate', fromState: state, toState: rated.to, data: rateData(s) });
          records.push({
            by: s.ctx,
            action: 'feedback.rate',
            entityType: FEEDBACK_ENTITY,
            entityId: id,
            communeCode,
            before: { state },
            after: rateData(s),
          });
          if (!s.resolved) {
            action({ ...reporter, action: 'reopen', fromState: rated.to, toState: to });
            records.push({
              by: s.ctx,
              action: 'feedback.reopen',
              entityType: FEEDBACK_ENTITY,
              entityId: id,
              communeCode,
              before: { state: rated.to },
              after: { state: to, reopenCount: updated.reopenCount },
            });
            messages.push({
              send: async (t) => {
                const handler = await assigneeContact(t, updated.assigneeAccountId);
                if (handler)
                  await notify(t, {
                    template: 'feedback.reopened',
                    params: {
                      code,
                      title: updated.title,
                      comment: s.comment,
                      url: publicLink(`/xu-ly-phan-anh/chi-tiet/${id}`),
                    },
                    to: handler,
                    communeCode,
                    sourceType: FEEDBACK_ENTITY,
                    sourceId: id,
                    idempotencyKey: `feedback.reopened:${id}:${updated.reopenCount}`,
                  });
              },
            });
          }
          continue;
        }
        // As step() of handling.ts: the kind, the next state by the rules, the row, the action, the entry.
        const roles = staffRoles(s.caller, where);
        const kind: FeedbackActionKind =
          s.kind === 'answer'
            ? category.approvalRequired && roles.includes('handler') && !roles.includes('leader')
              ? 'submit_answer'
              : 'answer'
            : s.kind === 'approve'
              ? 'answer'
              : s.kind;
        const to = decide(state, kind, roles, {
          approvalRequired: category.approvalRequired,
          openChildren: 0,
        });
        const out = plan(s, row, category, to, todayInVietnam(s.at), calendar);
        const before = row;
        const updated = write({ state: to, ...out.set }, s.at);
        action({
          action: kind,
          fromState: state,
          toState: to,
          actorKind: 'official',
          actorId: s.caller.accountId,
          note: null,
          data: out.data ?? null,
          at: s.at,
        });
        records.push({
          by: s.ctx,
          action: `feedback.${kind}`,
          entityType: FEEDBACK_ENTITY,
          entityId: id,
          communeCode,
          before: { state, version: before.version },
          after: { state: to, version: updated.version, code, ...out.audit },
        });
        if (out.sendsAnswer)
          messages.push({
            send: async (t) => {
              if (updated.reporterEmail || updated.reporterPhone)
                await notify(
                  t,
                  reporterMessage(
                    updated,
                    'feedback.answered',
                    `${id}:${updated.version}`,
                    { answer: updated.answerText ?? '' },
                    communeName,
                  ),
                );
            },
          });
      }
      reports.push(row);
    }
    await insertRows(tx, feedbackReports, reports);
    await insertRows(tx, feedbackActions, actions);
    for (const m of messages) await m.send(tx);
    await auditAll(tx, audit, records);
    return reports.length;
  });
}

const rateData = (s: { resolved: boolean; rating: number }) => ({ resolved: s.resolved, rating: s.rating });

/** What a staff step sets and records (acceptReport, assignReport, answerReport, approveAnswer, closeReport). */
function plan(
  s: Exclude<DemoFeedbackStep, { kind: 'rate' }>,
  row: FeedbackReportRow,
  category: FeedbackCategoryRow,
  to: FeedbackState,
  today: string,
  calendar: Awaited<ReturnType<typeof getCalendar>>,
): {
  set?: Partial<FeedbackReportRow>;
  data?: Record<string, unknown>;
  audit?: Record<string, unknown>;
  sendsAnswer?: boolean;
} {
  const sendOut = (set: Partial<FeedbackReportRow>, data: Record<string, unknown>, audit: object) => {
    const published = !row.isPrivate;
    return {
      set: { ...set, answeredAt: s.at, publishedAt: published ? s.at : null },
      data: { published, ...data },
      audit: { ...audit, published },
      sendsAnswer: true,
    };
  };
  switch (s.kind) {
    case 'accept': {
      const answerDueDate = dueDate(today, category.answerDays, daysKindOf(category), calendar);
      return {
        set: { acceptedAt: s.at, answerDueDate, escalationLevel: 0 },
        data: { answerDueDate },
        audit: { answerDueDate },
      };
    }
    case 'assign': {
      const body = category.responsibleBody ?? null;
      return {
        set: { assigneeAccountId: s.accountId, assignedBody: body },
        data: { accountId: s.accountId, body },
        audit: { assigneeAccountId: s.accountId, assignedBody: body },
      };
    }
    case 'answer': {
      const answer = {
        answerText: s.text,
        answerPublicText: publicVersion(row, s.text),
        answeredBy: s.caller.accountId,
      };
      if (to === 'answer_pending') return { set: answer, audit: { answerLength: s.text.length } };
      return sendOut(
        {
          ...answer,
          ...(category.approvalRequired ? { approvedBy: s.caller.accountId, approvedAt: s.at } : {}),
        },
        {},
        { answerLength: s.text.length },
      );
    }
    case 'approve':
      return sendOut(
        {
          answerPublicText: row.answerPublicText ?? publicVersion(row, row.answerText ?? ''),
          approvedBy: s.caller.accountId,
          approvedAt: s.at,
        },
        { approved: true, draftedBy: row.answeredBy },
        { approved: true },
      );
    case 'close':
      return { set: { closedAt: s.at } };
  }
}

/** The next sequences of the communes' tracking codes, one per report in order, per commune and day. */
async function issueSeqs(tx: Tx, reports: { communeCode: string; day: string }[]): Promise<number[]> {
  const count = new Map<string, { communeCode: string; day: string; last: number }>();
  const keyOf = (c: string, d: string) => `${c}:${d}`;
  for (const { communeCode, day } of reports) {
    const k = keyOf(communeCode, day);
    count.set(k, { communeCode, day, last: (count.get(k)?.last ?? 0) + 1 });
  }
  // One statement for every commune and day (rows in commune and day order, the order concurrent writers take
  // them in).
  const rows = await tx
    .insert(feedbackCodeCounters)
    .values(
      [...count.values()].sort((a, b) =>
        keyOf(a.communeCode, a.day).localeCompare(keyOf(b.communeCode, b.day)),
      ),
    )
    .onConflictDoUpdate({
      target: [feedbackCodeCounters.communeCode, feedbackCodeCounters.day],
      set: { last: sql`${feedbackCodeCounters.last} + excluded.last` },
    })
    .returning({
      communeCode: feedbackCodeCounters.communeCode,
      day: feedbackCodeCounters.day,
      last: feedbackCodeCounters.last,
    });
  const next = new Map(
    rows.map((r) => {
      const k = keyOf(r.communeCode, r.day);
      return [k, r.last - count.get(k)!.last + 1];
    }),
  );
  return reports.map(({ communeCode, day }) => {
    const k = keyOf(communeCode, day);
    const seq = next.get(k)!;
    next.set(k, seq + 1);
    return seq;
  });
}
