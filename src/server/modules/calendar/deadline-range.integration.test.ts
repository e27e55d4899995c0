import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, json, type TestApp } from '../../../../tests/support/app';
import { ENGINES } from '../../../../tests/support/database';

describe.each(ENGINES)('deadline calculator at the edges of the calendar on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine, { map: false });
  });
  afterAll(() => t?.close());

  it.each(['9999-12-31', '2181-01-01', '0001-01-01', '1899-12-31'])(
    'refuses a start on %s with a 400 naming query.from (it was a 500)',
    async (from) => {
      const res = await t.app.inject({ url: `/api/v1/calendar/deadline?from=${from}&days=5` });
      expect(res.statusCode).toBe(400);
      const body = json<{ errors: { field: string; message: string }[] }>(res);
      expect(body.errors[0]).toMatchObject({ field: 'query.from' });
      expect(body.errors[0]!.message).toMatch(/1900.*2180/);
    },
  );

  it('computes the longest deadline from the last start it accepts', async () => {
    const res = await t.app.inject({ url: '/api/v1/calendar/deadline?from=2180-12-31&days=3650' });
    expect(res.statusCode).toBe(200);
    expect(json<{ due: string }>(res).due > '2190-01-01').toBe(true);
  });
});
