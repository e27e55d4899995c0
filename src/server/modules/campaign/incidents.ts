/**
 * Sự cố của vận hành thử nghiệm: what broke (network, equipment, software, staffing, procedure), when, how bad,
 * who fixed it and when. An open incident of high or critical severity blocks the commune's go-live.
 */
import { and, asc, count, desc, eq, inArray, lt, or } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import {
  type CreateIncidentRequest,
  type Incident,
  type IncidentDetail,
  type IncidentKind,
  type IncidentList,
  type IncidentSeverity,
  type IncidentStatus,
  minutesBetween,
  type ReopenIncidentRequest,
  type ResolveIncidentRequest,
  type UpdateIncidentRequest,
} from '../../../common/api/campaign-trials';
import type { DbOrTx } from '../../db/database';
import { inTransaction, type WriteContext } from '../../db/transaction';
import { isUuid } from '../../http/auth';
import { AppError, fieldError, notFound, text } from '../../http/errors';
import { auditEntries } from '../audit/schema';
import {
  assertVersion,
  auditHistory,
  CAMPAIGN_START,
  decodeCursor,
  encodeCursor,
  iso,
  previousValues,
  provinceOfCommune,
  trialDates,
} from './campaign-common';
import { campaignIncidents } from './schema';
import { assertTrialOfCommune } from './trials';

/** Severities whose open incidents block go-live. */
export const BLOCKING_SEVERITIES: readonly IncidentSeverity[] = ['high', 'critical'];

/** Whether an incident blocks go-live: open, and high or critical. */
export function blocksGoLive(incident: { status: string; severity: string }): boolean {
  return incident.status === 'open' && (BLOCKING_SEVERITIES as readonly string[]).includes(incident.severity);
}

/** The commune's open high/critical incidents, oldest first (the go-live guard reads them). */
export async function openBlockingIncidents(
  db: DbOrTx,
  communeCode: string,
): Promise<{ id: string; title: string; severity: 'high' | 'critical' }[]> {
  const rows = await db
    .select({
      id: campaignIncidents.id,
      title: campaignIncidents.title,
      severity: campaignIncidents.severity,
    })
    .from(campaignIncidents)
    .where(
      and(
        eq(campaignIncidents.communeCode, communeCode),
        eq(campaignIncidents.status, 'open'),
        inArray(campaignIncidents.severity, [...BLOCKING_SEVERITIES]),
      ),
    )
    .orderBy(asc(campaignIncidents.occurredAt), asc(campaignIncidents.id));
  return rows.map((r) => ({ ...r, severity: r.severity as 'high' | 'critical' }));
}

// ——— rules (pure) ———

/** Whole minutes from occurrence to resolution, or null while open. */
export function minutesToResolve(incident: { occurredAt: Date | string; resolvedAt: Date | string | null }) {
  return minutesBetween(incident.occurredAt, incident.resolvedAt);
}

/** Tolerance for clocks a little ahead: an incident "now" on a phone a few minutes fast is still now. */
const CLOCK_SKEW_MS = 5 * 60_000;

/** Why an occurrence time is refused, or null. */
export function occurredAtProblem(occurredAt: Date, now: Date): 'future' | 'too_early' | null {
  if (occurredAt.getTime() > now.getTime() + CLOCK_SKEW_MS) return 'future';
  if (occurredAt < new Date(`${CAMPAIGN_START}T00:00:00+07:00`)) return 'too_early';
  return null;
}

/** Why a resolution time is refused, or null: not before the incident, not in the future. */
export function resolvedAtProblem(
  occurredAt: Date,
  resolvedAt: Date,
  now: Date,
): 'before_occurred' | 'future' | null {
  if (resolvedAt < occurredAt) return 'before_occurred';
  if (resolvedAt.getTime() > now.getTime() + CLOCK_SKEW_MS) return 'future';
  return null;
}

// ——— reading ———

type IncidentRow = typeof campaignIncidents.$inferSelect;

export async function communeOfIncident(db: DbOrTx, id: string): Promise<string | null> {
  if (!isUuid(id)) return null;
  const [row] = await db
    .select({ c: campaignIncidents.communeCode })
    .from(campaignIncidents)
    .where(eq(campaignIncidents.id, id));
  return row?.c ?? null;
}

export async function getIncidentRow(db: DbOrTx, id: string): Promise<IncidentRow> {
  const [row] = isUuid(id)
    ? await db.select().from(campaignIncidents).where(eq(campaignIncidents.id, id))
    : [];
  if (!row) throw notFound('sự cố', 'incident', id);
  return row;
}

async function reopenCounts(db: DbOrTx, ids: string[]): Promise<Map<string, number>> {
  if (!ids.length) return new Map();
  const rows = await db
    .select({ id: auditEntries.entityId, n: count() })
    .from(auditEntries)
    .where(
      and(
        eq(auditEntries.entityType, 'campaign_incident'),
        inArray(auditEntries.entityId, ids),
        eq(auditEntries.action, 'campaign.incident.reopen'),
      ),
    )
    .groupBy(auditEntries.entityId);
  return new Map(rows.map((r) => [r.id, Number(r.n)]));
}

async function present(db: DbOrTx, rows: IncidentRow[]): Promise<Incident[]> {
  const reopened = await reopenCounts(
    db,
    rows.map((r) => r.id),
  );
  const trials = await trialDates(
    db,
    rows.map((r) => r.trialId),
  );
  return rows.map((r) => ({
    id: r.id,
    communeCode: r.communeCode,
    trialId: r.trialId,
    trialDate: r.trialId ? (trials.get(r.trialId) ?? null) : null,
    kind: r.kind as IncidentKind,
    severity: r.severity as IncidentSeverity,
    title: r.title,
    description: r.description,
    occurredAt: r.occurredAt.toISOString(),
    reportedBy: r.reportedBy,
    status: r.status as IncidentStatus,
    resolvedAt: iso(r.resolvedAt),
    resolvedBy: r.resolvedBy,
    resolution: r.resolution,
    minutesToResolve: minutesToResolve(r),
    blocking: blocksGoLive(r),
    reopened: reopened.get(r.id) ?? 0,
    version: r.version,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  }));
}

export interface IncidentQuery {
  status?: IncidentStatus;
  severity?: IncidentSeverity;
  kind?: IncidentKind;
  trialId?: string;
  limit: number;
  cursor?: string;
}

/** A commune's incidents, latest first, a page at a time, with its open blocking ones. */
export async function listIncidents(
  db: DbOrTx,
  communeCode: string,
  q: IncidentQuery,
): Promise<IncidentList> {
  const after = q.cursor ? decodeCursor(q.cursor) : null;
  const afterAt = after ? new Date(after[0]) : null;
  if (afterAt && Number.isNaN(afterAt.getTime()))
    throw fieldError('query.cursor', 'Con trỏ trang không hợp lệ.', 'Invalid cursor.');
  const rows = await db
    .select()
    .from(campaignIncidents)
    .where(
      and(
        eq(campaignIncidents.communeCode, communeCode),
        q.status ? eq(campaignIncidents.status, q.status) : undefined,
        q.severity ? eq(campaignIncidents.severity, q.severity) : undefined,
        q.kind ? eq(campaignIncidents.kind, q.kind) : undefined,
        q.trialId ? eq(campaignIncidents.trialId, q.trialId) : undefined,
        afterAt && after
          ? or(
              lt(campaignIncidents.occurredAt, afterAt),
              and(eq(campaignIncidents.occurredAt, afterAt), lt(campaignIncidents.id, after[1])),
            )
          : undefined,
      ),
    )
    .orderBy(desc(campaignIncidents.occurredAt), desc(campaignIncidents.id))
    .limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return {
    items: await present(db, page),
    nextCursor: rows.length > q.limit && last ? encodeCursor(last.occurredAt.toISOString(), last.id) : null,
    blocking: await openBlockingIncidents(db, communeCode),
  };
}

export async function getIncidentDetail(db: DbOrTx, id: string): Promise<IncidentDetail> {
  const row = await getIncidentRow(db, id);
  const [incident] = await present(db, [row]);
  const history = (await auditHistory(db, 'campaign_incident', id)).map((e) => {
    const after = (e.after ?? {}) as Record<string, unknown>;
    return {
      at: new Date(e.at).toISOString(),
      action: e.action,
      actorName: e.actorName,
      reason: typeof after.reason === 'string' ? after.reason : null,
    };
  });
  return { ...incident!, history };
}

// ——— writing ———

function assertOccurredAt(value: string, field: string): Date {
  const at = new Date(value);
  const problem = occurredAtProblem(at, new Date());
  if (problem === 'future')
    throw fieldError(field, 'Thời điểm xảy ra ở tương lai.', 'The time it happened is in the future.');
  if (problem === 'too_early')
    throw fieldError(
      field,
      'Thời điểm xảy ra phải từ {d} trở đi.',
      'It must have happened on {d} or later.',
      {
        d: CAMPAIGN_START,
      },
    );
  return at;
}

async function bump(tx: DbOrTx, before: IncidentRow, set: Partial<IncidentRow>) {
  const rows = await tx
    .update(campaignIncidents)
    .set({ ...set, version: before.version + 1, updatedAt: new Date() })
    .where(and(eq(campaignIncidents.id, before.id), eq(campaignIncidents.version, before.version)))
    .returning({ id: campaignIncidents.id });
  if (!rows.length) assertVersion(before.version + 1, before.version);
}

function assertOpen(row: Pick<IncidentRow, 'status'>, want: IncidentStatus) {
  if (row.status !== want)
    throw new AppError(
      'conflict',
      want === 'open'
        ? text('Sự cố đã được khắc phục.', 'The incident is already resolved.')
        : text('Sự cố chưa được khắc phục.', 'The incident is not resolved.'),
    );
}

/** A new incident's row (its time and trial checked), as createIncident writes it. */
export async function newIncidentRow(
  db: DbOrTx,
  communeCode: string,
  input: CreateIncidentRequest,
  reporter: string,
) {
  const provinceCode = await provinceOfCommune(db, communeCode);
  const occurredAt = assertOccurredAt(input.occurredAt, 'body.occurredAt');
  await assertTrialOfCommune(db, communeCode, input.trialId, 'body.trialId');
  return {
    id: uuidv7(),
    communeCode,
    provinceCode,
    trialId: input.trialId ?? null,
    kind: input.kind,
    severity: input.severity,
    title: input.title,
    description: input.description ?? null,
    occurredAt,
    reportedBy: input.reportedBy ?? reporter,
    status: 'open',
  };
}

/** The audit entry of a new incident. */
export const incidentCreated = (values: Awaited<ReturnType<typeof newIncidentRow>>) => ({
  action: 'campaign.incident.create',
  entityType: 'campaign_incident',
  entityId: values.id,
  communeCode: values.communeCode,
  after: { ...values, occurredAt: values.occurredAt.toISOString() },
});

export async function createIncident(
  ctx: WriteContext,
  communeCode: string,
  input: CreateIncidentRequest,
  reporter: string,
) {
  const values = await newIncidentRow(ctx.db, communeCode, input, reporter);
  await inTransaction(ctx, async (tx, audit) => {
    await tx.insert(campaignIncidents).values(values);
    await audit(incidentCreated(values));
  });
  return getIncidentDetail(ctx.db, values.id);
}

export async function updateIncident(ctx: WriteContext, id: string, input: UpdateIncidentRequest) {
  const before = await getIncidentRow(ctx.db, id);
  assertVersion(before.version, input.version);
  const set: Partial<IncidentRow> = {};
  if (input.kind) set.kind = input.kind;
  if (input.severity) set.severity = input.severity;
  if (input.title) set.title = input.title;
  if (input.description !== undefined) set.description = input.description;
  if (input.reportedBy !== undefined) set.reportedBy = input.reportedBy;
  if (input.occurredAt) {
    set.occurredAt = assertOccurredAt(input.occurredAt, 'body.occurredAt');
    if (before.resolvedAt && before.resolvedAt < set.occurredAt)
      throw fieldError(
        'body.occurredAt',
        'Thời điểm xảy ra sau thời điểm khắc phục.',
        'The time it happened is after it was fixed.',
      );
  }
  if (input.trialId !== undefined) {
    await assertTrialOfCommune(ctx.db, before.communeCode, input.trialId, 'body.trialId');
    set.trialId = input.trialId;
  }
  await inTransaction(ctx, async (tx, audit) => {
    await bump(tx, before, set);
    await audit({
      action: 'campaign.incident.update',
      entityType: 'campaign_incident',
      entityId: id,
      communeCode: before.communeCode,
      before: previousValues(before, set),
      after: set,
    });
  });
  return getIncidentDetail(ctx.db, id);
}

/**
 * What resolving the open incident `before` sets, and its audit entry (the times checked), as resolveIncident
 * writes it.
 */
export function incidentResolution(
  before: Pick<IncidentRow, 'id' | 'communeCode' | 'status' | 'occurredAt'>,
  input: Omit<ResolveIncidentRequest, 'version'>,
) {
  assertOpen(before, 'open');
  const resolvedAt = new Date(input.resolvedAt);
  const problem = resolvedAtProblem(before.occurredAt, resolvedAt, new Date());
  if (problem === 'before_occurred')
    throw fieldError(
      'body.resolvedAt',
      'Thời điểm khắc phục trước thời điểm xảy ra sự cố.',
      'The fix is dated before the incident.',
    );
  if (problem === 'future')
    throw fieldError(
      'body.resolvedAt',
      'Thời điểm khắc phục ở tương lai.',
      'The fix is dated in the future.',
    );
  const set = {
    status: 'resolved',
    resolvedAt,
    resolvedBy: input.resolvedBy,
    resolution: input.resolution,
  };
  return {
    set,
    entry: {
      action: 'campaign.incident.resolve',
      entityType: 'campaign_incident',
      entityId: before.id,
      communeCode: before.communeCode,
      before: { status: before.status },
      after: {
        ...set,
        resolvedAt: resolvedAt.toISOString(),
        minutesToResolve: minutesToResolve({ occurredAt: before.occurredAt, resolvedAt }),
      },
    },
  };
}

export async function resolveIncident(ctx: WriteContext, id: string, input: ResolveIncidentRequest) {
  const before = await getIncidentRow(ctx.db, id);
  assertVersion(before.version, input.version);
  const { set, entry } = incidentResolution(before, input);
  await inTransaction(ctx, async (tx, audit) => {
    await bump(tx, before, set);
    await audit(entry);
  });
  return getIncidentDetail(ctx.db, id);
}

/**
 * Reopen: the fix did not hold. The incident is open again (and blocks go-live again if high/critical); the
 * previous fix stays in the history (audit), the fields are cleared for the next one.
 */
export async function reopenIncident(ctx: WriteContext, id: string, input: ReopenIncidentRequest) {
  const before = await getIncidentRow(ctx.db, id);
  assertVersion(before.version, input.version);
  assertOpen(before, 'resolved');
  await inTransaction(ctx, async (tx, audit) => {
    await bump(tx, before, { status: 'open', resolvedAt: null, resolvedBy: null, resolution: null });
    await audit({
      action: 'campaign.incident.reopen',
      entityType: 'campaign_incident',
      entityId: id,
      communeCode: before.communeCode,
      before: {
        status: before.status,
        resolvedAt: iso(before.resolvedAt),
        resolvedBy: before.resolvedBy,
        resolution: before.resolution,
      },
      after: { status: 'open', reason: input.reason },
    });
  });
  return getIncidentDetail(ctx.db, id);
}
