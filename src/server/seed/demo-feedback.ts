/**
 * Demo citizen feedback (phản ánh, kiến nghị) across the trial communes, with what the use cases (intake, handling,
 * the reporter's rating) write — every record has its actions, audit entries and outbox messages — written in bulk
 * by modules/feedback/seed-bulk.ts (one transaction per commune; the integration test compares it with the use
 * cases called one step at a time). In each
 * commune a broken street light reported on the web with a near duplicate the next day (the duplicate suggestion
 * and the merge to try), questions about the new addresses after the merger (one answered and published), rubbish
 * reported by phone and overdue, a land question answered, rated and closed, and — in Trần Phú — an answer the
 * reporter found wanting (reopened). Dates are placed relative to today so the queue's deadlines mean something.
 * Idempotent: a commune that already has reports is left alone.
 */
import { inArray } from 'drizzle-orm';
import type { WriteContext } from '../db/transaction';
import { accountsByUsername } from '../modules/auth/accounts';
import { getCalendar } from '../modules/calendar/service';
import type { FileStorage } from '../modules/dossiers/storage';
import { categoriesOfProvince } from '../modules/feedback/categories';
import type { Caller } from '../modules/feedback/handling';
import { feedbackReports } from '../modules/feedback/schema';
import {
  type DemoFeedbackReport,
  type DemoFeedbackStep,
  writeDemoFeedback,
} from '../modules/feedback/seed-bulk';
import { findCommuneLocation } from '../modules/units/service';
import { DEMO_DOSSIER_COMMUNES, type DemoScale } from './demo-dossiers';

interface Story {
  key: string;
  category: string;
  channel: 'web' | 'counter' | 'phone';
  title: string;
  content: (place: string) => string;
  placeText: (place: string) => string;
  /** What the place text names before the commune ("Chợ" in "Chợ phường Trần Phú"), if anything. */
  street?: string;
  /** Offset of the point from the commune's demo centre (metres north, east), or none. */
  point?: [number, number];
  reporter?: { name: string; phone?: string; email?: string };
  /** Working days before today it was received. */
  daysAgo: number;
  /** How far it has gone. */
  until: 'received' | 'assigned' | 'answered' | 'closed' | 'rated' | 'reopened';
  answer?: string;
  onlyFirst?: boolean;
}

const STORIES: Story[] = [
  {
    key: 'light',
    category: 'infrastructure',
    channel: 'web',
    title: 'Đèn đường hỏng ở thôn 3',
    content: (p) =>
      `Cột đèn đường trước nhà văn hóa thôn 3, ${p} đã tắt hơn một tuần, buổi tối rất tối và nguy hiểm.`,
    placeText: (p) => `Nhà văn hóa thôn 3, ${p}`,
    street: 'Nhà văn hóa thôn 3',
    point: [120, -80],
    daysAgo: 3,
    until: 'received',
  },
  {
    key: 'light-dup',
    category: 'infrastructure',
    channel: 'web',
    title: 'Đèn chiếu sáng thôn 3 không sáng',
    content: (p) => `Đèn đường gần nhà văn hóa thôn 3 (${p}) bị hỏng, trẻ em đi học thêm về rất lo.`,
    placeText: (p) => `Gần nhà văn hóa thôn 3, ${p}`,
    street: 'Gần nhà văn hóa thôn 3',
    point: [140, -60],
    reporter: { name: 'Trần Thị Hoa', phone: '0912 345 601' },
    daysAgo: 2,
    until: 'received',
  },
  {
    key: 'address',
    category: 'new_address',
    channel: 'counter',
    title: 'Ghi địa chỉ mới trên giấy tờ sau sáp nhập',
    content: (p) =>
      `Gia đình tôi ở xã cũ nay thuộc ${p}. Xin hướng dẫn ghi địa chỉ mới trên căn cước và sổ đỏ, có phải làm lại giấy tờ không?`,
    placeText: (p) => p,
    reporter: { name: 'Nguyễn Văn Bình', phone: '0987 654 302' },
    daysAgo: 8,
    until: 'answered',
    answer:
      'Theo Nghị quyết của Ủy ban Thường vụ Quốc hội về sắp xếp đơn vị hành chính, giấy tờ đã cấp vẫn còn giá trị; ông/bà không phải làm lại. Khi cấp mới, đổi hoặc điều chỉnh, cơ quan có thẩm quyền ghi theo địa chỉ mới. Ông Nguyễn Văn Bình có thể liên hệ bộ phận một cửa để được hướng dẫn thêm.',
  },
  {
    key: 'address-2',
    category: 'new_address',
    channel: 'web',
    title: 'Biển tên thôn chưa thay theo tên mới',
    content: (p) => `Các biển tên thôn, tổ dân phố ở ${p} vẫn ghi tên xã cũ, người đến làm việc khó tìm.`,
    placeText: (p) => p,
    point: [-300, 200],
    reporter: { name: 'Lê Văn Cường', email: 'cuong.le@example.vn' },
    daysAgo: 4,
    until: 'assigned',
  },
  {
    key: 'rubbish',
    category: 'environment',
    channel: 'phone',
    title: 'Rác thải tồn đọng ở điểm tập kết chợ',
    content: (p) => `Rác ở điểm tập kết cạnh chợ ${p} không được thu gom nhiều ngày, bốc mùi.`,
    placeText: (p) => `Chợ ${p}`,
    street: 'Chợ',
    point: [400, 350],
    reporter: { name: 'Phạm Thị Lan', phone: '0905 111 203' },
    daysAgo: 16,
    until: 'assigned',
  },
  {
    key: 'land',
    category: 'land',
    channel: 'counter',
    title: 'Hỏi về thủ tục tách thửa đất',
    content: () =>
      'Tôi muốn tách thửa đất cho con, xin hỏi cần hồ sơ gì và nộp ở đâu sau khi không còn huyện?',
    placeText: (p) => p,
    reporter: { name: 'Hoàng Văn Dũng', phone: '0934 222 304' },
    daysAgo: 12,
    until: 'rated',
    answer:
      'Hồ sơ tách thửa nộp tại Trung tâm Phục vụ hành chính công của xã hoặc trực tuyến trên Cổng dịch vụ công; thành phần hồ sơ theo thủ tục đăng ký biến động đất đai niêm yết tại bộ phận một cửa.',
  },
  {
    key: 'procedure',
    category: 'administrative_procedures',
    channel: 'web',
    title: 'Hồ sơ chứng thực trả chậm',
    content: () =>
      'Hồ sơ chứng thực của tôi hẹn trả thứ Hai nhưng đến thứ Tư mới nhận được, không có thư xin lỗi.',
    placeText: (p) => p,
    reporter: { name: 'Đặng Thị Mai', phone: '0978 333 405' },
    daysAgo: 10,
    until: 'reopened',
    answer:
      'Xã đã kiểm tra, hồ sơ trễ do thiếu chữ ký; xã xin lỗi và đã nhắc cán bộ gửi thư xin lỗi khi trễ hẹn.',
    onlyFirst: true,
  },
];

/** Approximate centres of the trial communes (the demo has no boundaries; points only need to lie nearby). */
const CENTRES: Record<string, [number, number]> = {
  '18100': [18.3428, 105.9057],
  '18754': [18.0756, 106.3406],
  '18496': [18.1794, 105.7131],
  '18313': [18.3067, 105.5194],
  '18373': [18.6025, 105.7739],
  '18229': [18.5253, 105.5944],
  '18562': [18.3597, 105.8283],
  '18673': [18.2411, 106.0075],
  '18406': [18.4506, 105.7186],
  '18775': [18.0553, 106.2461],
};

const offset = ([lat, lng]: [number, number], [north, east]: [number, number]): [number, number] => [
  lat + north / 111_320,
  lng + east / (111_320 * Math.cos((lat * Math.PI) / 180)),
];

/** Writes the demo reports (of every commune), in order; returns how many. */
export type DemoFeedbackWriter = (
  ctx: WriteContext,
  reports: readonly DemoFeedbackReport[],
) => Promise<number>;

/** The demo's place texts in a commune named `place` ("phường Trần Phú"), with what each names before it. */
export function demoPlaces(place: string): { placeText: string; street: string | null }[] {
  return STORIES.map((s) => ({ placeText: s.placeText(place), street: s.street ?? null }));
}

/**
 * Seeds the demo reports; returns how many were created. The reports of every commune are written by `writer`: by
 * default in bulk, in one transaction (modules/feedback/seed-bulk.ts; the integration test compares it with the
 * use cases, one call per step). Their places are written resolved as the seed knows them, without the address
 * resolver (the test checks that it resolves them so).
 */
export async function seedDemoFeedback(
  ctx: WriteContext,
  _storage: FileStorage, // the demo reports have no files
  log: (msg: string) => void,
  options: { scale: DemoScale; now?: Date; writer?: DemoFeedbackWriter },
): Promise<number> {
  const now = options.now ?? new Date();
  const write = options.writer ?? writeDemoFeedback;
  const calendar = await getCalendar(ctx.db);
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(now);
  const communes = options.scale === 'full' ? DEMO_DOSSIER_COMMUNES : DEMO_DOSSIER_COMMUNES.slice(0, 2);
  // A commune that already has reports is left alone (one read for all).
  const existing = new Set(
    (
      await ctx.db
        .selectDistinct({ code: feedbackReports.communeCode })
        .from(feedbackReports)
        .where(
          inArray(
            feedbackReports.communeCode,
            communes.map(([code]) => code),
          ),
        )
    ).map((r) => r.code),
  );
  const accounts = await accountsByUsername(
    ctx.db,
    communes.flatMap(([, slug]) => [`lanhdao.${slug}`, `chuyenvien.${slug}`, `motcua.${slug}`]),
  );
  const categoriesOf = new Map<string, Awaited<ReturnType<typeof categoriesOfProvince>>>();
  const reports: DemoFeedbackReport[] = [];
  for (const [index, [code, slug, place]] of communes.entries()) {
    const where = await findCommuneLocation(ctx.db, code);
    if (!where || existing.has(code)) continue;
    const leader = accounts.get(`lanhdao.${slug}`) ?? null;
    const specialist = accounts.get(`chuyenvien.${slug}`) ?? null;
    const officer = accounts.get(`motcua.${slug}`) ?? null;
    if (!leader) continue;
    if (!categoriesOf.has(where.provinceCode))
      categoriesOf.set(
        where.provinceCode,
        await categoriesOfProvince(ctx.db, where.provinceCode, { activeOnly: true }),
      );
    const categories = categoriesOf.get(where.provinceCode)!;
    const leaderCaller: Caller = {
      accountId: leader.id,
      grants: [{ role: 'commune_leader', communeCode: code, provinceCode: null }],
      restriction: null,
    };
    const handler: Caller = specialist
      ? {
          accountId: specialist.id,
          grants: [{ role: 'specialist', communeCode: code, provinceCode: null }],
          restriction: null,
        }
      : leaderCaller;
    const as = (account: { id: string; displayName: string } | null, role: string): WriteContext =>
      account
        ? { db: ctx.db, meta: ctx.meta, actor: { accountId: account.id, name: account.displayName, role } }
        : ctx;
    const leaderCtx = as(leader, 'commune_leader');
    const handlerCtx = as(specialist ?? leader, specialist ? 'specialist' : 'commune_leader');
    const centre = CENTRES[code] ?? [18.34, 105.9];
    for (const story of STORIES) {
      if (story.onlyFirst && index > 0) continue;
      const category = categories.find((c) => c.key === story.category);
      if (!category) continue;
      const receivedOn = calendar.addWorkingDays(today, 0);
      const day = subtractWorkingDays(calendar, receivedOn, story.daysAgo);
      const at = (hour: number, minutes = 0) =>
        new Date(`${day}T${String(hour).padStart(2, '0')}:${String(minutes).padStart(2, '0')}:00+07:00`);
      const point = story.point ? offset(centre, story.point) : null;
      const later = (hours: number) => new Date(at(8, 3).getTime() + hours * 3_600_000);
      const steps: DemoFeedbackStep[] = [];
      const report: DemoFeedbackReport = {
        receiver: story.channel === 'web' ? ctx : as(officer ?? leader, 'one_stop_officer'),
        communeCode: code,
        input: {
          communeCode: code,
          categoryId: category.id,
          title: story.title,
          content: story.content(place),
          placeText: story.placeText(place),
          latitude: point?.[0] ?? null,
          longitude: point?.[1] ?? null,
          reporterName: story.reporter?.name ?? null,
          reporterPhone: story.reporter?.phone ?? null,
          reporterEmail: story.reporter?.email ?? null,
          isPrivate: false,
          locale: 'vi',
        },
        place: { street: story.street ?? null },
        channel: story.channel,
        at: at(8, 3),
        steps,
      };
      reports.push(report);
      if (story.until === 'received') continue;
      const byLeader = { ctx: leaderCtx, caller: leaderCaller };
      steps.push({ kind: 'accept', ...byLeader, at: later(1) });
      steps.push({ kind: 'assign', ...byLeader, accountId: specialist?.id ?? leader.id, at: later(2) });
      if (story.until === 'assigned' || !story.answer) continue;
      const answerAt = later(24 * Math.max(1, story.daysAgo - 2));
      steps.push({ kind: 'answer', ctx: handlerCtx, caller: handler, text: story.answer, at: answerAt });
      if (category.approvalRequired && handler !== leaderCaller)
        steps.push({ kind: 'approve', ...byLeader, at: answerAt });
      if (story.until === 'answered') continue;
      if (story.until === 'closed') {
        steps.push({ kind: 'close', ...byLeader, at: answerAt });
        continue;
      }
      const rated = new Date(answerAt.getTime() + 86_400_000);
      steps.push(
        story.until === 'rated'
          ? { kind: 'rate', ctx, resolved: true, rating: 4, comment: 'Cảm ơn xã đã hướng dẫn rõ.', at: rated }
          : {
              kind: 'rate',
              ctx,
              resolved: false,
              rating: 2,
              comment: 'Tôi vẫn chưa nhận được thư xin lỗi.',
              at: rated,
            },
      );
    }
  }
  const created = await write(ctx, reports);
  if (created) log(`Tạo ${created} phản ánh, kiến nghị mẫu.`);
  return created;
}

/** The working day `n` working days before `day`. */
function subtractWorkingDays(calendar: { isWorkingDay(d: string): boolean }, day: string, n: number): string {
  let d = new Date(`${day}T00:00:00Z`);
  let left = n;
  while (left > 0) {
    d = new Date(d.getTime() - 86_400_000);
    if (calendar.isWorkingDay(d.toISOString().slice(0, 10))) left -= 1;
  }
  return d.toISOString().slice(0, 10);
}
