/** Minimal rows for repository tests: a tenant, a user, an ERP and a channel connection, an integration. */
import type { PrismaClient } from '../src/client.ts';

export async function baseFixture(prisma: PrismaClient, slug = 'acme') {
  const tenant = await prisma.tenant.create({ data: { name: `Tenant ${slug}`, slug } });
  const user = await prisma.user.create({
    data: { tenantId: tenant.id, email: `editor@${slug}.test`, passwordHash: 'x', role: 'EDITOR', name: 'Edi Tor' },
  });
  const erp = await prisma.connection.create({ data: { tenantId: tenant.id, connectorId: 'erp-charisma', name: 'ERP', config: {} } });
  const channel = await prisma.connection.create({ data: { tenantId: tenant.id, connectorId: 'marketplace-cdon', name: 'CDON', config: {} } });
  const integration = await prisma.integration.create({
    data: {
      tenantId: tenant.id,
      name: 'ERP → CDON',
      erpConnectionId: erp.id,
      channels: { create: { connectionId: channel.id, markets: ['SE', 'DK'] } },
    },
  });
  return { tenant, user, erp, channel, integration };
}
