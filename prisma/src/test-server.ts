/**
 * The throw-away PostgreSQL server of a test run (used by vitest.global-setup.ts):
 * an embedded server in a temp folder on a free port, or TEST_DATABASE_URL, plus a
 * template database with every migration applied, cloned per test database.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { checkDatabaseUrl, readPostmasterPid, startEmbeddedPostgres } from './embedded.ts';
import { listMigrations, migrate } from './migrate.ts';
import { MIGRATIONS_DIR } from './paths.ts';

/** Environment variables that carry the test server to vitest workers. */
export const TEST_PG_ADMIN_ENV = 'MEGZO_TEST_PG_URL';
export const TEST_PG_TEMPLATE_ENV = 'MEGZO_TEST_PG_TEMPLATE';

const TMP_PREFIX = 'megzo-test-pg-';

export interface TestServer {
  /** URL of the maintenance database: CREATE/DROP DATABASE go through it. */
  adminUrl: string;
  /** Name of the migrated template database. */
  template: string;
  /** Temp folder of an embedded server (undefined with TEST_DATABASE_URL). */
  dir?: string;
  stop(): Promise<void>;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Servers of earlier runs that crashed (their vitest process is gone) are stopped and
 * their folders removed, so nothing piles up and nothing blocks the next run.
 */
export async function cleanStaleTestServers(): Promise<number> {
  let cleaned = 0;
  for (const name of await readdir(tmpdir())) {
    if (!name.startsWith(TMP_PREFIX)) continue;
    const dir = join(tmpdir(), name);
    const owner = Number((await readFile(join(dir, 'owner.pid'), 'utf8').catch(() => '')).trim());
    if (owner > 0 && alive(owner)) continue;
    const pm = await readPostmasterPid(join(dir, 'data')).catch(() => undefined);
    if (pm && alive(pm.pid)) {
      process.kill(pm.pid, 'SIGQUIT'); // immediate shutdown: the data is thrown away anyway
      for (let i = 0; i < 50 && alive(pm.pid); i++) await sleep(100);
    }
    await rm(dir, { recursive: true, force: true });
    cleaned++;
  }
  return cleaned;
}

async function migrationsHash(): Promise<string> {
  const h = createHash('sha256');
  for (const m of await listMigrations()) {
    h.update(m).update(await readFile(join(MIGRATIONS_DIR, m, 'migration.sql')));
  }
  return h.digest('hex').slice(0, 12);
}

/**
 * Create `megzo_tmpl_<hash of the migrations>` with all migrations applied, unless it
 * exists already (a shared TEST_DATABASE_URL server keeps it between runs).
 */
export async function ensureTemplate(adminUrl: string): Promise<string> {
  const template = `megzo_tmpl_${await migrationsHash()}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query('SELECT pg_advisory_lock(74201)'); // two runs on one shared server
    const found = await admin.query<{ datistemplate: boolean }>('SELECT datistemplate FROM pg_database WHERE datname = $1', [template]);
    if (found.rows[0]?.datistemplate) return template;
    if (found.rowCount) await admin.query(`DROP DATABASE ${pg.escapeIdentifier(template)} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${pg.escapeIdentifier(template)}`);
    const url = new URL(adminUrl);
    url.pathname = `/${template}`;
    await migrate(url.toString());
    // Marked only once complete: a half-made template is rebuilt by the next run.
    await admin.query(`ALTER DATABASE ${pg.escapeIdentifier(template)} WITH IS_TEMPLATE true ALLOW_CONNECTIONS false`);
    return template;
  } finally {
    await admin.query('SELECT pg_advisory_unlock(74201)').catch(() => {});
    await admin.end();
  }
}

/** Start the run's server (or adopt TEST_DATABASE_URL) and prepare the template. */
export async function startTestServer(opts: { databaseUrl?: string } = {}): Promise<TestServer> {
  if (opts.databaseUrl) {
    await checkDatabaseUrl(opts.databaseUrl);
    return { adminUrl: opts.databaseUrl, template: await ensureTemplate(opts.databaseUrl), stop: async () => {} };
  }
  await cleanStaleTestServers();
  const dir = await mkdtemp(join(tmpdir(), TMP_PREFIX));
  await writeFile(join(dir, 'owner.pid'), `${process.pid}\n`);
  try {
    const server = await startEmbeddedPostgres({
      dataDir: join(dir, 'data'),
      port: 0,
      database: 'postgres',
      ephemeral: true,
      maxConnections: 400,
    });
    try {
      const template = await ensureTemplate(server.adminUrl);
      return {
        adminUrl: server.adminUrl,
        template,
        dir,
        async stop() {
          await server.stop();
          await rm(dir, { recursive: true, force: true });
        },
      };
    } catch (e) {
      await server.stop();
      throw e;
    }
  } catch (e) {
    if (existsSync(dir)) await rm(dir, { recursive: true, force: true });
    throw e;
  }
}
