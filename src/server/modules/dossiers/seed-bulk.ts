/**
 * Dossiers written in bulk, for the demo seed only: each dossier's history is computed with the pure lifecycle
 * (apply) as intakeDossier / submitOnline, actOnDossier and rateDossier compute it — the same checks, actors, due
 * dates and records — and then a whole list (a commune's demo) is written in one transaction: the codes from the
 * receiving communes' daily counters (the numbering of intake), the dossier rows (projectionOf), their actions
 * (actionRow), the ratings, the applicant's messages, and the audit entries in the order the use cases would append
 * them. About twenty statements for a commune instead of a few thousand (the use cases each read what presenting a
 * dossier needs, and each is its own transaction).
 */
import { inArray, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { DossierActionRequest, IntakeRequest, RatingRequest } from '../../../common/api/dossiers';
import { foldVietnamese } from '../../../common/text';
import type { DbOrTx, Tx } from '../../db/database';
import { insertRows } from '../../db/insert-rows';
import { inTransaction, type WriteContext } from '../../db/transaction';
import { AppError, text } from '../../http/errors';
import { type AuditRecord, auditAll } from '../audit/service';
import type { WorkingCalendar } from '../calendar/working-days';
import { dossierEventOf } from '../notifications/dossier-events';
import { channelsOf, publicLink, type TemplateKey } from '../notifications/notify';
import { notificationOutbox } from '../notifications/schema';
import { render } from '../notifications/templates';
import { communes } from '../units/schema';
import { actionRow } from './action-row';
import { agencyIdOf } from './codes';
import {
  type Actor,
  apply,
  type DossierAction,
  type DossierActionRecord,
  type DossierState,
  formatDossierCode,
  lateness,
  localDate,
  NEW_DOSSIER,
} from './domain';
import { checkIntake } from './intake';
import { assertTakesOnlineFilings } from './public-status';
import { dossierActions, dossierCodeCounters, dossierRatings, dossiers } from './schema';
import { actorOf, type Caller, type DossierRow, projectionOf, rolesIn, toAction } from './service';

type Checked = Awaited<ReturnType<typeof checkIntake>>;

/** One step after the first: an action applied (with the state before it and the events it yielded), or a rating. */
type Written =
  | { kind: 'action'; before: DossierState; after: DossierState; events: unknown[] }
  | {
      kind: 'rating';
      rating: RatingRequest['rating'];
      comment: string | null;
      returnedBy: string | null;
      at: Date;
    };

/** A dossier as the use cases would have made it, not written yet (its code is issued when it is written). */
export interface BulkDossier {
  id: string;
  input: IntakeRequest;
  checked: Checked;
  /** The time of the first action (receipt at the counter, or the online filing). */
  at: Date;
  state: DossierState;
  steps: Written[];
}

/**
 * What the intake checks read, once per procedure and pair of communes (the demo's checklists are always complete,
 * so the result is the same for every dossier of the key), and the caches of the rest.
 */
export class BulkDossiers {
  private readonly checks = new Map<string, Promise<Checked>>();
  private readonly online = new Set<string>();
  private readonly actions = new Map<string, Promise<DossierAction>>();

  constructor(
    private readonly db: DbOrTx,
    private readonly calendar: WorkingCalendar,
  ) {}

  private async check(input: IntakeRequest): Promise<Checked> {
    const key = `${input.procedureId}|${input.receivingCommuneCode}|${input.competentCommuneCode}|${JSON.stringify(input.checklist)}`;
    let checked = this.checks.get(key);
    if (!checked) {
      checked = checkIntake(this.db, input);
      this.checks.set(key, checked);
    }
    const result = await checked;
    if (result.missing.length) {
      throw new AppError('validation_failed', text('Hồ sơ chưa đầy đủ.', 'The dossier is incomplete.'));
    }
    return result;
  }

  /**
   * Received at the counter by `caller` (as intakeDossier), or filed online by the applicant when `caller` is null
   * (as submitOnline: the competent commune receives it, and must take online filings).
   */
  async intake(caller: Caller | null, input: IntakeRequest, at: Date): Promise<BulkDossier> {
    if (input.rehearsal) throw new Error('bulk intake writes official dossiers only');
    const full: IntakeRequest = caller
      ? input
      : { ...input, receivingCommuneCode: input.competentCommuneCode, channel: 'online', rehearsal: false };
    const checked = await this.check(full);
    if (!caller && !this.online.has(full.competentCommuneCode)) {
      await assertTakesOnlineFilings(this.db, full.competentCommuneCode, 'body.competentCommuneCode');
      this.online.add(full.competentCommuneCode);
    }
    const limit = checked.procedure.data.timeLimit;
    const note = full.note ? { note: full.note } : {};
    const actor: Actor = caller
      ? {
          kind: 'official',
          id: caller.accountId,
          roles: rolesIn(caller.grants, full.receivingCommuneCode, checked.receivingProvince),
        }
      : { kind: 'applicant' };
    const first: DossierAction = caller
      ? { type: 'receive', limit, ...note }
      : { type: 'submit_online', limit, ...note };
    const { state } = apply(NEW_DOSSIER, first, actor, at, this.calendar);
    return { id: uuidv7(), input: full, checked, at, state, steps: [] };
  }

  /** One lifecycle action by `caller` at `at` (as actOnDossier, the version being the dossier's own). */
  async act(d: BulkDossier, caller: Caller, req: Omit<DossierActionRequest, 'version'>, at: Date) {
    if (req.action === 'transfer' || req.action === 'receive' || req.attachmentId) {
      throw new Error(`bulk seeding does not do ${req.action} or attachments`);
    }
    const commune = d.input.competentCommuneCode;
    // What the action is depends only on the request and the commune (the assignee's grants) for these actions.
    const key = `${commune}|${caller.accountId}|${JSON.stringify(req)}`;
    let action = this.actions.get(key);
    if (!action) {
      const row = {
        id: d.id,
        communeCode: commune,
        procedureId: d.checked.procedure.id,
        procedureVersion: d.checked.procedure.version,
      } as DossierRow;
      action = toAction(this.db, row, { ...req, version: d.state.version } as DossierActionRequest);
      this.actions.set(key, action);
    }
    const actor = await actorOf(this.db, caller, commune);
    const before = d.state;
    const { state, events } = apply(before, await action, actor, at, this.calendar);
    d.state = state;
    d.steps.push({ kind: 'action', before, after: state, events });
  }

  /** The due date in force at `at`, as the dossier is presented after an action (a running pause counted). */
  dueDate(d: BulkDossier, at: Date): string | null {
    const clock = d.state.clock;
    return clock ? lateness(clock, at, this.calendar).dueDate : null;
  }

  /** The applicant's rating after return (as rateDossier: once, only once the result was returned). */
  rate(d: BulkDossier, input: RatingRequest, at: Date) {
    if (d.state.status !== 'returned' || d.steps.some((s) => s.kind === 'rating')) {
      throw new AppError('conflict', text('Không đánh giá được hồ sơ này.', 'This dossier cannot be rated.'));
    }
    const returned = d.state.history.findLast((h) => h.action.type === 'return_result');
    const returnedBy = returned?.actor.kind === 'official' ? returned.actor.id : null;
    const comment = input.comment?.trim() || null;
    d.steps.push({ kind: 'rating', rating: input.rating, comment, returnedBy, at });
  }
}

/**
 * The codes of the dossiers in their order, from the receiving communes' daily counters: one statement takes, for
 * each (commune, day), as many values as it has dossiers (as many intakes one after the other would take).
 */
async function issueCodes(tx: Tx, list: readonly BulkDossier[]): Promise<string[]> {
  const groups = new Map<string, { communeCode: string; day: string; n: number }>();
  for (const d of list) {
    const communeCode = d.input.receivingCommuneCode;
    const day = localDate(d.at);
    const key = `${communeCode}|${day}`;
    const g = groups.get(key) ?? { communeCode, day, n: 0 };
    g.n += 1;
    groups.set(key, g);
  }
  const rows = await tx
    .insert(dossierCodeCounters)
    .values([...groups.values()].map((g) => ({ communeCode: g.communeCode, day: g.day, lastValue: g.n })))
    .onConflictDoUpdate({
      target: [dossierCodeCounters.communeCode, dossierCodeCounters.day],
      set: { lastValue: sql`${dossierCodeCounters.lastValue} + excluded.last_value` },
    })
    .returning({
      communeCode: dossierCodeCounters.communeCode,
      day: dossierCodeCounters.day,
      lastValue: dossierCodeCounters.lastValue,
    });
  const next = new Map<string, number>();
  for (const r of rows) {
    const key = `${r.communeCode}|${r.day}`;
    next.set(key, r.lastValue - groups.get(key)!.n + 1);
  }
  const agencies = new Map<string, string>();
  const codes: string[] = [];
  for (const d of list) {
    const commune = d.input.receivingCommuneCode;
    let agency = agencies.get(commune);
    if (!agency) {
      agency = await agencyIdOf(tx, commune, d.checked.receivingProvince);
      agencies.set(commune, agency);
    }
    const key = `${commune}|${localDate(d.at)}`;
    const value = next.get(key)!;
    next.set(key, value + 1);
    codes.push(formatDossierCode(agency, d.at, value));
  }
  return codes;
}

/** The applicant's message of a lifecycle event, as notifyDossierEvent queues it (one outbox row per channel). */
function messages(
  d: BulkDossier,
  code: string,
  communeName: string | null,
  event: string,
  details: {
    key: string;
    dueDate?: string | null;
    previousDueDate?: string | null;
    reason?: string | null;
    items?: readonly string[] | null;
  },
) {
  const template = `dossier.${event}` as TemplateKey;
  const locale = 'vi' as const;
  const params = {
    code,
    name: d.input.applicant.fullName,
    communeName,
    procedureName: d.checked.procedure.data.name,
    dueDate: details.dueDate ?? null,
    previousDueDate: details.previousDueDate ?? null,
    reason: details.reason ?? null,
    items: details.items?.length ? details.items.join('; ') : null,
    url: publicLink(`/tra-cuu-ho-so?ma=${encodeURIComponent(code)}`),
  };
  return channelsOf({ phone: d.input.applicant.phone }).map((r) => {
    const { subject, body } = render(template, locale, params, r.channel);
    return {
      id: uuidv7(),
      communeCode: d.input.competentCommuneCode,
      channel: r.channel,
      recipient: r.recipient,
      subject,
      body,
      template,
      locale,
      idempotencyKey: `${template}:${d.id}:${details.key}:${r.channel}`,
      sourceType: 'dossier',
      sourceId: d.id,
    };
  });
}

/** The audit record each use case appends for the dossier's first action, each later one and the rating. */
function auditRecords(d: BulkDossier, code: string): AuditRecord[] {
  const first = d.state.history[0]!;
  const initial = d.steps.find((s) => s.kind === 'action')?.before ?? d.state;
  const communeCode = d.input.competentCommuneCode;
  const records: AuditRecord[] = [
    {
      action: `dossier.${first.action.type}`,
      entityType: 'dossier',
      entityId: d.id,
      communeCode,
      after: {
        code,
        procedureId: d.checked.procedure.id,
        procedureVersion: d.checked.procedure.version,
        receivingCommuneCode: d.input.receivingCommuneCode,
        channel: d.input.channel,
        status: initial.status,
        dueDate: projectionOf(initial).dueDate,
      },
    },
  ];
  for (const s of d.steps) {
    if (s.kind === 'action') {
      const record = s.after.history[s.after.history.length - 1]!;
      records.push({
        action: `dossier.${record.action.type}`,
        entityType: 'dossier',
        entityId: d.id,
        communeCode,
        before: {
          status: s.before.status,
          version: s.before.version,
          dueDate: s.before.clock?.dueDate ?? null,
        },
        after: {
          status: s.after.status,
          version: s.after.version,
          dueDate: s.after.clock?.dueDate ?? null,
          events: s.events,
        },
      });
    } else {
      records.push({
        action: 'dossier.rate',
        entityType: 'dossier',
        entityId: d.id,
        communeCode,
        after: { rating: s.rating, returnedBy: s.returnedBy },
      });
    }
  }
  return records;
}

/**
 * Writes the dossiers, in their order, in one transaction with their audit entries. The entries but the last are
 * chained here as appendAudit chains them (same content, same hash) after the chain heads are locked, and inserted
 * together; the last goes through the transaction's audit (appendAudit, given the head), which moves the head.
 */
export async function writeBulkDossiers(ctx: WriteContext, list: readonly BulkDossier[]): Promise<string[]> {
  if (!list.length) return [];
  const receiving = [...new Set(list.map((d) => d.input.receivingCommuneCode))];
  return inTransaction(ctx, async (tx, audit) => {
    // Counters first, then the chain heads: the order every writer takes them in.
    const codes = await issueCodes(tx, list);
    const names = new Map(
      (
        await tx
          .select({ code: communes.code, name: communes.name })
          .from(communes)
          .where(inArray(communes.code, receiving))
      ).map((c) => [c.code, c.name]),
    );
    const dossierRows = [];
    const actionRows = [];
    const ratingRows = [];
    const outbox = [];
    const records: AuditRecord[] = [];
    for (const [i, d] of list.entries()) {
      const code = codes[i]!;
      const communeName = names.get(d.input.receivingCommuneCode) ?? null;
      const history: readonly DossierActionRecord[] = d.state.history;
      const last = history[history.length - 1]!;
      const receipt = history.findLast((h) => h.action.type === 'receive');
      const online = history[0]!.action.type === 'submit_online';
      dossierRows.push({
        id: d.id,
        code,
        communeCode: d.input.competentCommuneCode,
        receivingCommuneCode: d.input.receivingCommuneCode,
        procedureId: d.checked.procedure.id,
        procedureVersion: d.checked.procedure.version,
        procedureName: d.checked.procedure.data.name,
        channel: d.input.channel,
        applicantFullName: d.input.applicant.fullName,
        applicantNameFolded: foldVietnamese(d.input.applicant.fullName),
        applicantIdNumber: d.input.applicant.idNumber.toUpperCase(),
        applicantPhone: d.input.applicant.phone,
        applicantAddress: d.input.applicant.address,
        checklist: d.input.checklist,
        ...projectionOf(d.state),
        // An online filing is received when the centre's `receive` is written (actOnDossier).
        receivedAt: receipt ? new Date(receipt.at) : d.at,
        submittedAt: online ? d.at : null,
        rehearsal: false,
        // The intake leaves the default (now); each action sets its own time.
        ...(history.length > 1 ? { updatedAt: new Date(last.at) } : {}),
      });
      for (const record of history) actionRows.push(actionRow(d.id, d.input.competentCommuneCode, record));
      if (history[0]!.action.type === 'receive') {
        const first = d.steps.find((s) => s.kind === 'action')?.before ?? d.state;
        outbox.push(
          ...messages(d, code, communeName, 'received', {
            key: String(first.version),
            dueDate: projectionOf(first).dueDate,
          }),
        );
      }
      for (const s of d.steps) {
        if (s.kind === 'rating') {
          ratingRows.push({
            dossierId: d.id,
            communeCode: d.input.competentCommuneCode,
            rating: s.rating,
            comment: s.comment,
            returnedBy: s.returnedBy,
            createdAt: s.at,
          });
          continue;
        }
        const record = s.after.history[s.after.history.length - 1]!;
        const e = dossierEventOf(record.action);
        if (!e) continue;
        // As notifyDossierAction: keyed by the version the action made, with the due dates around it.
        outbox.push(
          ...messages(d, code, communeName, e.event, {
            key: String(s.after.version),
            dueDate: e.dueDate ?? s.after.clock?.dueDate ?? null,
            previousDueDate: s.before.clock?.dueDate ?? null,
            reason: e.reason ?? null,
            items: e.items ?? null,
          }),
        );
      }
      records.push(...auditRecords(d, code));
    }
    await insertRows(tx, dossiers, dossierRows);
    await insertRows(tx, dossierActions, actionRows);
    await insertRows(tx, dossierRatings, ratingRows);
    if (outbox.length) {
      for (let i = 0; i < outbox.length; i += CHUNK) {
        await tx
          .insert(notificationOutbox)
          .values(outbox.slice(i, i + CHUNK))
          .onConflictDoNothing({ target: notificationOutbox.idempotencyKey });
      }
    }
    await auditAll(tx, audit, records, ctx);
    return codes;
  });
}

const CHUNK = 500;
