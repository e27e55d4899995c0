/**
 * Live events (PGlite and PostgreSQL): an event published in a committed transaction reaches a subscriber of its
 * channel; one published inside `withoutLiveEvents` (the demo seed, before any page can follow) is not sent.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, ENGINES, type TestDatabase } from '../../../../tests/support/database';
import { createLiveHub, type LiveEvent, publishLive, withoutLiveEvents } from './hub';

describe.each(ENGINES)('live events on %s', (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(() => database?.close());

  it('sends what is published, and nothing published inside withoutLiveEvents', async () => {
    const hub = createLiveHub(database);
    const events: LiveEvent[] = [];
    const unsubscribe = await hub.subscribe('test:quiet', (e) => events.push(e));
    try {
      await withoutLiveEvents(() =>
        database.db.transaction((tx) => publishLive(tx, { channel: 'test:quiet', type: 'seeded', data: {} })),
      );
      await database.db.transaction((tx) =>
        publishLive(tx, { channel: 'test:quiet', type: 'changed', data: { n: 1 } }),
      );
      // Notifications arrive in commit order: once the second is here, the first would have been too.
      await expect.poll(() => events.map((e) => e.type)).toEqual(['changed']);
    } finally {
      unsubscribe();
      await hub.close();
    }
  });
});
