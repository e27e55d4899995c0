/**
 * OParl 1.1 (https://oparl.org, schemas in tests/fixtures/oparl) objects from XãSố's records — pure functions, no
 * database. The mapping:
 *  - System: this XãSố instance. Body (Körperschaft): one per activated commune (xã, phường, đặc khu).
 *  - Organization (Gremium): the commune's bodies that meet — Đảng ủy and its BCH/BTV/Thường trực, HĐND and its
 *    Thường trực, Ban and Đại biểu HĐND, UBND — and any other body with meeting settings or a meeting.
 *  - Person: an official holding (or having held) a position in one of those bodies. Only what is public for a
 *    delegate: the name and the titles. Never the date of birth, gender, phone, e-mail or former unit.
 *  - Membership: a position (chức vụ) in one of those bodies, with its start and end date.
 *  - Meeting: a meeting once invited (drafts are not public), cancelled ones with `cancelled: true`. Rehearsals
 *    (diễn tập) are left out: they are exercises, never numbered and out of statistics, and a generic OParl client
 *    would show one as a real session (a keyword is not something clients understand). Archived ones likewise.
 *  - AgendaItem: the items of those meetings; per-member votes as the extension `xaso:votes` (OParl has no vote
 *    object: open request OParl/spec#171) — open votes per person once closed, secret ballots and elections only as
 *    tallies (no ballot is linked to a member anywhere in XãSố).
 *  - Paper: published papers of those meetings; File: the adopted (published) version's file, with the SHA-256 as
 *    `xaso:sha256Checksum` (OParl 1.1 has only sha1Checksum / sha512Checksum properties); Consultation: a paper on
 *    its agenda item (id = the paper's id: a paper belongs to at most one item).
 *  - Location: a meeting's place, as text (id = the meeting's id).
 *  - LegislativeTerm: none (`legislativeTerm: []`): XãSố records no nhiệm kỳ of its bodies yet, and the term of a
 *    commune formed in 2025 is not a fact the records hold.
 * Ids are absolute URLs on the configured public address (XASO_PUBLIC_URL), as on printed slips — never taken from
 * the request's Host header.
 */

export const OPARL = 'https://schema.oparl.org/1.1/';
export const typeOf = (name: string) => `${OPARL}${name}`;

export interface Urls {
  base: string;
  system(): string;
  bodies(): string;
  body(code: string): string;
  bodyList(code: string, list: string): string;
  organization(id: string): string;
  person(id: string): string;
  membership(id: string): string;
  meeting(id: string): string;
  agendaItem(id: string): string;
  paper(id: string): string;
  consultation(paperId: string): string;
  file(id: string): string;
  fileDownload(id: string): string;
  location(meetingId: string): string;
}

export function urlsFor(publicUrl: string): Urls {
  const base = `${publicUrl.replace(/\/+$/, '')}/oparl/v1`;
  return {
    base,
    system: () => `${base}/system`,
    bodies: () => `${base}/bodies`,
    body: (code) => `${base}/bodies/${code}`,
    bodyList: (code, list) => `${base}/bodies/${code}/${list}`,
    organization: (id) => `${base}/organizations/${id}`,
    person: (id) => `${base}/people/${id}`,
    membership: (id) => `${base}/memberships/${id}`,
    meeting: (id) => `${base}/meetings/${id}`,
    agendaItem: (id) => `${base}/agenda-items/${id}`,
    paper: (id) => `${base}/papers/${id}`,
    consultation: (paperId) => `${base}/consultations/${paperId}`,
    file: (id) => `${base}/files/${id}`,
    fileDownload: (id) => `${base}/files/${id}/download`,
    location: (meetingId) => `${base}/locations/${meetingId}`,
  };
}

export type OparlObject = Record<string, unknown> & { id: string; type: string };

const iso = (d: Date | string | null | undefined): string | undefined =>
  d == null ? undefined : (d instanceof Date ? d : new Date(d)).toISOString();

/** The calendar day in Việt Nam of an instant (OParl `date` properties). */
export const vnDate = (d: Date | string): string =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(
    d instanceof Date ? d : new Date(d),
  );

/** Drops undefined properties (OParl: a property without a value is left out, not null). */
function clean<T extends Record<string, unknown>>(o: T): T {
  for (const k of Object.keys(o)) if (o[k] === undefined) delete o[k];
  return o;
}

export function systemObject(urls: Urls, publicUrl: string, created: Date | null): OparlObject {
  return clean({
    id: urls.system(),
    type: typeOf('System'),
    oparlVersion: OPARL,
    body: urls.bodies(),
    name: 'XãSố — nền tảng chính quyền cấp xã số',
    website: publicUrl,
    created: iso(created),
    modified: iso(created),
    deleted: false,
  });
}

export interface CommuneRow {
  code: string;
  name: string;
  kind: string;
  activatedOn: string;
  createdAt: Date;
}

const COMMUNE_KIND: Record<string, string> = { xa: 'Xã', phuong: 'Phường', dac_khu: 'Đặc khu' };

export function bodyObject(urls: Urls, c: CommuneRow): OparlObject {
  const list = (name: string) => urls.bodyList(c.code, name);
  return clean({
    id: urls.body(c.code),
    type: typeOf('Body'),
    system: urls.system(),
    name: c.name,
    shortName: c.name.replace(/^(Xã|Phường|Đặc khu)\s+/u, ''),
    classification: COMMUNE_KIND[c.kind] ?? c.kind,
    rgs: c.code,
    organization: list('organizations'),
    person: list('people'),
    meeting: list('meetings'),
    paper: list('papers'),
    agendaItem: list('agenda-items'),
    consultation: list('consultations'),
    file: list('files'),
    locationList: list('locations'),
    membership: list('memberships'),
    legislativeTerm: [],
    oparlSince: iso(c.createdAt),
    created: iso(c.createdAt),
    modified: iso(c.createdAt),
    deleted: false,
  });
}

export interface OrgBodyRow {
  id: string;
  communeCode: string;
  parentId: string | null;
  category: string;
  name: string;
  shortName: string | null;
  openedOn: string;
  closedOn: string | null;
  createdAt: Date;
}

const CLASSIFICATION: Record<string, string> = {
  party: 'Đảng ủy',
  council: 'Hội đồng nhân dân',
  government: 'Ủy ban nhân dân',
  group: 'Cơ quan thuộc',
};

export function organizationObject(
  urls: Urls,
  b: OrgBodyRow,
  opts: { membershipIds: string[]; parentListed: boolean },
): OparlObject {
  return clean({
    id: urls.organization(b.id),
    type: typeOf('Organization'),
    body: urls.body(b.communeCode),
    name: b.name,
    shortName: b.shortName ?? undefined,
    membership: opts.membershipIds.map((id) => urls.membership(id)),
    subOrganizationOf: b.parentId && opts.parentListed ? urls.organization(b.parentId) : undefined,
    organizationType: 'Gremium',
    classification: CLASSIFICATION[b.category] ?? b.category,
    startDate: b.openedOn,
    endDate: b.closedOn ?? undefined,
    created: iso(b.createdAt),
    modified: iso(b.createdAt),
    deleted: false,
  });
}

export interface PositionRow {
  id: string;
  officialId: string;
  bodyId: string;
  communeCode: string;
  title: string;
  startDate: string;
  endDate: string | null;
  createdAt: Date;
}

export function membershipObject(urls: Urls, p: PositionRow, withPerson = true): OparlObject {
  return clean({
    id: urls.membership(p.id),
    type: typeOf('Membership'),
    person: withPerson ? urls.person(p.officialId) : undefined,
    organization: urls.organization(p.bodyId),
    role: p.title,
    startDate: p.startDate,
    endDate: p.endDate ?? undefined,
  });
}

/** Only public data: the name and the titles held (never date of birth, phone, e-mail, CCCD, gender). */
export interface PublicPersonRow {
  id: string;
  communeCode: string;
  fullName: string;
  createdAt: Date;
  updatedAt: Date;
}

export function personObject(
  urls: Urls,
  o: PublicPersonRow,
  positions: PositionRow[],
  today: string,
): OparlObject {
  const current = positions.filter((p) => p.startDate <= today && (p.endDate == null || p.endDate >= today));
  return clean({
    id: urls.person(o.id),
    type: typeOf('Person'),
    body: urls.body(o.communeCode),
    name: o.fullName,
    status: [...new Set(current.map((p) => p.title))],
    membership: positions.map((p) => membershipObject(urls, p, false)),
    created: iso(o.createdAt),
    modified: iso(o.updatedAt),
    deleted: false,
  });
}

export interface MeetingRow {
  id: string;
  communeCode: string;
  bodyId: string;
  title: string;
  place: string;
  status: string;
  startsAt: Date;
  openedAt: Date | null;
  closedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/** OParl's recommended states: terminiert (planned), eingeladen (invited, until the record is final), durchgeführt. */
const MEETING_STATE: Record<string, string> = {
  invited: 'eingeladen',
  in_progress: 'eingeladen',
  closed: 'durchgeführt',
  cancelled: 'terminiert',
};

export function locationObject(urls: Urls, m: MeetingRow): OparlObject {
  return clean({
    id: urls.location(m.id),
    type: typeOf('Location'),
    description: m.place,
    meetings: [urls.meeting(m.id)],
    created: iso(m.createdAt),
    modified: iso(m.updatedAt),
    deleted: false,
  });
}

export function meetingObject(
  urls: Urls,
  m: MeetingRow,
  opts: { agendaItems: OparlObject[]; participantIds: string[] },
): OparlObject {
  return clean({
    id: urls.meeting(m.id),
    type: typeOf('Meeting'),
    name: m.title,
    meetingState: MEETING_STATE[m.status] ?? m.status,
    cancelled: m.status === 'cancelled',
    start: iso(m.openedAt ?? m.startsAt),
    end: iso(m.closedAt),
    location: locationObject(urls, m),
    organization: [urls.organization(m.bodyId)],
    // OParl: those who took part — only once the meeting has taken place.
    participant: m.status === 'closed' ? opts.participantIds.map((id) => urls.person(id)) : undefined,
    agendaItem: opts.agendaItems,
    'xaso:status': m.status,
    created: iso(m.createdAt),
    modified: iso(m.updatedAt),
    deleted: false,
  });
}

export interface ItemRow {
  id: string;
  meetingId: string;
  position: number;
  title: string;
  decision: string;
  status: string;
  startedAt: Date | null;
  endedAt: Date | null;
  createdAt: Date;
}

/** A closed vote as published: open votes per person, secret ballots and elections only as counts. */
export interface PublishedVote {
  id: string;
  voteType: string;
  method: string;
  question: string;
  outcome: string | null;
  closedAt: Date | null;
  counts: Record<string, number>;
  /** Open votes only. */
  ballots?: { officialId: string; choice: string }[];
  /** Elections only. */
  candidates?: { officialId: string; fullName: string; positionTitle: string; elected: boolean | null }[];
}

const OUTCOME: Record<string, string> = { passed: 'Thông qua', failed: 'Không thông qua', held: 'Đã bầu' };
const DECISION: Record<string, string> = {
  information: 'Thông tin',
  opinion: 'Cho ý kiến',
  open_vote: 'Biểu quyết công khai',
  secret_ballot: 'Bỏ phiếu kín',
  election: 'Bầu cử',
};

export function voteExtension(urls: Urls, v: PublishedVote, personIds: ReadonlySet<string>) {
  return clean({
    id: v.id,
    question: v.question,
    voteType: v.voteType,
    method: v.method,
    outcome: v.outcome ?? undefined,
    result: v.outcome ? (OUTCOME[v.outcome] ?? v.outcome) : undefined,
    closed: iso(v.closedAt),
    counts: v.counts,
    votes: v.ballots?.map((b) => ({
      person: personIds.has(b.officialId) ? urls.person(b.officialId) : undefined,
      choice: b.choice,
    })),
    candidates: v.candidates?.map((c) =>
      clean({
        person: personIds.has(c.officialId) ? urls.person(c.officialId) : undefined,
        name: c.fullName,
        post: c.positionTitle,
        elected: c.elected ?? undefined,
      }),
    ),
  });
}

export function agendaItemObject(
  urls: Urls,
  i: ItemRow,
  opts: { consultationPaperId: string | null; votes: PublishedVote[]; personIds: ReadonlySet<string> },
): OparlObject {
  const last = opts.votes.at(-1);
  return clean({
    id: urls.agendaItem(i.id),
    type: typeOf('AgendaItem'),
    meeting: urls.meeting(i.meetingId),
    number: String(i.position),
    order: i.position,
    name: i.title,
    public: true,
    consultation: opts.consultationPaperId ? urls.consultation(opts.consultationPaperId) : undefined,
    result: last?.outcome ? (OUTCOME[last.outcome] ?? last.outcome) : undefined,
    start: iso(i.startedAt),
    end: iso(i.endedAt),
    keyword: [DECISION[i.decision] ?? i.decision],
    'xaso:votes': opts.votes.map((v) => voteExtension(urls, v, opts.personIds)),
    created: iso(i.createdAt),
    modified: iso(i.endedAt ?? i.startedAt ?? i.createdAt),
    deleted: false,
  });
}

export interface PaperRow {
  id: string;
  meetingId: string;
  communeCode: string;
  itemId: string | null;
  paperType: string;
  title: string;
  publishedAt: Date | null;
  createdAt: Date;
  bodyId: string;
  itemDecision: string | null;
}

export interface FileRow {
  id: string;
  paperId: string;
  meetingId: string;
  itemId: string | null;
  version: number;
  fileName: string | null;
  contentType: string | null;
  sizeBytes: number | null;
  sha256: string | null;
  createdAt: Date;
  paperTitle: string;
}

const PAPER_TYPE: Record<string, string> = {
  draft_regulation: 'Dự thảo quy chế',
  draft_resolution: 'Dự thảo nghị quyết',
  report: 'Báo cáo',
  proposal: 'Tờ trình',
  other: 'Tài liệu khác',
};

export function fileObject(urls: Urls, f: FileRow): OparlObject {
  return clean({
    id: urls.file(f.id),
    type: typeOf('File'),
    name: `${f.paperTitle} (bản ${f.version})`,
    fileName: f.fileName ?? undefined,
    mimeType: f.contentType ?? undefined,
    date: vnDate(f.createdAt),
    size: f.sizeBytes ?? undefined,
    'xaso:sha256Checksum': f.sha256 ?? undefined,
    accessUrl: urls.fileDownload(f.id),
    downloadUrl: urls.fileDownload(f.id),
    meeting: [urls.meeting(f.meetingId)],
    agendaItem: f.itemId ? [urls.agendaItem(f.itemId)] : undefined,
    paper: [urls.paper(f.paperId)],
    created: iso(f.createdAt),
    modified: iso(f.createdAt),
    deleted: false,
  });
}

export function consultationObject(urls: Urls, p: PaperRow): OparlObject {
  return clean({
    id: urls.consultation(p.id),
    type: typeOf('Consultation'),
    paper: urls.paper(p.id),
    agendaItem: p.itemId ? urls.agendaItem(p.itemId) : undefined,
    meeting: urls.meeting(p.meetingId),
    organization: [urls.organization(p.bodyId)],
    authoritative: p.itemDecision
      ? ['open_vote', 'secret_ballot', 'election'].includes(p.itemDecision)
      : undefined,
    role: p.itemDecision ? (DECISION[p.itemDecision] ?? p.itemDecision) : undefined,
  });
}

export function paperObject(urls: Urls, p: PaperRow, file: FileRow | null): OparlObject {
  return clean({
    id: urls.paper(p.id),
    type: typeOf('Paper'),
    body: urls.body(p.communeCode),
    name: p.title,
    date: p.publishedAt ? vnDate(p.publishedAt) : undefined,
    paperType: PAPER_TYPE[p.paperType] ?? p.paperType,
    mainFile: file ? fileObject(urls, file) : undefined,
    underDirectionOf: [urls.organization(p.bodyId)],
    consultation: p.itemId ? [consultationObject(urls, p)] : [],
    created: iso(p.createdAt),
    modified: iso(p.publishedAt ?? p.createdAt),
    deleted: false,
  });
}

/** OParl §pagination: `data`, `pagination` and `links` (first, prev, next, last) of one page of a list. */
export function listPage(
  listUrl: string,
  data: OparlObject[],
  page: { page: number; limit: number; total: number },
) {
  const totalPages = Math.max(1, Math.ceil(page.total / page.limit));
  const at = (n: number) => `${listUrl}?page=${n}&limit=${page.limit}`;
  return {
    data,
    pagination: {
      totalElements: page.total,
      elementsPerPage: page.limit,
      currentPage: page.page,
      totalPages,
    },
    links: clean({
      first: at(1),
      prev: page.page > 1 ? at(Math.min(page.page - 1, totalPages)) : undefined,
      next: page.page < totalPages ? at(page.page + 1) : undefined,
      last: at(totalPages),
    }),
  };
}
