/**
 * What the dossier page's history says and what its actions carry: the comment of each step, the official's name
 * and position for an account linked to the org chart, the draft result attached on submission, the reasons the
 * lifecycle requires; and accounts linked to officials, which the specialist picker and the workload use.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, json, loginAs, type TestApp } from '../../../../tests/support/app';
import { ENGINES } from '../../../../tests/support/database';
import { procedureByCode, receiveDossier, type TestProcedure } from '../../../../tests/support/dossiers';

type Actor = { kind: string; accountId: string | null; name: string | null; position: string | null };
type Entry = {
  action: string;
  newDueDate: string | null;
  actor: Actor;
  from: string | null;
  to: string;
  fromLabel: { vi: string } | null;
  toLabel: { vi: string };
  note: string | null;
  reason: string | null;
  attachment: { id: string; fileName: string; sha256: string } | null;
};
type View = { id: string; version: number; status: string; history: Entry[] };
type Account = {
  id: string;
  username: string;
  official: { id: string; fullName: string; communeCode: string; titles: string[] } | null;
};
type Problem = { status: number; errors?: { field: string }[]; detail: string };

/** A 1×1 PNG (the draft result's scan). */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

function form(file: { name: string; bytes: Buffer }) {
  const boundary = `----xaso${randomUUID()}`;
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="${file.name}"\r\ncontent-type: image/png\r\n\r\n`,
    ),
    file.bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, contentType: `multipart/form-data; boundary=${boundary}` };
}

describe.each(ENGINES)('dossier history and accounts linked to officials on %s', (engine) => {
  let t: TestApp;
  let admin: Record<string, string>;
  let officer: Record<string, string>;
  let specialist: Record<string, string>;
  let leader: Record<string, string>;
  let procedure: TestProcedure;

  const req = async <T>(
    method: 'GET' | 'POST' | 'PUT',
    url: string,
    headers: Record<string, string>,
    payload?: object,
  ) => {
    const res = await t.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
    return { status: res.statusCode, body: json<T>(res) };
  };
  const act = (id: string, headers: Record<string, string>, payload: object) =>
    req<View & Problem>('POST', `/api/v1/dossiers/${id}/actions`, headers, payload);
  const account = async (username: string) => {
    const { body } = await req<{ items: Account[] }>('GET', `/api/v1/accounts?q=${username}`, admin);
    return body.items.find((a) => a.username === username)!;
  };

  beforeAll(async () => {
    t = await createTestApp(engine, { demo: true });
    admin = await loginAs(t.app, 'admin');
    officer = await loginAs(t.app, 'motcua.tranphu');
    specialist = await loginAs(t.app, 'chuyenvien.tranphu');
    leader = await loginAs(t.app, 'lanhdao.tranphu');
    procedure = await procedureByCode(t.database.db, '1.001193'); // Đăng ký khai sinh: tư pháp - hộ tịch
  });
  afterAll(() => t?.close());

  /** Received at the counter and assigned to the demo specialist: version 2, assigned. */
  const assigned = async () => {
    const { id } = await receiveDossier(t.app, officer, procedure, {
      fullName: 'Đỗ Thị Hằng',
      idNumber: '042199000123',
      phone: '0913000123',
      address: 'Số 5, đường Phan Đình Phùng, phường Trần Phú, Hà Tĩnh',
    });
    const me = (await account('chuyenvien.tranphu')).id;
    const res = await act(id, officer, { action: 'assign', version: 1, assigneeId: me, note: 'Giao gấp' });
    expect(res.status).toBe(200);
    return res.body;
  };

  it('links the demo accounts to the officials whose position matches their role', async () => {
    const chuyenvien = await account('chuyenvien.tranphu');
    expect(chuyenvien.official).toMatchObject({ communeCode: '18100' });
    expect(chuyenvien.official!.titles).toContain('Công chức tư pháp - hộ tịch');
    expect((await account('lanhdao.tranphu')).official!.titles).toContain('Chủ tịch UBND');
    expect((await account('motcua.songtri')).official).toMatchObject({ communeCode: '18754' });
  });

  it('keeps each comment and names who acted, with the position they held, from which state to which', async () => {
    const d = await assigned();
    const started = await act(d.id, specialist, { action: 'start_processing', version: d.version });
    const submitted = await act(d.id, specialist, {
      action: 'submit_for_approval',
      version: started.body.version,
      note: '  Đủ điều kiện, đề nghị phê duyệt.  ',
    });
    expect(submitted.status).toBe(200);
    const approved = await act(d.id, leader, {
      action: 'approve',
      version: submitted.body.version,
      note: 'Đồng ý, ký giấy khai sinh.',
    });
    expect(approved.status).toBe(200);

    const { body } = await req<View>('GET', `/api/v1/dossiers/${d.id}`, officer);
    const step = (a: string) => body.history.find((h) => h.action === a)!;
    const leaderAccount = await account('lanhdao.tranphu');
    expect(step('approve')).toMatchObject({
      note: 'Đồng ý, ký giấy khai sinh.',
      from: 'submitted_for_approval',
      to: 'approved',
      fromLabel: { vi: expect.any(String) },
      toLabel: { vi: expect.any(String) },
      actor: {
        kind: 'official',
        accountId: leaderAccount.id,
        name: leaderAccount.official!.fullName,
        position: expect.stringContaining('Chủ tịch UBND'),
      },
    });
    expect(step('submit_for_approval').note).toBe('Đủ điều kiện, đề nghị phê duyệt.');
    expect(step('submit_for_approval').actor.position).toContain('Công chức tư pháp - hộ tịch');
    expect(step('assign').note).toBe('Giao gấp');
    // The answer of the action itself already names the people.
    expect(approved.body.history.at(-1)!.actor.name).toBe(leaderAccount.official!.fullName);
  });

  it("shows an unlinked account's display name, and nothing for a blank comment", async () => {
    const d = await assigned();
    const chuyenvien = await account('chuyenvien.tranphu');
    const officialId = chuyenvien.official!.id;
    const unlinked = await req<Account>('PUT', `/api/v1/accounts/${chuyenvien.id}/official`, admin, {
      officialId: null,
    });
    expect(unlinked.status).toBe(200);
    expect(unlinked.body.official).toBeNull();
    try {
      const res = await act(d.id, specialist, {
        action: 'start_processing',
        version: d.version,
        note: '   ',
      });
      expect(res.status).toBe(200);
      const entry = res.body.history.at(-1)!;
      expect(entry.actor).toMatchObject({ name: 'Phạm Thị Chuyên Viên (demo)', position: null });
      expect(entry.note).toBeNull();
    } finally {
      const relinked = await req<Account>('PUT', `/api/v1/accounts/${chuyenvien.id}/official`, admin, {
        officialId,
      });
      expect(relinked.status).toBe(200);
    }
  });

  it('keeps the draft result attached on submission for approval (name and SHA-256)', async () => {
    const d = await assigned();
    const started = await act(d.id, specialist, { action: 'start_processing', version: d.version });
    const upload = form({ name: 'du-thao-giay-khai-sinh.png', bytes: PNG });
    const uploaded = await t.app.inject({
      method: 'POST',
      url: `/api/v1/dossiers/${d.id}/attachments`,
      headers: { ...specialist, 'content-type': upload.contentType },
      payload: upload.payload,
    });
    expect(uploaded.statusCode).toBe(201);
    const file = json<{ id: string; sha256: string }>(uploaded);
    const submitted = await act(d.id, specialist, {
      action: 'submit_for_approval',
      version: started.body.version,
      note: 'Dự thảo kèm theo.',
      attachmentId: file.id,
    });
    expect(submitted.status).toBe(200);
    expect(submitted.body.history.at(-1)!.attachment).toEqual({
      id: file.id,
      fileName: 'du-thao-giay-khai-sinh.png',
      sha256: file.sha256,
    });

    // A file of another dossier is not this dossier's: 400 naming the field, nothing written.
    const other = await assigned();
    const otherStarted = await act(other.id, specialist, {
      action: 'start_processing',
      version: other.version,
    });
    const wrong = await act(other.id, specialist, {
      action: 'submit_for_approval',
      version: otherStarted.body.version,
      attachmentId: file.id,
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors?.map((e) => e.field)).toContain('body.attachmentId');
    const after = await req<View>('GET', `/api/v1/dossiers/${other.id}`, specialist);
    expect(after.body.status).toBe('in_processing');
  });

  it('asks for the reason a rejection requires (400 naming body.reason); an approval needs none', async () => {
    const d = await assigned();
    const started = await act(d.id, specialist, { action: 'start_processing', version: d.version });
    const submitted = await act(d.id, specialist, {
      action: 'submit_for_approval',
      version: started.body.version,
    });
    const v = submitted.body.version;
    for (const reason of [undefined, '   ']) {
      const res = await act(d.id, leader, { action: 'reject', version: v, ...(reason ? { reason } : {}) });
      expect(res.status).toBe(400);
      expect(res.body.errors?.map((e) => e.field)).toContain('body.reason');
    }
    const tooLong = await act(d.id, leader, { action: 'approve', version: v, note: 'x'.repeat(2001) });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.errors?.map((e) => e.field)).toContain('body.note');
    const approved = await act(d.id, leader, { action: 'approve', version: v });
    expect(approved.status).toBe(200);
    expect(approved.body.status).toBe('approved');
  });

  it("shows an apology's new appointment date with who recorded it", async () => {
    const d = await assigned();
    const view = await req<{ dueDate: string; version: number }>('GET', `/api/v1/dossiers/${d.id}`, leader);
    const { body: later } = await req<{ due: string }>(
      'GET',
      `/api/v1/calendar/deadline?from=${view.body.dueDate}&days=2`,
      leader,
    );
    const res = await act(d.id, leader, {
      action: 'record_apology',
      version: view.body.version,
      reason: 'Chờ xác minh thông tin khai sinh tại nơi cư trú cũ.',
      newDueDate: later.due,
      note: 'Đã gọi điện báo công dân.',
    });
    expect(res.status).toBe(200);
    const leaderAccount = await account('lanhdao.tranphu');
    expect(res.body.history.at(-1)).toMatchObject({
      action: 'record_apology',
      newDueDate: later.due,
      reason: 'Chờ xác minh thông tin khai sinh tại nơi cư trú cũ.',
      note: 'Đã gọi điện báo công dân.',
      actor: { name: leaderAccount.official!.fullName, position: 'Chủ tịch UBND' },
    });
  });

  it('preselects in the specialist picker the account linked to the official in charge of the domain', async () => {
    const d = await assigned();
    const chuyenvien = await account('chuyenvien.tranphu');
    type Options = {
      candidates: { accountId: string; official: { fullName: string; position: string | null } | null }[];
      assignment: { inCharge: string | null } | null;
      suggestedAccountId: string | null;
    };
    const { status, body } = await req<Options>('GET', `/api/v1/dossiers/${d.id}/assignees`, officer);
    expect(status).toBe(200);
    expect(body.suggestedAccountId).toBe(chuyenvien.id);
    expect(body.assignment!.inCharge).toBe(chuyenvien.official!.fullName);
    expect(body.candidates.find((c) => c.accountId === chuyenvien.id)!.official).toMatchObject({
      fullName: chuyenvien.official!.fullName,
      position: expect.stringContaining('tư pháp'),
    });
  });

  it('counts in the workload exactly the dossiers of each specialist\'s "Của tôi" queue', async () => {
    await assigned(); // one more in hand
    const chuyenvien = await account('chuyenvien.tranphu');
    let mine = 0;
    let cursor: string | null = null;
    do {
      const page: { body: { items: unknown[]; nextCursor: string | null } } = await req(
        'GET',
        `/api/v1/dossiers?queue=mine&communeCode=18100&limit=200${cursor ? `&cursor=${cursor}` : ''}`,
        specialist,
      );
      mine += page.body.items.length;
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(mine).toBeGreaterThan(0);
    type Workload = {
      items: { official: { id: string }; counters: { key: string; value: number }[] }[];
    };
    const { body } = await req<Workload>('GET', '/api/v1/communes/18100/workload?limit=200', leader);
    const row = body.items.find((i) => i.official.id === chuyenvien.official!.id)!;
    expect(row.counters.find((c) => c.key === 'dossiers_in_hand')!.value).toBe(mine);
    // The specialist picker says the same figure.
    const waiting = await receiveDossier(t.app, officer, procedure, {
      fullName: 'Trần Văn Lộc',
      idNumber: '042199000124',
      phone: '0913000124',
      address: 'Số 7, đường Phan Đình Phùng, phường Trần Phú, Hà Tĩnh',
    });
    const picker = await req<{ candidates: { accountId: string; openDossiers: number }[] }>(
      'GET',
      `/api/v1/dossiers/${waiting.id}/assignees`,
      officer,
    );
    expect(picker.body.candidates.find((c) => c.accountId === chuyenvien.id)!.openDossiers).toBe(mine);
    // An official without an account holds none.
    const chair = (await account('lanhdao.tranphu')).official!.id;
    const others = body.items.filter(
      (i) => i.official.id !== chuyenvien.official!.id && i.official.id !== chair,
    );
    expect(others.every((i) => i.counters.find((c) => c.key === 'dossiers_in_hand')!.value === 0)).toBe(true);
  });

  it("refuses to link an account to another commune's official (404) or to a taken one (409), and bad input (400)", async () => {
    const chuyenvien = await account('chuyenvien.tranphu');
    const foreign = (await account('chuyenvien.songtri')).official!.id;
    const url = `/api/v1/accounts/${chuyenvien.id}/official`;
    const cross = await req<Problem>('PUT', url, admin, { officialId: foreign });
    expect(cross.status).toBe(404);
    expect(cross.body.errors?.map((e) => e.field)).toContain('body.officialId');
    const taken = await req<Problem>('PUT', url, admin, {
      officialId: (await account('lanhdao.tranphu')).official!.id,
    });
    expect(taken.status).toBe(409);
    expect(taken.body.detail).toContain('lanhdao.tranphu');
    const bad = await req<Problem>('PUT', url, admin, { officialId: 'not-a-uuid' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors?.map((e) => e.field)).toContain('body.officialId');
    const missing = await req<Problem>('PUT', url, admin, {});
    expect(missing.status).toBe(400);
    // Only administrators link accounts.
    const byLeader = await req<Problem>('PUT', url, leader, { officialId: null });
    expect(byLeader.status).toBe(403);
    // Nothing changed.
    expect((await account('chuyenvien.tranphu')).official!.id).toBe(chuyenvien.official!.id);
  });
});
