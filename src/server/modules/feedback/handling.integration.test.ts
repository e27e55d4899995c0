/**
 * The staff's handling of reports through the API on both engines: every action as the right role and refused for
 * the wrong one (403), another commune's report (404), a state that does not allow it (409), a stale version
 * (409 naming body.version), bad bodies naming the field; the approval flow; merging (every reporter answered:
 * outbox rows), splitting (the parent closes with its last child), forwarding (the report moves: the target sees
 * it, the source gets 404, audit entries in both chains), escalation to the province and its answer or return.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, json, loginAs, type TestApp } from '../../../../tests/support/app';
import { ENGINES } from '../../../../tests/support/database';
import type { FeedbackDetail } from '../../../common/api/feedback';
import { auditEntries } from '../audit/schema';
import { getCalendar } from '../calendar/service';
import { notificationOutbox } from '../notifications/schema';
import { todayInVietnam } from '../org/document-format';
import { dueDate } from './domain/deadlines';
import { type Fixture, insertReport, PASSWORD, seedHandlingFixture } from './handling.test-support';

type Problem = { status: number; errors?: { field: string }[] };

describe.each(ENGINES)('feedback handling on %s', { timeout: 120_000 }, (engine) => {
  let t: TestApp;
  let app: TestApp['app'];
  let f: Fixture;
  const as: Record<string, Record<string, string>> = {};

  const call = (method: 'GET' | 'POST', url: string, who: string, payload?: object) =>
    app.inject({ method, url, headers: as[who]!, ...(payload ? { payload } : {}) });
  const act = (id: string, action: string, who: string, body: object) =>
    call('POST', `/api/v1/feedback/${id}/actions/${action}`, who, body);
  const ok = async (id: string, action: string, who: string, body: object) => {
    const res = await act(id, action, who, body);
    expect(res.statusCode, `${action} by ${who}: ${res.body.slice(0, 300)}`).toBe(200);
    return json<FeedbackDetail>(res);
  };
  const detail = async (id: string, who = 'leaderA') =>
    json<FeedbackDetail>(await call('GET', `/api/v1/feedback/${id}`, who));
  const fieldOf = (res: { json(): unknown }) => (res.json() as Problem).errors?.[0]?.field;
  const outbox = (sourceId: string, template: string) =>
    t.database.db
      .select()
      .from(notificationOutbox)
      .where(and(eq(notificationOutbox.sourceId, sourceId), eq(notificationOutbox.template, template)));
  const report = (over: Partial<Parameters<typeof insertReport>[1]> = {}) =>
    insertReport(t.database.db, {
      communeCode: f.communeA,
      categoryId: f.categories.infrastructure!.id,
      ...over,
    });

  beforeAll(async () => {
    t = await createTestApp(engine);
    app = t.app;
    f = await seedHandlingFixture(t.database.db);
    for (const who of ['leaderA', 'oneStopA', 'specA', 'spec2A', 'leaderB', 'leaderC', 'province', 'admin'])
      as[who] = await loginAs(app, `pa.${who.toLowerCase()}`, PASSWORD);
  }, 180_000);

  afterAll(async () => {
    await t?.close();
  });

  it('the staff of the commune and the province read a report; other communes and bad ids get 404', async () => {
    const r = await report();
    for (const who of ['leaderA', 'oneStopA', 'specA', 'province']) {
      const res = await call('GET', `/api/v1/feedback/${r.id}`, who);
      expect(res.statusCode, who).toBe(200);
    }
    const d = await detail(r.id);
    expect(d).toMatchObject({
      id: r.id,
      code: r.code,
      state: 'received',
      categoryName: 'Hạ tầng, giao thông, đô thị',
      approvalRequired: false,
      reporterPhone: '0912345678',
      merged: [],
      children: [],
      version: 1,
    });
    for (const who of ['leaderB', 'leaderC'])
      expect((await call('GET', `/api/v1/feedback/${r.id}`, who)).statusCode, who).toBe(404);
    expect((await call('GET', '/api/v1/feedback/not-a-uuid', 'leaderA')).statusCode).toBe(404);
    expect(
      (await call('GET', '/api/v1/feedback/01900000-0000-7000-8000-000000000000', 'leaderA')).statusCode,
    ).toBe(404);
    // Another commune's staff cannot act on it either (404, not 403: the id reveals nothing).
    expect((await act(r.id, 'accept', 'leaderB', { version: 1 })).statusCode).toBe(404);
  });

  it('accept: the answer deadline in working days from today; wrong role 403, stale version 409, twice 409, bad body 400', async () => {
    const r = await report();
    expect((await act(r.id, 'accept', 'oneStopA', { version: 1 })).statusCode).toBe(403);
    expect((await act(r.id, 'accept', 'province', { version: 1 })).statusCode).toBe(403);
    for (const [bad, field] of [
      [{}, 'body.version'],
      [{ version: 'một' }, 'body.version'],
      [{ version: 1.5 }, 'body.version'],
    ] as const) {
      const res = await act(r.id, 'accept', 'specA', bad);
      expect(res.statusCode, JSON.stringify(bad)).toBe(400);
      expect(fieldOf(res)).toBe(field);
    }
    const stale = await act(r.id, 'accept', 'specA', { version: 7 });
    expect(stale.statusCode).toBe(409);
    expect(fieldOf(stale)).toBe('body.version');

    const d = await ok(r.id, 'accept', 'specA', { version: 1 });
    const calendar = await getCalendar(t.database.db);
    expect(d.state).toBe('accepted');
    expect(d.version).toBe(2);
    expect(d.answerDueDate).toBe(dueDate(todayInVietnam(), 10, 'working', calendar));
    expect(d.actions.map((a) => [a.action, a.actorName])).toEqual([['accept', 'Trần Thị Xây']]);
    const again = await act(r.id, 'accept', 'specA', { version: 2 });
    expect(again.statusCode).toBe(409);
    expect(fieldOf(again)).toBe('path.action');
    // The audit entry is in the commune's chain.
    const audit = await t.database.db
      .select()
      .from(auditEntries)
      .where(and(eq(auditEntries.entityId, r.id), eq(auditEntries.action, 'feedback.accept')));
    expect(audit.map((a) => a.communeCode)).toEqual([f.communeA]);
  });

  it('assign: the picker lists the handlers and the default one of the task assignment; an outsider is refused', async () => {
    const r = await report();
    await ok(r.id, 'accept', 'leaderA', { version: 1 });
    const picker = await call('GET', `/api/v1/feedback/${r.id}/assignees`, 'leaderA');
    expect(picker.statusCode).toBe(200);
    const p = json<{
      items: { accountId: string }[];
      defaultHandler: { accountId: string; areaLabel: string } | null;
    }>(picker);
    expect(p.items.map((i) => i.accountId).sort()).toEqual([f.ids.leaderA, f.ids.specA, f.ids.spec2A].sort());
    expect(p.defaultHandler).toMatchObject({
      accountId: f.ids.specA,
      areaLabel: 'Xây dựng, giao thông, đô thị',
    });
    expect((await call('GET', `/api/v1/feedback/${r.id}/assignees`, 'oneStopA')).statusCode).toBe(404);
    expect((await call('GET', `/api/v1/feedback/${r.id}/assignees`, 'leaderB')).statusCode).toBe(404);

    for (const [bad, field] of [
      [{ version: 2, accountId: f.ids.leaderB }, 'body.accountId'],
      [{ version: 2, accountId: f.ids.oneStopA }, 'body.accountId'],
      [{ version: 2, accountId: 'ai-do' }, 'body.accountId'],
      [{ version: 2, body: 'x'.repeat(20_000) }, 'body.body'],
      [{ version: 2, body: 'Tổ\u0000NUL' }, 'body.body'],
    ] as const) {
      const res = await act(r.id, 'assign', 'leaderA', bad);
      expect(res.statusCode, JSON.stringify(bad).slice(0, 80)).toBe(400);
      expect(fieldOf(res)).toBe(field);
    }
    expect((await act(r.id, 'assign', 'oneStopA', { version: 2 })).statusCode).toBe(403);
    const d = await ok(r.id, 'assign', 'leaderA', { version: 2 });
    expect(d).toMatchObject({
      state: 'assigned',
      assigneeAccountId: f.ids.specA,
      assigneeName: 'Trần Thị Xây',
    });
    const re = await ok(r.id, 'assign', 'leaderA', {
      version: d.version,
      accountId: f.ids.spec2A,
      body: 'Tổ hạ tầng',
    });
    expect(re).toMatchObject({ assigneeAccountId: f.ids.spec2A, assignedBody: 'Tổ hạ tầng' });
  });

  it('answer without approval: sent to the reporter, published with personal data masked, then closed', async () => {
    const r = await report();
    let d = await ok(r.id, 'accept', 'specA', { version: 1 });
    d = await ok(r.id, 'assign', 'specA', { version: d.version });
    for (const [bad, field] of [
      [{ version: d.version }, 'body.text'],
      [{ version: d.version, text: '' }, 'body.text'],
      [{ version: d.version, text: 'x'.repeat(20_000) }, 'body.text'],
      [{ version: d.version, text: 'có\u0000NUL' }, 'body.text'],
      [{ version: d.version, text: 42 }, 'body.text'],
      [{ version: d.version, text: 'Đã sửa <script>alert(1)</script>' }, 'body.text'],
      [
        { version: d.version, text: 'Đã sửa.', publicText: '<img src=x onerror=alert(1)>' },
        'body.publicText',
      ],
    ] as const) {
      const res = await act(r.id, 'answer', 'specA', bad);
      expect(res.statusCode, JSON.stringify(bad).slice(0, 80)).toBe(400);
      expect(fieldOf(res)).toBe(field);
    }
    expect((await act(r.id, 'answer', 'oneStopA', { version: d.version, text: 'Đã sửa.' })).statusCode).toBe(
      403,
    );
    const text = 'Đã thay bóng đèn ngày 02/12. Ông Phạm Văn Dân (0912 345 678) xác nhận đèn sáng.';
    d = await ok(r.id, 'answer', 'specA', { version: d.version, text });
    expect(d.state).toBe('answered');
    expect(d.answerText).toBe(text);
    expect(d.answerPublicText).not.toContain('0912');
    expect(d.answerPublicText).not.toContain('Phạm Văn Dân');
    expect(d.publishedAt).not.toBeNull();
    const rows = await outbox(r.id, 'feedback.answered');
    expect(rows.map((x) => [x.channel, x.recipient]).sort()).toEqual([
      ['email', 'dan@example.vn'],
      ['sms', '0912345678'],
    ]);
    d = await ok(r.id, 'edit_public', 'specA', { version: d.version, publicText: 'Đèn đã được thay.' });
    expect(d.answerPublicText).toBe('Đèn đã được thay.');
    const nul = await act(r.id, 'edit_public', 'specA', { version: d.version, publicText: 'a\u0000' });
    expect(fieldOf(nul)).toBe('body.publicText');
    d = await ok(r.id, 'close', 'specA', { version: d.version, note: 'Xong' });
    expect(d.state).toBe('closed');
    expect((await act(r.id, 'close', 'specA', { version: d.version })).statusCode).toBe(409);
  });

  it('a private report is answered to the reporter but not published', async () => {
    const r = await report({ isPrivate: true });
    let d = await ok(r.id, 'accept', 'specA', { version: 1 });
    d = await ok(r.id, 'assign', 'specA', { version: d.version });
    d = await ok(r.id, 'answer', 'specA', { version: d.version, text: 'Đã xử lý.' });
    expect(d.publishedAt).toBeNull();
    expect(await outbox(r.id, 'feedback.answered')).toHaveLength(2);
  });

  it('approval: the specialist submits, the leader returns and then approves; only then is it sent', async () => {
    const r = await report({ categoryId: f.categories.denunciation!.id });
    let d = await ok(r.id, 'accept', 'specA', { version: 1 });
    expect(d.approvalRequired).toBe(true);
    expect(d.answerDueDate).toBe(dueDate(todayInVietnam(), 30, 'working', await getCalendar(t.database.db)));
    d = await ok(r.id, 'assign', 'specA', { version: d.version, accountId: f.ids.specA });
    d = await ok(r.id, 'answer', 'specA', { version: d.version, text: 'Dự thảo trả lời.' });
    expect(d.state).toBe('answer_pending');
    expect(d.answeredAt).toBeNull();
    expect(await outbox(r.id, 'feedback.answered')).toHaveLength(0);
    // The specialist cannot approve their own draft; return needs a reason.
    expect((await act(r.id, 'approve', 'specA', { version: d.version })).statusCode).toBe(403);
    expect(fieldOf(await act(r.id, 'return_answer', 'leaderA', { version: d.version }))).toBe('body.reason');
    d = await ok(r.id, 'return_answer', 'leaderA', { version: d.version, reason: 'Bổ sung căn cứ pháp lý.' });
    expect(d.state).toBe('assigned');
    d = await ok(r.id, 'submit_answer', 'specA', {
      version: d.version,
      text: 'Dự thảo lần 2, theo Luật Tố cáo 2018.',
    });
    expect(d.state).toBe('answer_pending');
    d = await ok(r.id, 'approve', 'leaderA', { version: d.version });
    expect(d.state).toBe('answered');
    expect(d.approvedAt).not.toBeNull();
    expect(d.answerText).toBe('Dự thảo lần 2, theo Luật Tố cáo 2018.');
    expect(await outbox(r.id, 'feedback.answered')).toHaveLength(2);
    expect(d.actions.map((a) => a.action)).toEqual([
      'accept',
      'assign',
      'submit_answer',
      'return_answer',
      'submit_answer',
      'answer',
    ]);
    // A category without approval: nothing to approve (409).
    const plain = await report();
    expect((await act(plain.id, 'approve', 'leaderA', { version: 1 })).statusCode).toBe(409);
  });

  it('reject with a reason tells the reporter', async () => {
    const r = await report();
    expect(fieldOf(await act(r.id, 'reject', 'specA', { version: 1 }))).toBe('body.reason');
    expect(fieldOf(await act(r.id, 'reject', 'specA', { version: 1, reason: 5 }))).toBe('body.reason');
    expect(fieldOf(await act(r.id, 'reject', 'specA', { version: 1, reason: '   ' }))).toBe('body.reason');
    const d = await ok(r.id, 'reject', 'specA', { version: 1, reason: 'Không thuộc thẩm quyền của xã.' });
    expect(d).toMatchObject({ state: 'rejected', rejectReason: 'Không thuộc thẩm quyền của xã.' });
    expect((await outbox(r.id, 'feedback.rejected')).length).toBe(2);
  });

  it('merge: the duplicate joins the report of the same commune and its reporter is answered too', async () => {
    const target = await report();
    const dup = await report({
      reporterName: 'Hoàng Thị Hai',
      reporterPhone: null,
      reporterEmail: 'hai@example.vn',
    });
    const dup2 = await report({ reporterName: null, reporterPhone: '0987654321', reporterEmail: null });
    const foreign = await insertReport(t.database.db, {
      communeCode: f.communeB,
      categoryId: f.categories.infrastructure!.id,
    });
    expect(fieldOf(await act(dup.id, 'merge', 'specA', { version: 1, intoId: dup.id }))).toBe('body.intoId');
    expect(fieldOf(await act(dup.id, 'merge', 'specA', { version: 1, intoId: 'nope' }))).toBe('body.intoId');
    const other = await act(dup.id, 'merge', 'specA', { version: 1, intoId: foreign.id });
    expect(other.statusCode).toBe(404);
    expect(fieldOf(other)).toBe('body.intoId');
    expect((await act(dup.id, 'merge', 'oneStopA', { version: 1, intoId: target.id })).statusCode).toBe(403);

    const m = await ok(dup.id, 'merge', 'specA', { version: 1, intoId: target.id });
    expect(m).toMatchObject({ state: 'merged', mergedIntoId: target.id });
    await ok(dup2.id, 'merge', 'leaderA', { version: 1, intoId: target.id });
    // A merged report is final; nothing merges into it.
    expect((await act(dup.id, 'accept', 'specA', { version: m.version })).statusCode).toBe(409);
    const third = await report();
    const into = await act(third.id, 'merge', 'specA', { version: 1, intoId: dup.id });
    expect(into.statusCode).toBe(409);
    expect(fieldOf(into)).toBe('body.intoId');

    let d = await detail(target.id);
    expect(d.merged.map((x) => x.id).sort()).toEqual([dup.id, dup2.id].sort());
    d = await ok(target.id, 'accept', 'specA', { version: d.version });
    d = await ok(target.id, 'assign', 'specA', { version: d.version });
    d = await ok(target.id, 'answer', 'specA', {
      version: d.version,
      text: 'Đã thay đèn, cảm ơn ông Phạm Văn Dân.',
    });
    const sent = [
      ...(await outbox(target.id, 'feedback.answered')),
      ...(await outbox(dup.id, 'feedback.answered')),
      ...(await outbox(dup2.id, 'feedback.answered')),
    ].map((x) => x.recipient);
    expect(sent.sort()).toEqual(['0912345678', '0987654321', 'dan@example.vn', 'hai@example.vn'].sort());
    // The merged reporters get the public version (the first reporter's name masked).
    const [toHai] = await outbox(dup.id, 'feedback.answered');
    expect(toHai!.body).not.toContain('Phạm Văn Dân');
  });

  it('split: children coded <parent>-n in the same commune; the parent closes when the last child closes', async () => {
    const p = await report({ title: 'Đường ngập và rác thải ở thôn 5' });
    const child = (categoryId: string, title: string) => ({
      categoryId,
      title,
      content: `${title} — chi tiết.`,
    });
    const body = {
      version: 1,
      children: [
        child(f.categories.infrastructure!.id, 'Đường ngập'),
        child(f.categories.environment!.id, 'Rác thải'),
      ],
    };
    for (const [bad, field] of [
      [{ ...body, children: [body.children[0]] }, 'body.children'],
      [
        { ...body, children: [body.children[0], { ...body.children[1], title: '' }] },
        'body.children.1.title',
      ],
      [
        { ...body, children: [body.children[0], { ...body.children[1], content: '<b>Rác</b>' }] },
        'body.children.1.content',
      ],
      [
        { ...body, children: [body.children[0], { ...body.children[1], categoryId: f.foreignCategoryId }] },
        'body.children.1.categoryId',
      ],
      [
        { ...body, children: [body.children[0], { ...body.children[1], categoryId: 'x' }] },
        'body.children.1.categoryId',
      ],
    ] as const) {
      const res = await act(p.id, 'split', 'specA', bad);
      expect(res.statusCode, field).toBe(400);
      expect(fieldOf(res)).toBe(field);
    }
    let d = await ok(p.id, 'split', 'specA', body);
    expect(d.state).toBe('split');
    expect(d.children.map((c) => [c.code, c.state])).toEqual([
      [`${p.code}-1`, 'accepted'],
      [`${p.code}-2`, 'accepted'],
    ]);
    expect((await act(p.id, 'close', 'specA', { version: d.version })).statusCode).toBe(409);
    const [c1, c2] = d.children;
    for (const c of [c1!, c2!]) {
      let cd = await detail(c.id);
      expect(cd).toMatchObject({ communeCode: f.communeA, parentId: p.id, reporterPhone: '0912345678' });
      cd = await ok(c.id, 'assign', 'specA', { version: cd.version });
      cd = await ok(c.id, 'answer', 'specA', { version: cd.version, text: `Đã xử lý ${c.title}.` });
      cd = await ok(c.id, 'close', 'specA', { version: cd.version });
      d = await detail(p.id);
      expect(d.state).toBe(c === c1 ? 'split' : 'closed');
    }
    expect(d.actions.at(-1)).toMatchObject({
      action: 'child_closed',
      toState: 'closed',
      actorKind: 'system',
    });
  });

  it('forward: the report moves with its history; the target commune sees it, the source gets 404', async () => {
    const r = await report();
    const d0 = await ok(r.id, 'accept', 'specA', { version: 1 });
    const missing = await act(r.id, 'forward', 'oneStopA', {
      version: d0.version,
      communeCode: '99999',
      reason: 'Sai xã',
    });
    expect(missing.statusCode).toBe(404);
    expect(fieldOf(missing)).toBe('body.communeCode');
    for (const [bad, field] of [
      [{ version: d0.version, communeCode: '123', reason: 'x' }, 'body.communeCode'],
      [{ version: d0.version, communeCode: f.communeA, reason: 'x' }, 'body.communeCode'],
      [{ version: d0.version, communeCode: f.communeB }, 'body.reason'],
    ] as const) {
      const res = await act(r.id, 'forward', 'oneStopA', bad);
      expect(res.statusCode, JSON.stringify(bad)).toBe(400);
      expect(fieldOf(res)).toBe(field);
    }
    const d = await ok(r.id, 'forward', 'oneStopA', {
      version: d0.version,
      communeCode: f.communeB,
      reason: 'Địa điểm thuộc xã B sau sắp xếp.',
    });
    expect(d).toMatchObject({
      communeCode: f.communeB,
      forwardedFrom: f.communeA,
      state: 'received',
      answerDueDate: null,
    });
    expect((await call('GET', `/api/v1/feedback/${r.id}`, 'leaderA')).statusCode).toBe(404);
    expect((await act(r.id, 'accept', 'specA', { version: d.version })).statusCode).toBe(404);
    const seen = await detail(r.id, 'leaderB');
    expect(seen.actions.map((a) => a.action)).toEqual(['accept', 'forward', 'forward']);
    // Recorded on both sides: the sending side names where it went, the receiving side where it came from.
    const [sent, received] = seen.actions.filter((a) => a.action === 'forward');
    expect(sent!.data).toMatchObject({ from: f.communeA, to: f.communeB, toName: expect.any(String) });
    expect(received!.data).toMatchObject({ from: f.communeA, fromName: expect.any(String), received: true });
    expect(received!.data!.fromName).not.toBe(sent!.data!.toName);
    const audit = await t.database.db.select().from(auditEntries).where(eq(auditEntries.entityId, r.id));
    expect(
      audit
        .filter((a) => a.action.startsWith('feedback.forward'))
        .map((a) => a.communeCode)
        .sort(),
    ).toEqual([f.communeA, f.communeB].sort());
    expect((await outbox(r.id, 'feedback.forwarded')).length).toBe(2);
    // The target commune handles it now.
    await ok(r.id, 'accept', 'leaderB', { version: seen.version });
  });

  it('forward to a commune of another province: the report takes the category of the same key there', async () => {
    const r = await report();
    const d = await ok(r.id, 'forward', 'leaderA', {
      version: 1,
      communeCode: f.communeC,
      reason: 'Thuộc Nghệ An.',
    });
    expect(d).toMatchObject({ communeCode: f.communeC, provinceCode: '40', state: 'received' });
    expect(d.categoryId).not.toBe(f.categories.infrastructure!.id);
    expect(d.categoryName).toBe('Hạ tầng, giao thông, đô thị');
    expect((await call('GET', `/api/v1/feedback/${r.id}`, 'province')).statusCode).toBe(404);
    expect((await call('GET', `/api/v1/feedback/${r.id}`, 'leaderC')).statusCode).toBe(200);
  });

  it('the last two children closed at the same time close the parent once', async () => {
    const p = await report();
    const child = (title: string) => ({ categoryId: f.categories.infrastructure!.id, title, content: title });
    const d = await ok(p.id, 'split', 'leaderA', { version: 1, children: [child('Một'), child('Hai')] });
    const ready = [];
    for (const c of d.children) {
      let cd = await ok(c.id, 'assign', 'leaderA', { version: 1, accountId: f.ids.specA });
      cd = await ok(c.id, 'answer', 'specA', { version: cd.version, text: 'Xong.' });
      ready.push(cd);
    }
    const res = await Promise.all(ready.map((c) => act(c.id, 'close', 'specA', { version: c.version })));
    expect(res.map((x) => x.statusCode)).toEqual([200, 200]);
    const parent = await detail(p.id);
    expect(parent.state).toBe('closed');
    expect(parent.actions.filter((a) => a.action === 'child_closed')).toHaveLength(1);
  });

  it('escalate to the province: the province returns it or answers it; the commune cannot answer meanwhile', async () => {
    const r = await report();
    expect(fieldOf(await act(r.id, 'escalate', 'leaderA', { version: 1 }))).toBe('body.reason');
    expect(
      (await act(r.id, 'escalate', 'oneStopA', { version: 1, reason: 'Vượt thẩm quyền' })).statusCode,
    ).toBe(403);
    let d = await ok(r.id, 'escalate', 'leaderA', { version: 1, reason: 'Vượt thẩm quyền của xã.' });
    expect(d.state).toBe('escalated');
    expect(
      (await act(r.id, 'answer', 'leaderA', { version: d.version, text: 'Xã trả lời' })).statusCode,
    ).toBe(403);
    expect(
      (await act(r.id, 'return_from_province', 'leaderA', { version: d.version, reason: 'Trả lại' }))
        .statusCode,
    ).toBe(403);
    d = await ok(r.id, 'return_from_province', 'province', {
      version: d.version,
      reason: 'Xã giải quyết được.',
    });
    expect(d.state).toBe('accepted');
    d = await ok(r.id, 'escalate', 'specA', { version: d.version, reason: 'Cần tỉnh quyết.' });
    d = await ok(r.id, 'answer', 'province', {
      version: d.version,
      text: 'Sở Xây dựng đã chỉ đạo sửa chữa.',
    });
    expect(d.state).toBe('answered');
    expect(await outbox(r.id, 'feedback.answered')).toHaveLength(2);
    // Another province's staff never see it.
    expect((await act(r.id, 'close', 'leaderC', { version: d.version })).statusCode).toBe(404);
  });

  it('two officials acting at once on the same version: one wins, the other gets 409', async () => {
    const r = await report();
    const [a, b] = await Promise.all([
      act(r.id, 'accept', 'specA', { version: 1 }),
      act(r.id, 'reject', 'leaderA', { version: 1, reason: 'Trùng' }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    expect((await detail(r.id)).version).toBe(2);
  });
});
