/** CLI entry: `xaso serve | migrate | seed --demo | units import | audit verify`. */
import { Command } from 'commander';
import { buildApp } from './app';
import { openConfiguredDatabase, prepareDatabase } from './bootstrap';
import { loadConfig } from './config';
import { systemContext } from './db/transaction';
import { verifyAuditLog } from './modules/audit/service';
import { importAdministrativeMap } from './modules/units/importer';
import { seedDemo } from './seed/demo';
import { APP_VERSION } from './version';

const say = (msg: string) => process.stdout.write(`${msg}\n`);

/** Writing commands refuse a data directory a server holds; read-only ones read a snapshot of it and say so. */
async function withDatabase<T>(
  work: (db: Awaited<ReturnType<typeof openConfiguredDatabase>>) => Promise<T>,
  options: { readOnly?: boolean } = {},
): Promise<T> {
  const config = loadConfig();
  const database = await openConfiguredDatabase(config, options.readOnly ? 'snapshot' : 'refuse');
  if (database.notice) say(database.notice);
  try {
    return await work(database);
  } finally {
    await database.close();
  }
}

const program = new Command()
  .name('xaso')
  .description('XãSố — nền tảng chính quyền cấp xã số (digital commune platform)')
  .version(APP_VERSION);

program
  .command('serve')
  .description(
    'Chạy máy chủ API + giao diện web (serve the platform). Env: PORT, HOST, XASO_DATA_DIR, DATABASE_URL',
  )
  .action(async () => {
    const started = performance.now();
    const config = loadConfig();
    const database = await openConfiguredDatabase(config);
    await prepareDatabase(database, config, say);
    const app = await buildApp({ config, database });
    let closing = false;
    const shutdown = async (signal: string) => {
      if (closing) return;
      closing = true;
      app.log.info({ signal }, 'shutting down: finishing in-flight requests');
      const force = setTimeout(() => process.exit(1), 15_000);
      force.unref();
      try {
        await app.close();
        await database.close();
      } finally {
        clearTimeout(force);
      }
      process.exit(0);
    };
    process.on('SIGTERM', () => void shutdown('SIGTERM'));
    process.on('SIGINT', () => void shutdown('SIGINT'));
    await app.listen({ port: config.port, host: config.host });
    const shown = config.host === '0.0.0.0' ? 'localhost' : config.host;
    say(
      `XãSố ${APP_VERSION} (${database.kind}, ${config.mode}) tại http://${shown}:${config.port} — sẵn sàng sau ${Math.round(performance.now() - started)} ms`,
    );
  });

program
  .command('migrate')
  .description('Áp dụng các bản chuyển đổi cơ sở dữ liệu (apply database migrations)')
  .action(() =>
    withDatabase(async (db) => {
      await db.migrate();
      say(`Đã cập nhật cấu trúc cơ sở dữ liệu (${db.kind}).`);
    }),
  );

program
  .command('seed')
  .description('Tạo dữ liệu mẫu (seed data)')
  .requiredOption('--demo', 'dữ liệu mẫu Hà Tĩnh và tài khoản demo (demo data and accounts)')
  .action(() =>
    withDatabase(async (db) => {
      await db.migrate();
      const { created } = await seedDemo(systemContext(db.db, 'xaso seed --demo'), say, {
        scale: loadConfig().demoScale,
      });
      say(`Xong: ${created} bản ghi mới (created).`);
    }),
  );

const units = program.command('units').description('Bản đồ hành chính (administrative map)');
units
  .command('import')
  .description('Nạp/cập nhật 34 tỉnh, 3.321 xã và ánh xạ đơn vị cũ; chạy lại không thay đổi gì (idempotent)')
  .action(() =>
    withDatabase(async (db) => {
      await db.migrate();
      const report = await importAdministrativeMap(db.db, say);
      for (const [table, c] of Object.entries(report)) {
        say(
          `${table.padEnd(12)} total ${String(c.total).padStart(6)}  inserted ${String(c.inserted).padStart(6)}  updated ${String(c.updated).padStart(5)}  deleted ${String(c.deleted).padStart(5)}`,
        );
      }
    }),
  );

const audit = program.command('audit').description('Nhật ký (audit log)');
audit
  .command('verify')
  .description('Kiểm tra chuỗi băm của nhật ký; báo mắt xích hỏng đầu tiên (verify the hash chains)')
  .action(() =>
    withDatabase(
      async (db) => {
        const report = await verifyAuditLog(db.db);
        say(`${report.chains} chuỗi, ${report.entries} bản ghi.`);
        for (const b of report.breaks)
          say(`HỎNG (broken): chuỗi ${b.chain}, bản ghi #${b.id} (seq ${b.seq}): ${b.reason}`);
        if (report.breaks.length) process.exitCode = 1;
        else say('Toàn vẹn (intact).');
      },
      { readOnly: true },
    ),
  );

program.parseAsync(process.argv).catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
