import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, json, loginAs, type TestApp } from '../../../../tests/support/app';
import { ENGINES } from '../../../../tests/support/database';
import { countAuditEntries } from '../audit/service';

type Body = {
  id: string;
  name: string;
  templateKey: string | null;
  parentId: string | null;
  depth: number;
  closedOn: string | null;
};
type Official = {
  id: string;
  fullName: string;
  status: string;
  formerUnit: { code: string; name: string } | null;
  positions: { id: string; title: string; bodyName: string; endDate: string | null; current: boolean }[];
};

describe.each(ENGINES)('commune organisation on %s', (engine) => {
  let t: TestApp;
  let admin: Record<string, string>;
  let leader: Record<string, string>; // lanhdao.tranphu, commune 18100
  let foreign: Record<string, string>; // lanhdao.songtri, commune 18754
  const req = (
    method: 'GET' | 'POST' | 'PATCH',
    url: string,
    headers: Record<string, string>,
    payload?: object,
  ) => t.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });

  beforeAll(async () => {
    t = await createTestApp(engine, { demo: true });
    admin = await loginAs(t.app, 'admin');
    leader = await loginAs(t.app, 'lanhdao.tranphu');
    foreign = await loginAs(t.app, 'lanhdao.songtri');
    await req('POST', '/api/v1/communes/18100/activate', leader, {});
  });
  afterAll(() => t?.close());

  it('activates a phường with the ward template and a xã with the commune template, once', async () => {
    const auditBefore = await countAuditEntries(t.database.db, 'org_commune');
    const ward = await req('POST', '/api/v1/communes/18073/activate', admin, {});
    expect(ward.statusCode).toBe(200);
    const w = json<{ created: number; kind: string; bodies: Body[] }>(ward);
    const names = w.bodies.map((b) => b.name);
    expect(w.kind).toBe('phuong');
    expect(names).toContain('Phòng Kinh tế, Hạ tầng và Đô thị');
    expect(names).not.toContain('Phòng Kinh tế');
    expect(names).not.toContain('Hội Nông dân');
    expect(names).toEqual(
      expect.arrayContaining([
        'Đảng ủy phường Thành Sen',
        'Ban Thường vụ Đảng ủy',
        'Thường trực HĐND',
        'Ban Kinh tế - Ngân sách',
        'Ban Văn hóa - Xã hội',
        'Ủy ban nhân dân phường Thành Sen',
        'Văn phòng HĐND và UBND',
        'Phòng Văn hóa - Xã hội',
        'Trung tâm Phục vụ hành chính công',
        'Ủy ban Mặt trận Tổ quốc Việt Nam phường Thành Sen',
        'Hội Cựu chiến binh',
      ]),
    );
    const ubnd = w.bodies.find((b) => b.templateKey === 'ubnd')!;
    expect(w.bodies.find((b) => b.templateKey === 'ttpvhcc')).toMatchObject({ parentId: ubnd.id, depth: 1 });

    const xa = json<{ kind: string; bodies: Body[] }>(
      await req('POST', '/api/v1/communes/18133/activate', admin, {}),
    );
    expect(xa.kind).toBe('xa');
    expect(xa.bodies.map((b) => b.name)).toEqual(
      expect.arrayContaining(['Phòng Kinh tế', 'Hội Nông dân', 'Đảng ủy xã Hương Sơn']),
    );
    expect(xa.bodies.length).toBe(w.bodies.length + 1);

    const again = json<{ created: number; bodies: Body[] }>(
      await req('POST', '/api/v1/communes/18073/activate', admin, {}),
    );
    expect(again.created).toBe(0);
    expect(again.bodies).toHaveLength(w.bodies.length);
    expect(await countAuditEntries(t.database.db, 'org_commune')).toBe(auditBefore + 2);
  });

  it('lets the commune add, rename and close a body; closed bodies stay in the history', async () => {
    const list = json<{ items: Body[] }>(await req('GET', '/api/v1/communes/18100/bodies', leader));
    const ubnd = list.items.find((b) => b.templateKey === 'ubnd')!;
    const add = await req('POST', '/api/v1/communes/18100/bodies', leader, {
      name: 'Tổ công tác chuyển đổi số',
      parentId: ubnd.id,
      openedOn: '2025-07-01',
    });
    expect(add.statusCode).toBe(201);
    const id = json<Body>(add).id;
    const renamed = await req('PATCH', `/api/v1/bodies/${id}`, leader, {
      name: 'Tổ công tác chuyển đổi số phường',
    });
    expect(json<Body>(renamed).name).toBe('Tổ công tác chuyển đổi số phường');
    const empty = await req('PATCH', `/api/v1/bodies/${id}`, leader, {});
    expect(empty.statusCode).toBe(400); // was a 500
    expect(json<{ errors: { field: string }[] }>(empty).errors[0]!.field).toBe('body');
    const early = await req('PATCH', `/api/v1/bodies/${id}`, leader, { closedOn: '2025-01-01' });
    expect(early.statusCode).toBe(400);
    expect(json<{ errors: { field: string }[] }>(early).errors[0]!.field).toBe('body.closedOn');
    const closed = await req('PATCH', `/api/v1/bodies/${id}`, leader, { closedOn: '2025-12-31' });
    expect(json<Body>(closed).closedOn).toBe('2025-12-31');
    expect((await req('PATCH', `/api/v1/bodies/${id}`, leader, { name: 'Lại tên khác' })).statusCode).toBe(
      409,
    );
    const open = json<{ items: Body[] }>(await req('GET', '/api/v1/communes/18100/bodies', leader));
    expect(open.items.some((b) => b.id === id)).toBe(false);
    const all = json<{ items: Body[] }>(
      await req('GET', '/api/v1/communes/18100/bodies?includeClosed=true', leader),
    );
    expect(all.items.find((b) => b.id === id)?.closedOn).toBe('2025-12-31');
    const cycle = await req('PATCH', `/api/v1/bodies/${ubnd.id}`, leader, {
      parentId: all.items.find((b) => b.templateKey === 'ttpvhcc')!.id,
    });
    expect(cycle.statusCode).toBe(400);
  });

  it('records officials with former units and several positions, finds them without diacritics, ends positions', async () => {
    const bodies = json<{ items: Body[] }>(await req('GET', '/api/v1/communes/18100/bodies', leader)).items;
    const ubnd = bodies.find((b) => b.templateKey === 'ubnd')!;
    const btv = bodies.find((b) => b.templateKey === 'dang_uy_btv')!;
    const auditBefore = await countAuditEntries(t.database.db, 'org_official');
    const created = await req('POST', '/api/v1/communes/18100/officials', leader, {
      fullName: 'Thử Nghiệm Văn Đặng',
      dateOfBirth: '1980-05-17',
      gender: 'male',
      phone: '0912 345 678',
      formerUnitCode: '18103', // Phường Đồng Môn, merged into Trần Phú
    });
    expect(created.statusCode).toBe(201);
    const o = json<Official & { phone: string }>(created);
    expect(o.phone).toBe('0912345678');
    expect(o.formerUnit).toEqual({ code: '18103', name: 'Phường Đồng Môn' });
    expect(await countAuditEntries(t.database.db, 'org_official')).toBe(auditBefore + 1);

    const p1 = await req('POST', `/api/v1/officials/${o.id}/positions`, leader, {
      bodyId: ubnd.id,
      title: 'Phó Chủ tịch UBND',
      startDate: '2025-07-01',
    });
    expect(p1.statusCode).toBe(201);
    const p2 = await req('POST', `/api/v1/officials/${o.id}/positions`, leader, {
      bodyId: btv.id,
      title: 'Ủy viên Ban Thường vụ Đảng ủy',
      startDate: '2025-07-01',
    });
    const withTwo = json<Official>(p2);
    expect(withTwo.positions.map((p) => p.title).sort()).toEqual([
      'Phó Chủ tịch UBND',
      'Ủy viên Ban Thường vụ Đảng ủy',
    ]);
    expect(withTwo.positions.every((p) => p.current)).toBe(true);

    const found = json<{ items: Official[] }>(
      await req('GET', '/api/v1/communes/18100/officials?q=THU%20NGHIEM%20van%20dang', leader),
    );
    expect(found.items.map((x) => x.id)).toEqual([o.id]);

    const chart = json<{ items: (Body & { holders: { officialId: string; title: string }[] })[] }>(
      await req('GET', '/api/v1/communes/18100/org-chart', leader),
    );
    expect(chart.items.find((b) => b.id === ubnd.id)!.holders).toContainEqual(
      expect.objectContaining({ officialId: o.id, title: 'Phó Chủ tịch UBND' }),
    );

    const positionId = withTwo.positions.find((p) => p.title === 'Phó Chủ tịch UBND')!.id;
    const ended = await req('PATCH', `/api/v1/positions/${positionId}`, leader, { endDate: '2025-09-30' });
    expect(ended.statusCode).toBe(200);
    expect(json<Official>(ended).positions.find((p) => p.id === positionId)).toMatchObject({
      endDate: '2025-09-30',
      current: false,
    });
    expect(
      (await req('PATCH', `/api/v1/positions/${positionId}`, leader, { endDate: '2025-10-30' })).statusCode,
    ).toBe(409);
    const renamed = json<Official & { phone: string }>(
      await req('PATCH', `/api/v1/officials/${o.id}`, leader, { fullName: 'Thử Nghiệm Văn Đặng Mới' }),
    );
    expect(renamed).toMatchObject({
      fullName: 'Thử Nghiệm Văn Đặng Mới',
      phone: '0912345678',
      formerUnit: { code: '18103' },
    });

    const left = await req('PATCH', `/api/v1/officials/${o.id}`, leader, {
      status: 'transferred',
      statusDate: '2025-10-15',
    });
    const after = json<Official>(left);
    expect(after.status).toBe('transferred');
    expect(after.positions.every((p) => p.endDate !== null)).toBe(true);
    const active = json<{ items: Official[] }>(
      await req('GET', '/api/v1/communes/18100/officials?status=active&q=thu%20nghiem', leader),
    );
    expect(active.items).toHaveLength(0);
  });

  it('checks the former unit: known code, same province, not both a commune and a district', async () => {
    const base = { fullName: 'Kiểm Tra Thị Lỗi', dateOfBirth: '1990-01-02', gender: 'female' };
    const unknown = await req('POST', '/api/v1/communes/18100/officials', leader, {
      ...base,
      formerUnitCode: '99999',
    });
    expect(unknown.statusCode).toBe(400);
    expect(json<{ errors: { field: string }[] }>(unknown).errors[0]!.field).toBe('body.formerUnitCode');
    const elsewhere = await req('POST', '/api/v1/communes/18100/officials', leader, {
      ...base,
      formerUnitCode: '00001',
    });
    expect(elsewhere.statusCode).toBe(400);
    const both = await req('POST', '/api/v1/communes/18100/officials', leader, {
      ...base,
      formerUnitCode: '18103',
      formerDistrictName: 'Thành phố Hà Tĩnh',
    });
    expect(json<{ errors: { field: string }[] }>(both).errors[0]!.field).toBe('body.formerDistrictName');
    const badPhone = await req('POST', '/api/v1/communes/18100/officials', leader, {
      ...base,
      phone: '12345',
    });
    expect(json<{ errors: { field: string }[] }>(badPhone).errors[0]!.field).toBe('body.phone');
    const district = await req('POST', '/api/v1/communes/18100/officials', leader, {
      ...base,
      formerDistrictName: 'Thành phố Hà Tĩnh',
    });
    expect(json<{ formerDistrictName: string }>(district).formerDistrictName).toBe('Thành phố Hà Tĩnh');
  });

  it('pages the officials list with a cursor', async () => {
    for (const n of ['Một', 'Hai', 'Ba']) {
      await req('POST', '/api/v1/communes/18100/officials', leader, {
        fullName: `Phân Trang ${n}`,
        dateOfBirth: '1985-03-03',
        gender: 'male',
      });
    }
    const first = json<{ items: Official[]; nextCursor: string }>(
      await req('GET', '/api/v1/communes/18100/officials?q=phan%20trang&limit=2', leader),
    );
    expect(first.items).toHaveLength(2);
    const second = json<{ items: Official[]; nextCursor: string | null }>(
      await req(
        'GET',
        `/api/v1/communes/18100/officials?q=phan%20trang&limit=2&cursor=${first.nextCursor}`,
        leader,
      ),
    );
    expect(second.items.map((x) => x.fullName)).toEqual(['Phân Trang Một']);
    expect(second.nextCursor).toBeNull();
  });

  it("refuses another commune's officials: 403 by commune URL, 404 by record id, like a missing record", async () => {
    const mine = json<Official>(
      await req('POST', '/api/v1/communes/18100/officials', leader, {
        fullName: 'Bí Mật Văn Xã',
        dateOfBirth: '1975-07-07',
        gender: 'male',
      }),
    );
    const body = json<{ items: Body[] }>(await req('GET', '/api/v1/communes/18100/bodies', leader)).items[0]!;
    const pos = json<Official>(
      await req('POST', `/api/v1/officials/${mine.id}/positions`, leader, {
        bodyId: body.id,
        title: 'Ủy viên',
        startDate: '2025-07-01',
      }),
    ).positions[0]!;
    expect((await req('GET', '/api/v1/communes/18100/officials', foreign)).statusCode).toBe(403);
    expect(
      (
        await req('POST', '/api/v1/communes/18100/officials', foreign, {
          fullName: 'X Y',
          dateOfBirth: '1980-01-01',
          gender: 'male',
        })
      ).statusCode,
    ).toBe(403);
    expect((await req('GET', '/api/v1/communes/18100/bodies', foreign)).statusCode).toBe(403);
    expect((await req('GET', '/api/v1/communes/18100/org-chart', foreign)).statusCode).toBe(403);
    expect((await req('POST', '/api/v1/communes/18100/activate', foreign, {})).statusCode).toBe(403);
    const byId = await req('GET', `/api/v1/officials/${mine.id}`, foreign);
    const missing = await req('GET', '/api/v1/officials/0190a000-0000-7000-8000-000000000000', foreign);
    expect(byId.statusCode).toBe(404);
    expect(json<{ detail: string }>(byId).detail).toBe(
      json<{ detail: string }>(missing).detail.replace('0190a000-0000-7000-8000-000000000000', mine.id),
    );
    expect(
      (await req('PATCH', `/api/v1/officials/${mine.id}`, foreign, { fullName: 'Đổi Tên' })).statusCode,
    ).toBe(404);
    expect(
      (
        await req('POST', `/api/v1/officials/${mine.id}/positions`, foreign, {
          bodyId: body.id,
          title: 'X X',
          startDate: '2025-07-01',
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (await req('PATCH', `/api/v1/positions/${pos.id}`, foreign, { endDate: '2025-08-01' })).statusCode,
    ).toBe(404);
    expect((await req('PATCH', `/api/v1/bodies/${body.id}`, foreign, { name: 'Tên lạ' })).statusCode).toBe(
      404,
    );
    expect((await req('GET', `/api/v1/officials/${mine.id}`, leader)).statusCode).toBe(200);
  });

  it('lets a province officer read its communes but not change them; anonymous callers get 401', async () => {
    const province = await loginAs(t.app, 'tinh.hatinh');
    expect((await req('GET', '/api/v1/communes/18100/officials', province)).statusCode).toBe(200);
    expect(
      (
        await req('POST', '/api/v1/communes/18100/officials', province, {
          fullName: 'X Y',
          dateOfBirth: '1980-01-01',
          gender: 'male',
        })
      ).statusCode,
    ).toBe(403);
    expect((await t.app.inject({ url: '/api/v1/communes/18100/officials' })).statusCode).toBe(401);
    const specialist = await loginAs(t.app, 'chuyenvien.tranphu');
    expect((await req('GET', '/api/v1/communes/18100/org-chart', specialist)).statusCode).toBe(200);
    expect((await req('POST', '/api/v1/communes/18100/activate', specialist, {})).statusCode).toBe(403);
  });
});
