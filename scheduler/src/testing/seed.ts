/**
 * Seeds one tenant wired to sandbox systems (connections with encrypted secrets,
 * integration, channels, flows, the default mappings published). No sandbox code is
 * imported here, so the benchmark's scheduler process stays lean.
 */
import type { PrismaClient } from '@megzo/db/client';
import { createConnection } from '@megzo/db/repositories/connections.repo';
import { getConnector } from '@megzo/connectors/registry';
import type { FlowId } from '@megzo/domain';
import { DEFAULT_MAPPINGS, hashContent } from '@megzo/mapping';
import { SANDBOX_CREDENTIALS } from '@megzo/sandbox/credentials';

export interface SandboxUrls {
  cdon: string;
  charisma: string;
  dhl: string;
  fx: string;
}

export interface WorldOptions {
  products?: number;
  twoChannels?: boolean;
  flows?: FlowId[];
  cdon?: Record<string, unknown>;
  charisma?: Record<string, unknown>;
  intervalSeconds?: number;
}

async function connection(p: PrismaClient, tenantId: string, connectorId: string, name: string, config: Record<string, unknown>): Promise<string> {
  const c = await createConnection(p, { tenantId, connectorId, name, config }, { secretFields: getConnector(connectorId).secretFields });
  return c.id;
}

export interface SeededTenant {
  tenantId: string;
  integrationId: string;
  conn: { erp: string; cdonA: string; cdonB?: string; dhl: string; bnr: string };
  mappings: { catalog: string; salesOrder: string };
}

/** One tenant wired to the sandbox systems at `urls`, with the default mappings published. */
export async function seedTenant(p: PrismaClient, urls: SandboxUrls, o: WorldOptions = {}): Promise<SeededTenant> {
  const tenant = await p.tenant.create({ data: { name: 'Test tenant', slug: `t-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}` } });
  const [mA, mB] = SANDBOX_CREDENTIALS.cdon.merchants;
  const cdonCfg = (m: typeof mA) => ({ baseUrl: `${urls.cdon}/api`, merchantId: m!.merchantId, token: m!.token, requestsPerSecond: 100, maxConcurrent: 4, ...o.cdon });
  const conn = {
    erp: await connection(p, tenant.id, 'erp-charisma', 'Charisma', {
      baseUrl: urls.charisma,
      authMode: 'oauth',
      clientId: SANDBOX_CREDENTIALS.charisma.clientId,
      clientSecret: SANDBOX_CREDENTIALS.charisma.clientSecret,
      requestsPerSecond: 500,
      pageSize: 500,
      ...o.charisma,
    }),
    cdonA: await connection(p, tenant.id, 'marketplace-cdon', 'CDON A', cdonCfg(mA)),
    cdonB: o.twoChannels ? await connection(p, tenant.id, 'marketplace-cdon', 'CDON B', cdonCfg(mB)) : undefined,
    dhl: await connection(p, tenant.id, 'courier-dhl', 'DHL', {
      baseUrl: `${urls.dhl}/mydhlapi/test`,
      trackingBaseUrl: `${urls.dhl}/track`,
      username: SANDBOX_CREDENTIALS.dhl.username,
      password: SANDBOX_CREDENTIALS.dhl.password,
      accountNumber: SANDBOX_CREDENTIALS.dhl.accountNumber,
      shipper: { companyName: 'Exemplu Distributie SRL', fullName: 'Ion Popescu', phone: '+40211234567', addressLine1: 'Str. Exemplu 1', postalCode: '010101', cityName: 'Bucuresti', countryCode: 'RO' },
      requestsPerSecond: 50,
    }),
    bnr: await connection(p, tenant.id, 'fx-bnr', 'BNR', { baseUrls: [`${urls.fx}/bnr`] }),
  };
  const mapping = async (key: 'catalog' | 'salesOrder') => {
    const d = DEFAULT_MAPPINGS[key];
    const m = await p.mapping.create({ data: { tenantId: tenant.id, name: d.name, flow: d.flow, sourceKind: d.sourceKind, targetKind: d.targetKind } });
    const v = await p.mappingVersion.create({
      data: { mappingId: m.id, number: 1, status: 'PUBLISHED', content: d.content as object, contentHash: hashContent(d.content), publishedAt: new Date() },
    });
    await p.mapping.update({ where: { id: m.id }, data: { publishedVersionId: v.id } });
    return m.id;
  };
  const mappings = { catalog: await mapping('catalog'), salesOrder: await mapping('salesOrder') };
  const integration = await p.integration.create({
    data: {
      tenantId: tenant.id,
      name: 'Charisma ↔ CDON',
      erpConnectionId: conn.erp,
      courierConnectionId: conn.dhl,
      fxConnectionId: conn.bnr,
      channels: {
        create: [
          { connectionId: conn.cdonA, markets: ['SE', 'DK', 'FI', 'NO'] },
          ...(conn.cdonB ? [{ connectionId: conn.cdonB, markets: ['SE', 'DK', 'FI', 'NO'] }] : []),
        ],
      },
      flows: {
        create: (o.flows ?? (['catalog', 'stock', 'orders'] as FlowId[])).map((flow) => ({
          flow,
          intervalSeconds: o.intervalSeconds ?? 300,
          mappingId: flow === 'catalog' ? mappings.catalog : flow === 'orders' ? mappings.salesOrder : null,
        })),
      },
    },
  });
  return { tenantId: tenant.id, integrationId: integration.id, conn, mappings };
}

