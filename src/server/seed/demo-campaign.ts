/**
 * Demo campaign (demo mode only): Hà Tĩnh's trial operation as it stood on the trial day, 20 June 2025, for the
 * trial communes (all ten at full scale; Trần Phú and Sông Trí at small scale) — and, with
 * XASO_DEMO_CAMPAIGN=live, the same campaign after official operation began on 1 July 2025.
 *
 * Everything is written through the campaign's services, acting as the person who would have done it (the
 * province officer tinh.hatinh, the commune leaders lanhdao.<x>, the department handler sonoivu.hatinh), so
 * the audit log and the recommendations' action list are real — the checklist answers of the trial day with what
 * answerItem writes, but in bulk, one transaction per commune (modules/campaign/seed-bulk.ts; the integration test
 * compares the two). The services stamp "now" where a person acts
 * (a trial marked held, a recommendation's step, a directive done, an answer saved); since the story happened
 * in June 2025, one audited change per commune then puts those stamps on the days they belong to (like the demo
 * meetings' placeOnTrialDay). Rows written directly, because no service makes history: the readiness snapshots of
 * 1–20 June (the board's chart; a service only records today's) — said where it is done.
 *
 * Idempotent: when the province already has a published checklist, the trial-day story is not written again;
 * the live state switches only communes that are not live yet.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { AnswerRequest } from '../../common/api/campaign-readiness';
import { inTransaction, type WriteContext } from '../db/transaction';
import { accountsByUsername } from '../modules/auth/accounts';
import { markDirectiveDone } from '../modules/campaign/directives';
import { goLive, goLiveStatusOf, setOverride } from '../modules/campaign/golive';
import { resolveIncident } from '../modules/campaign/incidents';
import {
  addDirective,
  changeInspection,
  createInspection,
  listInspections,
  recordVisit,
} from '../modules/campaign/inspections';
import { publishedTemplateOf, readinessOfCommunes } from '../modules/campaign/readiness';
import { answerItem } from '../modules/campaign/readiness-answers';
import {
  answerRecommendation,
  assignRecommendation,
  closeRecommendation,
  receiveRecommendation,
  sendRecommendation,
} from '../modules/campaign/recommendations';
import {
  campaignDirectives,
  campaignIncidents,
  campaignRecommendationActions,
  campaignRecommendations,
  communeGoLive,
  readinessAnswers,
  readinessSnapshots,
  trialPlans,
} from '../modules/campaign/schema';
import {
  type DemoAnswers,
  type DemoIncident,
  type DemoLesson,
  type DemoTrial,
  writeDemoAnswers,
  writeDemoIncidents,
  writeDemoLessons,
  writeDemoTrials,
} from '../modules/campaign/seed-bulk';
import { saveSettings, settingsOf } from '../modules/campaign/settings';
import { createDraft, publishDraft } from '../modules/campaign/templates';
import { listOfficials } from '../modules/org';
import { todayInVietnam } from '../modules/org/document-format';
import { findCommuneLocation } from '../modules/units/service';
import { seedDemoDepartmentAccount } from './demo-campaign-accounts';
import { DEMO_DOSSIER_COMMUNES, type DemoScale } from './demo-dossiers';

/** trial: the campaign on 20 June 2025; live: after the communes went live on 1 July 2025. */
export type DemoCampaignState = 'trial' | 'live';

export const PROVINCE = '42';
export const TRIAL_DAY = '2025-06-20';
export const GO_LIVE_DAY = '2025-07-01';

/** Vietnam time on a day: "2025-06-20T14:20:00+07:00". */
const vn = (day: string, hhmm: string) => `${day}T${hhmm}:00+07:00`;

type Person = { accountId: string; displayName: string };

/** The demo accounts as the actors of what the seed does in their names (one read), by username. */
async function actorsOf(
  ctx: WriteContext,
  wanted: readonly (readonly [username: string, role: string])[],
): Promise<Map<string, WriteContext & { person: Person }>> {
  const found = await accountsByUsername(
    ctx.db,
    wanted.map(([u]) => u),
  );
  const out = new Map<string, WriteContext & { person: Person }>();
  for (const [username, role] of wanted) {
    const account = found.get(username);
    if (account)
      out.set(username, {
        db: ctx.db,
        meta: ctx.meta,
        actor: { accountId: account.id, name: account.displayName, role },
        person: { accountId: account.id, displayName: account.displayName },
      });
  }
  return out;
}

/** The demo account as the actor of what the seed does in its name. */
async function actingAs(ctx: WriteContext, username: string, role: string) {
  return (await actorsOf(ctx, [[username, role]])).get(username) ?? null;
}

/**
 * How each trial commune's day went: the half-day (several moved to the afternoon), what it rehearsed, and how
 * far its checklist had come (share of hand-answered items done; the rest in progress or not started).
 */
interface CommuneStory {
  code: string;
  slug: string;
  place: string;
  halfDay: 'morning' | 'afternoon' | 'all_day';
  party: boolean;
  oneStop: 'mock' | 'real' | 'both';
  /** Of the hand-answered checklist items, how many are done on 20 June (the first n in list order). */
  done: number;
  /** Readiness on 1 June (%), the start of the chart's ramp. */
  june1: number;
}

const STORIES: Omit<CommuneStory, 'code' | 'slug' | 'place'>[] = [
  { halfDay: 'morning', party: true, oneStop: 'both', done: 9, june1: 35 }, // Trần Phú
  { halfDay: 'afternoon', party: false, oneStop: 'both', done: 7, june1: 25 }, // Sông Trí
  { halfDay: 'afternoon', party: true, oneStop: 'mock', done: 6, june1: 20 }, // Hương Khê
  { halfDay: 'morning', party: false, oneStop: 'mock', done: 8, june1: 30 }, // Vũ Quang
  { halfDay: 'all_day', party: true, oneStop: 'both', done: 9, june1: 40 }, // Tiên Điền
  { halfDay: 'afternoon', party: false, oneStop: 'real', done: 5, june1: 15 }, // Đức Thọ
  { halfDay: 'morning', party: true, oneStop: 'both', done: 7, june1: 30 }, // Thạch Hà
  { halfDay: 'afternoon', party: false, oneStop: 'mock', done: 6, june1: 20 }, // Cẩm Xuyên
  { halfDay: 'morning', party: true, oneStop: 'both', done: 8, june1: 35 }, // Can Lộc
  { halfDay: 'morning', party: false, oneStop: 'mock', done: 4, june1: 10 }, // Kỳ Anh
];

export function demoCampaignCommunes(scale: DemoScale): CommuneStory[] {
  const all = DEMO_DOSSIER_COMMUNES.map(([code, slug, place], i) => ({ code, slug, place, ...STORIES[i]! }));
  return scale === 'full' ? all : all.slice(0, 2);
}

const HALF_DAY_TIMES = {
  morning: { start: '07:30', end: '11:30' },
  afternoon: { start: '13:30', end: '17:00' },
  all_day: { start: '07:30', end: '17:00' },
} as const;

async function officialsOf(ctx: WriteContext, communeCode: string) {
  const { items } = await listOfficials(ctx.db, communeCode, { limit: 200 });
  const holding = (title: string) => items.filter((o) => o.positions.some((p) => p.title === title));
  return {
    chair: holding('Chủ tịch UBND')[0] ?? null,
    vice: holding('Phó Chủ tịch UBND')[0] ?? null,
    office: holding('Chánh Văn phòng')[0] ?? null,
    centre: holding('Giám đốc')[0] ?? null,
    civil: holding('Công chức tư pháp - hộ tịch')[0] ?? null,
  };
}

/** Writes the communes' trial plans, each created then marked held with its summary; returns their ids in order. */
export type DemoTrialWriter = (ctx: WriteContext, trials: DemoTrial[]) => Promise<string[]>;

/** The trial plan of 20 June 2025, held, with the working group's summary. */
async function trialOf(ctx: WriteContext, story: CommuneStory, observer: string | null): Promise<DemoTrial> {
  const o = await officialsOf(ctx, story.code);
  const member = (x: { id: string } | null, role: string) => (x ? [{ officialId: x.id, role }] : []);
  return {
    ctx,
    communeCode: story.code,
    input: {
      trialDate: TRIAL_DAY,
      halfDay: story.halfDay,
      scope: { council: true, government: true, party: story.party, oneStop: story.oneStop },
      workingGroup: {
        leader: o.chair
          ? { officialId: o.chair.id, role: 'Tổ trưởng' }
          : { officialId: null, name: 'Chủ tịch UBND', role: 'Tổ trưởng' },
        members: [
          ...member(o.vice, 'Tổ phó'),
          ...member(o.office, 'Thư ký tổ'),
          ...member(o.centre, 'Phụ trách Trung tâm Phục vụ hành chính công'),
          ...member(o.civil, 'Tiếp nhận hồ sơ'),
        ],
      },
      observers: observer ? [{ communeCode: observer, name: 'Tổ công tác xã bạn' }] : [],
      note:
        story.halfDay === 'afternoon'
          ? 'Chuyển sang buổi chiều để hoàn tất lắp đặt thiết bị tại Trung tâm Phục vụ hành chính công.'
          : null,
    },
    summary:
      `Đã diễn tập kỳ họp thứ nhất HĐND, phiên họp UBND${story.party ? ', hội nghị Đảng ủy' : ''} và tiếp nhận ` +
      `hồ sơ tại Trung tâm Phục vụ hành chính công (${story.oneStop === 'real' ? 'hồ sơ thật của người dân' : 'hồ sơ giả định và hồ sơ thật'}). ` +
      'Các bộ phận nắm được quy trình; còn một số vướng mắc về hạ tầng và phân công nhiệm vụ đã ghi nhận.',
  };
}

/** The inspection of the trial day: the province's team at Trần Phú and Sông Trí, with a directive to each. */
async function seedInspection(province: WriteContext, codes: string[]) {
  if ((await listInspections(province.db, PROVINCE)).length) return 0;
  const visited = codes.slice(0, 2);
  let insp = await createInspection(province, PROVINCE, {
    title: 'Kiểm tra công tác chuẩn bị và vận hành thử nghiệm mô hình chính quyền địa phương hai cấp',
    plannedDate: TRIAL_DAY,
    team: {
      lead: 'Phó Chủ tịch UBND tỉnh (Trưởng đoàn)',
      members: ['Sở Nội vụ', 'Sở Khoa học và Công nghệ', 'Văn phòng UBND tỉnh'],
    },
    communeCodes: visited,
  });
  const findings: Record<string, { at: string; findings: string; directive: string; due: string }> = {
    '18100': {
      at: vn(TRIAL_DAY, '09:30'),
      findings:
        'Trụ sở, phòng làm việc đã bố trí xong; kỳ họp diễn tập HĐND đúng quy trình. Việc phân công nhiệm vụ ' +
        'giữa công chức đến từ các đơn vị cũ còn chồng chéo ở lĩnh vực hộ tịch, chứng thực.',
      directive:
        'Ban hành lại thông báo phân công nhiệm vụ, nêu rõ người phụ trách từng lĩnh vực tại Trung tâm Phục vụ hành chính công.',
      due: '2025-06-25',
    },
    '18754': {
      at: vn(TRIAL_DAY, '15:00'),
      findings:
        'Mạng nội bộ tại Trung tâm Phục vụ hành chính công gián đoạn khoảng 45 phút trong buổi diễn tập; xã đã ' +
        'khắc phục tạm thời. Chưa có đường truyền dự phòng.',
      directive:
        'Hoàn thiện mạng nội bộ, lắp đặt đường truyền internet dự phòng và kiểm tra lại trước ngày vận hành chính thức.',
      due: '2025-06-27',
    },
  };
  let made = 1;
  for (const code of visited) {
    const f = findings[code];
    if (!f) continue;
    insp = await recordVisit(province, insp.id, code, {
      version: insp.version,
      visitedAt: f.at,
      findings: f.findings,
    });
    await addDirective(province, insp.id, { communeCode: code, content: f.directive, dueDate: f.due });
    made += 1;
  }
  await changeInspection(province, insp.id, { version: insp.version, status: 'done' });
  return made;
}

/**
 * Incidents of the trial day: Sông Trí's internal network went down at the centre in the afternoon (high, fixed
 * within the hour); Trần Phú's counters did not know who handles what among officials from different former
 * units (medium, still open on 20 June); at full scale Kỳ Anh's document scanner had not arrived (high, open:
 * it blocks Kỳ Anh's go-live until fixed).
 */
function incidentsOf(ctx: WriteContext, story: CommuneStory, trialId: string): DemoIncident[] {
  const times = HALF_DAY_TIMES[story.halfDay];
  const of = (input: Omit<DemoIncident['input'], 'trialId'>, resolution?: DemoIncident['resolution']) => [
    {
      ctx,
      communeCode: story.code,
      input: { ...input, trialId },
      reporter: ctx.actor.name,
      ...(resolution ? { resolution } : {}),
    },
  ];
  if (story.code === '18754')
    return of(
      {
        kind: 'network',
        severity: 'high',
        title: 'Mất kết nối mạng nội bộ tại Trung tâm Phục vụ hành chính công',
        description:
          'Khoảng 14 giờ 20, các máy tính tại quầy tiếp nhận mất kết nối mạng nội bộ và internet; không tra cứu ' +
          'được hồ sơ, không in được phiếu hẹn. Nguyên nhân: bộ chuyển mạch (switch) cũ quá tải khi cả 6 quầy cùng ' +
          'hoạt động.',
        occurredAt: vn(TRIAL_DAY, '14:20'),
        reportedBy: 'Giám đốc Trung tâm Phục vụ hành chính công',
      },
      {
        resolvedBy: 'Công chức phụ trách công nghệ thông tin và kỹ thuật viên Viettel Hà Tĩnh',
        resolvedAt: vn(TRIAL_DAY, '15:05'),
        resolution:
          'Thay bộ chuyển mạch dự phòng, chia lại dải địa chỉ cho các quầy; trong lúc khắc phục tiếp nhận bằng ' +
          'phiếu giấy và nhập lại vào XãSố sau khi có mạng.',
      },
    );
  if (story.code === '18100')
    return of({
      kind: 'staffing',
      severity: 'medium',
      title: 'Chưa rõ người xử lý hồ sơ chứng thực giữa công chức từ các đơn vị cũ',
      description:
        'Hai công chức đến từ hai phường cũ cùng nhận hồ sơ chứng thực, không ai nhận hồ sơ đất đai; người dân ' +
        'phải chờ để được chuyển quầy.',
      occurredAt: vn(TRIAL_DAY, times.start === '07:30' ? '08:45' : '14:00'),
      reportedBy: 'Tổ công tác vận hành thử nghiệm',
    });
  if (story.code === '18775')
    return of({
      kind: 'equipment',
      severity: 'high',
      title: 'Chưa có máy quét hồ sơ tại quầy tiếp nhận',
      description:
        'Máy quét được cấp theo kế hoạch chưa về; hồ sơ phải chụp bằng điện thoại, chất lượng bản số hóa thấp.',
      occurredAt: vn(TRIAL_DAY, '08:10'),
    });
  return [];
}

/**
 * Two recommendations to the province: Trần Phú asks for a civil-status official (received, assigned to the
 * Department of Home Affairs' handler sonoivu.hatinh and answered on 26 June); Sông Trí asks, urgently, for a
 * backup internet line (received on 23 June, still waiting for the answer on the trial's week).
 */
async function seedRecommendations(
  commune: WriteContext,
  province: WriteContext,
  handler: WriteContext | null,
  story: CommuneStory,
  trialId: string,
) {
  const at = (day: string, hhmm: string) => new Date(vn(day, hhmm));
  if (story.code === '18100') {
    let rec = await sendRecommendation(
      commune,
      story.code,
      {
        category: 'personnel',
        title: 'Đề nghị bổ sung 01 công chức tư pháp - hộ tịch cho Trung tâm Phục vụ hành chính công',
        content:
          'Qua vận hành thử nghiệm, lượng hồ sơ hộ tịch, chứng thực tăng gấp đôi so với phường cũ; hiện chỉ có 01 ' +
          'công chức tư pháp - hộ tịch. Đề nghị Sở Nội vụ xem xét điều động, bổ sung 01 công chức trước ngày 01/7/2025.',
        urgency: 'normal',
        trialId,
      },
      null,
      at(TRIAL_DAY, '16:30'),
    );
    await receiveRecommendation(
      province,
      rec.id,
      { version: rec.version },
      provinceActor(province),
      at('2025-06-23', '08:15'),
    );
    rec = { ...rec, version: rec.version + 1 };
    await assignRecommendation(
      province,
      rec.id,
      {
        version: rec.version,
        department: 'Sở Nội vụ',
        assigneeAccountId: handler?.actor.accountId ?? null,
      },
      provinceActor(province),
    );
    const answerer = handler ?? province;
    await answerRecommendation(
      answerer,
      rec.id,
      {
        version: rec.version + 1,
        outcome: 'resolved',
        answer:
          'Sở Nội vụ đã trình UBND tỉnh điều động 01 công chức tư pháp - hộ tịch từ huyện cũ về phường Trần Phú, ' +
          'có mặt từ ngày 30/6/2025.',
      },
      handler ? { kind: 'handler', accountId: handler.actor.accountId } : provinceActor(province),
      at('2025-06-26', '10:00'),
    );
    return rec.id;
  }
  if (story.code === '18754') {
    const rec = await sendRecommendation(
      commune,
      story.code,
      {
        category: 'it',
        title: 'Đề nghị hỗ trợ kinh phí lắp đặt đường truyền internet dự phòng',
        content:
          'Ngày vận hành thử nghiệm, mạng nội bộ tại Trung tâm Phục vụ hành chính công gián đoạn 45 phút. Phường ' +
          'đã thay bộ chuyển mạch nhưng chưa có đường truyền dự phòng; đề nghị tỉnh hỗ trợ kinh phí lắp đặt trước ' +
          'ngày vận hành chính thức.',
        urgency: 'urgent',
        trialId,
      },
      null,
      at(TRIAL_DAY, '17:15'),
    );
    await receiveRecommendation(
      province,
      rec.id,
      { version: rec.version },
      provinceActor(province),
      at('2025-06-23', '08:20'),
    );
    return rec.id;
  }
  return null;
}

const provinceActor = (province: WriteContext) => ({
  kind: 'province' as const,
  accountId: province.actor.accountId,
});

/** The two lessons of the trial day, searchable by the communes that follow (e.g. "mang noi bo", "phan cong"). */
function lessonsOf(ctx: WriteContext, story: CommuneStory, trialId: string): DemoLesson[] {
  const lessons: Record<string, { title: string; body: string; tags: string[] }> = {
    '18754': {
      title: 'Kiểm tra mạng nội bộ khi tất cả các quầy cùng hoạt động, trước ngày diễn tập',
      body:
        'Mạng nội bộ chạy ổn khi thử từng máy nhưng gián đoạn khi cả 6 quầy cùng tiếp nhận. Nên chạy thử đồng ' +
        'thời tất cả quầy ít nhất một buổi trước ngày diễn tập, chuẩn bị sẵn bộ chuyển mạch dự phòng và mẫu phiếu ' +
        'tiếp nhận giấy để không dừng phục vụ người dân.',
      tags: ['mạng nội bộ', 'hạ tầng', 'một cửa'],
    },
    '18100': {
      title: 'Phân công rõ từng lĩnh vực cho công chức đến từ các đơn vị cũ',
      body:
        'Công chức từ các phường cũ quen cách làm khác nhau; khi chưa có thông báo phân công theo lĩnh vực, hai ' +
        'người cùng nhận một loại hồ sơ, loại khác không ai nhận. Ban hành thông báo phân công nhiệm vụ trước ngày ' +
        'diễn tập và dán sơ đồ quầy, lĩnh vực tại sảnh.',
      tags: ['phân công', 'nhân sự', 'một cửa'],
    },
  };
  const lesson = lessons[story.code];
  return lesson ? [{ ctx, communeCode: story.code, input: { ...lesson, trialId } }] : [];
}

/**
 * Puts what people did on the days they did it (the services stamp "now"): the trial plans created on 10 June
 * and held at the end of their half-day; each recommendation's steps at the times the story gives. One audited
 * change for the province.
 */
async function placeInJune(ctx: WriteContext, communeCodes: string[]) {
  await inTransaction(ctx, async (tx, audit) => {
    for (const [half, times] of Object.entries(HALF_DAY_TIMES))
      await tx
        .update(trialPlans)
        .set({
          createdAt: new Date(vn('2025-06-10', '09:00')),
          heldAt: new Date(vn(TRIAL_DAY, times.end)),
          updatedAt: new Date(vn(TRIAL_DAY, times.end)),
        })
        .where(and(inArray(trialPlans.communeCode, communeCodes), eq(trialPlans.halfDay, half)));
    // A recommendation's steps: sent, received, assigned an hour after receipt, answered.
    await tx.execute(sql`update ${campaignRecommendationActions} a set at = case a.action
        when 'send' then r.sent_at
        when 'receive' then r.received_at
        when 'assign' then r.received_at + interval '1 hour'
        when 'answer' then r.answered_at
        else a.at end
      from ${campaignRecommendations} r
      where r.id = a.recommendation_id and r.province_code = ${PROVINCE}
        and r.commune_code in (${sql.join(
          communeCodes.map((c) => sql`${c}`),
          sql`, `,
        )})`);
    await tx
      .update(campaignRecommendations)
      .set({
        createdAt: sql`${campaignRecommendations.sentAt}`,
        updatedAt: sql`coalesce(${campaignRecommendations.answeredAt}, ${campaignRecommendations.receivedAt}, ${campaignRecommendations.sentAt})`,
      })
      .where(inArray(campaignRecommendations.communeCode, communeCodes));
    await audit({
      action: 'campaign.demo.june_times',
      entityType: 'campaign',
      entityId: PROVINCE,
      chain: `province:${PROVINCE}`,
      after: { trialDay: TRIAL_DAY, communes: communeCodes, source: 'demo' },
    });
  });
}

/** The order in which the communes ticked off the hand-answered items of the checklist in June. */
const ANSWER_ORDER = [
  'premises_office',
  'premises_service_center',
  'seals_official',
  'equipment_computers',
  'public_notice_address',
  'network_internal',
  'staff_assignment',
  'seals_digital',
  'equipment_kiosk',
  'network_dedicated',
];

/** What was still in the works on 20 June whatever the count says: the problems the trial day showed. */
const STILL_IN_PROGRESS: Record<string, Record<string, string>> = {
  '18754': { network_internal: 'Đã thay bộ chuyển mạch; chờ đường truyền dự phòng (đã kiến nghị tỉnh).' },
  '18100': { staff_assignment: 'Đang dự thảo lại thông báo phân công theo kết luận của đoàn kiểm tra.' },
};

const COMMENTS: Record<string, string> = {
  premises_office: 'Đã bố trí tại trụ sở UBND cũ, sửa chữa xong phòng họp.',
  premises_service_center: 'Đã bố trí 6 quầy, biển hiệu theo mẫu của tỉnh.',
  seals_official: 'Đã nhận con dấu ngày 16/6/2025.',
  equipment_computers: 'Đủ máy tính; 01 máy quét điều chuyển từ xã cũ.',
  public_notice_address: 'Đã niêm yết và đăng trên trang thông tin điện tử.',
  network_internal: 'Đã chạy thử mạng nội bộ và internet.',
  staff_assignment: 'Đã ban hành thông báo phân công.',
  seals_digital: 'Đã cấp chứng thư số cho lãnh đạo.',
  equipment_kiosk: 'Đã lắp ki-ốt lấy số.',
  network_dedicated: 'Đã kết nối mạng truyền số liệu chuyên dùng.',
};

/**
 * How the answers, trial plans, incidents and lessons are written: in bulk unless given (the test gives the
 * services). Each returns how many it wrote (the trial plans: their ids, in order).
 */
export interface DemoCampaignWriters {
  answers?: DemoAnswerWriter;
  trial?: DemoTrialWriter;
  incidents?: (ctx: WriteContext, incidents: DemoIncident[]) => Promise<number>;
  lessons?: (ctx: WriteContext, lessons: DemoLesson[]) => Promise<number>;
}

/** Writes the communes' first answers to their checklists, in order; returns how many. */
export type DemoAnswerWriter = (ctx: WriteContext, answers: DemoAnswers[]) => Promise<number>;

/** The commune's checklist on 20 June: its first `done` items done, the next in progress, the rest not started. */
function answersOf(ctx: WriteContext, story: CommuneStory, itemKeys: Set<string>): DemoAnswers {
  const inProgress = STILL_IN_PROGRESS[story.code] ?? {};
  const answers: { itemKey: string; input: AnswerRequest }[] = [];
  for (const [i, key] of ANSWER_ORDER.entries()) {
    if (!itemKeys.has(key)) continue;
    const status =
      inProgress[key] !== undefined
        ? 'in_progress'
        : i < story.done
          ? 'done'
          : i === story.done
            ? 'in_progress'
            : null;
    if (!status) continue;
    answers.push({
      itemKey: key,
      input: {
        status,
        comment: inProgress[key] ?? (status === 'done' ? (COMMENTS[key] ?? null) : 'Đang thực hiện.'),
        owner: null,
        dueDate: status === 'done' ? null : '2025-06-27',
        version: 0,
      },
    });
  }
  return { ctx, communeCode: story.code, answers };
}

/**
 * Readiness over the first three weeks of June, for the board's chart: a rise from the commune's 1 June figure to
 * what its answers give on the trial day. Written directly (readiness_snapshots): the service records only
 * today's value, and these days are past. The snapshots the services just recorded today are the state of the
 * story's day, so they move to it.
 */
async function seedSnapshots(ctx: WriteContext, stories: CommuneStory[], today: string) {
  const codes = stories.map((s) => s.code);
  const now = await readinessOfCommunes(ctx.db, PROVINCE, codes);
  const days = Array.from({ length: 20 }, (_, i) => `2025-06-${String(i + 1).padStart(2, '0')}`);
  await inTransaction(ctx, async (tx, audit) => {
    await tx
      .delete(readinessSnapshots)
      .where(and(inArray(readinessSnapshots.communeCode, codes), eq(readinessSnapshots.day, today)));
    // The other communes of the province: what the checklist gave them when it was published, before June.
    await tx
      .update(readinessSnapshots)
      .set({ day: '2025-05-30', computedAt: new Date(vn('2025-05-30', '17:00')) })
      .where(and(eq(readinessSnapshots.provinceCode, PROVINCE), eq(readinessSnapshots.day, today)));
    const rows = stories.flatMap((story) => {
      const r = now.get(story.code);
      if (!r) return [];
      return days.map((day, i) => {
        const share = i / (days.length - 1);
        // Working weeks move readiness; weekends carry Friday's figure.
        const step = Math.round(story.june1 + (r.percent - story.june1) * share ** 1.3);
        return {
          communeCode: story.code,
          provinceCode: PROVINCE,
          day,
          percent: (i === days.length - 1 ? r.percent : Math.min(step, r.percent)).toFixed(1),
          blockers: r.blockers.length + Math.round((1 - share) * 3),
          computedAt: new Date(vn(day, '17:30')),
        };
      });
    });
    if (rows.length) await tx.insert(readinessSnapshots).values(rows).onConflictDoNothing();
    await audit({
      action: 'campaign.demo.readiness_history',
      entityType: 'campaign',
      entityId: PROVINCE,
      chain: `province:${PROVINCE}`,
      after: { from: days[0], to: days.at(-1), communes: codes, source: 'demo' },
    });
  });
}

/** The trial day's story for the communes (skipped when the province already published a checklist). */
async function seedTrialDay(
  ctx: WriteContext,
  stories: CommuneStory[],
  log: (msg: string) => void,
  writers: DemoCampaignWriters,
) {
  const actors = await actorsOf(ctx, [
    ['tinh.hatinh', 'province_officer'],
    ['sonoivu.hatinh', 'province_department'],
    ...stories.map((s) => [`lanhdao.${s.slug}`, 'commune_leader'] as const),
  ]);
  const province = actors.get('tinh.hatinh');
  if (!province) return 0;
  const handler = actors.get('sonoivu.hatinh') ?? null;
  let made = 0;
  // The province's settings ([U]): the defaults, with official operation on 1 July 2025.
  const settings = await settingsOf(ctx.db, PROVINCE);
  await saveSettings(province, PROVINCE, {
    goLiveThreshold: settings.goLiveThreshold,
    receiveDays: settings.receiveDays,
    answerDays: settings.answerDays,
    urgentAnswerDays: settings.urgentAnswerDays,
    officialDate: GO_LIVE_DAY,
  });
  // The checklist: the suggested one, published by the province.
  const draft = await createDraft(province, PROVINCE, 'starter');
  const published = await publishDraft(province, draft.id);
  const itemKeys = new Set(published.items.map((i) => i.itemKey));
  made += 2;
  const leaders = stories.map(
    (story) =>
      actors.get(`lanhdao.${story.slug}`) ??
      ({ ...ctx, person: { accountId: '', displayName: ctx.actor.name } } as const),
  );
  // Each commune's answers, then its trial plan (in bulk by default: seed-bulk.ts, all communes at once), then
  // what its day brought; each commune's audit chain in the order its leader did them.
  made += await (writers.answers ?? writeDemoAnswers)(
    ctx,
    stories.map((story, i) => answersOf(leaders[i]!, story, itemKeys)),
  );
  const trials: DemoTrial[] = [];
  for (const [i, story] of stories.entries()) {
    const observer = stories[(i + 1) % stories.length]!.code;
    trials.push(await trialOf(leaders[i]!, story, observer === story.code ? null : observer));
  }
  const trialIds = await (writers.trial ?? writeDemoTrials)(ctx, trials);
  made += trialIds.length;
  made += await (writers.incidents ?? writeDemoIncidents)(
    ctx,
    stories.flatMap((story, i) => incidentsOf(leaders[i]!, story, trialIds[i]!)),
  );
  made += await (writers.lessons ?? writeDemoLessons)(
    ctx,
    stories.flatMap((story, i) => lessonsOf(leaders[i]!, story, trialIds[i]!)),
  );
  for (const [i, story] of stories.entries())
    if (await seedRecommendations(leaders[i]!, province, handler, story, trialIds[i]!)) made += 1;
  made += await seedInspection(
    province,
    stories.map((s) => s.code),
  );
  await placeInJune(
    ctx,
    stories.map((s) => s.code),
  );
  await seedSnapshots(ctx, stories, todayInVietnam());
  log(
    `Vận hành thử nghiệm ngày 20/6/2025 của ${stories.length} xã, phường Hà Tĩnh (danh mục, diễn tập, sự cố, kiến nghị, kiểm tra).`,
  );
  return made;
}

/**
 * Seeds the department handler's account, then (state given: seedDemo gives it with the meetings' services, the
 * trials rehearse those sessions) the campaign: trial as of 20 June 2025; live, then the go-live of 1 July 2025
 * through the cutover service.
 */
export async function seedDemoCampaign(
  ctx: WriteContext,
  log: (msg: string) => void,
  options: { scale: DemoScale; state: DemoCampaignState | null; writers?: DemoCampaignWriters },
): Promise<number> {
  let created = await seedDemoDepartmentAccount(ctx);
  if (!options.state) return created; // the department's account only
  const stories: CommuneStory[] = [];
  for (const story of demoCampaignCommunes(options.scale))
    if (await findCommuneLocation(ctx.db, story.code)) stories.push(story);
  if (!stories.length) return created;
  if (!(await publishedTemplateOf(ctx.db, PROVINCE)))
    created += await seedTrialDay(ctx, stories, log, options.writers ?? {});
  if (options.state === 'live') created += await seedGoLive(ctx, stories, log);
  return created;
}

/**
 * After the trial: by 30 June each commune finished its checklist, fixed what was open and reported the
 * directives done; Trần Phú closed its answered recommendation and the province answered Sông Trí's (partly).
 * Then each leader switched the commune to official operation through the cutover (rehearsal meetings and mock
 * dossiers archived, numbering restarted, rehearsal mode off); where the checklist's records-checked items still
 * fell short (e.g. no rehearsal session held), the province allowed it with a reason first, as it may. The
 * cutover refuses a date in the past, so it is made for today and then placed on 1 July 2025 with the history of
 * the last June days (one audited change).
 */
async function seedGoLive(ctx: WriteContext, stories: CommuneStory[], log: (msg: string) => void) {
  const province = await actingAs(ctx, 'tinh.hatinh', 'province_officer');
  if (!province) return 0;
  const status = await goLiveStatusOf(
    ctx.db,
    stories.map((s) => s.code),
  );
  const pending = stories.filter((s) => status.get(s.code)?.status !== 'live');
  if (!pending.length) return 0;
  const published = await publishedTemplateOf(ctx.db, PROVINCE);
  const handKeys = (published?.items ?? []).filter((i) => !i.autoCheck).map((i) => i.itemKey);
  const today = todayInVietnam();
  let made = 0;
  for (const story of pending) {
    const leader = await actingAs(ctx, `lanhdao.${story.slug}`, 'commune_leader');
    if (!leader) continue;
    // The rest of the checklist, done.
    const answers = await ctx.db
      .select()
      .from(readinessAnswers)
      .where(eq(readinessAnswers.communeCode, story.code));
    for (const key of handKeys) {
      const row = answers.find((a) => a.itemKey === key);
      if (row?.status === 'done') continue;
      await answerItem(leader, story.code, key, {
        status: 'done',
        comment: COMMENTS[key] ?? 'Đã hoàn thành.',
        owner: null,
        dueDate: null,
        version: row?.version ?? 0,
      });
      made += 1;
    }
    // What was still open, fixed.
    const open = await ctx.db
      .select()
      .from(campaignIncidents)
      .where(and(eq(campaignIncidents.communeCode, story.code), eq(campaignIncidents.status, 'open')));
    for (const incident of open) {
      await resolveIncident(leader, incident.id, {
        version: incident.version,
        resolvedBy: incident.kind === 'staffing' ? 'Chủ tịch UBND' : 'Văn phòng HĐND và UBND',
        resolvedAt: vn('2025-06-25', '16:00'),
        resolution:
          incident.kind === 'staffing'
            ? 'Ban hành lại thông báo phân công nhiệm vụ theo lĩnh vực; sơ đồ quầy dán tại sảnh.'
            : 'Đã nhận và lắp đặt thiết bị theo kế hoạch của tỉnh.',
      });
      made += 1;
    }
    const directives = await ctx.db
      .select()
      .from(campaignDirectives)
      .where(and(eq(campaignDirectives.communeCode, story.code), eq(campaignDirectives.status, 'open')));
    for (const d of directives) {
      await markDirectiveDone(
        leader,
        d.id,
        { version: d.version, note: 'Đã thực hiện xong, báo cáo đoàn kiểm tra của tỉnh.' },
        new Date(vn(d.dueDate, '16:30')),
      );
      made += 1;
    }
    made += await settleRecommendations(leader, province, story);
    try {
      await goLive(leader, story.code, today);
    } catch {
      // Below the threshold or a records-checked blocker: the province allows it, with its reason.
      await setOverride(
        province,
        story.code,
        'Tỉnh cho phép vận hành chính thức từ 01/7/2025 theo kế hoạch chung; xã hoàn thiện các mục còn lại trong tháng 7.',
      );
      await goLive(leader, story.code, today);
    }
    made += 1;
  }
  await placeOnGoLiveDay(
    ctx,
    pending.map((s) => s.code),
    today,
  );
  log(`Vận hành chính thức từ 01/7/2025: ${pending.length} xã, phường Hà Tĩnh.`);
  return made;
}

/** Trần Phú closes its answered recommendation; the province answers Sông Trí's, partly. */
async function settleRecommendations(leader: WriteContext, province: WriteContext, story: CommuneStory) {
  const recs = await leader.db
    .select()
    .from(campaignRecommendations)
    .where(eq(campaignRecommendations.communeCode, story.code));
  let made = 0;
  for (const rec of recs) {
    if (rec.status === 'answered') {
      await closeRecommendation(
        leader,
        rec.id,
        { version: rec.version, note: 'Công chức được điều động đã nhận nhiệm vụ.' },
        { kind: 'commune', accountId: leader.actor.accountId },
        new Date(vn('2025-06-30', '09:00')),
      );
      made += 1;
    } else if (rec.status === 'received') {
      await answerRecommendation(
        province,
        rec.id,
        {
          version: rec.version,
          outcome: 'partly',
          answer:
            'Tỉnh hỗ trợ kinh phí đường truyền dự phòng trong năm 2025; trước mắt Viettel Hà Tĩnh lắp đặt đường ' +
            'truyền 4G dự phòng miễn phí đến hết tháng 9/2025.',
        },
        provinceActor(province),
        new Date(vn('2025-06-26', '15:00')),
      );
      made += 1;
    }
  }
  return made;
}

/**
 * The cutover done today becomes the cutover of 1 July 2025: the communes' go-live rows, the answers and the
 * recommendations' steps of the last June days, and the day's readiness snapshots (the value at cutover, on
 * 30 June and 1 July). One audited change.
 */
async function placeOnGoLiveDay(ctx: WriteContext, codes: string[], today: string) {
  const wentLive = new Date(vn(GO_LIVE_DAY, '07:30'));
  await inTransaction(ctx, async (tx, audit) => {
    await tx
      .update(communeGoLive)
      .set({ liveFrom: GO_LIVE_DAY, wentLiveAt: wentLive, updatedAt: wentLive })
      .where(inArray(communeGoLive.communeCode, codes));
    await tx
      .update(readinessAnswers)
      .set({ updatedAt: new Date(vn('2025-06-30', '10:00')) })
      .where(
        and(
          inArray(readinessAnswers.communeCode, codes),
          sql`${readinessAnswers.updatedAt} > ${new Date(vn('2025-07-02', '00:00'))}`,
        ),
      );
    await tx.execute(sql`update ${campaignRecommendationActions} a set at = case a.action
        when 'answer' then r.answered_at when 'close' then r.closed_at else a.at end
      from ${campaignRecommendations} r
      where r.id = a.recommendation_id and a.action in ('answer', 'close') and r.commune_code in (${sql.join(
        codes.map((c) => sql`${c}`),
        sql`, `,
      )})`);
    const snaps = await tx
      .select()
      .from(readinessSnapshots)
      .where(and(inArray(readinessSnapshots.communeCode, codes), eq(readinessSnapshots.day, today)));
    await tx
      .delete(readinessSnapshots)
      .where(and(inArray(readinessSnapshots.communeCode, codes), eq(readinessSnapshots.day, today)));
    for (const day of ['2025-06-30', GO_LIVE_DAY])
      if (snaps.length)
        await tx
          .insert(readinessSnapshots)
          .values(snaps.map((s) => ({ ...s, day, computedAt: new Date(vn(day, '07:00')) })))
          .onConflictDoNothing();
    await audit({
      action: 'campaign.demo.go_live_day',
      entityType: 'campaign',
      entityId: PROVINCE,
      chain: `province:${PROVINCE}`,
      after: { liveFrom: GO_LIVE_DAY, communes: codes, source: 'demo' },
    });
  });
}
