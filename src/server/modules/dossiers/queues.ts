/**
 * Work queues of the one-stop centre and the processors (hàng đợi công việc), scoped to the communes the caller
 * may read, searched by code, applicant name (with or without diacritics), phone (with or without spaces, +84)
 * or ID number; cursor-paginated; and the count of every queue in one query.
 *
 * A queue holds the dossiers its commune acts on (the competent commune); "all" also holds those its centre
 * received for another commune (phi địa giới), which it follows without acting. "Overdue" and "due soon" use the
 * dashboard's one definition (backlog-sql.ts), so the counts on the tabs are the dashboard's.
 */
import { and, desc, eq, gte, inArray, isNull, like, lt, ne, not, or, type SQL, sql } from 'drizzle-orm';
import { unionAll } from 'drizzle-orm/pg-core';
import pg from 'pg';
import type { z } from 'zod';
import type { QUEUE_DEADLINES, QUEUE_TABS, DossierQueue as QueueSchema } from '../../../common/api/dossiers';
import { normalizePhone } from '../../../common/phone';
import { foldVietnamese } from '../../../common/text';
import type { DbOrTx } from '../../db/database';
import { escapeLike } from '../../db/like';
import { AppError, fieldError, text } from '../../http/errors';
import type { CommuneScope } from '../auth/permissions';
import { getCalendar } from '../calendar/service';
import type { WorkingCalendar } from '../calendar/working-days';
import { communeCodesOfProvinces } from '../units/service';
import { backlogConditions } from './backlog-sql';
import {
  type DossierStatus,
  isFinal,
  levelOn,
  localDate,
  nationalStatusOf,
  STATUS_LABELS,
  startOfLocalDay,
  WAITING_STATUSES,
} from './domain';
import { MINE_STATUSES, STATE_QUEUES } from './domain/queues';
import { backlogStanding } from './domain/statistics';
import { cachedQueuePage } from './queue-cache';
import { dossiers } from './schema';

export type DossierQueue = z.infer<typeof QueueSchema>;
type QueueTab = (typeof QUEUE_TABS)[number];
type Deadline = (typeof QUEUE_DEADLINES)[number];

export interface QueueFilters {
  q?: string;
  communeCode?: string;
  procedureId?: string;
  /** Received on or after this local date (inclusive). */
  receivedFrom?: string;
  /** Received on or before this local date (inclusive). */
  receivedTo?: string;
  /**
   * Mock dossiers of a trial day (hồ sơ diễn tập): shown marked among the others (`all`, the default), left out
   * (`official`), or alone (`rehearsal`).
   */
  rehearsal?: 'all' | 'official' | 'rehearsal';
  /** Also the rehearsal dossiers archived at cutover (out of the work queues unless asked for). */
  archived?: boolean | 'true' | 'false';
}

export interface QueueQuery extends QueueFilters {
  queue?: DossierQueue;
  limit: number;
  cursor?: string;
}

function decodeCursor(cursor: string): [string, string] {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(v) && typeof v[0] === 'string' && typeof v[1] === 'string') return [v[0], v[1]];
  } catch {}
  throw fieldError('query.cursor', 'Con trỏ trang không hợp lệ.', 'Invalid cursor.');
}

const forbiddenCommune = () =>
  new AppError(
    'forbidden',
    text('Bạn không có quyền với dữ liệu của xã này.', "You have no rights over this commune's records."),
  );

/**
 * The communes the query reads (null: every commune, for administrators). A commune asked for by name that the
 * caller has no rights in is refused (403), as a commune in the URL is, rather than answered with nothing.
 */
async function communesOf(db: DbOrTx, scope: CommuneScope, communeCode?: string): Promise<string[] | null> {
  if (scope.all) return communeCode ? [communeCode] : null;
  const mine = [...scope.communeCodes, ...(await communeCodesOfProvinces(db, scope.provinceCodes))];
  if (!communeCode) return mine;
  if (!mine.includes(communeCode)) throw forbiddenCommune();
  return [communeCode];
}

/** One search over every dossier whatever its state: code, name (folded), phone (normalised), ID number. */
function searchOf(q: string | undefined): SQL | undefined {
  const raw = q?.trim();
  if (!raw) return undefined;
  const folded = `%${escapeLike(foldVietnamese(raw))}%`;
  const compact = raw.replace(/\s+/g, '').toUpperCase();
  return or(
    like(dossiers.code, `%${escapeLike(compact)}%`),
    like(dossiers.applicantNameFolded, folded),
    eq(dossiers.applicantPhone, normalizePhone(raw)),
    eq(dossiers.applicantIdNumber, compact),
  );
}

function checkedDates(filters: QueueFilters) {
  if (filters.receivedFrom && filters.receivedTo && filters.receivedFrom > filters.receivedTo) {
    throw fieldError(
      'query.receivedTo',
      'Ngày kết thúc phải từ ngày bắt đầu trở đi.',
      'The end date must be on or after the start date.',
    );
  }
}

const includesArchived = (filters: QueueFilters) => filters.archived === true || filters.archived === 'true';

/** Rehearsal dossiers: all, none or only them; archived ones only when asked for. */
function rehearsalFilter(filters: QueueFilters): SQL | undefined {
  return and(
    includesArchived(filters) ? undefined : isNull(dossiers.archivedAt),
    filters.rehearsal === 'official' ? eq(dossiers.rehearsal, false) : undefined,
    filters.rehearsal === 'rehearsal' ? eq(dossiers.rehearsal, true) : undefined,
  );
}

/** The filters every queue shares (the communes aside). */
function filtersOf(filters: QueueFilters): SQL | undefined {
  checkedDates(filters);
  return and(
    rehearsalFilter(filters),
    searchOf(filters.q),
    filters.procedureId ? eq(dossiers.procedureId, filters.procedureId) : undefined,
    // Local (UTC+7) dates of receipt: [from 00:00, the day after `to` 00:00).
    filters.receivedFrom ? gte(dossiers.receivedAt, startOfLocalDay(filters.receivedFrom)) : undefined,
    filters.receivedTo ? lt(dossiers.receivedAt, startOfLocalDay(filters.receivedTo, 1)) : undefined,
  );
}

/**
 * Implied by the backlog's "running" (neither resolved nor closed by `now`), in the form three indexes serve: open
 * (dossiers_open_due_idx, partial), resolved later, or closed later. Without it the overdue page reads every
 * dossier of the commune never resolved, closed ones included (most of them at 1M dossiers).
 */
const openAt = (now: Date): SQL =>
  or(
    and(isNull(dossiers.resolvedAt), isNull(dossiers.closedAt)),
    sql`${dossiers.resolvedAt} > ${now.toISOString()}::timestamptz`,
    sql`coalesce(${dossiers.resolvedAt}, ${dossiers.closedAt}) > ${now.toISOString()}::timestamptz`,
  )!;

/** What each queue holds, beyond the communes: the state queues (domain/queues.ts), mine, and the backlog. */
function queueConditions(me: string, now: Date, calendar: WorkingCalendar): Record<DossierQueue, SQL> {
  const status = (states: readonly DossierStatus[]) => inArray(dossiers.status, [...states]);
  const backlog = backlogConditions(now, calendar);
  return {
    to_intake: status(STATE_QUEUES.to_intake),
    to_assign: status(STATE_QUEUES.to_assign),
    to_receive: status([...STATE_QUEUES.to_intake, ...STATE_QUEUES.to_assign]),
    mine: and(eq(dossiers.assigneeId, me), status(MINE_STATUSES))!,
    processing: status(STATE_QUEUES.processing),
    waiting: status(STATE_QUEUES.waiting),
    to_approve: status(STATE_QUEUES.to_approve),
    to_finish: status(STATE_QUEUES.to_finish),
    to_return: status(STATE_QUEUES.to_return),
    due_soon: backlog.dueSoon,
    overdue: and(backlog.overdue, openAt(now))!,
    all: sql`true`,
  };
}

/** The communes' own dossiers (queues), or also those their centres received for others ("all"). */
function communeCondition(communes: string[] | null, queue: DossierQueue | undefined): SQL | undefined {
  if (!communes) return undefined;
  if (!queue || queue === 'all')
    return or(inArray(dossiers.communeCode, communes), inArray(dossiers.receivingCommuneCode, communes));
  return inArray(dossiers.communeCode, communes);
}

/** The columns a queue lists, and those its deadline is judged on: nothing else is read. */
const LISTED = {
  id: dossiers.id,
  code: dossiers.code,
  communeCode: dossiers.communeCode,
  receivingCommuneCode: dossiers.receivingCommuneCode,
  procedureName: dossiers.procedureName,
  applicantFullName: dossiers.applicantFullName,
  status: dossiers.status,
  version: dossiers.version,
  assigneeId: dossiers.assigneeId,
  receivedAt: dossiers.receivedAt,
  dueDate: dossiers.dueDate,
  resolvedAt: dossiers.resolvedAt,
  closedAt: dossiers.closedAt,
  lateAcknowledged: dossiers.lateAcknowledged,
  rehearsal: dossiers.rehearsal,
  archivedAt: dossiers.archivedAt,
};

type Row = Pick<
  typeof dossiers.$inferSelect,
  'status' | 'dueDate' | 'resolvedAt' | 'closedAt' | 'receivedAt' | 'lateAcknowledged'
>;

/** Where a dossier stands against its due date now, by the rule of the overdue and due-soon queues. */
function deadlineOf(r: Row, now: Date, calendar: WorkingCalendar): Deadline {
  const status = r.status as DossierStatus;
  if (r.dueDate === null || r.resolvedAt !== null || isFinal(status)) return 'none';
  if (WAITING_STATUSES.includes(status)) return 'paused';
  const standing = backlogStanding({ ...r, status }, now, calendar);
  if (!standing) return 'on_time';
  if (standing.level === 'overdue') return 'overdue';
  return levelOn(localDate(now), standing.dueDate, calendar) === 'due_today' ? 'due_today' : 'due_soon';
}

/** Newest first, and the cursor's keyset: the order of every page (new each time: a union rewrites its own). */
const newestFirst = () => [desc(dossiers.receivedAt), desc(dossiers.id)];

/**
 * One statement name per text of the list's statement (a tab, the filters given, the number of communes): each
 * connection of the pool parses it once. Bounded: past the bound, a new text runs unnamed.
 */
const statementNames = new Map<string, string>();
const MAX_STATEMENT_NAMES = 500;

function statementName(text: string): string | undefined {
  let name = statementNames.get(text);
  if (!name && statementNames.size < MAX_STATEMENT_NAMES) {
    name = `xaso_queue_${statementNames.size + 1}`;
    statementNames.set(text, name);
  }
  return name;
}

type ListedRow = Pick<typeof dossiers.$inferSelect, keyof typeof LISTED>;
/** Where each listed column stands in the statement's rows (LISTED's order). */
const AT = Object.fromEntries(Object.keys(LISTED).map((k, i) => [k, i])) as Record<
  keyof typeof LISTED,
  number
>;
/** One literal of one shape per row (an object built key by key from entries costs more than the query's reading). */
const listedRow = (v: unknown[]): ListedRow => {
  // Every listed column, or this does not compile.
  const row: Record<keyof typeof LISTED, unknown> = {
    id: v[AT.id],
    code: v[AT.code],
    communeCode: v[AT.communeCode],
    receivingCommuneCode: v[AT.receivingCommuneCode],
    procedureName: v[AT.procedureName],
    applicantFullName: v[AT.applicantFullName],
    status: v[AT.status],
    version: v[AT.version],
    assigneeId: v[AT.assigneeId],
    receivedAt: v[AT.receivedAt],
    dueDate: v[AT.dueDate],
    resolvedAt: v[AT.resolvedAt],
    closedAt: v[AT.closedAt],
    lateAcknowledged: v[AT.lateAcknowledged],
    rehearsal: v[AT.rehearsal],
    archivedAt: v[AT.archivedAt],
  };
  return row as ListedRow;
};
/** As Drizzle reads them: timestamps as dates, a `date` column as its text (YYYY-MM-DD). */
const listedTypes = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === pg.types.builtins.DATE ? (v: string) => v : pg.types.getTypeParser(oid, format)) as never,
};

/**
 * The page's rows. On PostgreSQL (outside a transaction) through a named prepared statement of the pool, as the
 * feedback duplicates are: each connection parses each text once, and the rows come as arrays in LISTED's order
 * (the statement's columns). In a transaction or on PGlite, as any other Drizzle query.
 */
async function listedRows(
  db: DbOrTx,
  statement: { toSQL(): { sql: string; params: unknown[] } } & PromiseLike<ListedRow[]>,
): Promise<ListedRow[]> {
  const client = (db as { $client?: unknown }).$client;
  if (!(client instanceof pg.Pool)) return statement;
  const { sql: text, params } = statement.toSQL();
  const result = await client.query<unknown[]>({
    name: statementName(text),
    text,
    values: params,
    rowMode: 'array',
    types: listedTypes,
  });
  return result.rows.map(listedRow);
}

export async function listDossiers(
  db: DbOrTx,
  scope: CommuneScope,
  me: string,
  query: QueueQuery,
  now: Date = new Date(),
) {
  const communes = await communesOf(db, scope, query.communeCode);
  if (communes && !communes.length) return { items: [], nextCursor: null };
  const calendar = await getCalendar.revisioned(db);
  const load = () => listPage(db, communes, me, query, now, calendar.value);
  // One commune's tabs (not a search: typed once, rarely asked again) from the page cache (queue-cache.ts).
  if (communes?.length !== 1 || query.q?.trim()) return load();
  const key = [
    query.queue ?? null,
    query.queue === 'mine' ? me : null,
    query.limit,
    query.cursor ?? null,
    query.procedureId ?? null,
    query.receivedFrom ?? null,
    query.receivedTo ?? null,
    query.rehearsal ?? null,
    includesArchived(query),
    calendar.revision,
  ];
  return cachedQueuePage(db, communes[0]!, key, now, load);
}

/** A page of the communes' dossiers (null: every commune), newest first. */
async function listPage(
  db: DbOrTx,
  communes: string[] | null,
  me: string,
  query: QueueQuery,
  now: Date,
  calendar: WorkingCalendar,
) {
  const after = query.cursor ? decodeCursor(query.cursor) : null;
  const shared = and(
    query.queue ? queueConditions(me, now, calendar)[query.queue] : undefined,
    filtersOf(query),
    after
      ? sql`(${dossiers.receivedAt}, ${dossiers.id}) < (${after[0]}::timestamptz, ${after[1]}::uuid)`
      : undefined,
  );
  const newest = (where: SQL | undefined) =>
    db
      .select(LISTED)
      .from(dossiers)
      .where(where)
      .orderBy(...newestFirst())
      .limit(query.limit + 1);
  // "All" of a commune: its own dossiers, and those its centre received for other communes. As one OR, PostgreSQL
  // reads and sorts every dossier of the commune for a page (140 ms at 1M dossiers in the busiest one); as two pages
  // each read newest first from its index (the own ones by commune, the others by the receiving commune,
  // dossiers_received_elsewhere_idx), then merged, it reads one page's worth of each. Over several communes (a
  // province officer's) no index gives that order, and the OR's one scan stays the cheaper.
  const both = communes?.length === 1 && (!query.queue || query.queue === 'all');
  const statement = both
    ? unionAll(
        newest(and(inArray(dossiers.communeCode, communes!), shared)),
        newest(
          and(
            inArray(dossiers.receivingCommuneCode, communes!),
            not(inArray(dossiers.communeCode, communes!)),
            // Implied by the two above; it lets the planner use the partial index of dossiers received elsewhere.
            ne(dossiers.communeCode, dossiers.receivingCommuneCode),
            shared,
          ),
        ),
      )
        .orderBy(...newestFirst())
        .limit(query.limit + 1)
    : newest(and(communeCondition(communes, query.queue), shared));
  const rows = await listedRows(db, statement);
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return {
    items: page.map((r) => ({
      id: r.id,
      code: r.code,
      communeCode: r.communeCode,
      receivingCommuneCode: r.receivingCommuneCode,
      procedureName: r.procedureName,
      applicantName: r.applicantFullName,
      status: r.status,
      statusLabel: STATUS_LABELS[r.status as DossierStatus],
      nationalStatusCode: nationalStatusOf(r.status as DossierStatus),
      version: r.version,
      assigneeId: r.assigneeId,
      receivedAt: r.receivedAt.toISOString(),
      dueDate: r.dueDate,
      deadline: deadlineOf(r, now, calendar),
      rehearsal: r.rehearsal,
      archivedAt: r.archivedAt?.toISOString() ?? null,
    })),
    nextCursor:
      rows.length > query.limit && last
        ? Buffer.from(JSON.stringify([last.receivedAt.toISOString(), last.id])).toString('base64url')
        : null,
  };
}

/**
 * The number of dossiers in every tab for one commune, with the same search and filters as the list: one query,
 * a FILTER clause per queue. The counts are official: the rehearsal dossiers the list shows (marked) are counted
 * apart, in `rehearsal`, so a trial day never inflates the centre's figures.
 */
export async function queueCounts(
  db: DbOrTx,
  scope: CommuneScope,
  me: string,
  filters: QueueFilters & { communeCode: string },
  now: Date = new Date(),
): Promise<{
  communeCode: string;
  counts: Record<QueueTab, number>;
  rehearsal: Record<QueueTab, number>;
}> {
  const communes = await communesOf(db, scope, filters.communeCode);
  const calendar = await getCalendar(db);
  const conditions = queueConditions(me, now, calendar);
  const own = communeCondition(communes, 'to_intake');
  const columns = (rehearsal: boolean) => {
    const kind = eq(dossiers.rehearsal, rehearsal);
    const count = (condition: SQL | undefined) =>
      sql<number>`(count(*) filter (where ${and(kind, own, condition)}))::int`;
    return {
      to_intake: count(conditions.to_intake),
      to_assign: count(conditions.to_assign),
      mine: count(conditions.mine),
      processing: count(conditions.processing),
      waiting: count(conditions.waiting),
      to_approve: count(conditions.to_approve),
      to_finish: count(conditions.to_finish),
      to_return: count(conditions.to_return),
      due_soon: count(conditions.due_soon),
      overdue: count(conditions.overdue),
      all: sql<number>`(count(*) filter (where ${kind}))::int`,
    };
  };
  const official = columns(false);
  const mock = columns(true);
  const keys = Object.keys(official) as QueueTab[];
  const [row] = await db
    .select({
      ...official,
      ...Object.fromEntries(keys.map((k) => [`rehearsal_${k}`, mock[k]])),
    })
    .from(dossiers)
    .where(and(communeCondition(communes, 'all'), filtersOf(filters)));
  const values = (row ?? {}) as Record<string, unknown>;
  const pick = (prefix: string) =>
    Object.fromEntries(keys.map((k) => [k, Number(values[`${prefix}${k}`] ?? 0)])) as Record<
      QueueTab,
      number
    >;
  return { communeCode: filters.communeCode, counts: pick(''), rehearsal: pick('rehearsal_') };
}
