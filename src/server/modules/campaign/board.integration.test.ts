/**
 * The province campaign board on both engines, with campaign rows written straight into the tables for two
 * communes of Hà Tĩnh (Trần Phú live with an overdue recommendation; Sông Trí with an open high incident and an
 * overdue directive): rows and totals, each filter, what needs help first, the readiness history carried forward,
 * the XLSX read back and the PDF's text, a commune's own column, and who is refused.
 */
import ExcelJS from 'exceljs';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, json, loginAs, type TestApp } from '../../../../tests/support/app';
import { ENGINES } from '../../../../tests/support/database';
import type { Board, BoardHistory, CommuneCampaignSummary } from '../../../common/api/campaign-board';
import { inTransaction, systemContext } from '../../db/transaction';
import { createAccount } from '../auth/accounts';
import { pdfText } from '../org/pdf-text';
import {
  campaignDirectives,
  campaignIncidents,
  campaignRecommendations,
  communeGoLive,
  readinessAnswers,
  readinessSnapshots,
  readinessTemplateItems,
  readinessTemplates,
  trialPlans,
} from './schema';

const TP = '18100'; // Phường Trần Phú
const ST = '18754'; // Phường Sông Trí
const BASE = '/api/v1/provinces/42/campaign/board';

describe.each(ENGINES)('province campaign board on %s', (engine) => {
  let t: TestApp;
  const headers: Record<string, Record<string, string>> = {};
  const get = (who: string, url: string) => t.app.inject({ method: 'GET', url, headers: headers[who] });
  const board = async (query = '') => {
    const res = await get('tinh42', `${BASE}${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return json<Board>(res);
  };

  beforeAll(async () => {
    t = await createTestApp(engine);
    const db = t.database.db;
    await inTransaction(systemContext(db, 'test'), async (tx, audit) => {
      const accounts: [string, { role: string; provinceCode: string | null; communeCode: string | null }][] =
        [
          ['tinh42', { role: 'province_officer', provinceCode: '42', communeCode: null }],
          ['tinh40', { role: 'province_officer', provinceCode: '40', communeCode: null }],
          ['lanhdao', { role: 'commune_leader', provinceCode: null, communeCode: TP }],
          ['quantri', { role: 'system_admin', provinceCode: null, communeCode: null }],
        ];
      for (const [username, grant] of accounts)
        await createAccount(tx, audit, {
          username,
          displayName: username,
          password: 'Demo@2025',
          isDemo: true,
          grants: [grant as never],
        });
    });
    const templateId = uuidv7();
    await db.insert(readinessTemplates).values({
      id: templateId,
      provinceCode: '42',
      version: 1,
      title: 'Danh mục sẵn sàng',
      status: 'published',
      publishedAt: new Date('2025-06-01T02:00:00Z'),
    });
    await db.insert(readinessTemplateItems).values([
      {
        id: uuidv7(),
        templateId,
        itemKey: 'hq',
        groupKey: 'premises',
        title: 'Trụ sở làm việc',
        weight: 60,
        blocker: true,
        sortOrder: 1,
      },
      {
        id: uuidv7(),
        templateId,
        itemKey: 'net',
        groupKey: 'network',
        title: 'Mạng nội bộ',
        weight: 40,
        blocker: false,
        sortOrder: 2,
      },
    ]);
    await db.insert(readinessAnswers).values([
      { communeCode: TP, provinceCode: '42', itemKey: 'hq', status: 'done' },
      { communeCode: TP, provinceCode: '42', itemKey: 'net', status: 'in_progress' },
    ]);
    const incident = (commune: string, severity: string, status: string) => ({
      id: uuidv7(),
      communeCode: commune,
      provinceCode: '42',
      kind: 'network',
      severity,
      title: `Sự cố ${severity}`,
      occurredAt: new Date('2025-06-20T02:00:00Z'),
      status,
    });
    await db
      .insert(campaignIncidents)
      .values([
        incident(ST, 'high', 'open'),
        incident(TP, 'low', 'open'),
        incident(TP, 'critical', 'resolved'),
      ]);
    const recommendation = (commune: string, status: string) => ({
      id: uuidv7(),
      communeCode: commune,
      provinceCode: '42',
      category: 'it',
      title: 'Xin bổ sung máy quét',
      content: 'Trung tâm phục vụ hành chính công cần thêm một máy quét.',
      urgency: 'normal',
      status,
      sentAt: new Date('2025-06-20T03:00:00Z'),
      receiveDue: '2025-06-24',
    });
    await db
      .insert(campaignRecommendations)
      .values([recommendation(TP, 'sent'), recommendation(ST, 'closed')]);
    await db.insert(campaignDirectives).values({
      id: uuidv7(),
      inspectionId: uuidv7(),
      communeCode: ST,
      provinceCode: '42',
      content: 'Hoàn thiện mạng nội bộ',
      dueDate: '2025-06-28',
      status: 'open',
    });
    const trial = (commune: string, trialDate: string, status: string) => ({
      id: uuidv7(),
      communeCode: commune,
      provinceCode: '42',
      trialDate,
      halfDay: 'morning',
      scope: { council: true, government: true, party: false, oneStop: 'mock' },
      workingGroup: { leader: { name: 'Nguyễn Văn A' }, members: [] },
      status,
    });
    await db.insert(trialPlans).values([trial(TP, '2025-06-20', 'held'), trial(ST, '2099-01-05', 'planned')]);
    await db.insert(communeGoLive).values({
      communeCode: TP,
      provinceCode: '42',
      status: 'live',
      liveFrom: '2025-07-01',
      wentLiveAt: new Date('2025-06-30T09:00:00Z'),
    });
    const snapshot = (commune: string, province: string, day: string, percent: string) => ({
      communeCode: commune,
      provinceCode: province,
      day,
      percent,
      blockers: 0,
    });
    await db
      .insert(readinessSnapshots)
      .values([
        snapshot(TP, '42', '2025-06-18', '40.0'),
        snapshot(TP, '42', '2025-06-20', '60.0'),
        snapshot(ST, '42', '2025-06-10', '10.0'),
        snapshot(ST, '42', '2025-06-20', '5.0'),
        snapshot('16681', '40', '2025-06-19', '99.0'),
      ]);
    for (const who of ['tinh42', 'tinh40', 'lanhdao', 'quantri']) headers[who] = await loginAs(t.app, who);
  });
  afterAll(() => t?.close());

  it('has one row per commune of the province, each column from the campaign records', async () => {
    const b = await board();
    expect(b.province).toEqual({ code: '42', name: expect.stringContaining('Hà Tĩnh') });
    expect(b.communeCount).toBeGreaterThan(2);
    expect(b.rows).toHaveLength(b.communeCount);
    const tp = b.rows.find((r) => r.code === TP)!;
    const st = b.rows.find((r) => r.code === ST)!;
    expect(tp).toMatchObject({
      name: 'Phường Trần Phú',
      readiness: { percent: 60, done: 1, total: 2, blockers: 0 },
      trials: { planned: 0, held: 1, next: null, lastHeld: '2025-06-20' },
      incidents: { open: 1, blocking: 0, bySeverity: { low: 1, medium: 0, high: 0, critical: 0 } },
      recommendations: { open: 1, overdue: 1, byStatus: { sent: 1, closed: 0 } },
      directives: { open: 0, overdue: 0 },
      goLive: { status: 'live', liveFrom: '2025-07-01' },
    });
    expect(tp.formerDistricts.length).toBeGreaterThan(0);
    expect(b.districts).toEqual(expect.arrayContaining(tp.formerDistricts));
    expect(st).toMatchObject({
      name: 'Phường Sông Trí',
      // The unfinished blocker item and the open high incident.
      readiness: { percent: 0, blockers: 2, blockerTitles: ['Trụ sở làm việc', 'Sự cố high'] },
      trials: { planned: 1, held: 0, next: '2099-01-05' },
      incidents: { open: 1, blocking: 1, bySeverity: { high: 1 } },
      recommendations: { open: 0, overdue: 0, byStatus: { closed: 1 } },
      directives: { open: 1, overdue: 1 },
      goLive: { status: 'preparing', liveFrom: null },
    });
    // What needs help first: the open high incident, then the overdue recommendation, then the rest.
    expect(b.rows.slice(0, 2).map((r) => r.code)).toEqual([ST, TP]);
    expect(b.totals).toMatchObject({
      communes: b.communeCount,
      live: 1,
      openIncidents: 2,
      blockingIncidents: 1,
      overdueRecommendations: 1,
      overdueDirectives: 1,
      trialsHeld: 1,
      trialsPlanned: 1,
    });
  });

  it.each<[string, string, string[]]>([
    ['live', '?live=live', [TP]],
    ['open incidents', '?hasOpenIncidents=true', [ST, TP]],
    ['overdue recommendations', '?hasOverdueRecommendations=true', [TP]],
    ['readiness below 50 and open incidents', '?readinessBelow=50&hasOpenIncidents=true', [ST]],
    ['name without diacritics', '?q=song%20tri', [ST]],
    ['open incidents by name', '?hasOpenIncidents=true&sort=name', [ST, TP]],
    ['open incidents, highest readiness first', '?hasOpenIncidents=true&sort=readiness_desc', [TP, ST]],
  ])('filters: %s', async (_, query, codes) => {
    expect((await board(query)).rows.map((r) => r.code)).toEqual(codes);
  });

  it('filters by former district and totals only what is shown', async () => {
    const all = await board();
    const district = all.rows.find((r) => r.code === TP)!.formerDistricts[0]!;
    const b = await board(`?district=${encodeURIComponent(district)}`);
    expect(b.rows.map((r) => r.code)).toContain(TP);
    expect(b.rows.every((r) => r.formerDistricts.includes(district))).toBe(true);
    expect(b.rows.length).toBeLessThan(all.rows.length);
    const two = await board('?hasOpenIncidents=true');
    expect(two.totals).toMatchObject({
      communes: 2,
      live: 1,
      averageReadiness: 30,
      withBlockers: 1,
      openIncidents: 2,
      openRecommendations: 1,
    });
    expect((await board('?live=preparing')).rows.map((r) => r.code)).not.toContain(TP);
  });

  it('has no rows for filters nothing matches, and refuses bad filters naming the field (400)', async () => {
    expect((await board('?q=khong%20co%20xa%20nao')).totals).toMatchObject({
      communes: 0,
      averageReadiness: null,
    });
    for (const [query, field] of [
      ['?readinessBelow=abc', 'query.readinessBelow'],
      ['?readinessBelow=101', 'query.readinessBelow'],
      ['?live=maybe', 'query.live'],
      ['?hasBlockers=yes', 'query.hasBlockers'],
      ['?sort=random', 'query.sort'],
      [`?q=${'x'.repeat(201)}`, 'query.q'],
    ] as const) {
      const res = await get('tinh42', `${BASE}${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(json<{ errors: { field: string }[] }>(res).errors[0]!.field).toBe(field);
    }
    const nul = await get('tinh42', `${BASE}?q=a%00b`);
    expect(nul.statusCode).toBeLessThan(500);
  });

  it('shows readiness over time, each commune carrying its last snapshot forward, and the province average', async () => {
    const res = await get('tinh42', `${BASE}/history?from=2025-06-17&to=2025-06-21`);
    expect(res.statusCode, res.body).toBe(200);
    const h = json<BoardHistory>(res);
    expect(h.days.map((d) => d.day)).toEqual([
      '2025-06-17',
      '2025-06-18',
      '2025-06-19',
      '2025-06-20',
      '2025-06-21',
    ]);
    expect(h.communes.map((c) => c.code).sort()).toEqual([TP, ST]);
    expect(h.communes.find((c) => c.code === TP)!.values).toEqual([null, 40, 40, 60, 60]);
    // Sông Trí's line starts from its snapshot of 10 June, before the range.
    expect(h.communes.find((c) => c.code === ST)!.values).toEqual([10, 10, 10, 5, 5]);
    expect(h.days.map((d) => d.average)).toEqual([10, 25, 25, 32.5, 32.5]);
  });

  it('refuses a history range the wrong way round, too long or with a bad date (400)', async () => {
    for (const [query, field] of [
      ['from=2025-06-21&to=2025-06-20', 'query.from'],
      ['from=2023-01-01&to=2025-06-20', 'query.from'],
      ['from=2025-02-30', 'query.from'],
      ['to=yesterday', 'query.to'],
    ] as const) {
      const res = await get('tinh42', `${BASE}/history?${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(json<{ errors: { field: string }[] }>(res).errors[0]!.field).toBe(field);
    }
  });

  it('exports the filtered board to XLSX with Vietnamese headers, the rows in order and totals', async () => {
    const res = await get('tinh42', `${BASE}.xlsx?hasOpenIncidents=true`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Tổng hợp')!;
    const values = (n: number) => (ws.getRow(n).values as unknown[]).slice(1);
    expect(values(1).slice(0, 5)).toEqual(['STT', 'Xã, phường', 'Mã', 'Huyện cũ', 'Mức sẵn sàng (%)']);
    expect(values(2).slice(0, 3)).toEqual([1, 'Phường Sông Trí', ST]);
    expect(values(3).slice(0, 3)).toEqual([2, 'Phường Trần Phú', TP]);
    expect(values(3)[4]).toBe(60);
    expect(values(3).at(-1)).toBe('Vận hành chính thức từ 01/07/2025');
    expect(String(values(4)[1])).toContain('Tổng cộng: 2');
    expect(values(4)[4]).toBe(30);
    expect(ws.rowCount).toBe(4);
    const info = wb.getWorksheet('Thông tin')!;
    expect((info.getRow(4).values as unknown[])[2]).toBe('Có sự cố chưa khắc phục');
  });

  it('prints the board as an A4 landscape PDF with the communes and totals', async () => {
    const res = await get('tinh42', `${BASE}.pdf?hasOpenIncidents=true`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/pdf');
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(res.rawPayload.toString('latin1')).toMatch(/\/MediaBox \[0 0 841\.89 595\.28\]/);
    const text = pdfText(res.rawPayload).replace(/\s+/g, ' ');
    expect(text).toContain('BẢNG TỔNG HỢP VẬN HÀNH THỬ NGHIỆM');
    expect(text).toContain('TỈNH HÀ TĨNH');
    expect(text).toContain('Phường Sông Trí');
    expect(text).toContain('Phường Trần Phú');
    expect(text).toContain('Tổng cộng: 2');
    expect(text.indexOf('Phường Sông Trí')).toBeLessThan(text.indexOf('Phường Trần Phú'));
    // The whole province fits on several pages with the header repeated.
    const all = await get('tinh42', `${BASE}.pdf`);
    expect(all.statusCode).toBe(200);
    expect(pdfText(all.rawPayload).match(/Xã, phường/g)!.length).toBeGreaterThan(1);
  });

  it("gives a commune its own column, the same as the province's row", async () => {
    const res = await get('lanhdao', `/api/v1/communes/${TP}/campaign/summary`);
    expect(res.statusCode, res.body).toBe(200);
    const mine = json<CommuneCampaignSummary>(res);
    const row = (await board()).rows.find((r) => r.code === TP)!;
    expect({ ...mine, province: undefined, asOf: undefined }).toEqual({
      ...row,
      province: undefined,
      asOf: undefined,
    });
    expect(mine.province.code).toBe('42');
    expect((await get('tinh42', `/api/v1/communes/${ST}/campaign/summary`)).statusCode).toBe(200);
  });

  it.each<[string, string, string, number]>([
    ['a commune leader on the province board', 'lanhdao', BASE, 403],
    ['a commune leader on the history', 'lanhdao', `${BASE}/history`, 403],
    ['a commune leader on the XLSX', 'lanhdao', `${BASE}.xlsx`, 403],
    ['a commune leader on the PDF', 'lanhdao', `${BASE}.pdf`, 403],
    ["Nghệ An's officer on Hà Tĩnh's board", 'tinh40', BASE, 403],
    ["Nghệ An's officer on Hà Tĩnh's export", 'tinh40', `${BASE}.xlsx`, 403],
    ["Hà Tĩnh's officer on Nghệ An's board", 'tinh42', '/api/v1/provinces/40/campaign/board', 403],
    ['a commune leader on another commune', 'lanhdao', `/api/v1/communes/${ST}/campaign/summary`, 403],
    ["Nghệ An's officer on a Hà Tĩnh commune", 'tinh40', `/api/v1/communes/${TP}/campaign/summary`, 403],
    [
      'an administrator on a province that does not exist',
      'quantri',
      '/api/v1/provinces/99/campaign/board',
      404,
    ],
    ['an administrator on a malformed province code', 'quantri', '/api/v1/provinces/4x/campaign/board', 400],
    ['a commune that does not exist', 'quantri', '/api/v1/communes/99999/campaign/summary', 404],
  ])('refuses %s', async (_, who, url, status) => {
    expect((await get(who, url)).statusCode).toBe(status);
  });

  it("answers Nghệ An's officer for Nghệ An without Hà Tĩnh's data, and asks for a sign-in (401)", async () => {
    const res = await get('tinh40', '/api/v1/provinces/40/campaign/board');
    expect(res.statusCode).toBe(200);
    const b = json<Board>(res);
    expect(b.rows.some((r) => r.code === TP || r.code === ST)).toBe(false);
    expect(b.totals.openIncidents).toBe(0);
    const h = json<BoardHistory>(
      await get('tinh40', '/api/v1/provinces/40/campaign/board/history?from=2025-06-18&to=2025-06-20'),
    );
    expect(h.communes.map((c) => c.values)).toEqual([[null, 99, 99]]);
    expect((await t.app.inject({ method: 'GET', url: BASE })).statusCode).toBe(401);
  });
});
