/**
 * Kỳ họp, phiên họp, hội nghị: the meetings of a commune's bodies (HĐND, Thường trực HĐND, UBND, Đảng ủy, Ban
 * Thường vụ, Thường trực Đảng ủy, any other body), their agenda, papers, attendance, votes, documents, minutes and
 * follow-up tasks. Members are not stored here: they are the officials holding a position in the body on the
 * meeting's day (org module); a meeting keeps its participants (invited members and guests) as of invitation.
 *
 * Secret ballots: `meeting_ballot_voters` says who has voted, `meeting_ballot_tallies` how many ballots each
 * choice got. There is no row per ballot, so nothing (id, order, time) can join a voter to a choice; each cast
 * rewrites every tally row of the vote so that no row's transaction id singles out the last voter's choice.
 */
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
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

/**
 * Settings of a body for meetings: its kind (which rules apply), its seats (số đại biểu/thành viên theo cơ cấu:
 * thresholds count total seats, so vacancies are known) and the configurable rule values ([U] in domain-vn §6).
 */
export const meetingBodies = pgTable(
  'meeting_bodies',
  {
    /** org_bodies.id */
    bodyId: uuid('body_id').primaryKey(),
    communeCode: text('commune_code').notNull(),
    /** council | council_standing | government | party_committee | party_standing_board | party_standing | other */
    bodyKind: text('body_kind').notNull(),
    /** Total seats (elected delegates / members by structure); null: the members of the day are the seats. */
    seats: integer('seats'),
    /** Rule overrides (quorum fraction, pass fraction…) over the defaults of rules.ts; {} = defaults. */
    rules: jsonb('rules').notNull().default({}),
    /** Document issuer abbreviation for numbering ('HĐND', 'UBND', 'ĐU'). */
    issuer: text('issuer').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('meeting_bodies_commune_idx').on(t.communeCode),
    check('meeting_bodies_seats_ck', sql`${t.seats} is null or (${t.seats} between 1 and 500)`),
  ],
);

export const meetings = pgTable(
  'meetings',
  {
    id: uuid('id').primaryKey(),
    communeCode: text('commune_code').notNull(),
    bodyId: uuid('body_id').notNull(),
    /** first_session | regular | thematic | extraordinary | regular_monthly (by body kind, see rules.ts) */
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    /** Local date and time of the opening (Asia/Ho_Chi_Minh), and the place. */
    meetingDate: date('meeting_date', { mode: 'string' }).notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    place: text('place').notNull(),
    /** The official who convenes (triệu tập) and the one who chairs. */
    convenerId: uuid('convener_id'),
    chairId: uuid('chair_id'),
    /** Diễn tập: same flow, marked on every screen and page, never numbered, out of statistics. */
    rehearsal: boolean('rehearsal').notNull().default(false),
    /** draft → invited → in_progress → closed; cancelled from draft or invited. */
    status: text('status').notNull().default('draft'),
    currentItemId: uuid('current_item_id'),
    openedAt: timestamp('opened_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    /** Rehearsal data archived at cutover (kept readable, marked). */
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('meetings_commune_date_idx').on(t.communeCode, t.meetingDate),
    index('meetings_body_idx').on(t.bodyId),
    check(
      'meetings_status_ck',
      sql`${t.status} in ('draft', 'invited', 'in_progress', 'closed', 'cancelled')`,
    ),
  ],
);

/**
 * Who is invited: members (officials holding a position in the body on the meeting day) and guests (officials of
 * other bodies or outside people by name). Attendance is recorded on the same row.
 */
export const meetingParticipants = pgTable(
  'meeting_participants',
  {
    id: uuid('id').primaryKey(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id),
    communeCode: text('commune_code').notNull(),
    /** member: counts for quorum and votes; guest: invited, does not vote. */
    role: text('role').notNull(),
    officialId: uuid('official_id'),
    /** Name and title as of invitation (guests without an official record have only these). */
    fullName: text('full_name').notNull(),
    title: text('title'),
    email: text('email'),
    /** pending | confirmed | apologised */
    response: text('response').notNull().default('pending'),
    apologyReason: text('apology_reason'),
    respondedAt: timestamp('responded_at', { withTimezone: true }),
    /** app | email | recorded (no e-mail address: the invitation was handed over, recorded as sent) */
    invitationChannel: text('invitation_channel'),
    invitedAt: timestamp('invited_at', { withTimezone: true }),
    checkedInAt: timestamp('checked_in_at', { withTimezone: true }),
    leftAt: timestamp('left_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('meeting_participants_meeting_idx').on(t.meetingId),
    uniqueIndex('meeting_participants_official_uq').on(t.meetingId, t.officialId),
    check('meeting_participants_role_ck', sql`${t.role} in ('member', 'guest')`),
    check('meeting_participants_response_ck', sql`${t.response} in ('pending', 'confirmed', 'apologised')`),
    check('meeting_participants_member_ck', sql`${t.role} = 'guest' or ${t.officialId} is not null`),
  ],
);

export const meetingAgendaItems = pgTable(
  'meeting_agenda_items',
  {
    id: uuid('id').primaryKey(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id),
    communeCode: text('commune_code').notNull(),
    position: integer('position').notNull(),
    title: text('title').notNull(),
    presenterId: uuid('presenter_id'),
    presenterName: text('presenter_name'),
    plannedMinutes: integer('planned_minutes'),
    /** information | opinion | open_vote | secret_ballot | election */
    decision: text('decision').notNull(),
    /** What a vote decides, for the threshold: resolution | key_matter | dismissal | confidence | procedural */
    subject: text('subject'),
    /** pending | current | done */
    status: text('status').notNull().default('pending'),
    startedAt: timestamp('started_at', { withTimezone: true }),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    /** Opinions recorded for the minutes (free text, by the secretary). */
    notes: text('notes'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('meeting_agenda_items_meeting_idx').on(t.meetingId, t.position),
    check(
      'meeting_agenda_items_decision_ck',
      sql`${t.decision} in ('information', 'opinion', 'open_vote', 'secret_ballot', 'election')`,
    ),
    check('meeting_agenda_items_status_ck', sql`${t.status} in ('pending', 'current', 'done')`),
  ],
);

/** Speaker time: who spoke on an item, from when to when. */
export const meetingSpeeches = pgTable(
  'meeting_speeches',
  {
    id: uuid('id').primaryKey(),
    itemId: uuid('item_id')
      .notNull()
      .references(() => meetingAgendaItems.id),
    communeCode: text('commune_code').notNull(),
    officialId: uuid('official_id'),
    speakerName: text('speaker_name').notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    summary: text('summary'),
  },
  (t) => [index('meeting_speeches_item_idx').on(t.itemId)],
);

/** Tài liệu: a paper (draft regulation, report, draft resolution…) of a meeting, optionally of one item. */
export const meetingPapers = pgTable(
  'meeting_papers',
  {
    id: uuid('id').primaryKey(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id),
    communeCode: text('commune_code').notNull(),
    itemId: uuid('item_id'),
    /** draft_regulation | draft_resolution | report | proposal | other */
    paperType: text('paper_type').notNull(),
    title: text('title').notNull(),
    /** drafting | adopted | published */
    status: text('status').notNull().default('drafting'),
    drafterId: uuid('drafter_id'),
    currentVersion: integer('current_version').notNull().default(0),
    adoptedVersion: integer('adopted_version'),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('meeting_papers_meeting_idx').on(t.meetingId)],
);

export const meetingPaperVersions = pgTable(
  'meeting_paper_versions',
  {
    id: uuid('id').primaryKey(),
    paperId: uuid('paper_id')
      .notNull()
      .references(() => meetingPapers.id),
    communeCode: text('commune_code').notNull(),
    version: integer('version').notNull(),
    /** The text, by article ("Điều 1. …"), for comments on an article; the file is the signed original. */
    body: text('body'),
    storageKey: text('storage_key'),
    fileName: text('file_name'),
    contentType: text('content_type'),
    sizeBytes: integer('size_bytes'),
    sha256: text('sha256'),
    changeNote: text('change_note'),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('meeting_paper_versions_uq').on(t.paperId, t.version)],
);

/** Góp ý: a member's comment on an article/paragraph of one version, and the drafter's answer. */
export const meetingPaperComments = pgTable(
  'meeting_paper_comments',
  {
    id: uuid('id').primaryKey(),
    versionId: uuid('version_id')
      .notNull()
      .references(() => meetingPaperVersions.id),
    communeCode: text('commune_code').notNull(),
    /** "Điều 3", "Điều 3, khoản 2"; null for the paper as a whole. */
    anchor: text('anchor'),
    body: text('body').notNull(),
    authorOfficialId: uuid('author_official_id'),
    authorName: text('author_name').notNull(),
    authorAccountId: uuid('author_account_id'),
    answer: text('answer'),
    answeredBy: text('answered_by'),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('meeting_paper_comments_version_idx').on(t.versionId)],
);

/**
 * Biểu quyết / bỏ phiếu / bầu cử on an agenda item. The rule snapshot (threshold, base, counts at opening) is
 * stored so the result can be recomputed and explained later.
 */
export const meetingVotes = pgTable(
  'meeting_votes',
  {
    id: uuid('id').primaryKey(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id),
    itemId: uuid('item_id')
      .notNull()
      .references(() => meetingAgendaItems.id),
    communeCode: text('commune_code').notNull(),
    /** open | secret | election */
    voteType: text('vote_type').notNull(),
    /** electronic | paper (paper: the vote-counting committee enters the tallies; open votes: show of hands entered per member) */
    method: text('method').notNull(),
    question: text('question').notNull(),
    /** For elections: how many are to be elected. */
    seatsToFill: integer('seats_to_fill'),
    /** open | closed */
    status: text('status').notNull().default('open'),
    /** Members of the body that day, seats, present at opening, rule applied: see rules.ts VoteBasis. */
    basis: jsonb('basis').notNull(),
    /** Computed at closing: counts, threshold, passed / elected (rules.ts). */
    result: jsonb('result'),
    /** passed | failed (open/secret) or held (election); null while open */
    outcome: text('outcome'),
    openedAt: timestamp('opened_at', { withTimezone: true }).notNull(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
  },
  (t) => [
    index('meeting_votes_meeting_idx').on(t.meetingId),
    uniqueIndex('meeting_votes_open_uq').on(t.itemId).where(sql`${t.status} = 'open'`),
    check('meeting_votes_type_ck', sql`${t.voteType} in ('open', 'secret', 'election')`),
    check('meeting_votes_method_ck', sql`${t.method} in ('electronic', 'paper')`),
    check('meeting_votes_status_ck', sql`${t.status} in ('open', 'closed')`),
  ],
);

/** An open vote, per member: for / against / abstain (a member present with no row did not vote). */
export const meetingOpenBallots = pgTable(
  'meeting_open_ballots',
  {
    voteId: uuid('vote_id')
      .notNull()
      .references(() => meetingVotes.id),
    officialId: uuid('official_id').notNull(),
    communeCode: text('commune_code').notNull(),
    choice: text('choice').notNull(),
    /** Cast by the member on their own device, or entered by the secretary. */
    castBy: text('cast_by').notNull(),
    castAt: timestamp('cast_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.voteId, t.officialId] }),
    index('meeting_open_ballots_official_idx').on(t.officialId),
    check('meeting_open_ballots_choice_ck', sql`${t.choice} in ('for', 'against', 'abstain')`),
    check('meeting_open_ballots_by_ck', sql`${t.castBy} in ('member', 'secretary')`),
  ],
);

/** Candidates of an election (ứng cử viên): an official and the title the election gives. */
export const meetingCandidates = pgTable(
  'meeting_candidates',
  {
    id: uuid('id').primaryKey(),
    voteId: uuid('vote_id')
      .notNull()
      .references(() => meetingVotes.id),
    communeCode: text('commune_code').notNull(),
    officialId: uuid('official_id').notNull(),
    fullName: text('full_name').notNull(),
    /** The position created in the People module when elected: body and title. */
    positionBodyId: uuid('position_body_id').notNull(),
    positionTitle: text('position_title').notNull(),
    position: integer('position').notNull(),
    /** Set at closing. */
    elected: boolean('elected'),
    /** The org position created from the result. */
    createdPositionId: uuid('created_position_id'),
  },
  (t) => [uniqueIndex('meeting_candidates_uq').on(t.voteId, t.officialId)],
);

/** Who has voted in a secret ballot or election: no time, no order, no link to a tally. */
export const meetingBallotVoters = pgTable(
  'meeting_ballot_voters',
  {
    voteId: uuid('vote_id')
      .notNull()
      .references(() => meetingVotes.id),
    officialId: uuid('official_id').notNull(),
    communeCode: text('commune_code').notNull(),
  },
  (t) => [primaryKey({ columns: [t.voteId, t.officialId] })],
);

/**
 * Anonymous tallies of a secret ballot or election: one row per choice ('for', 'against', 'abstain', 'invalid',
 * or a candidate id for 'approve:<candidateId>'), counts only. Paper ballots: entered by the counting committee.
 */
export const meetingBallotTallies = pgTable(
  'meeting_ballot_tallies',
  {
    voteId: uuid('vote_id')
      .notNull()
      .references(() => meetingVotes.id),
    choice: text('choice').notNull(),
    communeCode: text('commune_code').notNull(),
    count: integer('count').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.voteId, t.choice] }),
    check('meeting_ballot_tallies_ck', sql`${t.count} >= 0`),
  ],
);

/**
 * Nghị quyết, quyết định, kết luận, thông báo of a meeting: numbered by the numbering module (01/NQ-HĐND) unless
 * the meeting is a rehearsal.
 */
export const meetingDocuments = pgTable(
  'meeting_documents',
  {
    id: uuid('id').primaryKey(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id),
    communeCode: text('commune_code').notNull(),
    itemId: uuid('item_id'),
    voteId: uuid('vote_id'),
    /** NQ | QĐ | KL | TB */
    docType: text('doc_type').notNull(),
    title: text('title').notNull(),
    content: text('content').notNull().default(''),
    /** draft | issued */
    status: text('status').notNull().default('draft'),
    number: text('number'),
    issuedOn: date('issued_on', { mode: 'string' }),
    signerId: uuid('signer_id'),
    signerName: text('signer_name'),
    signerTitle: text('signer_title'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('meeting_documents_meeting_idx').on(t.meetingId),
    index('meeting_documents_commune_idx').on(t.communeCode, t.docType),
    check('meeting_documents_status_ck', sql`${t.status} in ('draft', 'issued')`),
  ],
);

/** Biên bản: a draft generated from the record, edited, commented, then locked by the chair (hash in audit). */
export const meetingMinutes = pgTable(
  'meeting_minutes',
  {
    meetingId: uuid('meeting_id')
      .primaryKey()
      .references(() => meetings.id),
    communeCode: text('commune_code').notNull(),
    /** draft | locked */
    status: text('status').notNull().default('draft'),
    /** The editable sections (opening, per item opinions, closing) over the generated record. */
    content: jsonb('content').notNull(),
    revision: integer('revision').notNull().default(1),
    lockedAt: timestamp('locked_at', { withTimezone: true }),
    lockedBy: uuid('locked_by'),
    /** SHA-256 of the locked PDF, also in the audit entry of the lock. */
    sha256: text('sha256'),
    storageKey: text('storage_key'),
    docxStorageKey: text('docx_storage_key'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('meeting_minutes_status_ck', sql`${t.status} in ('draft', 'locked')`)],
);

export const meetingMinutesComments = pgTable(
  'meeting_minutes_comments',
  {
    id: uuid('id').primaryKey(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id),
    communeCode: text('commune_code').notNull(),
    revision: integer('revision').notNull(),
    anchor: text('anchor'),
    body: text('body').notNull(),
    authorName: text('author_name').notNull(),
    authorOfficialId: uuid('author_official_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('meeting_minutes_comments_meeting_idx').on(t.meetingId)],
);

/** Follow-up tasks from conclusions: an official, a due date in working days, tracked to done. */
export const meetingTasks = pgTable(
  'meeting_tasks',
  {
    id: uuid('id').primaryKey(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id),
    communeCode: text('commune_code').notNull(),
    documentId: uuid('document_id'),
    officialId: uuid('official_id').notNull(),
    title: text('title').notNull(),
    assignedOn: date('assigned_on', { mode: 'string' }).notNull(),
    workingDays: integer('working_days').notNull(),
    dueDate: date('due_date', { mode: 'string' }).notNull(),
    /** open | done */
    status: text('status').notNull().default('open'),
    doneAt: timestamp('done_at', { withTimezone: true }),
    doneNote: text('done_note'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('meeting_tasks_official_idx').on(t.officialId, t.status),
    index('meeting_tasks_commune_idx').on(t.communeCode, t.status, t.dueDate),
    check('meeting_tasks_status_ck', sql`${t.status} in ('open', 'done')`),
  ],
);
