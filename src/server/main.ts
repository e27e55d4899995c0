/** CLI entry: `xaso serve | migrate | seed --demo | units import | audit verify`. */
import fs from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { Command } from 'commander';
import { buildApp } from './app';
import { backup, restore, watchBackupRequests } from './backup';
import { openConfiguredDatabase, prepareDatabase } from './bootstrap';
import { loadConfig } from './config';
import { systemContext } from './db/transaction';
import { appendCheckpoint, scheduleCheckpoints } from './modules/audit/anchoring';
import { generateCheckpointKeys, parseCheckpointLines } from './modules/audit/checkpoints';
import { type VerifyBreak, verifyAuditLog } from './modules/audit/service';
import { createFileStorage } from './modules/dossiers/storage';
import { importAdministrativeMap } from './modules/units/importer';
import { demoPasswordHash, seedDemo } from './seed/demo';
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

/** A full collection now (V8's gc, exposed for the call); nothing if this runtime refuses it. */
function collectGarbage() {
  try {
    v8.setFlagsFromString('--expose-gc');
    (vm.runInNewContext('gc') as () => void)();
  } catch {
    // not exposed: V8 collects on its own schedule
  }
}

program
  .command('serve')
  .description(
    'Chạy máy chủ API + giao diện web (serve the platform). Env: PORT, HOST, XASO_DATA_DIR, DATABASE_URL',
  )
  .action(async () => {
    const started = performance.now();
    const config = loadConfig();
    // The demo accounts' password hash (argon2, ~0.2 s on a worker thread) while the data directory is prepared; a
    // failure surfaces where the seed awaits it.
    if (config.mode === 'demo') demoPasswordHash().catch(() => {});
    const database = await openConfiguredDatabase(config, 'refuse', { fromTemplate: true });
    await prepareDatabase(database, config, say);
    // The serving heap's growth factor, read by V8 at each full collection: set once the first start's work (the map,
    // the demo) is done, which runs faster with V8's own factor (10% doubled its collections: ~0.4-0.9 s of a start),
    // then that work's ~60 MB of garbage collected under it, before listening.
    if (config.heapGrowthPercent > 0)
      v8.setFlagsFromString(`--heap-growing-percent=${config.heapGrowthPercent}`);
    if (!config.databaseUrl) collectGarbage();
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
    watchBackupRequests(config, database, (err) => app.log.error({ err }, 'backup request failed'));
    if (config.auditCheckpoints) {
      const { keyFile, file, minutes } = config.auditCheckpoints;
      scheduleCheckpoints(
        database.db,
        { privateKeyPem: fs.readFileSync(keyFile, 'utf8'), file, minutes },
        (err) => app.log.error({ err }, 'audit checkpoint failed'),
      );
      say(`Mốc nhật ký đã ký mỗi ${minutes} phút → ${file} (signed audit checkpoints).`);
    }
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
      const config = loadConfig();
      const { created } = await seedDemo(systemContext(db.db, 'xaso seed --demo'), say, {
        scale: config.demoScale,
        meetings: { config, storage: await createFileStorage(config, db.db) },
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

program
  .command('backup')
  .description(
    'Sao lưu cơ sở dữ liệu và tệp đã lưu vào một thư mục mới, kể cả khi máy chủ đang chạy (back up the database and stored files)',
  )
  .requiredOption('--out <dir>', 'thư mục mới cho bản sao lưu (a new directory)')
  .action(async (options: { out: string }) => {
    const manifest = await backup(loadConfig(), options.out, say);
    say(`Đã sao lưu (${manifest.engine}, ${manifest.files} tệp) vào ${options.out}.`);
  });

program
  .command('restore')
  .description(
    'Khôi phục bản sao lưu vào nơi trống: XASO_DATA_DIR mới hoặc DATABASE_URL của cơ sở dữ liệu trống (restore into an empty place)',
  )
  .requiredOption('--from <dir>', 'thư mục bản sao lưu (the backup directory)')
  .action(async (options: { from: string }) => {
    const manifest = await restore(loadConfig(), options.from);
    say(`Đã khôi phục bản sao lưu ${manifest.createdAt} (${manifest.engine}, ${manifest.files} tệp).`);
  });

const audit = program.command('audit').description('Nhật ký (audit log)');
audit
  .command('verify')
  .description(
    'Kiểm tra chuỗi băm, đầu chuỗi và các mốc đã ký; báo chỗ hỏng (verify the hash chains, their heads and signed checkpoints)',
  )
  .option('--checkpoints <file>', 'tệp mốc đã ký (signed checkpoints file, one JSON a line)')
  .option('--public-key <file>', 'khóa công khai Ed25519 để kiểm chữ ký mốc (public key, PEM)')
  .action((options: { checkpoints?: string; publicKey?: string }) =>
    withDatabase(
      async (db) => {
        const anchors = readAnchors(options);
        const report = await verifyAuditLog(db.db, anchors);
        say(`${report.chains} chuỗi, ${report.entries} bản ghi, ${report.checkpoints} mốc đã ký.`);
        for (const b of report.breaks) say(`HỎNG (broken): ${describeBreak(b)}`);
        if (report.breaks.length) process.exitCode = 1;
        else say('Toàn vẹn (intact).');
      },
      { readOnly: true },
    ),
  );
audit
  .command('keygen')
  .description(
    'Tạo cặp khóa Ed25519 ký mốc nhật ký, cất ngoài cơ sở dữ liệu (create the checkpoint signing keys)',
  )
  .requiredOption('--out <dir>', 'thư mục ghi audit-checkpoint.key (bí mật) và audit-checkpoint.pub')
  .action((options: { out: string }) => {
    const { privateKeyPem, publicKeyPem } = generateCheckpointKeys();
    fs.mkdirSync(options.out, { recursive: true });
    const key = path.join(options.out, 'audit-checkpoint.key');
    if (fs.existsSync(key)) throw new Error(`${key} đã có (already exists): không ghi đè (not overwritten).`);
    fs.writeFileSync(key, privateKeyPem, { mode: 0o600 });
    fs.writeFileSync(path.join(options.out, 'audit-checkpoint.pub'), publicKeyPem);
    say(`Đã tạo ${key} và audit-checkpoint.pub.`);
  });
audit
  .command('checkpoint')
  .description(
    'Ghi một mốc đã ký của mọi chuỗi vào tệp (append a signed checkpoint of every chain to a file)',
  )
  .requiredOption('--key <file>', 'khóa bí mật Ed25519 (private key, PEM)')
  .requiredOption('--out <file>', 'tệp mốc, ghi nối thêm (checkpoints file, appended)')
  .action((options: { key: string; out: string }) =>
    withDatabase(
      async (db) => {
        const written = await appendCheckpoint(db.db, fs.readFileSync(options.key, 'utf8'), options.out);
        say(`Đã ghi mốc ${written.at}: ${written.chains.length} chuỗi → ${options.out}`);
      },
      { readOnly: true },
    ),
  );

function readAnchors(options: { checkpoints?: string; publicKey?: string }) {
  if (!options.checkpoints) return undefined;
  if (!options.publicKey) throw new Error('--checkpoints cần --public-key (needs --public-key).');
  const { checkpoints, unreadableLines } = parseCheckpointLines(fs.readFileSync(options.checkpoints, 'utf8'));
  if (unreadableLines.length)
    throw new Error(`Tệp mốc hỏng ở dòng (unreadable checkpoint lines): ${unreadableLines.join(', ')}`);
  return { checkpoints, publicKeyPem: fs.readFileSync(options.publicKey, 'utf8') };
}

function describeBreak(b: VerifyBreak): string {
  const chain = 'chain' in b && b.chain ? `chuỗi ${b.chain}` : 'mốc';
  const entry = 'id' in b ? `, bản ghi #${b.id}` : '';
  const seq = 'seq' in b && b.seq !== undefined ? ` (seq ${b.seq})` : '';
  const at = 'at' in b ? `, mốc ${b.at}` : '';
  return `${chain}${entry}${seq}${at}: ${b.reason}`;
}

program.parseAsync(process.argv).catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
