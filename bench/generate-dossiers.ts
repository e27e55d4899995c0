/**
 * Bench data: many dossiers in one go, generated inside the database (`INSERT … SELECT generate_series`), spread
 * the way a province's centres would see them: ~100 communes of uneven size (a busy urban ward takes ~6 %, a
 * mountain commune a few hundred a year), three years of receipts, most of them returned long ago, the recent ones
 * spread over the active states with due dates around today, a few old ones stuck (overdue), 5 % received at
 * another commune's centre (phi địa giới), five specialists per commune as assignees, Vietnamese names with their
 * folded form. One history row (the receive / online submission) per dossier, and the code counters brought up
 * to the generated codes so a later intake never reuses one. The same rows (but the ids) for a given count and day:
 * the random numbers come from setseed.
 */
import { createHash } from 'node:crypto';
import type pg from 'pg';
import { foldVietnamese } from '../src/common/text';

export interface GeneratedDossiers {
  count: number;
  /** Communes by number of dossiers as competent commune, busiest first. */
  communes: { code: string; dossiers: number }[];
  /** Five specialist ids per commune (the assignees), keyed by commune code. */
  specialists: Record<string, string[]>;
  seconds: number;
}

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ'];
// Weights of the family names, roughly their share in Vietnam (Nguyễn ≈ 38 %).
const FAMILY_WEIGHT = [38, 11, 9, 7, 5, 4, 4, 4, 4, 2, 2, 2];
const MIDDLE = ['Văn', 'Thị', 'Hữu', 'Đức', 'Minh', 'Thanh', 'Ngọc', 'Quang', 'Xuân', 'Thu', 'Công', 'Kim'];
const GIVEN = [
  'An',
  'Anh',
  'Bình',
  'Châu',
  'Cường',
  'Dũng',
  'Duyên',
  'Giang',
  'Hà',
  'Hải',
  'Hạnh',
  'Hiếu',
  'Hoa',
  'Hòa',
  'Hùng',
  'Hương',
  'Khánh',
  'Lan',
  'Linh',
  'Long',
  'Mai',
  'Nam',
  'Nga',
  'Nhung',
  'Phúc',
  'Phương',
  'Quân',
  'Sơn',
  'Tâm',
  'Thảo',
  'Thắng',
  'Thủy',
  'Trang',
  'Trung',
  'Tuấn',
  'Việt',
  'Vinh',
  'Xuân',
  'Yến',
  'Hậu',
];
/** Cumulative thresholds of the family-name weights, for picking one with a single random(). */
function cumulative(weights: number[]): number[] {
  const total = weights.reduce((a, b) => a + b, 0);
  let acc = 0;
  return weights.map((w) => {
    acc += w;
    return acc / total;
  });
}

/**
 * Inserts `count` dossiers (and their first history rows) for the `communeCodes` (the first is the busiest),
 * received over the three years before `now`. The procedures are the catalogue's, read from the database.
 */
export async function generateDossiers(
  client: pg.ClientBase,
  options: { count: number; communeCodes: string[]; now: Date },
): Promise<GeneratedDossiers> {
  const started = performance.now();
  const { count, communeCodes, now } = options;
  const cum = cumulative(FAMILY_WEIGHT);
  await client.query('begin');
  await client.query('select setseed(0.4242)');
  const { rows: procs } = await client.query<{ id: string; version: number; name: string; days: number }>(`
    select p.id, p.current_version as version, p.name,
           greatest(1, coalesce(nullif(v.data #>> '{timeLimit,days}', '')::int, 1)) as days
    from procedures p join procedure_versions v on v.procedure_id = p.id and v.version = p.current_version
    order by p.code`);
  if (!procs.length) throw new Error('no procedures in the database: load the catalogue first');
  const { rows: provinces } = await client.query<{ code: string; province: string }>(
    'select code, province_code as province from communes where code = any($1::text[])',
    [communeCodes],
  );
  const provinceOf = new Map(provinces.map((r) => [r.code, r.province]));
  const agencies = communeCodes.map((c) => `000.00.${c}.H${provinceOf.get(c) ?? '00'}`);
  const n = communeCodes.length;
  const lit = (xs: readonly string[]) => `array[${xs.map((x) => `'${x.replace(/'/g, "''")}'`).join(',')}]`;
  const pick = (xs: readonly string[], r: string) => `(${lit(xs)})[1 + floor(${r} * ${xs.length})::int]`;
  const family = (r: string, names: readonly string[]) =>
    `case ${cum.map((c, i) => `when ${r} < ${c} then '${names[i]}'`).join(' ')} else '${names.at(-1)}' end`;
  // Every random number of a row is drawn once (sub-select), then turned into a dossier consistent with its age.
  await client.query(
    `
    create temp table gen_dossiers on commit drop as
    with r as (
      select g, least(${n} - 1, floor(${n} * power(random(), 1.6)))::int as ci,
        random() as r_recv, random() as r_other, random() * 1095 as age_days, random() as r_status,
        floor(random() * ${procs.length})::int + 1 as pi, random() as r_fam, random() as r_mid,
        random() as r_given, random() as r_spec, random() as r_phone, random() as r_id, random() as r_tod,
        random() as r_days
      from generate_series(1, $1::int) g
    ), b as (
      select r.*, ($3::text[])[ci + 1] as commune,
        ($3::text[])[case when r_recv < 0.05 then (ci + 1 + floor(r_other * 5)::int) % ${n} else ci end + 1] as receiving,
        -- received in working hours: local 07:30–16:30 of the day age_days before now
        (date_trunc('day', ($2::timestamptz - make_interval(secs => age_days * 86400)) at time zone 'Asia/Ho_Chi_Minh')
          + make_interval(mins => 450 + floor(r_tod * 540)::int)) at time zone 'Asia/Ho_Chi_Minh' as received_at,
        ($5::int[])[pi] as days,
        case when age_days < 30 then
          case when r_status < 0.03 then 'submitted_online' when r_status < 0.13 then 'received'
               when r_status < 0.27 then 'assigned' when r_status < 0.50 then 'in_processing'
               when r_status < 0.57 then 'supplement_requested' when r_status < 0.59 then 'awaiting_payment'
               when r_status < 0.67 then 'submitted_for_approval' when r_status < 0.69 then 'approved'
               when r_status < 0.79 then 'result_ready' when r_status < 0.80 then 'withdrawn'
               else 'returned' end
        else
          case when r_status < 0.003 then 'in_processing' when r_status < 0.005 then 'assigned'
               when r_status < 0.007 then 'supplement_requested' when r_status < 0.012 then 'result_ready'
               when r_status < 0.022 then 'rejected' when r_status < 0.032 then 'refused'
               when r_status < 0.042 then 'transferred' when r_status < 0.072 then 'withdrawn'
               else 'returned' end
        end as status
      from r
    )
    select gen_random_uuid() as id, b.*,
      ($4::text[])[case when r_recv < 0.05 then (ci + 1 + floor(r_other * 5)::int) % ${n} else ci end + 1] as agency,
      -- the appointment: received + the time limit in calendar days (≈ working days × 7/5)
      case when status in ('submitted_online', 'refused') then null
           else ((received_at at time zone 'Asia/Ho_Chi_Minh')::date + ceil(days * 1.4)::int) end as due_date,
      case when status in ('submitted_online', 'received', 'refused', 'transferred') then null
           else md5(commune || ':' || floor(r_spec * 5)::int)::uuid end as assignee_id,
      ${family('r_fam', FAMILY)} || ' ' || ${pick(MIDDLE, 'r_mid')} || ' ' || ${pick(GIVEN, 'r_given')} as full_name,
      ${family('r_fam', FAMILY.map(foldVietnamese))} || ' ' || ${pick(MIDDLE.map(foldVietnamese), 'r_mid')} || ' ' || ${pick(GIVEN.map(foldVietnamese), 'r_given')} as name_folded,
      '09' || lpad(floor(r_phone * 1e8)::bigint::text, 8, '0') as phone,
      '042' || lpad(floor(r_id * 1e9)::bigint::text, 9, '0') as id_number,
      (received_at at time zone 'Asia/Ho_Chi_Minh')::date as day,
      row_number() over (partition by receiving, (received_at at time zone 'Asia/Ho_Chi_Minh')::date order by received_at, g) as day_seq
    from b`,
    [count, now.toISOString(), communeCodes, agencies, procs.map((p) => p.days)],
  );
  await client.query(
    'create temp table gen_procedures on commit drop as select * from unnest($1::uuid[], $2::int[], $3::text[]) with ordinality as p(id, version, name, i)',
    [procs.map((p) => p.id), procs.map((p) => p.version), procs.map((p) => p.name)],
  );
  await client.query(`
    insert into dossiers (id, code, commune_code, receiving_commune_code, procedure_id, procedure_version,
      procedure_name, channel, applicant_full_name, applicant_name_folded, applicant_id_number, applicant_phone,
      applicant_address, checklist, status, version, due_date, assignee_id, received_at, closed_at, resolved_at,
      late_acknowledged, created_at, updated_at, submitted_at)
    select d.id,
      d.agency || '-' || to_char(d.received_at at time zone 'Asia/Ho_Chi_Minh', 'YYMMDD') || '-' || lpad((coalesce(cc.last_value, 0) + d.day_seq)::text, 4, '0'),
      d.commune, d.receiving, p.id, p.version, p.name,
      case when d.status = 'submitted_online' or d.r_other < 0.2 then 'online' else 'counter' end,
      d.full_name, d.name_folded, d.id_number, d.phone, 'Thôn ' || (1 + d.g % 12) || ', xã ' || d.commune,
      '[{"index":0,"status":"received"}]'::jsonb, d.status,
      case d.status when 'submitted_online' then 1 when 'received' then 1 when 'refused' then 2 when 'transferred' then 2
        when 'assigned' then 2 when 'in_processing' then 3 when 'withdrawn' then 3 when 'supplement_requested' then 4
        when 'awaiting_payment' then 4 when 'submitted_for_approval' then 4 when 'approved' then 5 when 'rejected' then 5
        when 'result_ready' then 6 else 7 end,
      d.due_date, d.assignee_id, d.received_at,
      case when d.status in ('returned', 'withdrawn', 'refused', 'transferred', 'rejected')
           then d.received_at + make_interval(days => 1 + floor(d.r_days * d.days * 1.6)::int) end,
      case when d.status in ('result_ready', 'returned', 'rejected')
           then d.received_at + make_interval(days => floor(d.r_days * d.days * 1.6)::int) end,
      d.r_days > 0.97, d.received_at, d.received_at,
      -- filed online, not received yet: received_at holds the submission time until the receipt (schema.ts)
      case when d.status = 'submitted_online' then d.received_at end
    from gen_dossiers d join gen_procedures p on p.i = d.pi
      -- after the codes already issued that day (demo data, earlier intakes)
      left join dossier_code_counters cc on cc.commune_code = d.receiving and cc.day = d.day`);
  await client.query(`
    insert into dossier_actions (dossier_id, seq, commune_code, action, payload, actor, at, from_status, to_status)
    select d.id, 1, d.commune,
      case when d.status = 'submitted_online' then 'submit_online' else 'receive' end,
      jsonb_build_object('type', case when d.status = 'submitted_online' then 'submit_online' else 'receive' end,
        'limit', jsonb_build_object('kind', 'working_days', 'days', d.days)),
      case when d.status = 'submitted_online' then '{"kind":"applicant"}'::jsonb
        else jsonb_build_object('kind', 'official', 'id', md5(d.receiving || ':officer')::uuid, 'roles', '["one_stop_officer"]'::jsonb) end,
      d.received_at, null, case when d.status = 'submitted_online' then 'submitted_online' else 'received' end
    from gen_dossiers d`);
  await client.query(`
    insert into dossier_code_counters (commune_code, day, last_value)
    select receiving, day, max(day_seq) from gen_dossiers group by 1, 2
    on conflict (commune_code, day) do update set last_value = dossier_code_counters.last_value + excluded.last_value`);
  const { rows } = await client.query<{ code: string; n: number }>(
    'select commune as code, count(*)::int as n from gen_dossiers group by 1 order by 2 desc',
  );
  await client.query('commit');
  await client.query('analyze dossiers');
  await client.query('analyze dossier_actions');
  const specialists = Object.fromEntries(
    communeCodes.map((c) => [
      c,
      Array.from({ length: 5 }, (_, k) => {
        const h = md5Hex(`${c}:${k}`);
        return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
      }),
    ]),
  );
  return {
    count,
    communes: rows.map((r) => ({ code: r.code, dossiers: r.n })),
    specialists,
    seconds: Math.round((performance.now() - started) / 100) / 10,
  };
}

const md5Hex = (s: string) => createHash('md5').update(s).digest('hex');
