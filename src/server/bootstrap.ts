/** Opening the database the configuration names, migrated, with the national map loaded and (in demo mode) the demo data. */
import path from 'node:path';
import { count } from 'drizzle-orm';
import type { AppConfig } from './config';
import { type Database, openDatabase } from './db/database';
import { systemContext } from './db/transaction';
import { demoAccountCount } from './modules/auth/accounts';
import { createFileStorage } from './modules/dossiers/storage';
import { loadCatalogue } from './modules/procedures/service';
import { importAdministrativeMap } from './modules/units/importer';
import { provinces } from './modules/units/schema';
import { seedDemo } from './seed/demo';

export function openConfiguredDatabase(
  config: AppConfig,
  whenLocked: 'refuse' | 'snapshot' = 'refuse',
): Promise<Database> {
  return openDatabase(
    config.databaseUrl
      ? { databaseUrl: config.databaseUrl }
      : { pgliteDir: path.join(config.dataDir, 'pglite'), whenLocked },
  );
}

export async function prepareDatabase(
  database: Database,
  config: AppConfig,
  log: (msg: string) => void,
): Promise<void> {
  await database.migrate();
  const [{ n } = { n: 0 }] = await database.db.select({ n: count() }).from(provinces);
  if (Number(n) === 0) {
    log('Nạp bản đồ hành chính (loading the administrative map)…');
    const report = await importAdministrativeMap(database.db, log);
    log(
      `Đã nạp: ${report.provinces.total} tỉnh, ${report.communes.total} xã, ${report.formerUnits.total} đơn vị cũ.`,
    );
  }
  const catalogue = await loadCatalogue(database.db);
  if (catalogue.created > 0) log(`Danh mục thủ tục: ${catalogue.created} thủ tục mới.`);
  if (catalogue.corrected > 0)
    log(`Danh mục thủ tục: ${catalogue.corrected} thủ tục cập nhật theo quy định hiện hành (phiên bản mới).`);
  if (config.mode === 'demo') {
    const seeded = await seedDemo(systemContext(database.db, 'xaso seed --demo'), log, {
      scale: config.demoScale,
      meetings: { config, storage: await createFileStorage(config, database.db) },
    });
    if (seeded.created > 0) log(`Dữ liệu mẫu: ${seeded.created} bản ghi mới.`);
  } else if ((await demoAccountCount(database.db)) > 0) {
    throw new Error(
      'Chế độ production không chạy khi còn tài khoản mẫu dùng mật khẩu công khai (Demo@2025). ' +
        'Production refuses to start while demo accounts with the published password can log in: disable them first.',
    );
  }
}
