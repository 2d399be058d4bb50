/**
 * Throw-away databases for integration tests (`*.int.test.ts`), never the demo data.
 *
 * prisma/vitest.global-setup.ts starts one server per vitest run and a migrated
 * template; each createTestDatabase() is a `CREATE DATABASE … TEMPLATE …` clone
 * (tens of milliseconds), dropped by `drop()`.
 */
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { createPrisma, type PrismaClient } from './client.ts';
import { TEST_PG_ADMIN_ENV, TEST_PG_TEMPLATE_ENV } from './test-server.ts';

export interface TestDatabase {
  url: string;
  prisma: PrismaClient;
  /** Disconnects `prisma` and drops the database (also kills other open connections). */
  drop(): Promise<void>;
}

function testServer(): { adminUrl: string; template: string } {
  const adminUrl = process.env[TEST_PG_ADMIN_ENV];
  const template = process.env[TEST_PG_TEMPLATE_ENV];
  if (!adminUrl || !template) {
    throw new Error(
      `createTestDatabase: no test server (${TEST_PG_ADMIN_ENV} is not set); add prisma/vitest.global-setup.ts to this vitest project's globalSetup`,
    );
  }
  return { adminUrl, template };
}

async function withAdmin<T>(adminUrl: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  client.on('error', () => {});
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => {});
  }
}

/** A fresh, fully migrated, empty database of its own. */
export async function createTestDatabase(opts: { poolSize?: number } = {}): Promise<TestDatabase> {
  const { adminUrl, template } = testServer();
  const name = `t_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  await withAdmin(adminUrl, async (c) => {
    for (let attempt = 0; ; attempt++) {
      try {
        await c.query(`CREATE DATABASE ${pg.escapeIdentifier(name)} TEMPLATE ${pg.escapeIdentifier(template)}`);
        return;
      } catch (e) {
        // 55006: the template is briefly "being accessed" by a concurrent clone.
        if ((e as pg.DatabaseError).code !== '55006' || attempt >= 50) throw e;
        await sleep(20 + Math.random() * 80);
      }
    }
  });
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const prisma = createPrisma(url.toString(), { poolSize: opts.poolSize ?? 10 });
  let dropped = false;
  return {
    url: url.toString(),
    prisma,
    async drop() {
      if (dropped) return;
      dropped = true;
      await prisma.$disconnect();
      await withAdmin(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`));
    },
  };
}
