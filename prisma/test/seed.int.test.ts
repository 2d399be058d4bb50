import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSecretBox } from '../src/crypto.ts';
import { getConnectionConfig } from '../src/repositories/connections.repo.ts';
import { seed, type SeedOptions } from '../src/seed.ts';
import { createTestDatabase, type TestDatabase } from '../src/testing.ts';

const box = createSecretBox(randomBytes(32));
const hash = async (pw: string) => `sha256:${createHash('sha256').update(pw).digest('hex')}`;

function options(): SeedOptions {
  return {
    passwords: { admin: 'admin-pw', editor: 'editor-pw', viewer: 'viewer-pw' },
    hashPassword: hash,
    webhookSecret: 'whsec-plaintext',
    box,
    connections: {
      erp: { connectorId: 'erp-charisma', name: 'Charisma ERP', config: { baseUrl: 'http://127.0.0.1:4001/api/v1', username: 'megzo', password: 'charisma-pw' }, secretFields: ['password'] },
      channels: [
        { connectorId: 'marketplace-cdon', name: 'CDON merchant A', config: { baseUrl: 'http://127.0.0.1:4002', apiKey: 'cdon-key-a' }, secretFields: ['apiKey'], markets: ['SE', 'DK', 'FI', 'NO'] },
        { connectorId: 'marketplace-cdon', name: 'CDON merchant B', config: { baseUrl: 'http://127.0.0.1:4002', apiKey: 'cdon-key-b' }, secretFields: ['apiKey'], markets: ['SE', 'DK', 'FI', 'NO'] },
      ],
      courier: { connectorId: 'courier-dhl', name: 'DHL', config: { baseUrl: 'http://127.0.0.1:4003', apiKey: 'dhl-key' }, secretFields: ['apiKey'] },
      fx: [
        { connectorId: 'fx-bnr', name: 'BNR', config: { baseUrl: 'http://127.0.0.1:4004' }, secretFields: [] },
        { connectorId: 'fx-ecb', name: 'ECB', config: { baseUrl: 'http://127.0.0.1:4004' }, secretFields: [] },
      ],
    },
    defaultMappings: [
      { name: 'Charisma products → CDON offers', flow: 'catalog', sourceKind: 'erp-charisma:products', targetKind: 'marketplace-cdon:offers', content: { rules: [{ target: 'title', expr: 'name' }] } },
      { name: 'CDON orders → Charisma sales orders', flow: 'orders', sourceKind: 'marketplace-cdon:orders', targetKind: 'erp-charisma:salesOrders', content: { rules: [] } },
    ],
  };
}

describe('seed', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.drop());

  it('creates the demo tenant once, with users, encrypted connections, the integration and published mappings', async () => {
    const [a, b] = await Promise.all([seed(db.prisma, options()), seed(db.prisma, options())]);
    expect([a.seeded, b.seeded].filter(Boolean)).toHaveLength(1);
    expect((await seed(db.prisma, options())).seeded).toBe(false);
    expect(await db.prisma.tenant.count()).toBe(1);

    const tenant = await db.prisma.tenant.findUniqueOrThrow({ where: { slug: 'demo' } });
    expect(tenant.name).toBe('Demo Vendor SRL');
    expect(box.decrypt(tenant.webhookSecret!)).toBe('whsec-plaintext');
    const users = await db.prisma.user.findMany({ orderBy: { email: 'asc' } });
    expect(users.map((u) => [u.email, u.role])).toEqual([
      ['admin@demo.megzo.local', 'ADMIN'],
      ['editor@demo.megzo.local', 'EDITOR'],
      ['viewer@demo.megzo.local', 'VIEWER'],
    ]);
    expect(users[0]!.passwordHash).toBe(await hash('admin-pw'));

    const integration = await db.prisma.integration.findFirstOrThrow({ include: { channels: true, flows: true, erpConnection: true, courierConnection: true, fxConnection: true } });
    expect(integration.name).toBe('Charisma → CDON');
    expect(integration.channels).toHaveLength(2);
    expect(integration.channels.every((c) => c.markets.join() === 'SE,DK,FI,NO')).toBe(true);
    expect(integration.courierConnection?.connectorId).toBe('courier-dhl');
    expect(integration.fxConnection?.connectorId).toBe('fx-bnr');
    expect(integration.flows.map((f) => f.flow).sort()).toEqual(['catalog', 'invoices', 'orders', 'returns', 'stock', 'tracking']);
    expect(integration.flows.every((f) => f.enabled && f.intervalSeconds === 300)).toBe(true);
    const catalogFlow = integration.flows.find((f) => f.flow === 'catalog')!;
    const catalogMapping = await db.prisma.mapping.findUniqueOrThrow({ where: { id: catalogFlow.mappingId! }, include: { publishedVersion: true } });
    expect(catalogMapping.publishedVersion).toMatchObject({ number: 1, status: 'PUBLISHED', content: { rules: [{ target: 'title', expr: 'name' }] } });
    expect(integration.flows.find((f) => f.flow === 'stock')!.mappingId).toBeNull();

    const erp = await getConnectionConfig(db.prisma, integration.erpConnectionId, { box });
    expect(erp.config).toEqual({ baseUrl: 'http://127.0.0.1:4001/api/v1', username: 'megzo', password: 'charisma-pw' });
    const raw = JSON.stringify(await db.prisma.$queryRaw`SELECT c::text FROM "Connection" c`) + JSON.stringify(await db.prisma.$queryRaw`SELECT t::text FROM "Tenant" t`);
    for (const secret of ['charisma-pw', 'cdon-key-a', 'cdon-key-b', 'dhl-key', 'whsec-plaintext']) expect(raw).not.toContain(secret);
  });

  it('names bad options', async () => {
    const o = options();
    await expect(seed(db.prisma, { ...o, passwords: { ...o.passwords, viewer: '' } })).rejects.toThrow(/passwords.viewer/);
    await expect(seed(db.prisma, { ...o, defaultMappings: [{ ...o.defaultMappings![0]!, flow: 'nope' as never }] })).rejects.toThrow(/defaultMappings\[0\]\.flow/);
  });
});
