/**
 * The OParl 1.1 read API on PGlite and PostgreSQL: a commune's meetings written straight into the tables (a real
 * closed session with an open vote, an election and a published paper with its file; a cancelled one; a rehearsal
 * and a draft that must not appear; more invited ones for paging), then EVERY object of every list and every
 * by-id answer validated against the official OParl schemas stored in tests/fixtures/oparl (ajv), every list
 * followed through `links.next` to its end, and no personal data (date of birth, phone, e-mail, CCCD) anywhere.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { and, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, ENGINES, type TestDatabase } from '../../../../../tests/support/database';
import { buildApp } from '../../../app';
import { loadConfig } from '../../../config';
import { systemContext } from '../../../db/transaction';
import { seedDemo } from '../../../seed/demo';
import { createFileStorage } from '../../dossiers/storage';
import { orgBodies, orgOfficials, orgPositions } from '../../org/schema';
import { importAdministrativeMap } from '../../units/importer';
import {
  meetingAgendaItems,
  meetingBallotTallies,
  meetingBallotVoters,
  meetingCandidates,
  meetingOpenBallots,
  meetingPapers,
  meetingPaperVersions,
  meetingParticipants,
  meetings,
  meetingVotes,
} from '../schema';
import { registerOparlRoutes } from './routes';

const PUBLIC_URL = 'https://hop.tranphu.example.vn';
const BASE = `${PUBLIC_URL}/oparl/v1`;
const CODE = '18100';
const SCHEMA_DIR = path.resolve(__dirname, '../../../../../tests/fixtures/oparl');
const SCHEMAS = [
  'System',
  'Body',
  'Organization',
  'Person',
  'Membership',
  'Meeting',
  'AgendaItem',
  'Paper',
  'Consultation',
  'File',
  'LegislativeTerm',
  'Location',
];

/** ajv over the stored schemas, each reachable by the names their `$ref`s use (`File.json`, and `$id`s). */
function oparlValidators(): Record<string, ValidateFunction> {
  // The 1.1 patterns escape ':' and '/' ("^https\\:\\/…"), which only non-unicode regular expressions accept.
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
  addFormats(ajv);
  for (const name of SCHEMAS) {
    const schema = JSON.parse(fs.readFileSync(path.join(SCHEMA_DIR, `${name}.json`), 'utf8'));
    // Refs are relative ("File.json"): resolve them against the schema's own 1.1 address.
    ajv.addSchema({ ...schema, $id: `https://schema.oparl.org/1.1/${name}.json` });
    if (schema.$id && schema.$id !== `https://schema.oparl.org/1.1/${name}.json`) ajv.addSchema(schema);
  }
  return Object.fromEntries(
    SCHEMAS.map((name) => [name, ajv.getSchema(`https://schema.oparl.org/1.1/${name}.json`)!]),
  );
}

type Obj = Record<string, unknown> & { id: string; type: string };
type List = {
  data: Obj[];
  pagination: { totalElements: number; elementsPerPage: number; currentPage: number; totalPages: number };
  links: { next?: string; first: string };
};

describe.each(ENGINES)('OParl 1.1 read API (%s)', (engine) => {
  let database: TestDatabase;
  let app: FastifyInstance;
  let dataDir: string;
  const validators = oparlValidators();
  const seen: Obj[] = [];
  const bodies: string[] = [];
  const secrets = {
    email: 'dai.bieu.rieng@example.vn',
    phone: '0912345678',
    dob: '1971-03-14',
    cccd: '042071001234',
  };
  const ids = {
    closed: uuidv7(),
    cancelled: uuidv7(),
    rehearsal: uuidv7(),
    draft: uuidv7(),
    itemVote: uuidv7(),
    itemElection: uuidv7(),
    rehearsalItem: uuidv7(),
    openVote: uuidv7(),
    election: uuidv7(),
    paper: uuidv7(),
    draftPaper: uuidv7(),
    version: uuidv7(),
    delegate: uuidv7(),
    others: [] as string[],
  };

  /** GETs a path (or absolute URL on the public address), collecting what it answers for the final checks. */
  async function get(url: string, status = 200) {
    const res = await app.inject({ method: 'GET', url: url.replace(PUBLIC_URL, '') });
    bodies.push(res.body);
    expect(res.statusCode, `${url}: ${res.body}`).toBe(status);
    return res;
  }

  async function follow(url: string, limit?: number): Promise<Obj[]> {
    const out: Obj[] = [];
    let next: string | undefined = limit ? `${url}?limit=${limit}` : url;
    let pages = 0;
    while (next) {
      const page = (await get(next)).json() as List;
      expect(page.data.length).toBeLessThanOrEqual(page.pagination.elementsPerPage);
      expect(page.pagination.elementsPerPage).toBeLessThanOrEqual(100);
      out.push(...page.data);
      next = page.links.next;
      pages += 1;
      expect(pages).toBeLessThan(1000);
    }
    seen.push(...out);
    return out;
  }

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    await importAdministrativeMap(database.db);
    await seedDemo(systemContext(database.db, 'test seed'), () => {}, { scale: 'small' });
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xaso-oparl-'));
    const config = loadConfig({
      XASO_WEB_DIR: '/nonexistent',
      XASO_DATA_DIR: dataDir,
      XASO_STORAGE: 'disk',
      XASO_PUBLIC_URL: `${PUBLIC_URL}/`,
      XASO_PUBLIC_RATE_LIMIT: '100000',
      XASO_MAX_EVENT_LOOP_DELAY_MS: '60000',
    });
    app = await buildApp({ config, database, logger: false });
    // Until the meetings module is wired into the composition root, register the routes here.
    if (!app.hasRoute({ method: 'GET', url: '/oparl/v1/system' }))
      registerOparlRoutes(app, { db: database.db, config });
    await app.ready();

    const db = database.db;
    const [council] = await db
      .select()
      .from(orgBodies)
      .where(and(eq(orgBodies.communeCode, CODE), eq(orgBodies.templateKey, 'hdnd')));
    const [delegates] = await db
      .select()
      .from(orgBodies)
      .where(and(eq(orgBodies.communeCode, CODE), eq(orgBodies.templateKey, 'hdnd_dai_bieu')));
    if (!council || !delegates) throw new Error('demo commune has no HĐND');
    // A delegate with private data that must never come out.
    await db.insert(orgOfficials).values({
      id: ids.delegate,
      communeCode: CODE,
      fullName: 'Nguyễn Thị Riêng Tư',
      nameFolded: 'nguyen thi rieng tu',
      dateOfBirth: secrets.dob,
      gender: 'female',
      phone: secrets.phone,
      email: secrets.email,
      formerUnitName: `CCCD ${secrets.cccd}`,
    });
    const others = Array.from({ length: 4 }, () => uuidv7());
    ids.others = others;
    await db.insert(orgOfficials).values(
      others.map((id, i) => ({
        id,
        communeCode: CODE,
        fullName: `Đại biểu Thử ${i + 1}`,
        nameFolded: `dai bieu thu ${i + 1}`,
        dateOfBirth: '1980-01-01',
        gender: 'male' as const,
      })),
    );
    await db.insert(orgPositions).values(
      [ids.delegate, ...others].map((officialId, i) => ({
        id: uuidv7(),
        communeCode: CODE,
        officialId,
        bodyId: i === 0 ? delegates.id : council.id,
        title: i === 1 ? 'Chủ tịch HĐND' : 'Đại biểu HĐND',
        startDate: '2025-07-01',
        endDate: i === 4 ? '2025-12-31' : null,
      })),
    );

    const at = (s: string) => new Date(s);
    const meeting = (id: string, extra: Partial<typeof meetings.$inferInsert>) => ({
      id,
      communeCode: CODE,
      bodyId: council.id,
      kind: 'regular',
      title: 'Kỳ họp thứ nhất HĐND xã',
      meetingDate: '2025-07-10',
      startsAt: at('2025-07-10T01:00:00Z'),
      place: 'Hội trường UBND xã Trần Phú',
      ...extra,
    });
    await db.insert(meetings).values([
      meeting(ids.closed, {
        status: 'closed',
        openedAt: at('2025-07-10T01:05:00Z'),
        closedAt: at('2025-07-10T04:00:00Z'),
      }),
      meeting(ids.cancelled, { status: 'cancelled', title: 'Kỳ họp chuyên đề (hoãn)' }),
      meeting(ids.rehearsal, { status: 'closed', rehearsal: true, title: 'DIỄN TẬP kỳ họp thứ nhất' }),
      meeting(ids.draft, { status: 'draft', title: 'Kỳ họp đang soạn' }),
      ...Array.from({ length: 7 }, (_, i) =>
        meeting(uuidv7(), {
          status: 'invited',
          title: `Kỳ họp thường lệ ${i + 1}`,
          meetingDate: `2025-08-${String(10 + i).padStart(2, '0')}`,
          startsAt: at(`2025-08-${String(10 + i).padStart(2, '0')}T01:00:00Z`),
        }),
      ),
    ]);
    await db.insert(meetingParticipants).values(
      [ids.delegate, ...others].map((officialId, i) => ({
        id: uuidv7(),
        meetingId: ids.closed,
        communeCode: CODE,
        role: 'member',
        officialId,
        fullName: `x${i}`,
        email: i === 0 ? secrets.email : null,
        checkedInAt: i < 4 ? at('2025-07-10T01:00:00Z') : null,
      })),
    );
    await db.insert(meetingAgendaItems).values([
      {
        id: ids.itemVote,
        meetingId: ids.closed,
        communeCode: CODE,
        position: 1,
        title: 'Thông qua Quy chế làm việc của HĐND xã',
        decision: 'open_vote',
        subject: 'resolution',
        status: 'done',
        startedAt: at('2025-07-10T01:10:00Z'),
        endedAt: at('2025-07-10T02:00:00Z'),
      },
      {
        id: ids.itemElection,
        meetingId: ids.closed,
        communeCode: CODE,
        position: 2,
        title: 'Bầu Chủ tịch HĐND xã',
        decision: 'election',
        status: 'done',
      },
      {
        id: ids.rehearsalItem,
        meetingId: ids.rehearsal,
        communeCode: CODE,
        position: 1,
        title: 'Nội dung diễn tập',
        decision: 'information',
      },
    ]);
    await db.insert(meetingVotes).values([
      {
        id: ids.openVote,
        meetingId: ids.closed,
        itemId: ids.itemVote,
        communeCode: CODE,
        voteType: 'open',
        method: 'electronic',
        question: 'Thông qua Quy chế làm việc',
        status: 'closed',
        basis: {},
        result: {},
        outcome: 'passed',
        openedAt: at('2025-07-10T01:50:00Z'),
        closedAt: at('2025-07-10T01:55:00Z'),
      },
      {
        id: ids.election,
        meetingId: ids.closed,
        itemId: ids.itemElection,
        communeCode: CODE,
        voteType: 'election',
        method: 'paper',
        question: 'Bầu Chủ tịch HĐND xã',
        seatsToFill: 1,
        status: 'closed',
        basis: {},
        result: {},
        outcome: 'held',
        openedAt: at('2025-07-10T02:10:00Z'),
        closedAt: at('2025-07-10T02:30:00Z'),
      },
    ]);
    await db.insert(meetingOpenBallots).values([
      { voteId: ids.openVote, officialId: ids.delegate, communeCode: CODE, choice: 'for', castBy: 'member' },
      {
        voteId: ids.openVote,
        officialId: others[0]!,
        communeCode: CODE,
        choice: 'against',
        castBy: 'secretary',
      },
      { voteId: ids.openVote, officialId: others[1]!, communeCode: CODE, choice: 'for', castBy: 'member' },
    ]);
    const candidate = uuidv7();
    await db.insert(meetingCandidates).values({
      id: candidate,
      voteId: ids.election,
      communeCode: CODE,
      officialId: others[1]!,
      fullName: 'Đại biểu Thử 2',
      positionBodyId: council.id,
      positionTitle: 'Chủ tịch HĐND',
      position: 1,
      elected: true,
    });
    await db.insert(meetingBallotVoters).values(
      [ids.delegate, others[0]!, others[1]!].map((officialId) => ({
        voteId: ids.election,
        officialId,
        communeCode: CODE,
      })),
    );
    await db.insert(meetingBallotTallies).values([
      { voteId: ids.election, choice: `approve:${candidate}`, communeCode: CODE, count: 3 },
      { voteId: ids.election, choice: 'invalid', communeCode: CODE, count: 0 },
    ]);
    const storage = await createFileStorage(config, db);
    const bytes = Buffer.from('%PDF-1.4\nQuy chế làm việc của HĐND xã Trần Phú\n');
    const storageKey = await storage.put(bytes);
    await db.insert(meetingPapers).values([
      {
        id: ids.paper,
        meetingId: ids.closed,
        communeCode: CODE,
        itemId: ids.itemVote,
        paperType: 'draft_regulation',
        title: 'Quy chế làm việc của HĐND xã',
        status: 'published',
        currentVersion: 1,
        adoptedVersion: 1,
        publishedAt: at('2025-07-11T02:00:00Z'),
      },
      {
        id: ids.draftPaper,
        meetingId: ids.closed,
        communeCode: CODE,
        paperType: 'report',
        title: 'Báo cáo chưa công bố',
        status: 'drafting',
      },
    ]);
    await db.insert(meetingPaperVersions).values({
      id: ids.version,
      paperId: ids.paper,
      communeCode: CODE,
      version: 1,
      body: 'Điều 1. Phạm vi',
      storageKey,
      fileName: 'quy-che-lam-viec.pdf',
      contentType: 'application/pdf',
      sizeBytes: bytes.length,
      sha256: storageKey.split('/').at(-1),
    });
  });

  afterAll(async () => {
    await app?.close();
    await database?.dispose();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('walks system → bodies → every list to the end; every object validates against its OParl 1.1 schema', async () => {
    const system = (await get('/oparl/v1/system')).json() as Obj;
    seen.push(system);
    expect(system).toMatchObject({
      id: `${BASE}/system`,
      type: 'https://schema.oparl.org/1.1/System',
      oparlVersion: 'https://schema.oparl.org/1.1/',
      body: `${BASE}/bodies`,
    });
    const allBodies = await follow(system.body as string, 100);
    const body = allBodies.find((b) => b.id === `${BASE}/bodies/${CODE}`);
    expect(body).toBeDefined();
    expect(body!.name).toContain('Trần Phú');
    expect(body!.legislativeTerm).toEqual([]);
    seen.push((await get(body!.id)).json() as Obj);

    const lists: Record<string, Obj[]> = {};
    for (const key of [
      'organization',
      'person',
      'membership',
      'meeting',
      'paper',
      'agendaItem',
      'consultation',
      'file',
      'locationList',
    ])
      lists[key] = await follow(body![key] as string, key === 'meeting' ? 3 : undefined);

    // Meetings: the real ones only — invited, closed and cancelled; never the draft nor the rehearsal.
    const meetingIds = lists.meeting!.map((m) => m.id);
    expect(meetingIds).toContain(`${BASE}/meetings/${ids.closed}`);
    expect(meetingIds).toContain(`${BASE}/meetings/${ids.cancelled}`);
    expect(meetingIds).not.toContain(`${BASE}/meetings/${ids.rehearsal}`);
    expect(meetingIds).not.toContain(`${BASE}/meetings/${ids.draft}`);
    expect(meetingIds.length).toBe(9);
    expect(new Set(meetingIds).size).toBe(9); // pages of 3 neither skip nor repeat
    expect(lists.meeting!.find((m) => m.id.endsWith(ids.cancelled))!.cancelled).toBe(true);
    const closed = lists.meeting!.find((m) => m.id.endsWith(ids.closed))!;
    expect(closed.meetingState).toBe('durchgeführt');
    expect((closed.location as Obj).description).toBe('Hội trường UBND xã Trần Phú');
    expect(closed.organization).toEqual([expect.stringMatching(/\/organizations\//)]);
    expect((closed.participant as string[]).length).toBe(4);
    expect((closed.agendaItem as Obj[]).map((i) => i.name)).toEqual([
      'Thông qua Quy chế làm việc của HĐND xã',
      'Bầu Chủ tịch HĐND xã',
    ]);
    expect(lists.agendaItem!.map((i) => i.id)).not.toContain(`${BASE}/agenda-items/${ids.rehearsalItem}`);

    // Papers: the published one only, with its adopted file and its consultation on the agenda item.
    expect(lists.paper!.map((p) => p.id)).toEqual([`${BASE}/papers/${ids.paper}`]);
    const paper = lists.paper![0]!;
    expect(paper.date).toBe('2025-07-11');
    expect((paper.mainFile as Obj).accessUrl).toBe(`${BASE}/files/${ids.version}/download`);
    expect((paper.mainFile as Obj)['xaso:sha256Checksum']).toMatch(/^[0-9a-f]{64}$/);
    expect((paper.consultation as Obj[])[0]!.agendaItem).toBe(`${BASE}/agenda-items/${ids.itemVote}`);
    expect(lists.consultation!.map((c) => c.paper)).toEqual([paper.id]);
    expect(lists.file!.map((f) => f.id)).toEqual([`${BASE}/files/${ids.version}`]);
    expect(lists.locationList!.length).toBe(9);

    // People: those holding positions in the bodies that meet; memberships with their dates.
    expect(lists.person!.map((p) => p.id)).toContain(`${BASE}/people/${ids.delegate}`);
    const ended = lists.membership!.find((m) => m.endDate === '2025-12-31');
    expect(ended).toMatchObject({ person: `${BASE}/people/${ids.others[3]}`, role: 'Đại biểu HĐND' });
    expect(lists.organization!.map((o) => o.name)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/Hội đồng nhân dân/),
        expect.stringMatching(/Ủy ban nhân dân/),
      ]),
    );

    // By id: each object equals its entry in the lists.
    for (const o of [
      closed,
      paper,
      lists.file![0]!,
      lists.consultation![0]!,
      lists.person![0]!,
      lists.organization![0]!,
      lists.membership![0]!,
      closed.location as Obj,
      (closed.agendaItem as Obj[])[0]!,
    ]) {
      const again = (await get(o.id)).json() as Obj;
      expect(again).toEqual(o);
      seen.push(again);
    }

    // The stored schemas have teeth: a wrong type or a relative id fails.
    expect(validators.Meeting!({ id: 'meetings/1', type: 'https://schema.oparl.org/1.1/Meeting' })).toBe(
      false,
    );
    expect(
      validators.AgendaItem!({
        id: `${BASE}/agenda-items/x`,
        type: 'https://schema.oparl.org/1.1/AgendaItem',
      }),
    ).toBe(false);
    expect(validators.File!({ ...(lists.file![0] as Obj), type: 'https://schema.oparl.org/1.0/File' })).toBe(
      false,
    );
    let checked = 0;
    const check = (o: Obj) => {
      const name = String(o.type).replace('https://schema.oparl.org/1.1/', '');
      const validate = validators[name];
      expect(validate, `no schema for ${o.type}`).toBeDefined();
      const ok = validate!(o);
      expect(ok, `${o.id}: ${JSON.stringify(validate!.errors)}`).toBe(true);
      checked += 1;
    };
    for (const o of seen) check(o);
    // Embedded objects validate on their own too.
    for (const m of lists.meeting!) for (const i of m.agendaItem as Obj[]) check(i);
    for (const p of lists.person!) for (const m of p.membership as Obj[]) check(m);
    expect(checked).toBeGreaterThan(40);
  });

  it('publishes per-member open votes and only the tallies of an election (OParl request #171)', async () => {
    const item = (await get(`/oparl/v1/agenda-items/${ids.itemVote}`)).json() as Obj;
    expect(item.result).toBe('Thông qua');
    const [vote] = item['xaso:votes'] as Record<string, unknown>[];
    expect(vote).toMatchObject({ outcome: 'passed', counts: { for: 2, against: 1 } });
    expect(vote!.votes).toEqual(
      expect.arrayContaining([
        { person: `${BASE}/people/${ids.delegate}`, choice: 'for' },
        { person: `${BASE}/people/${ids.others[0]}`, choice: 'against' },
      ]),
    );
    const election = (await get(`/oparl/v1/agenda-items/${ids.itemElection}`)).json() as Obj;
    const [held] = election['xaso:votes'] as Record<string, unknown>[];
    expect(held).not.toHaveProperty('votes');
    expect(held!.candidates).toEqual([
      {
        person: `${BASE}/people/${ids.others[1]}`,
        name: 'Đại biểu Thử 2',
        post: 'Chủ tịch HĐND',
        elected: true,
      },
    ]);
    expect(Object.values(held!.counts as Record<string, number>)).toContain(3);
  });

  it('serves the published file, byte for byte, and nothing else', async () => {
    const res = await get(`/oparl/v1/files/${ids.version}/download`);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.body).toContain('Quy chế làm việc');
    expect(res.headers['access-control-allow-origin']).toBe('*');
  });

  it('answers 404 problem+json for what is not public or not there, 400 naming the field for bad paging', async () => {
    for (const url of [
      `/oparl/v1/meetings/${ids.rehearsal}`,
      `/oparl/v1/meetings/${ids.draft}`,
      `/oparl/v1/agenda-items/${ids.rehearsalItem}`,
      `/oparl/v1/papers/${ids.draftPaper}`,
      `/oparl/v1/people/${uuidv7()}`,
      '/oparl/v1/meetings/not-a-uuid',
      '/oparl/v1/bodies/99999',
      '/oparl/v1/bodies/99999/meetings',
    ]) {
      const res = await get(url, 404);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    const bad = await get('/oparl/v1/bodies?limit=101', 400);
    expect(bad.body).toContain('limit');
  });

  it('is rate-limited like the other public endpoints', async () => {
    const res = await get('/oparl/v1/system');
    expect(res.headers['x-ratelimit-limit']).toBe('100000');
  });

  it('is listed in the OpenAPI document beside /api/v1', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
      paths: Record<string, unknown>;
    };
    for (const p of ['/oparl/v1/system', '/oparl/v1/bodies/{code}/meetings', '/oparl/v1/agenda-items/{id}'])
      expect(Object.keys(doc.paths)).toContain(p);
  });

  it('never lets out a date of birth, phone number, e-mail address or CCCD', async () => {
    expect(bodies.length).toBeGreaterThan(20);
    const all = bodies.join('\n');
    for (const secret of Object.values(secrets)) expect(all).not.toContain(secret);
    expect(all).not.toMatch(/"(email|phone|dateOfBirth|birthDate|gender)"/);
  });
});
