/**
 * The demo's agendas, its regulation paper (versions, comment, answer), the session's answers, check-ins and votes and
 * its documents (created and issued) are written in bulk (modules/meetings/seed-bulk.ts) for a fast first start; what
 * users see must be what the use cases (addItem, seedPaper, respondToInvitation, recordAttendance, castVote,
 * createDocument and issueDocument, one call per item, member or document) make of the same demo: the same meetings,
 * items, papers, participants, ballots, results, minutes and documents, and the same audit entries in the same
 * order, with a chain that verifies.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestDatabase,
  ENGINES,
  TEST_APP_ENV,
  type TestDatabase,
} from '../../../tests/support/database';
import { loadConfig } from '../config';
import type { Db } from '../db/database';
import { systemContext } from '../db/transaction';
import { verifyAuditLog } from '../modules/audit/service';
import { createFileStorage } from '../modules/dossiers/storage';
import { addItem } from '../modules/meetings/agenda';
import { recordAttendance } from '../modules/meetings/attendance';
import { createDocument, issueDocument } from '../modules/meetings/documents';
import { respondToInvitation } from '../modules/meetings/invitations';
import { seedPaper } from '../modules/meetings/papers';
import { castVote } from '../modules/meetings/votes';
import { expectEveryIdNamed, expectSameTables, seedReader } from './compare.test-support';
import { DEMO_PASSWORD, seedDemoPeople } from './demo';
import { type MeetingSeedWriter, seedDemoMeetings } from './demo-meetings';

/** The demo written the old way: one use case call per member. */
const throughUseCases: MeetingSeedWriter = {
  async addItems(ctx, meetingId, inputs) {
    const ids = [];
    for (const input of inputs) ids.push(await addItem(ctx, meetingId, input));
    return ids;
  },
  paper: seedPaper,
  async respond(ctx, actor, meetingId, answers) {
    for (const answer of answers) await respondToInvitation(ctx, actor, meetingId, answer);
  },
  async checkIn(ctx, actor, meetingId, participantIds) {
    for (const participantId of participantIds)
      await recordAttendance(ctx, actor, meetingId, { participantId, action: 'check_in' });
  },
  async cast(ctx, actor, voteId, ballots) {
    for (const ballot of ballots) await castVote(ctx, actor, voteId, ballot);
  },
  async issue(ctx, meetingId, documents, today) {
    const ids = [];
    for (const { document, issue } of documents) {
      const { id } = await createDocument(ctx, meetingId, document);
      await issueDocument(ctx, id, issue, today);
      ids.push(id);
    }
    return ids;
  },
};

const TABLES = [
  'org_officials',
  'org_positions',
  'meeting_bodies',
  'meetings',
  'meeting_participants',
  'meeting_agenda_items',
  'meeting_speeches',
  'meeting_papers',
  'meeting_paper_versions',
  'meeting_paper_comments',
  'meeting_votes',
  'meeting_open_ballots',
  'meeting_candidates',
  'meeting_ballot_voters',
  'meeting_ballot_tallies',
  'meeting_documents',
  'meeting_minutes',
  'meeting_tasks',
  'notification_outbox',
];

/**
 * Everything the seed wrote in the two communes, with the ids each database drew named by what they stand for (an
 * official by name, a meeting by kind, a participant by name…), the times of the seeding itself (now, not the trial
 * day) as <now>, a speech's measured length as <measured>, and the files' hashes (the PDF and DOCX carry their time of making) as <sha>.
 */
async function written(db: Db): Promise<Record<string, unknown[]>> {
  const { rows, name, normal: normalAll } = seedReader(db);
  await name(sql`select id::text, '@' || username as name from accounts`);
  await name(
    sql`select id::text, 'official ' || full_name || ' ' || date_of_birth as name from org_officials`,
  );
  await name(sql`select id::text, 'body ' || name as name from org_bodies`);
  await name(
    sql`select id::text, 'announcement ' || commune_code || ' ' || title as name from org_announcements`,
  );
  await name(sql`select id::text, 'meeting ' || commune_code || ' ' || kind as name from meetings`);
  await name(sql`select i.id::text, 'item ' || m.commune_code || ' ' || m.kind || ' ' || i.position as name
    from meeting_agenda_items i join meetings m on m.id = i.meeting_id`);
  await name(sql`select p.id::text, 'participant ' || m.commune_code || ' ' || m.kind || ' ' || p.full_name as name
    from meeting_participants p join meetings m on m.id = p.meeting_id`);
  await name(sql`select v.id::text, 'vote ' || i.title || ' ' || v.commune_code as name
    from meeting_votes v join meeting_agenda_items i on i.id = v.item_id`);
  await name(sql`select id::text, 'paper ' || commune_code || ' ' || title as name from meeting_papers`);
  await name(
    sql`select id::text, 'version ' || commune_code || ' ' || version as name from meeting_paper_versions`,
  );
  await name(
    sql`select id::text, 'comment ' || commune_code || ' ' || body as name from meeting_paper_comments`,
  );
  await name(
    sql`select id::text, 'document ' || commune_code || ' ' || doc_type as name from meeting_documents`,
  );
  await name(
    sql`select id::text, 'candidate ' || commune_code || ' ' || full_name as name from meeting_candidates`,
  );
  await name(sql`select id::text, 'task ' || commune_code || ' ' || title as name from meeting_tasks`);
  await name(
    sql`select id::text, 'speech ' || commune_code || ' ' || speaker_name as name from meeting_speeches`,
  );
  await name(sql`select p.id::text, 'position ' || o.full_name || ' ' || o.date_of_birth || ' ' || p.title as name
    from org_positions p join org_officials o on o.id = p.official_id`);
  await name(sql`select id::text, 'message ' || idempotency_key as name from notification_outbox`);
  const normal = (value: unknown) =>
    normalAll(value, (k, v) => {
      // A speech's length as measured while seeding (0 or 1 s, as the machine is busy).
      if (k === 'seconds' && typeof v === 'number') return '<measured>';
      return typeof v === 'string' && /^(sha256\/..\/..\/)?[0-9a-f]{64}$/.test(v) ? '<sha>' : v;
    });
  const tables: Record<string, unknown[]> = {};
  for (const table of TABLES) {
    const list = normal(
      await rows(sql`select * from ${sql.identifier(table)} where commune_code in ('18100', '18754')`),
    ) as Record<string, unknown>[];
    tables[table] = list.map((r) => JSON.stringify(r)).sort();
  }
  return {
    ...tables,
    audit: normal(
      await rows(sql`select chain, seq, actor_id::text as actor_id, actor_name, actor_role, commune_code, action,
        entity_type, entity_id, before, after, request_id, client_address
      from audit_entries where commune_code in ('18100', '18754') order by chain, seq`),
    ),
    heads: await rows(sql`select chain, seq from audit_chain_heads order by chain`),
  };
}

describe.each(ENGINES)('the demo meetings written in bulk on %s', (engine) => {
  let bulk: TestDatabase;
  let useCases: TestDatabase;
  const dirs: string[] = [];

  /** A database with the small demo's people, and the meetings seeded with `writer` (default: in bulk). */
  const seeded = async (writer?: MeetingSeedWriter) => {
    const database = await createTestDatabase(engine, { map: true });
    const ctx = systemContext(database.db, 'test seed');
    await seedDemoPeople(ctx, () => {}, 'small');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xaso-meetings-bulk-'));
    dirs.push(dir);
    const config = loadConfig({ ...TEST_APP_ENV, XASO_DATA_DIR: dir });
    const storage = await createFileStorage(config, database.db);
    await seedDemoMeetings(ctx, DEMO_PASSWORD, () => {}, { config, storage, ...(writer ? { writer } : {}) });
    return database;
  };

  beforeAll(async () => {
    bulk = await seeded();
    useCases = await seeded(throughUseCases);
  }, 240_000);
  afterAll(async () => {
    await bulk?.dispose();
    await useCases?.dispose();
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('are what the use cases make of the same demo, row for row and entry for entry', async () => {
    const expected = await written(useCases.db);
    const actual = await written(bulk.db);
    expect(expected.meeting_open_ballots).toHaveLength(38); // 19 present members vote in each commune
    expect(
      expected.meeting_participants?.filter((p) => String(p).includes('"checked_in_at":"2025-06-20')),
    ).toHaveLength(38);
    expectEveryIdNamed(expected);
    expectSameTables(actual, expected);
  });

  it('leave an audit chain that verifies', async () => {
    const report = await verifyAuditLog(bulk.db);
    expect(report.breaks).toEqual([]);
  });
});
