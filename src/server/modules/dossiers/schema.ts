import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';

/**
 * Hồ sơ thủ tục hành chính. The truth is the append-only list in dossier_actions; status, version, due date and
 * assignee here are a projection of it, rewritten in the same transaction as each action (for the work queues).
 */
export const dossiers = pgTable(
  'dossiers',
  {
    id: uuid('id').primaryKey(),
    /** `<agency e-ID>-<yyMMdd>-<sequence>`, issued from dossier_code_counters inside the intake transaction. */
    code: text('code').notNull().unique(),
    /** The competent commune (xã có thẩm quyền giải quyết): owns and processes the dossier. */
    communeCode: text('commune_code').notNull(),
    /** The commune whose centre received it (phi địa giới: any commune of the province). */
    receivingCommuneCode: text('receiving_commune_code').notNull(),
    procedureId: uuid('procedure_id').notNull(),
    procedureVersion: integer('procedure_version').notNull(),
    procedureName: text('procedure_name').notNull(),
    channel: text('channel', { enum: ['counter', 'online'] }).notNull(),
    applicantFullName: text('applicant_full_name').notNull(),
    applicantNameFolded: text('applicant_name_folded').notNull(),
    applicantIdNumber: text('applicant_id_number').notNull(),
    applicantPhone: text('applicant_phone').notNull(),
    applicantAddress: text('applicant_address').notNull(),
    /** Documents received at intake (thành phần hồ sơ đã nhận), by index in the procedure version. */
    checklist: jsonb('checklist').notNull(),
    status: text('status').notNull(),
    version: integer('version').notNull(),
    dueDate: date('due_date', { mode: 'string' }),
    assigneeId: uuid('assignee_id'),
    /**
     * When the centre received the dossier (tiếp nhận): the counter's intake, or the `receive` action of an online
     * submission. Until an online submission is received it holds the submission time (so the "submitted online"
     * queue orders by arrival); the `receive` action overwrites it. Dashboards and statistics count a dossier only
     * once it has a due date (received), so that placeholder is never counted as a receipt.
     */
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
    /** When the applicant filed it online (nộp trực tuyến); null for a dossier received at the counter. */
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    /** When the result was ready (giải quyết xong): with due_date, whether it was resolved on time. */
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    /** An apology and new appointment was issued: counts as late in every statistic, whatever happens next. */
    lateAcknowledged: boolean('late_acknowledged').notNull().default(false),
    /**
     * A mock dossier of a trial day (hồ sơ diễn tập): received while the centre was in rehearsal mode and marked so
     * by the officer; its code comes from the rehearsal series ("DT-…"), it is shown with a "DIỄN TẬP" band and
     * stays out of official counts and statistics. A real citizen's dossier received that day stays official.
     */
    rehearsal: boolean('rehearsal').notNull().default(false),
    /** Set at the commune's cutover to official operation for its rehearsal dossiers: readable, marked, out of lists. */
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    /**
     * An in-flight dossier taken over from an abolished district or a former commune (hồ sơ đang giải quyết dở):
     * it keeps its original code, date of receipt and due date; `importedFrom` names the unit that received it
     * and `historyNote` what happened to it there.
     */
    importedFrom: text('imported_from'),
    importedAt: timestamp('imported_at', { withTimezone: true }),
    historyNote: text('history_note'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('dossiers_commune_status_due_idx').on(t.communeCode, t.status, t.dueDate),
    index('dossiers_receiving_idx').on(t.receivingCommuneCode, t.receivedAt),
    index('dossiers_assignee_idx').on(t.assigneeId, t.status),
    index('dossiers_commune_received_idx').on(t.communeCode, t.receivedAt, t.id),
    // Measured over 1M dossiers (bench/dossiers-scale.ts). The queues filter (commune OR receiving commune) AND
    // status: each arm of the OR needs its own (commune, status) index.
    index('dossiers_receiving_status_due_idx').on(t.receivingCommuneCode, t.status, t.dueDate),
    // Queue search (code, folded name, phone, ID number, OR-ed): every arm indexed, or the OR scans the commune.
    index('dossiers_code_trgm_idx').using('gin', t.code.op('gin_trgm_ops')),
    index('dossiers_name_trgm_idx').using('gin', t.applicantNameFolded.op('gin_trgm_ops')),
    index('dossiers_phone_idx').on(t.applicantPhone),
    index('dossiers_id_number_idx').on(t.applicantIdNumber),
    // Dashboard: the month's dossiers (not finished before it) and the open ones by due date (anti-backlog).
    index('dossiers_commune_finished_idx').on(t.communeCode, sql`coalesce(${t.resolvedAt}, ${t.closedAt})`),
    index('dossiers_commune_resolved_due_idx').on(t.communeCode, t.resolvedAt, t.dueDate),
    check('dossiers_channel_check', sql`${t.channel} in ('counter', 'online')`),
    check('dossiers_version_check', sql`${t.version} >= 1`),
  ],
);

/** The append-only history of a dossier: who did what, when, from which state to which (never updated). */
export const dossierActions = pgTable(
  'dossier_actions',
  {
    dossierId: uuid('dossier_id')
      .notNull()
      .references(() => dossiers.id),
    seq: integer('seq').notNull(),
    communeCode: text('commune_code').notNull(),
    action: text('action').notNull(),
    /** The whole action (reason, items, new due date…), as the lifecycle received it. */
    payload: jsonb('payload').notNull(),
    /** { kind: 'official', id, roles } | { kind: 'applicant' } */
    actor: jsonb('actor').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.dossierId, t.seq] }),
    check('dossier_actions_seq_check', sql`${t.seq} >= 1`),
  ],
);

/** Per-commune, per-day sequence of dossier codes: incremented with INSERT … ON CONFLICT DO UPDATE … RETURNING. */
export const dossierCodeCounters = pgTable(
  'dossier_code_counters',
  {
    communeCode: text('commune_code').notNull(),
    /** Local (UTC+7) date of receipt. */
    day: date('day', { mode: 'string' }).notNull(),
    lastValue: integer('last_value').notNull(),
  },
  (t) => [primaryKey({ columns: [t.communeCode, t.day] })],
);

/** The rehearsal series of dossier codes (per commune and day), apart from the official one. */
export const dossierRehearsalCodeCounters = pgTable(
  'dossier_rehearsal_code_counters',
  {
    communeCode: text('commune_code').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    lastValue: integer('last_value').notNull(),
  },
  (t) => [primaryKey({ columns: [t.communeCode, t.day] })],
);

/**
 * The one-stop centre's rehearsal mode (chế độ diễn tập): while enabled, the counter may receive mock dossiers
 * (marked, rehearsal codes). Switched on and off by the commune leader; switched off for good at cutover.
 */
export const dossierRehearsalModes = pgTable('dossier_rehearsal_modes', {
  communeCode: text('commune_code').primaryKey(),
  enabled: boolean('enabled').notNull(),
  changedAt: timestamp('changed_at', { withTimezone: true }).notNull().defaultNow(),
  changedBy: text('changed_by'),
});

/** [U] Agency e-ID (mã định danh cơ quan, Decision 20/2020/QĐ-TTg) a commune puts in its dossier codes. */
export const dossierAgencyIds = pgTable('dossier_agency_ids', {
  communeCode: text('commune_code').primaryKey(),
  agencyId: text('agency_id').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Idempotency-Key of intake requests: the same key from the same caller gives the same dossier. */
export const dossierIdempotencyKeys = pgTable(
  'dossier_idempotency_keys',
  {
    /** The account id, or "public:<phone>" for online submissions. */
    scope: text('scope').notNull(),
    key: text('key').notNull(),
    requestHash: text('request_hash').notNull(),
    dossierId: uuid('dossier_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.scope, t.key] })],
);

/**
 * Đánh giá mức độ hài lòng at return: one per dossier, given by the applicant through the public channel (code +
 * verifier), kept with the official who returned the result (for the per-official statistics).
 */
export const dossierRatings = pgTable(
  'dossier_ratings',
  {
    dossierId: uuid('dossier_id')
      .primaryKey()
      .references(() => dossiers.id),
    communeCode: text('commune_code').notNull(),
    rating: text('rating', { enum: ['satisfied', 'neutral', 'unsatisfied'] }).notNull(),
    comment: text('comment'),
    /** The official who returned the result (trả kết quả), from the history; null if not an official. */
    returnedBy: uuid('returned_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('dossier_ratings_commune_idx').on(t.communeCode, t.createdAt),
    index('dossier_ratings_returned_by_idx').on(t.returnedBy),
    check('dossier_ratings_rating_check', sql`${t.rating} in ('satisfied', 'neutral', 'unsatisfied')`),
  ],
);

/**
 * Scanned documents of a dossier (thành phần hồ sơ điện tử). The bytes live behind the attachment storage
 * interface (disk under the data directory by default); this row is the record: checksum, type checked by content,
 * and whether the document was digitised at the counter (số hóa) for the digitisation rate.
 */
export const dossierAttachments = pgTable(
  'dossier_attachments',
  {
    id: uuid('id').primaryKey(),
    dossierId: uuid('dossier_id')
      .notNull()
      .references(() => dossiers.id),
    communeCode: text('commune_code').notNull(),
    /** The checklist item (index in the procedure version's required documents) it stands for; null = other. */
    documentIndex: integer('document_index'),
    fileName: text('file_name').notNull(),
    /** Detected from the content (magic bytes), never taken from the client. */
    contentType: text('content_type').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    /** SHA-256 of the content, hex. */
    sha256: text('sha256').notNull(),
    /** Where the storage keeps the bytes (opaque to everything but the storage). */
    storageKey: text('storage_key').notNull(),
    /** Scanned from paper at the counter (số hóa hồ sơ), as opposed to uploaded by the applicant online. */
    digitised: boolean('digitised').notNull().default(false),
    /**
     * 'document': a scan of the applicant's file (thành phần hồ sơ); 'result': the electronic result (kết quả
     * giải quyết điện tử) an officer uploads for the applicant to download once the dossier is returned.
     */
    purpose: text('purpose', { enum: ['document', 'result'] })
      .notNull()
      .default('document'),
    /** The official who uploaded it; null when the applicant did (online submission). */
    uploadedBy: uuid('uploaded_by'),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('dossier_attachments_dossier_idx').on(t.dossierId, t.uploadedAt),
    index('dossier_attachments_commune_idx').on(t.communeCode, t.uploadedAt),
    check('dossier_attachments_size_check', sql`${t.sizeBytes} > 0`),
  ],
);

/**
 * Appointments moved by a change of the working-day calendar (a holiday or make-up day recorded after the dossier
 * was received): the officers must tell the applicant the new date. Listed until an officer acknowledges it.
 */
export const dossierDueDateChanges = pgTable(
  'dossier_due_date_changes',
  {
    id: uuid('id').primaryKey(),
    dossierId: uuid('dossier_id')
      .notNull()
      .references(() => dossiers.id),
    communeCode: text('commune_code').notNull(),
    previousDueDate: date('previous_due_date', { mode: 'string' }).notNull(),
    newDueDate: date('new_due_date', { mode: 'string' }).notNull(),
    /** What changed the calendar, e.g. "Nghỉ lễ 2/9/2026 (1/9–2/9)". */
    cause: text('cause').notNull(),
    detectedAt: timestamp('detected_at', { withTimezone: true }).notNull(),
    acknowledgedBy: uuid('acknowledged_by'),
    acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }),
  },
  (t) => [
    index('dossier_due_date_changes_commune_idx').on(t.communeCode, t.acknowledgedAt, t.detectedAt),
    index('dossier_due_date_changes_dossier_idx').on(t.dossierId),
  ],
);
