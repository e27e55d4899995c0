import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createTestDatabase, ENGINES } from '../../tests/support/database';
import { prepareDatabase } from './bootstrap';
import { loadConfig } from './config';

describe.each(ENGINES)('start-up on %s', (engine) => {
  it('refuses a production start while demo accounts with the published password exist, and accepts it once they are gone', async () => {
    const database = await createTestDatabase(engine);
    try {
      const log = () => {};
      await prepareDatabase(database, loadConfig({ XASO_MODE: 'demo', XASO_DEMO_SCALE: 'small' }), log);
      await expect(prepareDatabase(database, loadConfig({ XASO_MODE: 'production' }), log)).rejects.toThrow(
        /Demo@2025/,
      );
      await database.db.execute(sql`update accounts set status = 'disabled' where is_demo`);
      await expect(
        prepareDatabase(database, loadConfig({ XASO_MODE: 'production' }), log),
      ).resolves.toBeUndefined();
    } finally {
      await database.dispose();
    }
  }, 180_000);
});
