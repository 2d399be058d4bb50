/** Seeds one complete tenant (users of each role, API keys, connections, an integration with data). */
import type { PrismaClient } from '../db.ts';
import type { SecretBox } from '../deps.ts';
import { hashPassword } from '../auth/password.ts';
import { newApiKey } from '../auth/tokens.ts';

export const PASSWORD = 'correct horse battery staple';

export interface SeededTenant {
  tenantId: string;
  slug: string;
  users: { admin: string; editor: string; viewer: string };
  userIds: { admin: string; editor: string; viewer: string };
  keys: { readAll: string; writeRuns: string; ordersOnly: string };
  erpConnectionId: string;
  channelConnectionId: string;
  integrationId: string;
  mappingId: string;
  publishedVersionId: string;
  draftVersionId: string;
  runId: string;
  failedItemIds: string[];
  productId: string;
  listingId: string;
  orderId: string;
  shipmentId: string;
  invoiceId: string;
  webhookSecret: string;
}

let passwordHash: Promise<string> | undefined;

export async function seedTenant(prisma: PrismaClient, secrets: SecretBox, slug: string): Promise<SeededTenant> {
  passwordHash ??= hashPassword(PASSWORD);
  const hash = await passwordHash;
  const webhookSecret = `whsec_${slug}_secret`;
  const tenant = await prisma.tenant.create({ data: { name: `Tenant ${slug}`, slug, webhookSecret: secrets.encrypt(webhookSecret) } });
  const mk = (role: 'ADMIN' | 'EDITOR' | 'VIEWER') =>
    prisma.user.create({
      data: { tenantId: tenant.id, email: `${role.toLowerCase()}@${slug}.test`, name: `${role} ${slug}`, role, passwordHash: hash },
    });
  const [admin, editor, viewer] = await Promise.all([mk('ADMIN'), mk('EDITOR'), mk('VIEWER')]);
  const key = async (name: string, scopes: string[]) => {
    const k = newApiKey();
    await prisma.apiKey.create({ data: { tenantId: tenant.id, name, prefix: k.prefix, hash: k.hash, scopes, createdById: admin.id } });
    return k.key;
  };
  const allRead = ['catalog', 'orders', 'runs', 'mappings', 'integrations', 'connections', 'fx', 'audit'].map((a) => `${a}:read`);
  const keys = {
    readAll: await key('read all', allRead),
    writeRuns: await key('runs writer', [...allRead, 'runs:write', 'integrations:write', 'mappings:write', 'connections:write']),
    ordersOnly: await key('orders only', ['orders:read']),
  };
  const erp = await prisma.connection.create({
    data: {
      tenantId: tenant.id,
      connectorId: 'erp-charisma',
      name: 'Charisma',
      config: { baseUrl: 'http://127.0.0.1:1/charisma', company: 'ACME' },
      secrets: secrets.encryptJson({ password: 'erp-secret-password' }),
    },
  });
  const channel = await prisma.connection.create({
    data: {
      tenantId: tenant.id,
      connectorId: 'marketplace-cdon',
      name: 'CDON',
      config: { baseUrl: 'http://127.0.0.1:1/cdon', merchantId: 'M1' },
      secrets: secrets.encryptJson({ token: 'cdon-secret-token' }),
    },
  });
  const integration = await prisma.integration.create({
    data: {
      tenantId: tenant.id,
      name: 'Charisma → CDON',
      erpConnectionId: erp.id,
      channels: { create: { connectionId: channel.id, markets: ['SE', 'DK', 'FI', 'NO'] } },
      flows: { create: ['catalog', 'stock', 'orders', 'invoices', 'tracking', 'returns'].map((flow) => ({ flow: flow as 'catalog' })) },
      stockBufferRules: { create: { scope: 'GLOBAL', key: '', kind: 'ABSOLUTE', value: '2' } },
    },
  });
  const mapping = await prisma.mapping.create({
    data: { tenantId: tenant.id, name: 'Offers', flow: 'catalog', sourceKind: 'erp-charisma:products', targetKind: 'marketplace-cdon:offers' },
  });
  const content = { rules: [{ target: 'title', expression: 'name' }], lookups: {} };
  const published = await prisma.mappingVersion.create({
    data: {
      mappingId: mapping.id,
      number: 1,
      status: 'PUBLISHED',
      content,
      contentHash: 'h1',
      authorId: editor.id,
      publishedAt: new Date(),
      publishedById: admin.id,
    },
  });
  await prisma.mapping.update({ where: { id: mapping.id }, data: { publishedVersionId: published.id } });
  const draft = await prisma.mappingVersion.create({
    data: { mappingId: mapping.id, number: 2, status: 'DRAFT', content, contentHash: 'h1', authorId: editor.id },
  });
  await prisma.integrationFlow.updateMany({ where: { integrationId: integration.id, flow: 'catalog' }, data: { mappingId: mapping.id } });
  const run = await prisma.syncRun.create({
    data: {
      tenantId: tenant.id,
      integrationId: integration.id,
      flow: 'catalog',
      status: 'PARTIAL',
      trigger: 'heartbeat',
      mappingVersionId: published.id,
      countRead: 3,
      countCreated: 1,
      countFailed: 2,
      startedAt: new Date(Date.now() - 60_000),
      finishedAt: new Date(),
      items: {
        create: [
          { recordKey: 'SKU-1', action: 'create', status: 'OK' },
          { recordKey: 'SKU-2', action: 'update', status: 'FAILED', errorCategory: 'record', errorCode: 'invalid_vat_rate', message: 'VAT rate 7 is not allowed' },
          { recordKey: 'SKU-3', action: 'update', status: 'FAILED', errorCategory: 'record', message: 'title too long' },
        ],
      },
    },
    include: { items: true },
  });
  const product = await prisma.product.create({
    data: { tenantId: tenant.id, sku: `SKU-1`, name: 'Blue mug', category: 'kitchen', data: { sku: 'SKU-1', name: 'Blue mug', netPrice: '10.00' } },
  });
  const listing = await prisma.listing.create({
    data: {
      tenantId: tenant.id,
      productId: product.id,
      connectionId: channel.id,
      market: 'SE',
      lastPushedPrice: '149.00',
      currency: 'SEK',
      lastPushedQuantity: 5,
      status: 'listed',
      mappingVersionId: published.id,
      sourceValues: { netPrice: '10.00', vatRate: '25' },
      rulesApplied: [{ target: 'price', value: '149.00' }],
      pushedAt: new Date(),
    },
  });
  await prisma.externalBinding.create({
    data: { tenantId: tenant.id, connectionId: channel.id, entityType: 'offer', internalId: product.id, externalId: `cdon-${slug}-1` },
  });
  await prisma.stockLevel.create({ data: { tenantId: tenant.id, sku: 'SKU-1', warehouse: 'main', available: 7 } });
  const order = await prisma.order.create({
    data: {
      tenantId: tenant.id,
      integrationId: integration.id,
      connectionId: channel.id,
      channelOrderId: `CDON-${slug}-1001`,
      market: 'SE',
      status: 'accepted',
      erpReference: `MGZ-${slug}-1001`,
      erpSalesOrderId: 'SO-1',
      personalData: { name: `Anna ${slug}`, email: `anna@${slug}.example`, phone: '+46700000000', street: 'Gatan 1', city: 'Stockholm' },
      totalNet: '100.00',
      totalVat: '25.00',
      totalGross: '125.00',
      currency: 'SEK',
      channelCreatedAt: new Date(),
      deadlineAt: new Date(Date.now() + 18 * 3600_000),
      acceptedAt: new Date(),
      lines: { create: { lineId: 'L1', sku: 'SKU-1', title: 'Blue mug', quantity: 1, netAmount: '100.00', vatAmount: '25.00', vatRate: '0.25', currency: 'SEK' } },
      events: { create: [{ type: 'imported', message: 'Order imported' }, { type: 'erp-created', message: 'ERP order SO-1 created' }] },
      shipments: { create: { carrier: 'DHL', awb: `AWB${slug}1`, labelPdf: Buffer.from('%PDF-1.4 label').toString('base64'), trackingUrl: 'https://track/1' } },
      invoices: {
        create: {
          externalId: 'INV-1',
          series: 'MGZ',
          number: '1',
          currency: 'SEK',
          totalNet: '100.00',
          totalVat: '25.00',
          totalGross: '125.00',
          pdf: Buffer.from('%PDF-1.4 invoice'),
          capabilityMissing: true,
        },
      },
    },
    include: { shipments: true, invoices: true },
  });
  await prisma.fxRate.upsert({
    where: { source_currency_date: { source: 'BNR', currency: 'EUR', date: new Date('2026-11-26') } },
    create: { source: 'BNR', currency: 'EUR', date: new Date('2026-11-26'), value: '4.9761' },
    update: {},
  });
  await prisma.auditEvent.create({
    data: { tenantId: tenant.id, actorUserId: admin.id, action: 'seed', entityType: 'Tenant', entityId: tenant.id },
  });
  return {
    tenantId: tenant.id,
    slug,
    users: { admin: admin.email, editor: editor.email, viewer: viewer.email },
    userIds: { admin: admin.id, editor: editor.id, viewer: viewer.id },
    keys,
    erpConnectionId: erp.id,
    channelConnectionId: channel.id,
    integrationId: integration.id,
    mappingId: mapping.id,
    publishedVersionId: published.id,
    draftVersionId: draft.id,
    runId: run.id,
    failedItemIds: run.items.filter((i) => i.status === 'FAILED').map((i) => i.id),
    productId: product.id,
    listingId: listing.id,
    orderId: order.id,
    shipmentId: order.shipments[0]!.id,
    invoiceId: order.invoices[0]!.id,
    webhookSecret,
  };
}
