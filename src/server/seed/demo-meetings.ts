/**
 * Demo meetings (demo mode only): in Trần Phú and Sông Trí, the People's Council's delegates (fictional people
 * who are not civil servants, registered as officials holding the position "Đại biểu HĐND"), a delegate's
 * account (daibieu.<x>, role council_member, linked to that delegate), the rehearsal first session of the
 * Council on the trial day 20 June 2025 (held and closed, with its minutes) and a real UBND meeting in
 * preparation. Idempotent: a commune that already has delegates or meetings is left as it is.
 */
import { eq, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { AgendaItemRequest } from '../../common/api/meetings';
import { foldVietnamese } from '../../common/text';
import type { AppConfig } from '../config';
import { inTransaction, type WriteContext } from '../db/transaction';
import { auditAll } from '../modules/audit/service';
import { accountExists, createAccount, findAccountByUsername, linkOfficial } from '../modules/auth/accounts';
import { hashPassword } from '../modules/auth/service';
import type { FileStorage } from '../modules/dossiers/storage';
import type { MeetingActor } from '../modules/meetings/actor';
import { finishItem, startItem, startSpeech, stopSpeech, updateItem } from '../modules/meetings/agenda';
import { enterPaperTally } from '../modules/meetings/ballots';
import { canMeet, communeBodySettings, saveBodySettings } from '../modules/meetings/bodies-settings';
import { inviteMeeting } from '../modules/meetings/invitations';
import { membersOn } from '../modules/meetings/members';
import { editMinutes, saveMinutesLock } from '../modules/meetings/minutes';
import { meetingParticipants } from '../modules/meetings/schema';
import { addItems, castAll, checkInAll, issueAll, paperAll, respondAll } from '../modules/meetings/seed-bulk';
import { closeMeeting, createMeeting, listMeetings, openMeeting } from '../modules/meetings/service';
import { createTask } from '../modules/meetings/tasks';
import { closeVote, getVote, getVoteRow, openVote } from '../modules/meetings/votes';
import { listBodies, listOfficials } from '../modules/org';
import { todayInVietnam } from '../modules/org/document-format';
import { orgOfficials, orgPositions } from '../modules/org/schema';
import { findCommuneLocation } from '../modules/units/service';

export const MEETING_DEMO_COMMUNES: [code: string, slug: string][] = [
  ['18100', 'tranphu'],
  ['18754', 'songtri'],
];

/** Delegates already in office when the new commune's council met first (counted on the session's day). */
const TRIAL_DAY = '2025-06-20';
/** Delegates already in office when the new commune's council met first. */
export const DELEGATES_FROM = '2025-06-16';
/** Seats of the demo council: 21 delegates hold a seat (the chair and 20 others), 4 seats are vacant. */
export const DEMO_COUNCIL_SEATS = 25;
const DELEGATES = 20;

const FAMILY = [
  'Nguyễn',
  'Trần',
  'Lê',
  'Phạm',
  'Hoàng',
  'Phan',
  'Võ',
  'Đặng',
  'Bùi',
  'Đỗ',
  'Hồ',
  'Ngô',
  'Dương',
];
const MIDDLE = ['Văn', 'Thị', 'Đình', 'Hữu', 'Minh', 'Thanh', 'Quốc', 'Ngọc'];
const GIVEN = ['Tâm', 'Hiền', 'Lực', 'Nga', 'Tùng', 'Vân', 'Thắng', 'Hằng', 'Kiên', 'Loan', 'Toàn', 'Xuân'];

/** The council's delegates of a demo commune (idempotent: none are added when one already exists). */
export async function seedDemoDelegates(
  ctx: WriteContext,
  communeCode: string,
  seed: number,
): Promise<string[]> {
  const bodies = await listBodies(ctx.db, communeCode, { includeClosed: false });
  const delegatesBody = bodies.find((b) => b.templateKey === 'hdnd_dai_bieu');
  if (!delegatesBody) return [];
  const people = Array.from({ length: DELEGATES }, (_, i) => {
    const middle = MIDDLE[(i + seed) % MIDDLE.length]!;
    const female = middle === 'Thị' || middle === 'Ngọc';
    const fullName = `${FAMILY[(i * 5 + seed) % FAMILY.length]} ${middle} ${GIVEN[(i * 7 + seed) % GIVEN.length]}`;
    return {
      id: uuidv7(),
      communeCode,
      fullName,
      nameFolded: foldVietnamese(fullName),
      dateOfBirth: `${1965 + ((i * 3 + seed) % 30)}-${String(1 + ((i * 5 + seed) % 12)).padStart(2, '0')}-${String(1 + ((i * 11 + seed) % 28)).padStart(2, '0')}`,
      gender: female ? ('female' as const) : ('male' as const),
      phone: null,
      email: i % 3 === 2 ? null : `daibieu.${communeCode}.${i + 1}@example.com`,
      formerUnitCode: null,
      formerUnitName: null,
      formerDistrictName: null,
    };
  });
  const positions = people.map((p) => ({
    id: uuidv7(),
    communeCode,
    officialId: p.id,
    bodyId: delegatesBody.id,
    title: 'Đại biểu HĐND',
    startDate: DELEGATES_FROM,
  }));
  // One transaction and two inserts for the council; an audit entry per delegate, as each was registered.
  await inTransaction(ctx, async (tx, audit) => {
    await tx.insert(orgOfficials).values(people);
    await tx.insert(orgPositions).values(positions);
    await auditAll(
      tx,
      audit,
      people.map(({ id, nameFolded: _n, ...shown }, i) => ({
        action: 'org.official.create',
        entityType: 'org_official',
        entityId: id,
        communeCode,
        after: { ...shown, positions: [positions[i]], source: 'demo' },
      })),
      ctx,
    );
  });
  return people.map((p) => p.id);
}

/** The demo password hashed once for both delegates' accounts (Argon2id costs tens of milliseconds a hash). */
const hashes = new Map<string, Promise<string>>();
const hashOnce = (password: string) => {
  if (!hashes.has(password)) hashes.set(password, hashPassword(password));
  return hashes.get(password)!;
};

/** daibieu.<slug>: a delegate's own account (council_member), linked to the first demo delegate. */
export async function seedDemoDelegateAccount(
  ctx: WriteContext,
  communeCode: string,
  slug: string,
  delegateId: string,
  password: string,
): Promise<number> {
  const username = `daibieu.${slug}`;
  if (await accountExists(ctx.db, username)) return 0;
  const passwordHash = await hashOnce(password);
  await inTransaction(ctx, (tx, audit) =>
    createAccount(tx, audit, {
      username,
      displayName: `Đại biểu HĐND ${slug === 'tranphu' ? 'Trần Phú' : 'Sông Trí'} (demo)`,
      grants: [{ role: 'council_member', provinceCode: null, communeCode }],
      password,
      passwordHash,
      isDemo: true,
    }),
  );
  const account = await findAccountByUsername(ctx.db, username);
  if (account) await linkOfficial(ctx, account.id, delegateId);
  return 1;
}

/**
 * How the agendas and the paper are drafted, the session's members answer, check in and vote, and its documents are issued: in bulk by default
 * (modules/meetings/seed-bulk.ts, one transaction for the list); the test of that module passes the use cases, one
 * call per item or member.
 */
export interface MeetingSeedWriter {
  addItems: typeof addItems;
  paper: (...args: Parameters<typeof paperAll>) => Promise<unknown>;
  respond: typeof respondAll;
  checkIn: typeof checkInAll;
  cast: typeof castAll;
  issue: typeof issueAll;
}
const BULK: MeetingSeedWriter = {
  addItems,
  paper: paperAll,
  respond: respondAll,
  checkIn: checkInAll,
  cast: castAll,
  issue: issueAll,
};

/** Services the demo needs beyond the database (npm start passes the configured ones; tests their own). */
export interface DemoMeetingDeps {
  config: AppConfig;
  storage: FileStorage;
  writer?: MeetingSeedWriter;
}

export async function seedDemoMeetings(
  ctx: WriteContext,
  password: string,
  log: (msg: string) => void = () => {},
  deps?: DemoMeetingDeps,
): Promise<number> {
  let created = 0;
  for (const [n, [communeCode, slug]] of MEETING_DEMO_COMMUNES.entries()) {
    if (!(await findCommuneLocation(ctx.db, communeCode))) continue;
    const bodies = await listBodies(ctx.db, communeCode, { includeClosed: false });
    if (!bodies.length) continue;
    const delegates = await seedDemoDelegatesOnce(ctx, communeCode, n);
    created += delegates.length;
    if (delegates[0])
      created += await seedDemoDelegateAccount(ctx, communeCode, slug, delegates[0], password);
    if (delegates.length) log(`${delegates.length} đại biểu HĐND (giả định) của ${communeCode}.`);
    if (deps && !(await listMeetings(ctx.db, communeCode, { limit: 1, archived: 'true' })).items.length) {
      created += await seedCommuneMeetings(ctx, communeCode, slug, deps);
      log(`Kỳ họp diễn tập HĐND (20/6/2025) và phiên họp UBND đang chuẩn bị của ${communeCode}.`);
    }
  }
  return created;
}

const REGULATION_V1 = `Điều 1. Phạm vi điều chỉnh
Quy chế này quy định nguyên tắc, chế độ trách nhiệm, lề lối làm việc của Hội đồng nhân dân phường.
Điều 2. Kỳ họp
1. Hội đồng nhân dân họp thường lệ mỗi năm ít nhất hai kỳ.
2. Thường trực Hội đồng nhân dân triệu tập kỳ họp chuyên đề khi cần.
Điều 3. Tài liệu kỳ họp
1. Tài liệu được gửi đến đại biểu chậm nhất 03 ngày làm việc trước ngày khai mạc.
2. Đại biểu nhận tài liệu qua XãSố hoặc bản giấy.`;

const REGULATION_V2 = REGULATION_V1.replace('chậm nhất 03 ngày làm việc', 'chậm nhất 05 ngày làm việc');

async function seedCommuneMeetings(
  ctx: WriteContext,
  communeCode: string,
  slug: string,
  deps: DemoMeetingDeps,
) {
  // The seed acts as the commune's council secretary (thuky.<x>), for every member (the secretary may).
  const secretaryAccount = await findAccountByUsername(ctx.db, `thuky.${slug}`);
  if (!secretaryAccount) return 0;
  const SECRETARY: MeetingActor = { accountId: secretaryAccount.id, manages: true, officialId: null };
  const orgBodyList = await listBodies(ctx.db, communeCode, { includeClosed: false });
  const settings = await communeBodySettings(ctx.db, communeCode);
  const bodies = orgBodyList.filter(canMeet).map((b) => settings.get(b.id)!);
  const council = bodies.find((b) => b.bodyKind === 'council');
  const government = bodies.find((b) => b.bodyKind === 'government');
  if (!council || !government) return 0;
  await saveBodySettings(ctx, communeCode, { bodyId: council.bodyId, seats: DEMO_COUNCIL_SEATS, rules: {} });
  const members = await membersOn(ctx.db, council.bodyId, TRIAL_DAY);
  const chair = members.find((m) => m.titles.includes('Chủ tịch HĐND'));
  if (!chair) return 0;
  const delegates = members.filter((m) => m.officialId !== chair.officialId);

  // The rehearsal first session of the new council, held on the trial day.
  const id = await createMeeting(ctx, communeCode, {
    bodyId: council.bodyId,
    kind: 'first_session',
    title: 'Kỳ họp thứ nhất Hội đồng nhân dân (diễn tập vận hành thử nghiệm)',
    meetingDate: TRIAL_DAY,
    startTime: '08:00',
    place: 'Hội trường Ủy ban nhân dân',
    convenerId: chair.officialId,
    chairId: chair.officialId,
    rehearsal: true,
  });
  const writer = deps.writer ?? BULK;
  const item = (
    title: string,
    decision: AgendaItemRequest['decision'],
    subject: AgendaItemRequest['subject'] = null,
    presenterId: string | null = chair.officialId,
  ): AgendaItemRequest => ({
    title,
    decision,
    subject,
    presenterId,
    presenterName: null,
    plannedMinutes: 20,
  });
  const [opening, election, regulation, opinion] = (await writer.addItems(ctx, id, [
    item('Khai mạc kỳ họp; thông qua chương trình', 'information'),
    item('Bầu Chủ tịch Hội đồng nhân dân', 'election'),
    item('Nghị quyết thông qua Quy chế làm việc của Hội đồng nhân dân', 'open_vote', 'resolution'),
    item('Cho ý kiến dự thảo Thông báo phân công nhiệm vụ của Ủy ban nhân dân', 'opinion', null, null),
  ])) as [string, string, string, string];
  await writer.paper(ctx, id, {
    paperType: 'draft_regulation',
    title: 'Dự thảo Quy chế làm việc của Hội đồng nhân dân',
    itemId: regulation,
    drafterId: chair.officialId,
    versions: [
      {
        body: REGULATION_V1,
        comments: [
          {
            officialId: delegates[0]!.officialId,
            anchor: 'Điều 3, khoản 1',
            body: 'Đề nghị gửi tài liệu sớm hơn để đại biểu kịp nghiên cứu.',
            answer: 'Tiếp thu: sửa thành 05 ngày làm việc.',
          },
        ],
      },
      { body: REGULATION_V2, changeNote: 'Tiếp thu ý kiến đại biểu tại Điều 3.' },
    ],
  });
  await inviteMeeting(ctx, deps.config, id, { guests: [] });
  const invited = await ctx.db
    .select({ id: meetingParticipants.id, officialId: meetingParticipants.officialId })
    .from(meetingParticipants)
    .where(eq(meetingParticipants.meetingId, id));
  const byOfficial = new Map(invited.map((p) => [p.officialId, p.id]));
  const absent = new Set(delegates.slice(-2).map((d) => d.officialId));
  await writer.respond(
    ctx,
    SECRETARY,
    id,
    members.flatMap((m): Parameters<typeof respondAll>[3][number][] => {
      const participantId = byOfficial.get(m.officialId);
      if (!participantId) return [];
      return absent.has(m.officialId)
        ? [{ participantId, response: 'apologised', reason: 'Đi công tác theo kế hoạch của tỉnh.' }]
        : [{ participantId, response: 'confirmed' }];
    }),
  );
  await openMeeting(ctx, id);
  const present = members.filter((m) => !absent.has(m.officialId));
  await writer.checkIn(
    ctx,
    SECRETARY,
    id,
    present.map((m) => byOfficial.get(m.officialId)!),
  );

  await startItem(ctx, opening);
  await startItem(ctx, election);
  const electionVote = await openVote(ctx, election, {
    method: 'paper',
    seatsToFill: 1,
    candidates: [
      {
        officialId: chair.officialId,
        bodyId: orgBodyList.find((b) => b.templateKey === 'hdnd_tt')?.id ?? council.bodyId,
        title: 'Chủ tịch HĐND',
      },
    ],
  });
  const candidateId = (await getVote(ctx.db, electionVote)).candidates[0]?.id;
  if (candidateId) {
    const vote = await getVoteRow(ctx.db, electionVote);
    await enterPaperTally(ctx, vote, {
      ballotsIssued: present.length,
      ballotsReturned: present.length,
      valid: present.length,
      invalid: 0,
      counts: { [candidateId]: present.length - 1 },
    });
  }
  await closeVote(ctx, electionVote);
  await startItem(ctx, regulation);
  await startSpeech(ctx, regulation, { officialId: chair.officialId });
  await stopSpeech(ctx, regulation);
  const resolutionVote = await openVote(ctx, regulation, { method: 'electronic' });
  await writer.cast(
    ctx,
    SECRETARY,
    resolutionVote,
    present.map((m, i) => ({
      officialId: m.officialId,
      choice: i === present.length - 1 ? 'abstain' : i === present.length - 2 ? 'against' : 'for',
    })),
  );
  await closeVote(ctx, resolutionVote);
  await startItem(ctx, opinion);
  await updateItem(ctx, opinion, {
    notes: 'Các đại biểu thống nhất với dự thảo; đề nghị nêu rõ người phụ trách lĩnh vực chuyển đổi số.',
  });
  await finishItem(ctx, opinion);
  await closeMeeting(ctx, id);
  const signed = { issuedOn: TRIAL_DAY, signerId: chair.officialId };
  const [, conclusion] = await writer.issue(
    ctx,
    id,
    [
      {
        document: {
          docType: 'NQ',
          title: 'Nghị quyết ban hành Quy chế làm việc của Hội đồng nhân dân',
          content: 'Ban hành kèm theo Nghị quyết này Quy chế làm việc của Hội đồng nhân dân.',
          itemId: regulation,
          voteId: resolutionVote,
        },
        issue: signed,
      },
      {
        document: {
          docType: 'KL',
          title: 'Kết luận của Chủ tọa kỳ họp',
          content:
            'Giao Văn phòng HĐND và UBND hoàn thiện hạ tầng mạng nội bộ của hội trường trước ngày vận hành chính thức.',
        },
        issue: signed,
      },
    ],
    TRIAL_DAY,
  );
  const office = (await listOfficials(ctx.db, communeCode, { limit: 200 })).items.find((o) =>
    o.positions.some((p) => p.title === 'Chánh Văn phòng'),
  );
  if (office)
    await createTask(ctx, conclusion!, {
      officialId: office.id,
      title: 'Kiểm tra, khắc phục mạng nội bộ hội trường',
      workingDays: 5,
    });
  await placeOnTrialDay(ctx, id, communeCode);
  // The first revision of the minutes (editMinutes opens them, as reading them first would).
  await editMinutes(ctx, id, SECRETARY, {
    revision: 1,
    opening: 'Kỳ họp diễn tập theo kế hoạch vận hành thử nghiệm mô hình chính quyền địa phương hai cấp.',
    conclusion: 'Kỳ họp đã hoàn thành toàn bộ chương trình đề ra.',
  });
  await saveMinutesLock(ctx, id, SECRETARY, { chairApproved: true }, deps.storage, TRIAL_DAY);

  // A real UBND meeting in preparation: next month's regular meeting, agenda drafted, not yet invited.
  const ubndMembers = await membersOn(ctx.db, government.bodyId, todayInVietnam());
  const ubndChair = ubndMembers.find((m) => m.titles.includes('Chủ tịch UBND'));
  const next = nextMonthFirstWorkday();
  const ubnd = await createMeeting(ctx, communeCode, {
    bodyId: government.bodyId,
    kind: 'regular_monthly',
    title: `Phiên họp thường kỳ tháng ${Number(next.slice(5, 7))}/${next.slice(0, 4)} của Ủy ban nhân dân`,
    meetingDate: next,
    startTime: '14:00',
    place: 'Phòng họp Ủy ban nhân dân',
    convenerId: ubndChair?.officialId ?? null,
    chairId: ubndChair?.officialId ?? null,
    rehearsal: false,
  });
  const ubndAgenda = await writer.addItems(ctx, ubnd, [
    {
      title: 'Tình hình giải quyết thủ tục hành chính tại Trung tâm Phục vụ hành chính công',
      decision: 'information',
      subject: null,
      presenterId: null,
      presenterName: 'Giám đốc Trung tâm',
      plannedMinutes: 30,
    },
    {
      title: 'Quyết định ban hành Quy chế làm việc của Ủy ban nhân dân',
      decision: 'open_vote',
      subject: 'resolution',
      presenterId: ubndChair?.officialId ?? null,
      presenterName: null,
      plannedMinutes: 30,
    },
  ]);
  return 2 + ubndAgenda.length;
}

/**
 * The session really happened on the trial day: its times (invitations, answers, check-ins from 07:40, opening at
 * 08:00, items of 40 minutes with their speeches and votes, closing at 10:45, Vietnam time) are set to that
 * morning, in one audited change, before its minutes are written from the record.
 */
async function placeOnTrialDay(ctx: WriteContext, meetingId: string, communeCode: string) {
  const at = (hhmm: string) => sql`${`${TRIAL_DAY} ${hhmm}:00+07`}::timestamptz`;
  await inTransaction(ctx, async (tx, audit) => {
    await tx.execute(
      sql`update meetings set opened_at = ${at('08:00')}, closed_at = ${at('10:45')} where id = ${meetingId}`,
    );
    await tx.execute(sql`update meeting_participants p set invited_at = '2025-06-16 08:00:00+07',
      responded_at = '2025-06-17 09:00:00+07',
      checked_in_at = case when p.checked_in_at is null then null
        else ${at('07:40')} + (n.k * interval '1 minute') end
      from (select id, row_number() over (order by full_name) as k from meeting_participants where meeting_id = ${meetingId}) n
      where n.id = p.id and p.meeting_id = ${meetingId}`);
    await tx.execute(sql`update meeting_agenda_items set started_at = ${at('08:00')} + ((position - 1) * interval '40 minutes'),
      ended_at = ${at('08:35')} + ((position - 1) * interval '40 minutes') where meeting_id = ${meetingId}`);
    await tx.execute(sql`update meeting_speeches s set started_at = i.started_at + interval '10 minutes',
      ended_at = i.started_at + interval '17 minutes' from meeting_agenda_items i
      where i.id = s.item_id and i.meeting_id = ${meetingId}`);
    await tx.execute(sql`update meeting_votes v set opened_at = i.started_at + interval '25 minutes',
      closed_at = i.started_at + interval '31 minutes' from meeting_agenda_items i
      where i.id = v.item_id and v.meeting_id = ${meetingId}`);
    await tx.execute(sql`update meeting_open_ballots b set cast_at = v.opened_at + interval '1 minute'
      from meeting_votes v where v.id = b.vote_id and v.meeting_id = ${meetingId}`);
    await audit({
      action: 'meeting.demo.trial_day_times',
      entityType: 'meeting',
      entityId: meetingId,
      communeCode,
      after: { day: TRIAL_DAY, opened: '08:00', closed: '10:45', source: 'demo' },
    });
  });
}

/** The first Monday–Friday of next month (a planned date: holidays are the secretary's to move around). */
function nextMonthFirstWorkday(): string {
  const today = todayInVietnam();
  const d = new Date(Date.UTC(Number(today.slice(0, 4)), Number(today.slice(5, 7)), 5));
  while (d.getUTCDay() === 0 || d.getUTCDay() === 6) d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

async function seedDemoDelegatesOnce(ctx: WriteContext, communeCode: string, seed: number) {
  const { items } = await listOfficials(ctx.db, communeCode, { limit: 200 });
  if (items.some((o) => o.positions.some((p) => p.title === 'Đại biểu HĐND'))) return [];
  return seedDemoDelegates(ctx, communeCode, seed);
}
