/**
 * OParl 1.1 read API under /oparl/v1 (what and how: mapping.ts). Public, read-only, rate-limited per client
 * address like the other public endpoints (XASO_PUBLIC_RATE_LIMIT), open to pages of other sites (CORS *: no
 * cookie is read here). These routes live outside /api/v1, where the access rule is enforced and listed; each
 * still declares `access: 'public'` (the authentication hook only reads /api requests anyway), is registered with
 * Zod schemas so the OpenAPI document lists it under the tag "oparl", and answers an unknown or non-public id with
 * a 404 problem+json.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppConfig } from '../../../config';
import type { Db } from '../../../db/database';
import { isUuid } from '../../../http/auth';
import { notFound } from '../../../http/errors';
import { publicRateLimit } from '../../../http/rate-limit';
import { createFileStorage, type FileStorage, matching } from '../../dossiers/storage';
import {
  agendaItemObject,
  bodyObject,
  consultationObject,
  fileObject,
  type ItemRow,
  listPage,
  locationObject,
  type MeetingRow,
  meetingObject,
  membershipObject,
  type OparlObject,
  organizationObject,
  type PaperRow,
  paperObject,
  personObject,
  systemObject,
  type Urls,
  urlsFor,
  vnDate,
} from './mapping';
import * as q from './queries';

/** OParl: lists are paged; at most 100 objects a page. */
export const MAX_PAGE = 100;
const DEFAULT_PAGE = 50;

const tags = ['oparl'];
const OparlObjectSchema = z.object({ id: z.string(), type: z.string() }).passthrough();
const OparlList = z.object({
  data: z.array(OparlObjectSchema),
  pagination: z.object({
    totalElements: z.number().int(),
    elementsPerPage: z.number().int(),
    currentPage: z.number().int(),
    totalPages: z.number().int(),
  }),
  links: z.object({
    first: z.string(),
    prev: z.string().optional(),
    next: z.string().optional(),
    last: z.string(),
  }),
});
const PageQuery = z.object({
  page: z.coerce.number().int().min(1).max(1_000_000).default(1),
  limit: z.coerce.number().int().min(1).max(MAX_PAGE).default(DEFAULT_PAGE),
});
const CodeParam = z.object({ code: z.string().regex(/^\d{5}$/, { message: 'commune_code' }) });
const IdParam = z.object({ id: z.string().max(64) });

const missing = (what: string, id: string) =>
  ({
    body: notFound('xã', 'commune', id),
    organization: notFound('cơ quan', 'organization', id),
    person: notFound('người', 'person', id),
    membership: notFound('chức vụ', 'membership', id),
    meeting: notFound('cuộc họp', 'meeting', id),
    agendaItem: notFound('nội dung', 'agenda item', id),
    paper: notFound('tài liệu', 'paper', id),
    file: notFound('tệp', 'file', id),
  })[what]!;

export interface OparlDeps {
  db: Db;
  config: AppConfig;
  storage?: FileStorage;
}

export function registerOparlRoutes(app: FastifyInstance, deps: OparlDeps) {
  const { db, config } = deps;
  const urls = urlsFor(config.publicUrl);
  const r = app.withTypeProvider<ZodTypeProvider>();
  const routeConfig = { ...publicRateLimit(config.publicRateLimit), access: 'public' as const };
  let storage: Promise<FileStorage> | null = deps.storage ? Promise.resolve(deps.storage) : null;
  const today = () => vnDate(new Date());

  const send = <T>(reply: FastifyReply, body: T) =>
    reply.header('access-control-allow-origin', '*').header('cache-control', 'public, max-age=60').send(body);

  async function communeOrThrow(code: string) {
    const commune = await q.findCommune(db, code);
    if (!commune) throw missing('body', code);
    return commune;
  }

  const pageOf = (query: { page: number; limit: number }) => ({
    limit: query.limit,
    offset: (query.page - 1) * query.limit,
  });

  async function meetingObjects(meetingRows: MeetingRow[], personIds: ReadonlySet<string>) {
    const ids = meetingRows.map((m) => m.id);
    const [items, participants] = await Promise.all([q.itemsOfMeetings(db, ids), q.participantsOf(db, ids)]);
    const objects = await itemObjects(items, personIds);
    return meetingRows.map((m) =>
      meetingObject(urls, m, {
        agendaItems: objects.filter((_, i) => items[i]!.meetingId === m.id),
        participantIds: (participants.get(m.id) ?? []).filter((id) => personIds.has(id)),
      }),
    );
  }

  async function itemObjects(items: ItemRow[], personIds: ReadonlySet<string>) {
    const ids = items.map((i) => i.id);
    const [votes, papers] = await Promise.all([q.closedVotesOf(db, ids), q.papersOfItems(db, ids)]);
    return items.map((i) =>
      agendaItemObject(urls, i, {
        consultationPaperId: papers.get(i.id) ?? null,
        votes: votes.get(i.id) ?? [],
        personIds,
      }),
    );
  }

  async function paperObjects(papers: PaperRow[]) {
    const files = await q.filesOfPapers(
      db,
      papers.map((p) => p.id),
    );
    return papers.map((p) => paperObject(urls, p, files.get(p.id) ?? null));
  }

  const personIdsOf = async (communeCode: string) =>
    new Set((await q.communeRoster(db, communeCode)).people.map((p) => p.id));

  function inMemoryPage(listUrl: string, all: OparlObject[], query: { page: number; limit: number }) {
    const { offset, limit } = pageOf(query);
    return listPage(listUrl, all.slice(offset, offset + limit), { ...query, total: all.length });
  }

  r.get(
    '/oparl/v1/system',
    {
      config: routeConfig,
      schema: {
        tags,
        summary: 'OParl System: điểm vào của API dữ liệu mở (OParl 1.1 entry point)',
        response: { 200: OparlObjectSchema },
      },
    },
    async (_req, reply) => send(reply, systemObject(urls, config.publicUrl, await q.firstActivation(db))),
  );

  r.get(
    '/oparl/v1/bodies',
    {
      config: routeConfig,
      schema: {
        tags,
        summary: 'OParl Body: các xã, phường đã kích hoạt (activated communes)',
        querystring: PageQuery,
        response: { 200: OparlList },
      },
    },
    async (req, reply) => {
      const { rows, total } = await q.listCommunes(db, pageOf(req.query));
      return send(
        reply,
        listPage(
          urls.bodies(),
          rows.map((c) => bodyObject(urls, c)),
          { ...req.query, total },
        ),
      );
    },
  );

  r.get(
    '/oparl/v1/bodies/:code',
    {
      config: routeConfig,
      schema: {
        tags,
        summary: 'OParl Body của một xã (one commune)',
        params: CodeParam,
        response: { 200: OparlObjectSchema },
      },
    },
    async (req, reply) => send(reply, bodyObject(urls, await communeOrThrow(req.params.code))),
  );

  const bodyList = (
    path: string,
    summary: string,
    handler: (code: string, query: { page: number; limit: number }) => Promise<ReturnType<typeof listPage>>,
  ) =>
    r.get(
      `/oparl/v1/bodies/:code/${path}`,
      {
        config: routeConfig,
        schema: { tags, summary, params: CodeParam, querystring: PageQuery, response: { 200: OparlList } },
      },
      async (req, reply) => {
        await communeOrThrow(req.params.code);
        return send(reply, await handler(req.params.code, req.query));
      },
    );

  bodyList(
    'organizations',
    'OParl Organization: các cơ quan họp của xã (HĐND, UBND, Đảng ủy…)',
    async (code, query) => {
      const { organizations, positions } = await q.communeRoster(db, code);
      const listed = new Set(organizations.map((o) => o.id));
      const all = organizations.map((o) =>
        organizationObject(urls, o, {
          membershipIds: positions.filter((p) => p.bodyId === o.id).map((p) => p.id),
          parentListed: !!o.parentId && listed.has(o.parentId),
        }),
      );
      return inMemoryPage(urls.bodyList(code, 'organizations'), all, query);
    },
  );

  bodyList(
    'people',
    'OParl Person: thành viên các cơ quan (chỉ họ tên và chức danh)',
    async (code, query) => {
      const { people, positions } = await q.communeRoster(db, code);
      const day = today();
      const all = people.map((p) =>
        personObject(
          urls,
          p,
          positions.filter((x) => x.officialId === p.id),
          day,
        ),
      );
      return inMemoryPage(urls.bodyList(code, 'people'), all, query);
    },
  );

  bodyList(
    'memberships',
    'OParl Membership: chức vụ trong các cơ quan, từ ngày đến ngày',
    async (code, query) => {
      const { positions } = await q.communeRoster(db, code);
      return inMemoryPage(
        urls.bodyList(code, 'memberships'),
        positions.map((p) => membershipObject(urls, p)),
        query,
      );
    },
  );

  bodyList('meetings', 'OParl Meeting: các cuộc họp đã mời (không gồm diễn tập)', async (code, query) => {
    const { rows, total } = await q.listMeetings(db, code, pageOf(query));
    const data = await meetingObjects(rows, await personIdsOf(code));
    return listPage(urls.bodyList(code, 'meetings'), data, { ...query, total });
  });

  bodyList(
    'agenda-items',
    'OParl AgendaItem: nội dung họp, kèm kết quả biểu quyết (xaso:votes)',
    async (code, query) => {
      const { rows, total } = await q.listItems(db, code, pageOf(query));
      const data = await itemObjects(rows, await personIdsOf(code));
      return listPage(urls.bodyList(code, 'agenda-items'), data, { ...query, total });
    },
  );

  bodyList('papers', 'OParl Paper: tài liệu đã công bố', async (code, query) => {
    const { rows, total } = await q.listPapers(db, code, pageOf(query));
    return listPage(urls.bodyList(code, 'papers'), await paperObjects(rows), { ...query, total });
  });

  bodyList('consultations', 'OParl Consultation: tài liệu ↔ nội dung họp', async (code, query) => {
    const { rows, total } = await q.listPapers(db, code, pageOf(query), true);
    return listPage(
      urls.bodyList(code, 'consultations'),
      rows.map((p) => consultationObject(urls, p)),
      { ...query, total },
    );
  });

  bodyList('files', 'OParl File: tệp của tài liệu đã công bố (bản được thông qua)', async (code, query) => {
    const { rows, total } = await q.listFiles(db, code, pageOf(query));
    return listPage(
      urls.bodyList(code, 'files'),
      rows.map((f) => fileObject(urls, f)),
      { ...query, total },
    );
  });

  bodyList('locations', 'OParl Location: địa điểm các cuộc họp (văn bản)', async (code, query) => {
    const { rows, total } = await q.listMeetings(db, code, pageOf(query));
    return listPage(
      urls.bodyList(code, 'locations'),
      rows.map((m) => locationObject(urls, m)),
      { ...query, total },
    );
  });

  const byId = (
    path: string,
    summary: string,
    handler: (id: string) => Promise<OparlObject | null>,
    what: string,
  ) =>
    r.get(
      `/oparl/v1/${path}/:id`,
      {
        config: routeConfig,
        schema: { tags, summary, params: IdParam, response: { 200: OparlObjectSchema } },
      },
      async (req, reply) => {
        const found = isUuid(req.params.id) ? await handler(req.params.id) : null;
        if (!found) throw missing(what, req.params.id);
        return send(reply, found);
      },
    );

  /** The roster of the commune a record of the org module belongs to. */
  const rosterOf = async (communeCode: string | undefined) =>
    communeCode ? q.communeRoster(db, communeCode) : null;

  byId(
    'organizations',
    'OParl Organization',
    async (id) => {
      const [body] = await q.bodyCommune(db, id);
      const roster = await rosterOf(body?.communeCode);
      const o = roster?.organizations.find((x) => x.id === id);
      if (!roster || !o) return null;
      return organizationObject(urls, o, {
        membershipIds: roster.positions.filter((p) => p.bodyId === id).map((p) => p.id),
        parentListed: !!o.parentId && roster.organizations.some((x) => x.id === o.parentId),
      });
    },
    'organization',
  );

  byId(
    'people',
    'OParl Person (chỉ họ tên và chức danh)',
    async (id) => {
      const [official] = await q.officialCommune(db, id);
      const roster = await rosterOf(official?.communeCode);
      const p = roster?.people.find((x) => x.id === id);
      if (!roster || !p) return null;
      return personObject(
        urls,
        p,
        roster.positions.filter((x) => x.officialId === id),
        today(),
      );
    },
    'person',
  );

  byId(
    'memberships',
    'OParl Membership',
    async (id) => {
      const [position] = await q.positionCommune(db, id);
      const roster = await rosterOf(position?.communeCode);
      const p = roster?.positions.find((x) => x.id === id);
      return p ? membershipObject(urls, p) : null;
    },
    'membership',
  );

  byId(
    'meetings',
    'OParl Meeting',
    async (id) => {
      const m = await q.findMeeting(db, id);
      if (!m) return null;
      const [object] = await meetingObjects([m], await personIdsOf(m.communeCode));
      return object ?? null;
    },
    'meeting',
  );

  byId(
    'locations',
    'OParl Location (địa điểm của một cuộc họp)',
    async (id) => {
      const m = await q.findMeeting(db, id);
      return m ? locationObject(urls, m) : null;
    },
    'meeting',
  );

  byId(
    'agenda-items',
    'OParl AgendaItem (kèm xaso:votes)',
    async (id) => {
      const item = await q.findItem(db, id);
      if (!item) return null;
      const [object] = await itemObjects([item], await personIdsOf(item.communeCode));
      return object ?? null;
    },
    'agendaItem',
  );

  byId(
    'papers',
    'OParl Paper',
    async (id) => {
      const p = await q.findPaper(db, id);
      if (!p) return null;
      const [object] = await paperObjects([p]);
      return object ?? null;
    },
    'paper',
  );

  byId(
    'consultations',
    'OParl Consultation (id = id của tài liệu)',
    async (id) => {
      const p = await q.findPaper(db, id);
      return p?.itemId ? consultationObject(urls, p) : null;
    },
    'paper',
  );

  byId(
    'files',
    'OParl File',
    async (id) => {
      const f = await q.findFile(db, id);
      return f ? fileObject(urls, f) : null;
    },
    'file',
  );

  r.get(
    '/oparl/v1/files/:id/download',
    {
      config: routeConfig,
      schema: {
        tags,
        summary: 'Tải tệp của tài liệu đã công bố (download a published file)',
        params: IdParam,
      },
    },
    async (req, reply) => {
      const f = isUuid(req.params.id) ? await q.findFile(db, req.params.id) : null;
      if (!f?.storageKey) throw missing('file', req.params.id);
      storage ??= createFileStorage(config, db);
      const bytes = matching(f.storageKey, await (await storage).get(f.storageKey));
      if (!bytes) throw missing('file', req.params.id);
      const name = f.fileName ?? `tai-lieu-${f.version}`;
      return reply
        .header('access-control-allow-origin', '*')
        .header('content-type', f.contentType ?? 'application/octet-stream')
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(name)}`)
        .header('x-content-type-options', 'nosniff')
        .send(bytes);
    },
  );
}

export type { Urls };
