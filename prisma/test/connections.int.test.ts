import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSecretBox } from '../src/crypto.ts';
import {
  createConnection,
  getConnectionConfig,
  getPublicConnection,
  listPublicConnections,
  updateConnection,
} from '../src/repositories/connections.repo.ts';
import { NotFoundError } from '../src/repositories/errors.ts';
import { createTestDatabase, type TestDatabase } from '../src/testing.ts';
import { baseFixture } from './fixtures.ts';

/** Every row of every table as text: the plaintext must be in none of them. */
async function wholeDatabaseText(db: TestDatabase): Promise<string> {
  const tables = await db.prisma.$queryRaw<Array<{ table_name: string }>>`
    SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`;
  const parts: string[] = [];
  for (const { table_name } of tables) {
    const rows = await db.prisma.$queryRawUnsafe<Array<{ t: string }>>(`SELECT t::text AS t FROM "${table_name}" t`);
    parts.push(...rows.map((r) => r.t));
  }
  return parts.join('\n');
}

describe('connections repository', () => {
  let db: TestDatabase;
  const box = createSecretBox(randomBytes(32));
  const secretFields = ['password', 'apiKey'];
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.drop());

  it('stores secrets encrypted: the plaintext is nowhere in the database', async () => {
    const { tenant } = await baseFixture(db.prisma, 'sec');
    const created = await createConnection(
      db.prisma,
      { tenantId: tenant.id, connectorId: 'erp-charisma', name: 'Charisma', config: { baseUrl: 'http://127.0.0.1:1', username: 'api', password: 'Pa55-unique-plaintext', apiKey: 'KEY-unique-plaintext' } },
      { secretFields, box },
    );
    expect(created).not.toHaveProperty('secrets');
    expect(created.secretFieldsSet).toEqual(['apiKey', 'password']);
    expect(created.config).toEqual({ baseUrl: 'http://127.0.0.1:1', username: 'api' });
    const text = await wholeDatabaseText(db);
    expect(text).toContain('http://127.0.0.1:1');
    expect(text).not.toContain('Pa55-unique-plaintext');
    expect(text).not.toContain('KEY-unique-plaintext');
    const raw = await db.prisma.$queryRaw<Array<{ secrets: string }>>`SELECT secrets FROM "Connection" WHERE id = ${created.id}`;
    expect(raw[0]?.secrets).toMatch(/^v1\./);

    const { config } = await getConnectionConfig(db.prisma, created.id, { tenantId: tenant.id, box });
    expect(config).toEqual({ baseUrl: 'http://127.0.0.1:1', username: 'api', password: 'Pa55-unique-plaintext', apiKey: 'KEY-unique-plaintext' });
  });

  it('updates keep absent secrets, replace given ones and drop nulls; public views never carry them', async () => {
    const { tenant } = await baseFixture(db.prisma, 'upd');
    const c = await createConnection(db.prisma, { tenantId: tenant.id, connectorId: 'x', name: 'X', config: { a: 1, password: 'first-pw-value', apiKey: 'first-key-value' } }, { secretFields, box });
    await updateConnection(db.prisma, tenant.id, c.id, { config: { a: 2 } }, { secretFields, box });
    expect((await getConnectionConfig(db.prisma, c.id, { box })).config).toEqual({ a: 2, password: 'first-pw-value', apiKey: 'first-key-value' });
    await updateConnection(db.prisma, tenant.id, c.id, { config: { a: 3, password: 'second-pw-value', apiKey: null } }, { secretFields, box });
    expect((await getConnectionConfig(db.prisma, c.id, { box })).config).toEqual({ a: 3, password: 'second-pw-value' });
    const pub = await getPublicConnection(db.prisma, tenant.id, c.id, box);
    expect(JSON.stringify(pub)).not.toContain('second-pw-value');
    expect(pub.secretFieldsSet).toEqual(['password']);
    const all = await listPublicConnections(db.prisma, tenant.id, box);
    expect(JSON.stringify(all)).not.toMatch(/second-pw-value|first-key-value|"v1\./);
  });

  it('is tenant-scoped and names bad input', async () => {
    const a = await baseFixture(db.prisma, 'ta');
    const b = await baseFixture(db.prisma, 'tb');
    const c = await createConnection(db.prisma, { tenantId: a.tenant.id, connectorId: 'x', name: 'Y', config: {} }, { secretFields, box });
    await expect(getPublicConnection(db.prisma, b.tenant.id, c.id, box)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getConnectionConfig(db.prisma, c.id, { tenantId: b.tenant.id, box })).rejects.toThrow(/Connection not found/);
    await expect(updateConnection(db.prisma, b.tenant.id, c.id, { name: 'Z' }, { secretFields, box })).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      createConnection(db.prisma, { tenantId: a.tenant.id, connectorId: 'x', name: 'Q', config: [] as unknown as Record<string, unknown> }, { secretFields, box }),
    ).rejects.toThrow(/config must be an object/);
    await expect(createConnection(db.prisma, { tenantId: a.tenant.id, connectorId: 'x', name: ' ', config: {} }, { secretFields, box })).rejects.toThrow(/name must not be empty/);
  });
});
