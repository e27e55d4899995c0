/**
 * Duplicate suggestions on both engines: similar text (pg_trgm, without diacritics), the same place in other words
 * (haversine distance), only open reports of the same commune, the report itself left out on receipt; the citizen
 * sees no private report and no personal data, and another commune's staff cannot ask about a report.
 */
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, loginAs } from '../../../../tests/support/app';
import { ENGINES } from '../../../../tests/support/database';
import { feedbackTestApp, freshClient, setState, submitForm } from './intake-test-support';
import { feedbackSearchText } from './reports';
import { feedbackReports } from './schema';

type Suggestion = { id: string; code: string; title: string; similarity: number; distanceM: number | null };

describe.each(ENGINES)('feedback duplicates on %s', { timeout: 120_000 }, (engine) => {
  let ctx: Awaited<ReturnType<typeof feedbackTestApp>>;
  let app: Awaited<ReturnType<typeof feedbackTestApp>>['t']['app'];
  let leader: Record<string, string>;
  let otherLeader: Record<string, string>;
  const submit = async (change: Record<string, unknown>) => {
    const res = await submitForm(app, '/api/v1/public/feedback', {
      communeCode: '18100',
      categoryId: ctx.cat.infrastructure,
      ...change,
    });
    expect(res.statusCode).toBe(201);
    const { code } = json<{ code: string }>(res);
    const [row] = await ctx.t.database.db
      .select({ id: feedbackReports.id })
      .from(feedbackReports)
      .where(eq(feedbackReports.code, code));
    return { code, id: row!.id };
  };
  const suggest = async (query: Record<string, string | number>) => {
    const qs = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)]));
    const res = await app.inject({
      method: 'GET',
      url: `/api/v1/public/feedback/duplicates?${qs}`,
      headers: { 'x-forwarded-for': freshClient() },
    });
    expect(res.statusCode).toBe(200);
    return json<Suggestion[]>(res);
  };
  const A = { latitude: 18.3421, longitude: 105.9052 };

  let light: { code: string; id: string };
  let pole: { code: string; id: string };

  beforeAll(async () => {
    ctx = await feedbackTestApp(engine);
    app = ctx.t.app;
    [leader, otherLeader] = await Promise.all([
      loginAs(app, 'lanhdao.tranphu'),
      loginAs(app, 'lanhdao.songtri'),
    ]);
    light = await submit({
      title: 'Đèn đường hỏng trước nhà văn hoá tổ 5',
      content: 'Đèn đường trước nhà văn hoá tổ 5 không sáng đã một tuần, buổi tối rất tối.',
      ...A,
    });
    pole = await submit({
      title: 'Cột điện nghiêng',
      content: 'Cột điện ở góc ngã ba bị nghiêng, có nguy cơ đổ vào nhà dân.',
      ...A,
    });
    await submit({ title: 'Rác thải ùn ứ ở chợ', content: 'Rác ở cổng chợ không được thu gom ba ngày nay.' });
  }, 180_000);

  afterAll(async () => {
    await ctx?.close();
  });

  it('by text: the same problem written with or without diacritics; an unrelated text finds nothing', async () => {
    for (const text of [
      'đèn đường trước nhà văn hoá tổ 5 bị hỏng',
      'den duong truoc nha van hoa to 5 bi hong',
      'Đèn đường hỏng', // a short title typed so far
    ]) {
      const found = await suggest({ communeCode: '18100', text });
      expect(found.map((s) => s.code)).toContain(light.code);
      expect(found[0]!.code).toBe(light.code);
      expect(found[0]!.similarity).toBeGreaterThan(0.3);
      // The score is the greater of pg_trgm's similarity and word similarity (the query computes the latter only).
      const probe = feedbackSearchText('', text);
      const [row] = (
        (await ctx.t.database.db.execute(
          sql`select greatest(similarity(search_text, ${probe}::text), word_similarity(${probe}::text, search_text))::float8 as s
              from feedback_reports where code = ${light.code}`,
        )) as unknown as { rows: { s: number }[] }
      ).rows;
      expect(found[0]!.similarity).toBeCloseTo(Number(row!.s), 3);
    }
    expect(await suggest({ communeCode: '18100', text: 'xin cấp giấy phép xây dựng nhà ở' })).toEqual([]);
  });

  it('by place: near reports in other words are suggested with their distance; far ones are not', async () => {
    // ~30 m away, loosely similar words.
    const near = await suggest({
      communeCode: '18100',
      text: 'cột điện sắp đổ',
      lat: 18.3423,
      lng: 105.9053,
    });
    const hit = near.find((s) => s.code === pole.code);
    expect(hit).toBeDefined();
    expect(hit!.distanceM).toBeGreaterThan(10);
    expect(hit!.distanceM).toBeLessThan(60);
    // ~5 km away: the loose text alone is not enough.
    const far = await suggest({ communeCode: '18100', text: 'cột điện sắp đổ', lat: 18.3871, lng: 105.9052 });
    expect(far.map((s) => s.code)).not.toContain(pole.code);
    // Bad input names the field.
    const res = await app.inject({
      method: 'GET',
      url: '/api/v1/public/feedback/duplicates?communeCode=18100&text=abc&lat=18.3',
      headers: { 'x-forwarded-for': freshClient() },
    });
    expect([res.statusCode, res.json().errors?.[0]?.field]).toEqual([400, 'query.lng']);
    const empty = await app.inject({
      method: 'GET',
      url: '/api/v1/public/feedback/duplicates?communeCode=18100&text=',
      headers: { 'x-forwarded-for': freshClient() },
    });
    expect([empty.statusCode, empty.json().errors?.[0]?.field]).toEqual([400, 'query.text']);
  });

  it('only open reports of the same commune; private ones and personal data stay hidden from citizens', async () => {
    const elsewhere = await submitForm(app, '/api/v1/public/feedback', {
      communeCode: '18754',
      categoryId: ctx.cat.infrastructure,
      title: 'Đèn đường hỏng trước nhà văn hoá tổ 5',
      content: 'Đèn đường trước nhà văn hoá tổ 5 không sáng.',
    });
    const elsewhereCode = json<{ code: string }>(elsewhere).code;
    const text = 'đèn đường trước nhà văn hoá tổ 5 hỏng';
    expect((await suggest({ communeCode: '18100', text })).map((s) => s.code)).not.toContain(elsewhereCode);
    expect((await suggest({ communeCode: '18754', text })).map((s) => s.code)).toContain(elsewhereCode);

    const closed = await submit({
      title: 'Ống nước vỡ ở tổ 9',
      content: 'Ống nước sạch bị vỡ ở tổ 9, nước chảy lênh láng.',
    });
    const privateOne = await submit({
      title: 'Ống nước vỡ trước nhà bà Lê Thị Hoa',
      content: 'Ống nước sạch bị vỡ trước nhà, nước chảy lênh láng.',
      isPrivate: true,
    });
    const visible = await submit({
      title: 'Ống nước vỡ, chị Nguyễn Thị Mai báo',
      content: 'Ống nước sạch bị vỡ ở tổ 9, nước chảy lênh láng ra đường.',
    });
    await setState(ctx.t, closed.code, 'closed');
    const found = await suggest({
      communeCode: '18100',
      text: 'ống nước sạch bị vỡ ở tổ 9, nước chảy lênh láng',
    });
    const codes = found.map((s) => s.code);
    expect(codes).toContain(visible.code);
    expect(codes).not.toContain(closed.code);
    expect(codes).not.toContain(privateOne.code);
    expect(JSON.stringify(found)).not.toContain('Nguyễn Thị Mai');
    expect(found.length).toBeLessThanOrEqual(5);
  });

  it('staff on receipt: the report itself left out; another commune gets 404', async () => {
    const again = await submit({
      title: 'Đèn đường trước nhà văn hoá tổ 5 vẫn hỏng',
      content: 'Đèn đường trước nhà văn hoá tổ 5 không sáng, đề nghị sửa.',
      ...A,
    });
    const res = await app.inject({
      method: 'GET',
      url: `/api/v1/feedback/${again.id}/duplicates`,
      headers: leader,
    });
    expect(res.statusCode).toBe(200);
    const found = json<Suggestion[]>(res);
    expect(found.map((s) => s.id)).not.toContain(again.id);
    expect(found[0]!.code).toBe(light.code);
    expect(found[0]!.distanceM).toBe(0);
    expect(
      (
        await app.inject({
          method: 'GET',
          url: `/api/v1/feedback/${again.id}/duplicates`,
          headers: otherLeader,
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (await app.inject({ method: 'GET', url: '/api/v1/feedback/not-a-uuid/duplicates', headers: leader }))
        .statusCode,
    ).toBe(404);
    expect(
      (await app.inject({ method: 'GET', url: `/api/v1/feedback/${again.id}/duplicates` })).statusCode,
    ).toBe(401);
  });
});
