/**
 * Generates a province's worth of citizen feedback reports (500,000 by default) straight into PostgreSQL with
 * INSERT … SELECT over generate_series, for the feedback figures of `npm run bench`: titles and contents drawn from
 * a vocabulary of real complaints (street lights, potholes, rubbish, new addresses after the merger …) with a
 * house number or a lane, folded for the trigram search as the application folds them, points scattered over a
 * few kilometres around each commune's centre, received over the last 18 months. As in a working commune, the old
 * reports are mostly closed (answered and published, some private, a few rejected or merged, one in fifty still
 * open and overdue) and the last six weeks' spread over the open states. A fifth of the reports are the busiest
 * commune's (where the queue and the duplicates are measured). One action row per report (its receipt).
 *
 * The secondary indexes of the two tables are dropped for the load and built again afterwards, from their own
 * definitions (pg_indexes), which is several times faster than maintaining the trigram index row by row.
 */
import type pg from 'pg';
import { OPEN_FEEDBACK_STATES } from '../src/common/api/feedback';
import { foldVietnamese } from '../src/common/text';

const SUBJECTS = [
  'Đèn đường hỏng',
  'Ổ gà trên đường liên thôn',
  'Rác thải tồn đọng',
  'Cống thoát nước bị tắc',
  'Địa chỉ mới sau sáp nhập chưa cập nhật',
  'Cây đổ chắn đường',
  'Tiếng ồn karaoke ban đêm',
  'Nước sinh hoạt bị đục',
  'Biển tên đường bị mất',
  'Hồ sơ đất đai chậm giải quyết',
  'Chó thả rông',
  'Xả thải ra kênh mương',
  'Cầu tạm xuống cấp',
  'Điểm tập kết rác tự phát',
  'Đường điện sà thấp',
  'Trạm y tế thiếu thuốc',
];
const PLACES = [
  'thôn 1',
  'thôn 3',
  'xóm Đông',
  'tổ dân phố 5',
  'gần chợ',
  'trước trường tiểu học',
  'đầu cầu',
  'ngõ 12 đường Hà Huy Tập',
  'khu tái định cư',
];
const DETAILS = [
  'đã nhiều ngày chưa được khắc phục, người dân đi lại rất nguy hiểm.',
  'ảnh hưởng đến sinh hoạt của các hộ gia đình xung quanh.',
  'đề nghị xã kiểm tra và xử lý sớm.',
  'buổi tối không có ánh sáng, trẻ em đi học về rất lo.',
  'mùa mưa nước ngập cả mặt đường.',
  'đã báo trưởng thôn nhưng chưa thấy ai đến xem.',
  'nhiều hộ dân cùng ký tên đề nghị.',
];

export interface GeneratedFeedback {
  reports: number;
  communes: string[];
  seconds: number;
  /** The commune with a fifth of the reports, its centre, how many it has and how many are open. */
  busiest: { code: string; latitude: number; longitude: number; reports: number; open: number };
  /** Open, published reports across the province. */
  published: number;
}

const quote = (v: string) => `'${v.replace(/'/g, "''")}'`;
const sqlArray = (values: string[]) => `array[${values.map(quote).join(',')}]::text[]`;

/** Where the generator puts commune number `c` (1-based): a grid over Hà Tĩnh, about 9 km apart. */
export function communeCentre(c: number) {
  return { latitude: 18.0 + (c % 10) * 0.08, longitude: 105.5 + Math.floor(c / 10) * 0.08 };
}

async function secondaryIndexes(client: pg.Client, table: string) {
  const { rows } = await client.query<{ name: string; def: string }>(
    `select indexname as name, indexdef as def from pg_indexes
     where schemaname = current_schema() and tablename = $1
       and indexname not in (select conname from pg_constraint)`,
    [table],
  );
  return rows;
}

/**
 * Inserts `count` reports over the province's communes, `busiest` first (categories must exist for the
 * province).
 */
export async function generateFeedback(
  client: pg.Client,
  o: { provinceCode: string; count: number; busiest: string; now?: Date },
): Promise<GeneratedFeedback> {
  const started = performance.now();
  const others = (
    await client.query<{ code: string }>(
      'select code from communes where province_code = $1 and code <> $2 order by code',
      [o.provinceCode, o.busiest],
    )
  ).rows.map((r) => r.code);
  const communes = [o.busiest, ...others];
  const categories = (
    await client.query<{ id: string }>(
      'select id from feedback_categories where province_code = $1 order by sort_order',
      [o.provinceCode],
    )
  ).rows.map((r) => r.id);
  if (!others.length || !categories.length) throw new Error('no communes or no categories in the province');

  const titles: string[] = [];
  const contents: string[] = [];
  for (const [si, s] of SUBJECTS.entries())
    for (const [pi, p] of PLACES.entries()) {
      titles.push(`${s} ${p}`);
      contents.push(`${s} ${p}: ${DETAILS[(si + pi) % DETAILS.length]}`);
    }
  const folded = titles.map((t, i) => foldVietnamese(`${t} ${contents[i]}`));
  const n = titles.length;
  const now = (o.now ?? new Date()).toISOString();

  const dropped = [
    ...(await secondaryIndexes(client, 'feedback_reports')),
    ...(await secondaryIndexes(client, 'feedback_actions')),
  ];
  for (const ix of dropped) await client.query(`drop index ${ix.name}`);

  // i → commune c (1 = the busiest, a fifth of all), text t, house number, age d in days (0–539), state.
  const batch = 50_000;
  for (let start = 0; start < o.count; start += batch) {
    const size = Math.min(batch, o.count - start);
    await client.query(
      `with g as (
         select i, t, c, cat, d, at, hn,
           -- by i / 5, not i: every fifth report is the busiest commune's, which must get every state too
           case
             when d < 45 then (array['received','accepted','assigned','assigned','answered','closed','closed',
                                     'answer_pending','reopened','closed'])[1 + (i / 5) % 10]
             when (i / 5) % 50 = 0 then 'assigned'
             when (i / 5) % 50 = 1 then 'rejected'
             when (i / 5) % 50 = 2 then 'merged'
             when (i / 5) % 10 in (3, 7) then 'answered'
             else 'closed' end as state
         from (
           select i, (i % ${n}) + 1 as t,
             case when i % 5 = 0 then 1 else 2 + (i % ${others.length}) end as c,
             (array[${categories.map((c) => `'${c}'::uuid`).join(',')}])[1 + (i / 7) % ${categories.length}] as cat,
             (i * 7) % 540 as d,
             $4::timestamptz - ((i * 7) % 540) * interval '1 day' - (i % 600) * interval '1 minute' as at,
             1 + (i * 31) % 180 as hn
           from generate_series($1::int, $2::int) i
         ) x
       ), r as (
         insert into feedback_reports (id, code, commune_code, province_code, category_id, channel, title, content,
           search_text, place_text, latitude, longitude, reporter_name, reporter_phone, anonymous, is_private, state,
           received_at, transfer_due_date, answer_due_date, accepted_at, answered_at, closed_at, reject_reason,
           answer_text, answer_public_text, published_at, version, created_at, updated_at)
         select gen_random_uuid(), 'PA-' || (${sqlArray(communes)})[c] || '-B' || lpad(i::text, 7, '0'),
           (${sqlArray(communes)})[c], $3, cat, (array['web','counter','phone','open311'])[1 + i % 4],
           (${sqlArray(titles)})[t], (${sqlArray(contents)})[t] || ' Nhà số ' || hn || '.',
           (${sqlArray(folded)})[t] || ' nha so ' || hn || '.',
           (${sqlArray(PLACES)})[1 + (t - 1) % ${PLACES.length}] || ', số ' || hn,
           case when i % 4 = 3 then null
             else 18.0 + (c % 10) * 0.08 + (((i::bigint * 7919) % 4001) - 2000) / 100000.0 end,
           case when i % 4 = 3 then null
             else 105.5 + (c / 10) * 0.08 + (((i::bigint * 104729) % 4001) - 2000) / 100000.0 end,
           case when i % 3 = 0 then null else 'Người dân ' || i end,
           case when i % 3 = 0 then null else '09' || lpad((i % 100000000)::text, 8, '0') end,
           i % 3 = 0, i % 17 = 0, state,
           at, (at + interval '7 days')::date,
           case when state <> 'received' then (at + interval '21 days')::date end,
           case when state not in ('received', 'rejected') then at + interval '3 days' end,
           case when state in ('answered', 'closed', 'reopened') then at + interval '12 days' end,
           case when state = 'closed' then at + interval '20 days' end,
           case when state = 'rejected' then 'Không thuộc thẩm quyền của xã.' end,
           case when state in ('answered', 'closed', 'reopened') then 'Xã đã kiểm tra và khắc phục.' end,
           case when state in ('answered', 'closed', 'reopened') then 'Xã đã kiểm tra và khắc phục.' end,
           case when state in ('answered', 'closed') and i % 17 <> 0 then at + interval '12 days' end,
           1, at, at
         from g
         returning id, commune_code, received_at
       )
       insert into feedback_actions (id, report_id, commune_code, action, from_state, to_state, actor_kind, at)
       select gen_random_uuid(), id, commune_code, 'receive', null, 'received', 'reporter', received_at from r`,
      [start + 1, start + size, o.provinceCode, now],
    );
  }
  for (const ix of dropped) await client.query(ix.def);
  // As autovacuum leaves a table of this age: statistics and the visibility map (index-only counts) up to date.
  await client.query('vacuum (analyze) feedback_reports');
  await client.query('vacuum (analyze) feedback_actions');
  const { rows } = await client.query<{ n: string; open: string }>(
    `select count(*) as n, count(*) filter (where state in (${OPEN_FEEDBACK_STATES.map(quote).join(',')})) as open
     from feedback_reports where commune_code = $1`,
    [o.busiest],
  );
  const published = await client.query<{ n: string }>(
    'select count(*) as n from feedback_reports where province_code = $1 and published_at is not null',
    [o.provinceCode],
  );
  return {
    reports: o.count,
    communes,
    seconds: Math.round((performance.now() - started) / 100) / 10,
    busiest: {
      code: o.busiest,
      ...communeCentre(1),
      reports: Number(rows[0]!.n),
      open: Number(rows[0]!.open),
    },
    published: Number(published.rows[0]!.n),
  };
}
