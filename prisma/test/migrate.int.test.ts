import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { diffSchema, listMigrations, migrate } from '../src/migrate.ts';
import { appliedMigrations } from '../src/status.ts';
import { createTestDatabase, type TestDatabase } from '../src/testing.ts';

const admin = inject('megzoTestPg').adminUrl;

async function adminQuery(sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: admin });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

describe('migrations', () => {
  const dbs: TestDatabase[] = [];
  afterAll(async () => {
    await Promise.all(dbs.map((d) => d.drop()));
    await adminQuery('DROP DATABASE IF EXISTS megzo_empty_mig WITH (FORCE)');
  });

  it('apply on an empty database, then there is nothing left to apply', async () => {
    await adminQuery('DROP DATABASE IF EXISTS megzo_empty_mig WITH (FORCE)');
    await adminQuery('CREATE DATABASE megzo_empty_mig');
    const url = new URL(admin);
    url.pathname = '/megzo_empty_mig';
    const onDisk = await listMigrations();
    expect(onDisk.length).toBeGreaterThan(0);
    expect(await migrate(url.toString())).toEqual(onDisk);
    expect(await appliedMigrations(url.toString())).toEqual(onDisk);
    expect(await migrate(url.toString())).toEqual([]);
  });

  it('the schema diff is empty while schema.prisma matches the last migration', async () => {
    expect(await diffSchema()).toBe('');
  });

  it('workers reach the shared server through the environment and get migrated clones', async () => {
    expect(process.env.MEGZO_TEST_PG_URL).toBe(admin);
    const db = await createTestDatabase();
    dbs.push(db);
    expect(await db.prisma.tenant.count()).toBe(0);
    const tables = await db.prisma.$queryRaw<Array<{ n: bigint }>>`
      SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = 'public' AND table_name IN ('Tenant', 'SyncRun', 'MappingVersion', 'Order')`;
    expect(Number(tables[0]?.n)).toBe(4);
  });

  it('clones are isolated from each other', async () => {
    const [a, b] = await Promise.all([createTestDatabase(), createTestDatabase()]);
    dbs.push(a, b);
    await a.prisma.tenant.create({ data: { name: 'A', slug: 'a' } });
    expect(await a.prisma.tenant.count()).toBe(1);
    expect(await b.prisma.tenant.count()).toBe(0);
  });
});
