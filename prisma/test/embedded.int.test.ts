import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError } from '@megzo/domain';
import { checkDatabaseUrl, freePort, readPostmasterPid, startEmbeddedPostgres, type DatabaseServer } from '../src/embedded.ts';
import { cleanStaleTestServers } from '../src/test-server.ts';
import { REPO_ROOT } from '../src/paths.ts';

const TSX = join(REPO_ROOT, 'node_modules', '.bin', 'tsx');
const DB_MAIN = join(REPO_ROOT, 'prisma', 'src', 'db-main.ts');
const dirs: string[] = [];
const children: ChildProcess[] = [];
const servers: DatabaseServer[] = [];

function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'megzo-embedded-test-'));
  dirs.push(d);
  return d;
}

afterAll(async () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
  await Promise.all(servers.map((s) => s.stop().catch(() => {})));
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

interface Exit {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runDbMain(env: NodeJS.ProcessEnv): { child: ChildProcess; firstLine: Promise<string>; exit: Promise<Exit> } {
  const child = spawn(TSX, [DB_MAIN], { env: { ...process.env, DATABASE_URL: '', PG_PORT: '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let stdout = '';
  let stderr = '';
  let resolveLine: (l: string) => void;
  const firstLine = new Promise<string>((r) => (resolveLine = r));
  child.stdout!.on('data', (d: Buffer) => {
    stdout += d.toString();
    if (stdout.includes('\n')) resolveLine(stdout.split('\n')[0]!);
  });
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const exit = new Promise<Exit>((r) => child.on('exit', (code) => r({ code, stdout, stderr })));
  return { child, firstLine, exit };
}

describe('DATABASE_URL checks', () => {
  it('an unreachable server fails fast with a one-line reason', async () => {
    const port = await freePort();
    const t0 = Date.now();
    const err = await checkDatabaseUrl(`postgresql://u:secretpw@127.0.0.1:${port}/db`).catch((e: unknown) => e);
    expect(Date.now() - t0).toBeLessThan(5000);
    expect(err).toBeInstanceOf(ConfigError);
    const msg = (err as Error).message;
    expect(msg).toMatch(new RegExp(`cannot reach PostgreSQL at postgresql://u:\\*\\*\\*@127.0.0.1:${port}/db`));
    expect(msg).not.toContain('secretpw');
    expect(msg).not.toContain('\n');
  });

  it('a server that accepts but never answers times out within the limit', async () => {
    const silent: Server = createServer(() => {});
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const port = (silent.address() as { port: number }).port;
    const t0 = Date.now();
    await expect(checkDatabaseUrl(`postgresql://u@127.0.0.1:${port}/db`, 500)).rejects.toThrow(/within 500 ms/);
    expect(Date.now() - t0).toBeLessThan(3000);
    silent.close();
  });

  it('rejects a URL that is not PostgreSQL, naming the variable', async () => {
    await expect(checkDatabaseUrl('mysql://x@127.0.0.1/db')).rejects.toThrow(/DATABASE_URL must start with postgresql:\/\//);
    await expect(checkDatabaseUrl('not a url')).rejects.toThrow(/DATABASE_URL is not a valid URL/);
  });

  it('accepts the test server and reports its version', async () => {
    const v = await checkDatabaseUrl(process.env.MEGZO_TEST_PG_URL!);
    expect(v.versionNum).toBeGreaterThanOrEqual(140000);
  });

  it('db-main exits 1 with one line on stderr when DATABASE_URL is unreachable', async () => {
    const port = await freePort();
    const { exit } = runDbMain({ DATABASE_URL: `postgresql://u@127.0.0.1:${port}/db` });
    const r = await exit;
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^db: cannot reach PostgreSQL/);
  });
});

describe('embedded server', () => {
  it('refuses a second start on the same data folder, and keeps its data across restarts', async () => {
    const dataDir = join(tempDir(), 'pg');
    const first = await startEmbeddedPostgres({ dataDir, port: 0 });
    servers.push(first);
    const err = await startEmbeddedPostgres({ dataDir, port: 0 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as Error).message).toMatch(/already running .*stop it first or set DATABASE_URL/);
    const c = new pg.Client({ connectionString: first.url });
    await c.connect();
    await c.query('CREATE TABLE kept (n int); INSERT INTO kept VALUES (42)');
    await c.end();
    await first.stop();
    expect(existsSync(join(dataDir, 'postmaster.pid'))).toBe(false);

    const again = await startEmbeddedPostgres({ dataDir });
    servers.push(again);
    const c2 = new pg.Client({ connectionString: again.url });
    await c2.connect();
    expect((await c2.query('SELECT n FROM kept')).rows).toEqual([{ n: 42 }]);
    await c2.end();
    await again.stop();
  });

  it('db-main prints one JSON line when ready, a second one fails clearly, SIGTERM stops it cleanly', async () => {
    const dataRoot = tempDir();
    const main = runDbMain({ MEGZO_DATA_DIR: dataRoot });
    const line = await main.firstLine;
    const { databaseUrl } = JSON.parse(line) as { databaseUrl: string };
    expect(databaseUrl).toMatch(/^postgresql:\/\/megzo:.+@127\.0\.0\.1:\d+\/megzo$/);
    const c = new pg.Client({ connectionString: databaseUrl });
    await c.connect();
    const applied = await c.query('SELECT count(*)::int AS n FROM _prisma_migrations WHERE finished_at IS NOT NULL');
    expect(applied.rows[0].n).toBeGreaterThan(0);
    await c.end();

    const second = await runDbMain({ MEGZO_DATA_DIR: dataRoot }).exit;
    expect(second.code).toBe(1);
    expect(second.stderr.trim()).toMatch(/^db: embedded PostgreSQL for .* is already running/);
    expect(second.stderr.trim().split('\n')).toHaveLength(1);

    main.child.kill('SIGTERM');
    const r = await main.exit;
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
    expect(existsSync(join(dataRoot, 'postgres', 'postmaster.pid'))).toBe(false);
  });
});

describe('test servers of crashed runs', () => {
  it('are stopped and removed by the next run', async () => {
    // node --import tsx (not the tsx wrapper): the killed process is the server's owner.
    const script = join(REPO_ROOT, 'prisma', 'test', 'support', 'start-test-server.ts');
    const child = spawn(process.execPath, ['--import', 'tsx', script], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    children.push(child);
    const line = await new Promise<string>((resolve) => {
      let out = '';
      child.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('\n')) resolve(out.split('\n')[0]!);
      });
    });
    const { adminUrl, dir } = JSON.parse(line) as { adminUrl: string; dir: string };
    const exited = new Promise((r) => child.on('exit', r));
    child.kill('SIGKILL'); // the run crashes: no teardown
    await exited;
    const pm = await readPostmasterPid(join(dir, 'data'));
    expect(pm).toBeDefined();
    const alive = (pid: number) => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    };
    await checkDatabaseUrl(adminUrl);
    expect(alive(pm!.pid)).toBe(true);

    expect(await cleanStaleTestServers()).toBeGreaterThanOrEqual(1);
    expect(alive(pm!.pid)).toBe(false);
    expect(existsSync(dir)).toBe(false);
    await expect(checkDatabaseUrl(adminUrl, 1000)).rejects.toThrow(/cannot reach PostgreSQL/);
  });
});
