/**
 * Phản ánh, kiến nghị (PAKN): citizens' feedback and petitions to their commune (Decree 20/2008/NĐ-CP, amended
 * 2013 and 2017), and denunciations and complaints recorded as categories with their own deadlines
 * (domain-vn.md §8).
 *
 * - Categories are configured per province: responsible body, the task-assignment duty whose official handles them
 *   by default, deadlines in working days (transfer, answer), whether a leader approves the answer.
 * - A report is received (public web page, counter, phone call recorded by an official, Open311), classified,
 *   assigned, answered (approved by a leader when the category says so), published without personal data, closed;
 *   an unhappy reporter reopens it; it may be split into children (one per body; the parent closes when they all
 *   close), merged into a duplicate (every reporter is answered), forwarded to another commune (it moves, with its
 *   history and tracking code) or escalated to the province.
 * - Every change appends an action (who, what, when, from which state, why) and an audit entry of the commune.
 */
import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

/** Per-province settings ([U]: configurable, defaults in feedback/settings.ts). */
export const feedbackSettings = pgTable('feedback_settings', {
  provinceCode: text('province_code').primaryKey(),
  /** Working days after the answer's due date before an overdue report is escalated to the province. */
  provinceEscalationDays: integer('province_escalation_days').notNull(),
  /** "Due soon" on the staff queue: the due date falls within this many working days. */
  dueSoonDays: integer('due_soon_days').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** A category of feedback of a province (lĩnh vực phản ánh). */
export const feedbackCategories = pgTable(
  'feedback_categories',
  {
    id: uuid('id').primaryKey(),
    provinceCode: text('province_code').notNull(),
    /** Stable key within the province (also Open311's service_code): 'land', 'infrastructure', 'new_address' … */
    key: text('key').notNull(),
    nameVi: text('name_vi').notNull(),
    nameEn: text('name_en').notNull(),
    descriptionVi: text('description_vi'),
    descriptionEn: text('description_en'),
    /** feedback (Decree 20) | denunciation (Law on Denunciation 2018) | complaint (Law on Complaints 2011) */
    kind: text('kind').notNull(),
    /** The body that answers for it (free text: "UBND xã", "Công an xã", "Phòng Kinh tế"). */
    responsibleBody: text('responsible_body'),
    /** The duty (lĩnh vực) of the commune's task assignment whose official handles it by default ("Ai phụ trách?"). */
    assignmentField: text('assignment_field'),
    /**
     * How the two deadlines count: 'working' days (Decree 20, Law on Denunciation 2018) or 'calendar' days (the
     * Law on Complaints 2011 counts "ngày"; [U] the province sets it on its legal advice).
     */
    daysKind: text('days_kind').notNull().default('working'),
    /** Days to classify and, when outside the commune's competence, transfer it (Decree 20: 5 working days). */
    transferDays: integer('transfer_days').notNull(),
    /** Days to answer, counted from acceptance. */
    answerDays: integer('answer_days').notNull(),
    /** The answer is approved by a commune leader before it is sent and published. */
    approvalRequired: boolean('approval_required').notNull().default(false),
    active: boolean('active').notNull().default(true),
    sortOrder: integer('sort_order').notNull().default(0),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('feedback_categories_key_uq').on(t.provinceCode, t.key),
    check('feedback_categories_kind_ck', sql`${t.kind} in ('feedback', 'denunciation', 'complaint')`),
    check('feedback_categories_days_kind_ck', sql`${t.daysKind} in ('working', 'calendar')`),
    check(
      'feedback_categories_days_ck',
      sql`${t.transferDays} between 1 and 90 and ${t.answerDays} between 1 and 90`,
    ),
  ],
);

/** The per-commune, per-day counter of tracking codes (PA-<commune>-<yyMMdd>-<seq>). */
export const feedbackCodeCounters = pgTable(
  'feedback_code_counters',
  {
    communeCode: text('commune_code').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    last: integer('last').notNull(),
  },
  (t) => [primaryKey({ columns: [t.communeCode, t.day] })],
);

export const feedbackReports = pgTable(
  'feedback_reports',
  {
    id: uuid('id').primaryKey(),
    /** Tracking code given to the reporter: PA-18100-251203-0001. */
    code: text('code').notNull(),
    /** The commune that handles it now (forwarding moves it). */
    communeCode: text('commune_code').notNull(),
    provinceCode: text('province_code').notNull(),
    categoryId: uuid('category_id').notNull(),
    channel: text('channel').notNull(),
    title: text('title').notNull(),
    content: text('content').notNull(),
    /** Title and content folded (lower case, no diacritics) for the trigram duplicate search and the list search. */
    searchText: text('search_text').notNull(),
    /** The place as written ("thôn 3, xã Kỳ Anh cũ") and as resolved to the new commune. */
    placeText: text('place_text'),
    placeResolved: text('place_resolved'),
    latitude: doublePrecision('latitude'),
    longitude: doublePrecision('longitude'),
    reporterName: text('reporter_name'),
    /** Digits only (0912345678): the look-up compares digits. */
    reporterPhone: text('reporter_phone'),
    /** Lower case. */
    reporterEmail: text('reporter_email'),
    /** No name and no contact: no private reply; followed with the code and the PIN given at submission. */
    anonymous: boolean('anonymous').notNull().default(false),
    /** argon2 hash of the PIN shown once at submission (look-up without a phone or e-mail). */
    trackingPinHash: text('tracking_pin_hash'),
    /** The reporter asked that the answer not be published (it is still sent to them). */
    isPrivate: boolean('is_private').notNull().default(false),
    state: text('state').notNull(),
    /** The official it is assigned to (account id) and the body. */
    assigneeAccountId: uuid('assignee_account_id'),
    assignedBody: text('assigned_body'),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
    /** Working-day deadlines (recomputed when holidays are recorded, as dossiers' due dates are). */
    transferDueDate: date('transfer_due_date', { mode: 'string' }).notNull(),
    answerDueDate: date('answer_due_date', { mode: 'string' }),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    rejectReason: text('reject_reason'),
    /** The answer as sent to the reporter, and its public version (personal data masked, editable). */
    answerText: text('answer_text'),
    answerPublicText: text('answer_public_text'),
    answeredBy: uuid('answered_by'),
    approvedBy: uuid('approved_by'),
    approvedAt: timestamp('approved_at', { withTimezone: true }),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    /** Split: the parent; merge: the report it was merged into. */
    parentId: uuid('parent_id'),
    mergedIntoId: uuid('merged_into_id'),
    /** The commune it came from when forwarded. */
    forwardedFrom: text('forwarded_from'),
    /** 0 none, 1 commune leader (on the due date), 2 province (after the province's days). */
    escalationLevel: integer('escalation_level').notNull().default(0),
    escalatedAt: timestamp('escalated_at', { withTimezone: true }),
    /** The reporter's answer to "was it resolved?" and rating (1–5) of the answer. */
    resolvedByReporter: boolean('resolved_by_reporter'),
    rating: integer('rating'),
    ratingComment: text('rating_comment'),
    ratedAt: timestamp('rated_at', { withTimezone: true }),
    reopenCount: integer('reopen_count').notNull().default(0),
    /** Optimistic locking, as for dossiers. */
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('feedback_reports_code_uq').on(t.code),
    index('feedback_reports_queue_idx').on(t.communeCode, t.state, t.receivedAt),
    index('feedback_reports_due_idx').on(t.communeCode, t.answerDueDate),
    index('feedback_reports_published_idx')
      .on(t.provinceCode, t.publishedAt)
      .where(sql`${t.publishedAt} is not null`),
    index('feedback_reports_parent_idx').on(t.parentId),
    index('feedback_reports_merged_idx').on(t.mergedIntoId),
    index('feedback_reports_search_trgm_idx').using('gin', sql`${t.searchText} gin_trgm_ops`),
    index('feedback_reports_place_idx').on(t.communeCode, t.latitude, t.longitude),
    check(
      'feedback_reports_state_ck',
      sql`${t.state} in ('received', 'accepted', 'rejected', 'assigned', 'answer_pending', 'answered', 'closed', 'reopened', 'split', 'merged', 'escalated')`,
    ),
    check('feedback_reports_channel_ck', sql`${t.channel} in ('web', 'counter', 'phone', 'open311')`),
    check('feedback_reports_rating_ck', sql`${t.rating} is null or ${t.rating} between 1 and 5`),
    check(
      'feedback_reports_place_ck',
      sql`(${t.latitude} is null) = (${t.longitude} is null) and (${t.latitude} is null or (${t.latitude} between 8 and 24 and ${t.longitude} between 102 and 110))`,
    ),
  ],
);

/** The append-only list of what happened to a report. */
export const feedbackActions = pgTable(
  'feedback_actions',
  {
    id: uuid('id').primaryKey(),
    reportId: uuid('report_id').notNull(),
    /** The commune whose record it is at the time (a forward is recorded in both). */
    communeCode: text('commune_code').notNull(),
    /** receive | accept | reject | assign | submit_answer | approve | return_answer | answer | publish | close | rate | reopen | split | child_closed | merge | forward | escalate | escalate_leader | escalate_province | edit_public | due_dates_moved | note */
    action: text('action').notNull(),
    fromState: text('from_state'),
    toState: text('to_state').notNull(),
    /** official | reporter | system | api */
    actorKind: text('actor_kind').notNull(),
    actorId: uuid('actor_id'),
    note: text('note'),
    data: jsonb('data'),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [index('feedback_actions_report_idx').on(t.reportId, t.at)],
);

/** Photos and files of a report (the reporter's) and of its answer (the official's); the dossiers' storage. */
export const feedbackAttachments = pgTable(
  'feedback_attachments',
  {
    id: uuid('id').primaryKey(),
    reportId: uuid('report_id').notNull(),
    communeCode: text('commune_code').notNull(),
    /** report | answer */
    purpose: text('purpose').notNull(),
    fileName: text('file_name').notNull(),
    contentType: text('content_type').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    sha256: text('sha256').notNull(),
    storageKey: text('storage_key').notNull(),
    uploadedBy: uuid('uploaded_by'),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('feedback_attachments_report_idx').on(t.reportId),
    check('feedback_attachments_purpose_ck', sql`${t.purpose} in ('report', 'answer')`),
  ],
);
