import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listMigrations } from '../src/migrate.ts';
import { REPO_ROOT } from '../src/paths.ts';
import { createTestDatabase, type TestDatabase } from '../src/testing.ts';

const run = promisify(execFile);
const TSX = join(REPO_ROOT, 'node_modules', '.bin', 'tsx');
const CLI = join(REPO_ROOT, 'prisma', 'src', 'cli.ts');

async function cli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; out: string }> {
  try {
    const r = await run(TSX, [CLI, ...args], { cwd: REPO_ROOT, env: { ...process.env, ...env } });
    return { code: 0, out: r.stdout + r.stderr };
  } catch (e) {
    const x = e as { code: number; stdout: string; stderr: string };
    return { code: x.code, out: x.stdout + x.stderr };
  }
}

describe('cli.ts (the root scripts call these)', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.drop());

  it('generate is a no-op when the schema is unchanged; new-migration writes nothing', async () => {
    expect(await cli(['generate'])).toEqual({ code: 0, out: 'generate: schema unchanged, output up to date\n' });
    const before = await listMigrations();
    expect((await cli(['new-migration', 'nothing_changed'])).out).toMatch(/schema unchanged since the last migration, nothing written/);
    expect(await listMigrations()).toEqual(before);
  });

  it('status and migrate against DATABASE_URL; bad usage exits 2', async () => {
    const onDisk = await listMigrations();
    const url = new URL(db.url);
    await db.prisma.$executeRawUnsafe('DELETE FROM _prisma_migrations WHERE migration_name = $1', onDisk.at(-1));
    const status = await cli(['status'], { DATABASE_URL: url.toString() });
    expect(status.code).toBe(0);
    expect(status.out).toContain(`migrations on disk: ${onDisk.length}`);
    expect(status.out).toContain('schema.prisma matches the last migration');
    expect(status.out).toContain(`pending on the database: ${onDisk.at(-1)}`);

    const admin = new URL(process.env.MEGZO_TEST_PG_URL!);
    const empty = `cli_empty_${Date.now()}`;
    await db.prisma.$executeRawUnsafe(`CREATE DATABASE ${empty}`);
    admin.pathname = `/${empty}`;
    const first = await cli(['migrate'], { DATABASE_URL: admin.toString() });
    expect(first).toEqual({ code: 0, out: `migrate: applied ${onDisk.join(', ')}\n` });
    expect((await cli(['migrate'], { DATABASE_URL: admin.toString() })).out).toBe('migrate: database is up to date\n');
    await db.prisma.$executeRawUnsafe(`DROP DATABASE ${empty} WITH (FORCE)`);

    expect(await cli(['bogus'])).toMatchObject({ code: 2 });
    expect((await cli(['new-migration', 'Bad Name'])).out).toMatch(/must be lower-case letters/);
  });
});
