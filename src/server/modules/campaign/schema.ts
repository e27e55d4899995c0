/**
 * Vận hành thử nghiệm và vận hành chính thức: the province's trial-and-go-live campaign for all its communes.
 *
 * - Readiness: the province publishes checklist templates (versioned); items keep a stable `item_key` across
 *   versions, and a commune's answers are keyed by it, so a new version reaches communes without losing answers.
 *   Items that XãSố can check itself (`auto_check`) are computed from the records, never ticked by hand.
 * - Trials: a plan per commune and day (half-day), what is rehearsed, the working group and observers.
 * - Incidents and lessons learned, per commune (and trial).
 * - Recommendations (kiến nghị) to the province with an append-only list of actions; deadlines in working days.
 * - Inspections (kiểm tra) by province leaders: communes visited, findings, directives (chỉ đạo) as tasks.
 * - Go-live: the commune's state (preparing → live) and its readiness history (for the chart).
 */
import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

/** Per-province settings of the campaign ([U] values: configurable, defaults in campaign/settings.ts). */
export const campaignSettings = pgTable('campaign_settings', {
  provinceCode: text('province_code').primaryKey(),
  /** Readiness (weighted %, 0–100) a commune must reach before its leader may switch it to official operation. */
  goLiveThreshold: integer('go_live_threshold').notNull(),
  /** Working days for the province to receive a recommendation after it was sent. */
  receiveDays: integer('receive_days').notNull(),
  /** Working days for the answer, counted from receipt. */
  answerDays: integer('answer_days').notNull(),
  /** Working days for the answer to an urgent recommendation, counted from receipt. */
  urgentAnswerDays: integer('urgent_answer_days').notNull(),
  /** The province's planned date of official operation (e.g. 2025-07-01); shown on the board. */
  officialDate: date('official_date', { mode: 'string' }),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** A readiness checklist template of a province, one row per version. */
export const readinessTemplates = pgTable(
  'readiness_templates',
  {
    id: uuid('id').primaryKey(),
    provinceCode: text('province_code').notNull(),
    version: integer('version').notNull(),
    title: text('title').notNull(),
    /** draft (editable by the province) | published (the communes' current checklist) | superseded */
    status: text('status').notNull(),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    publishedBy: text('published_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('readiness_templates_version_uq').on(t.provinceCode, t.version),
    check('readiness_templates_status_ck', sql`${t.status} in ('draft', 'published', 'superseded')`),
  ],
);

export const readinessTemplateItems = pgTable(
  'readiness_template_items',
  {
    id: uuid('id').primaryKey(),
    templateId: uuid('template_id').notNull(),
    /** Stable across versions: a commune's answer follows the key into the next version. */
    itemKey: text('item_key').notNull(),
    /** premises | equipment | network | seals | staff | catalogue | public_notice | rehearsals | other */
    groupKey: text('group_key').notNull(),
    title: text('title').notNull(),
    description: text('description'),
    weight: integer('weight').notNull(),
    /** Who in the commune answers for it (free text: "Văn phòng HĐND-UBND", "Công chức Tư pháp"). */
    owner: text('owner'),
    dueDate: date('due_date', { mode: 'string' }),
    /** Must be done (or checked) before go-live: an unfinished blocker blocks cutover. */
    blocker: boolean('blocker').notNull().default(false),
    /** null: answered by hand; positions_filled | catalogue_published | rehearsal_held: checked from the records. */
    autoCheck: text('auto_check'),
    sortOrder: integer('sort_order').notNull(),
  },
  (t) => [
    uniqueIndex('readiness_template_items_key_uq').on(t.templateId, t.itemKey),
    check('readiness_template_items_weight_ck', sql`${t.weight} between 0 and 100`),
  ],
);

/** A commune's answer to a checklist item (by key, across template versions). */
export const readinessAnswers = pgTable(
  'readiness_answers',
  {
    communeCode: text('commune_code').notNull(),
    provinceCode: text('province_code').notNull(),
    itemKey: text('item_key').notNull(),
    /** not_started | in_progress | done | not_applicable */
    status: text('status').notNull(),
    comment: text('comment'),
    /** stored_files ids (photo or file) with their names: [{ fileId, name, contentType, size }] */
    evidence: jsonb('evidence').notNull().default([]),
    /** The commune's own owner and due date for the item, when it sets them (else the template's). */
    owner: text('owner'),
    dueDate: date('due_date', { mode: 'string' }),
    version: integer('version').notNull().default(1),
    updatedBy: text('updated_by'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.communeCode, t.itemKey] }),
    check(
      'readiness_answers_status_ck',
      sql`${t.status} in ('not_started', 'in_progress', 'done', 'not_applicable')`,
    ),
  ],
);

/** A commune's readiness per day (the last computation of the day), for the chart over time. */
export const readinessSnapshots = pgTable(
  'readiness_snapshots',
  {
    communeCode: text('commune_code').notNull(),
    provinceCode: text('province_code').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    percent: numeric('percent', { precision: 5, scale: 1 }).notNull(),
    blockers: integer('blockers').notNull(),
    computedAt: timestamp('computed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.communeCode, t.day] }),
    index('readiness_snapshots_province_idx').on(t.provinceCode, t.day),
  ],
);

/** A commune's state in the campaign: preparing (trial) until its leader switches it to official operation. */
export const communeGoLive = pgTable(
  'commune_go_live',
  {
    communeCode: text('commune_code').primaryKey(),
    provinceCode: text('province_code').notNull(),
    /** preparing | live */
    status: text('status').notNull(),
    /** The date official operation starts (vận hành chính thức từ ngày). */
    liveFrom: date('live_from', { mode: 'string' }),
    wentLiveAt: timestamp('went_live_at', { withTimezone: true }),
    wentLiveBy: text('went_live_by'),
    /** Readiness and blockers at cutover, as the guard saw them. */
    readinessAtCutover: numeric('readiness_at_cutover', { precision: 5, scale: 1 }),
    /** The province allowed cutover below the threshold or with open blockers: its reason and who. */
    overrideReason: text('override_reason'),
    overrideBy: text('override_by'),
    overrideAt: timestamp('override_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('commune_go_live_province_idx').on(t.provinceCode),
    check('commune_go_live_status_ck', sql`${t.status} in ('preparing', 'live')`),
  ],
);

/** Kế hoạch vận hành thử nghiệm of a commune. */
export const trialPlans = pgTable(
  'trial_plans',
  {
    id: uuid('id').primaryKey(),
    communeCode: text('commune_code').notNull(),
    provinceCode: text('province_code').notNull(),
    trialDate: date('trial_date', { mode: 'string' }).notNull(),
    /** morning | afternoon | all_day */
    halfDay: text('half_day').notNull(),
    /** What is rehearsed: { council: bool, government: bool, party: bool, oneStop: 'none' | 'mock' | 'real' | 'both' } */
    scope: jsonb('scope').notNull(),
    /** Tổ công tác: { leader: { officialId?, name }, members: [{ officialId?, name, role? }] } */
    workingGroup: jsonb('working_group').notNull(),
    /** Observers from other communes: [{ communeCode, name? }] */
    observers: jsonb('observers').notNull().default([]),
    /** planned | held | cancelled */
    status: text('status').notNull(),
    heldAt: timestamp('held_at', { withTimezone: true }),
    /** The working group's summary after the trial. */
    summary: text('summary'),
    note: text('note'),
    version: integer('version').notNull().default(1),
    createdBy: text('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('trial_plans_commune_idx').on(t.communeCode, t.trialDate),
    index('trial_plans_province_idx').on(t.provinceCode, t.trialDate),
    check('trial_plans_half_day_ck', sql`${t.halfDay} in ('morning', 'afternoon', 'all_day')`),
    check('trial_plans_status_ck', sql`${t.status} in ('planned', 'held', 'cancelled')`),
  ],
);

/** Sự cố: what broke during the trial (or after), its severity and its fix. */
export const campaignIncidents = pgTable(
  'campaign_incidents',
  {
    id: uuid('id').primaryKey(),
    communeCode: text('commune_code').notNull(),
    provinceCode: text('province_code').notNull(),
    trialId: uuid('trial_id'),
    /** network | equipment | software | staffing | procedure | other */
    kind: text('kind').notNull(),
    /** low | medium | high | critical (high and critical open ones block go-live) */
    severity: text('severity').notNull(),
    title: text('title').notNull(),
    description: text('description'),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    reportedBy: text('reported_by'),
    /** open | resolved */
    status: text('status').notNull(),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    /** Who fixed it (free text: a person, a team, the provider). */
    resolvedBy: text('resolved_by'),
    resolution: text('resolution'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('campaign_incidents_commune_idx').on(t.communeCode, t.status),
    index('campaign_incidents_province_idx').on(t.provinceCode, t.status),
    check(
      'campaign_incidents_kind_ck',
      sql`${t.kind} in ('network', 'equipment', 'software', 'staffing', 'procedure', 'other')`,
    ),
    check('campaign_incidents_severity_ck', sql`${t.severity} in ('low', 'medium', 'high', 'critical')`),
    check('campaign_incidents_status_ck', sql`${t.status} in ('open', 'resolved')`),
  ],
);

/** Bài học kinh nghiệm, searchable without diacritics across the province. */
export const campaignLessons = pgTable(
  'campaign_lessons',
  {
    id: uuid('id').primaryKey(),
    communeCode: text('commune_code').notNull(),
    provinceCode: text('province_code').notNull(),
    trialId: uuid('trial_id'),
    title: text('title').notNull(),
    body: text('body').notNull(),
    tags: jsonb('tags').notNull().default([]),
    /** Folded (no diacritics, lower case) title + body + tags, for search. */
    searchText: text('search_text').notNull(),
    createdBy: text('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('campaign_lessons_province_idx').on(t.provinceCode, t.createdAt),
    index('campaign_lessons_search_idx').using('gin', t.searchText.op('gin_trgm_ops')),
  ],
);

/** Kiến nghị lên tỉnh. The truth is the action list; status, department and dates are its projection. */
export const campaignRecommendations = pgTable(
  'campaign_recommendations',
  {
    id: uuid('id').primaryKey(),
    communeCode: text('commune_code').notNull(),
    provinceCode: text('province_code').notNull(),
    trialId: uuid('trial_id'),
    /** resources | facilities | personnel | it | legal | other */
    category: text('category').notNull(),
    title: text('title').notNull(),
    content: text('content').notNull(),
    /** normal | urgent */
    urgency: text('urgency').notNull(),
    evidence: jsonb('evidence').notNull().default([]),
    /** sent | received | assigned | answered | closed | reopened */
    status: text('status').notNull(),
    /** The province department it is assigned to (free text: "Sở Nội vụ", "Sở Khoa học và Công nghệ"). */
    department: text('department'),
    /** The department handler's account, when assigned to one. */
    assigneeAccountId: uuid('assignee_account_id'),
    /** resolved | partly | declined (with the answer) */
    outcome: text('outcome'),
    answer: text('answer'),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull(),
    receiveDue: date('receive_due', { mode: 'string' }).notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }),
    answerDue: date('answer_due', { mode: 'string' }),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
    createdBy: text('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('campaign_recommendations_commune_idx').on(t.communeCode, t.status),
    index('campaign_recommendations_province_idx').on(t.provinceCode, t.status),
    check(
      'campaign_recommendations_status_ck',
      sql`${t.status} in ('sent', 'received', 'assigned', 'answered', 'closed', 'reopened')`,
    ),
    check('campaign_recommendations_urgency_ck', sql`${t.urgency} in ('normal', 'urgent')`),
  ],
);

export const campaignRecommendationActions = pgTable(
  'campaign_recommendation_actions',
  {
    id: uuid('id').primaryKey(),
    recommendationId: uuid('recommendation_id').notNull(),
    communeCode: text('commune_code').notNull(),
    /** send | receive | assign | answer | close | reopen */
    action: text('action').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    reason: text('reason'),
    data: jsonb('data').notNull().default({}),
    actorName: text('actor_name'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('campaign_recommendation_actions_rec_idx').on(t.recommendationId, t.at)],
);

/** Đoàn kiểm tra of the province. */
export const campaignInspections = pgTable(
  'campaign_inspections',
  {
    id: uuid('id').primaryKey(),
    provinceCode: text('province_code').notNull(),
    title: text('title').notNull(),
    plannedDate: date('planned_date', { mode: 'string' }).notNull(),
    /** Trưởng đoàn (name and title) and members: { lead: string, members: string[] } */
    team: jsonb('team').notNull(),
    /** planned | done | cancelled */
    status: text('status').notNull(),
    version: integer('version').notNull().default(1),
    createdBy: text('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('campaign_inspections_province_idx').on(t.provinceCode, t.plannedDate),
    check('campaign_inspections_status_ck', sql`${t.status} in ('planned', 'done', 'cancelled')`),
  ],
);

/** A commune visited by an inspection, and what the team found there. */
export const campaignInspectionVisits = pgTable(
  'campaign_inspection_visits',
  {
    id: uuid('id').primaryKey(),
    inspectionId: uuid('inspection_id').notNull(),
    communeCode: text('commune_code').notNull(),
    visitedAt: timestamp('visited_at', { withTimezone: true }),
    findings: text('findings'),
  },
  (t) => [
    uniqueIndex('campaign_inspection_visits_uq').on(t.inspectionId, t.communeCode),
    index('campaign_inspection_visits_commune_idx').on(t.communeCode),
  ],
);

/** Chỉ đạo: a directive of an inspection, a task for the commune with a due date, tracked to done. */
export const campaignDirectives = pgTable(
  'campaign_directives',
  {
    id: uuid('id').primaryKey(),
    inspectionId: uuid('inspection_id').notNull(),
    communeCode: text('commune_code').notNull(),
    provinceCode: text('province_code').notNull(),
    content: text('content').notNull(),
    dueDate: date('due_date', { mode: 'string' }).notNull(),
    /** open | done */
    status: text('status').notNull(),
    doneAt: timestamp('done_at', { withTimezone: true }),
    doneNote: text('done_note'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('campaign_directives_commune_idx').on(t.communeCode, t.status),
    index('campaign_directives_province_idx').on(t.provinceCode, t.status),
    check('campaign_directives_status_ck', sql`${t.status} in ('open', 'done')`),
  ],
);
