/**
 * Tenant isolation (invariant 5): every query, mutation and subscription of the schema
 * is tried as tenant B's admin and as tenant B's API key against tenant A's ids. Nothing
 * of A comes back and nothing of A changes. A coverage check fails when a new root
 * field is added to the schema without a line here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgEventBus } from '@megzo/db/events';
import { startTestApp, type TestApp } from './harness.ts';
import { PASSWORD, seedTenant, type SeededTenant } from './fixtures.ts';
import { gql, signInAs, type Auth } from './client.ts';
import { subscribe, wsClient } from './ws-client.ts';

let t: TestApp;
let a: SeededTenant;
let b: SeededTenant;
let bAdmin: { cookie: string; csrf: string };
let aExtra: { apiKeyId: string; ruleId: string };

beforeAll(async () => {
  t = await startTestApp();
  a = await seedTenant(t.db.prisma, t.deps.secrets, 'iso-a');
  b = await seedTenant(t.db.prisma, t.deps.secrets, 'iso-b');
  bAdmin = await signInAs(t.gql, b.users.admin, PASSWORD);
  const key = await t.db.prisma.apiKey.findFirstOrThrow({ where: { tenantId: a.tenantId } });
  const rule = await t.db.prisma.stockBufferRule.findFirstOrThrow({ where: { integrationId: a.integrationId } });
  aExtra = { apiKeyId: key.id, ruleId: rule.id };
});
afterAll(() => t?.close());

type Op = { q: string; v?: () => Record<string, unknown> };

const QUERIES: Record<string, Op> = {
  health: { q: '{ health }' },
  me: { q: '{ me { id email } }' },
  csrfToken: { q: '{ csrfToken }' },
  tenant: { q: '{ tenant { id slug } }' },
  users: { q: '{ users { id email } }' },
  apiKeys: { q: '{ apiKeys { id name } }' },
  apiKeyAreas: { q: '{ apiKeyAreas }' },
  connectors: { q: '{ connectors { id } }' },
  connections: { q: '{ connections { id name config } }' },
  connection: { q: 'query($id: ID!) { connection(id: $id) { id config } }', v: () => ({ id: a.erpConnectionId }) },
  integrations: { q: '{ integrations { id name } }' },
  integration: { q: 'query($id: ID!) { integration(id: $id) { id name } }', v: () => ({ id: a.integrationId }) },
  runs: { q: 'query($id: ID!) { runs(integrationId: $id) { totalCount edges { node { id } } } }', v: () => ({ id: a.integrationId }) },
  syncRun: { q: 'query($id: ID!) { syncRun(id: $id) { id } }', v: () => ({ id: a.runId }) },
  runItems: { q: 'query($id: ID!) { runItems(integrationId: $id) { totalCount edges { node { id recordKey } } } }', v: () => ({ id: a.integrationId }) },
  mappings: { q: '{ mappings { id name } }' },
  mapping: { q: 'query($id: ID!) { mapping(id: $id) { id } }', v: () => ({ id: a.mappingId }) },
  mappingVersion: { q: 'query($id: ID!) { mappingVersion(id: $id) { id content } }', v: () => ({ id: a.draftVersionId }) },
  validateMapping: { q: 'query($id: ID!) { validateMapping(versionId: $id) { __typename ... on Error { message } } }', v: () => ({ id: a.draftVersionId }) },
  previewMapping: { q: 'query($id: ID!) { previewMapping(versionId: $id) { __typename ... on Error { message } } }', v: () => ({ id: a.draftVersionId }) },
  mappingImpact: { q: 'query($id: ID!) { mappingImpact(versionId: $id) { __typename ... on Error { message } } }', v: () => ({ id: a.draftVersionId }) },
  products: { q: '{ products { totalCount edges { node { id sku data } } } }' },
  product: { q: 'query($id: ID!) { product(id: $id) { id } }', v: () => ({ id: a.productId }) },
  listings: { q: '{ listings { totalCount edges { node { id } } } }' },
  orders: { q: 'query($id: ID!) { orders(integrationId: $id) { totalCount edges { node { id } } } }', v: () => ({ id: a.integrationId }) },
  order: { q: 'query($id: ID!) { order(id: $id) { id customer } }', v: () => ({ id: a.orderId }) },
  fxRates: { q: '{ fxRates { currency value } }' },
  auditEvents: { q: '{ auditEvents { totalCount edges { node { id entityId data } } } }' },
};

const E = '__typename ... on Error { message }';
const MUTATIONS: Record<string, Op> = {
  signIn: { q: `mutation { signIn(email: "admin@iso-a.test", password: "wrong") { ${E} } }` },
  signOut: { q: 'mutation { signOut }' },
  createUser: { q: `mutation { createUser(input: { email: "x@iso-b.test", name: "X", role: VIEWER, password: "long enough password" }) { ${E} } }` },
  updateUser: { q: `mutation($id: ID!) { updateUser(id: $id, input: { role: VIEWER }) { ${E} } }`, v: () => ({ id: a.userIds.admin }) },
  deleteUser: { q: `mutation($id: ID!) { deleteUser(id: $id) { ${E} } }`, v: () => ({ id: a.userIds.viewer }) },
  updateTenant: { q: `mutation { updateTenant(input: { retentionDays: 5 }) { ${E} } }` },
  rotateWebhookSecret: { q: 'mutation { rotateWebhookSecret { secret } }' },
  createApiKey: { q: `mutation { createApiKey(name: "k", scopes: ["orders:read"]) { ${E} } }` },
  revokeApiKey: { q: `mutation($id: ID!) { revokeApiKey(id: $id) { ${E} } }`, v: () => ({ id: aExtra.apiKeyId }) },
  createConnection: { q: `mutation { createConnection(input: { connectorId: "fx-ecb", name: "ECB", config: {} }) { ${E} } }` },
  updateConnection: { q: `mutation($id: ID!) { updateConnection(id: $id, input: { name: "hijack" }) { ${E} } }`, v: () => ({ id: a.erpConnectionId }) },
  deleteConnection: { q: `mutation($id: ID!) { deleteConnection(id: $id) { ${E} } }`, v: () => ({ id: a.channelConnectionId }) },
  testConnection: { q: `mutation($id: ID!) { testConnection(id: $id) { ${E} } }`, v: () => ({ id: a.erpConnectionId }) },
  discoverConnection: { q: `mutation($id: ID!) { discoverConnection(id: $id) { ${E} } }`, v: () => ({ id: a.erpConnectionId }) },
  updateIntegration: { q: `mutation($id: ID!) { updateIntegration(id: $id, input: { enabled: false }) { ${E} } }`, v: () => ({ id: a.integrationId }) },
  updateIntegrationFlow: { q: `mutation($id: ID!) { updateIntegrationFlow(integrationId: $id, flow: stock, input: { enabled: false }) { ${E} } }`, v: () => ({ id: a.integrationId }) },
  setStockBufferRule: { q: `mutation($id: ID!) { setStockBufferRule(integrationId: $id, input: { scope: GLOBAL, kind: ABSOLUTE, value: "99" }) { ${E} } }`, v: () => ({ id: a.integrationId }) },
  deleteStockBufferRule: { q: `mutation($id: ID!) { deleteStockBufferRule(id: $id) { ${E} } }`, v: () => ({ id: aExtra.ruleId }) },
  runSync: { q: `mutation($id: ID!) { runSync(integrationId: $id, flow: stock) { ${E} } }`, v: () => ({ id: a.integrationId }) },
  retryRunItems: { q: `mutation($ids: [ID!]!) { retryRunItems(ids: $ids) { ${E} } }`, v: () => ({ ids: a.failedItemIds }) },
  retryRunItem: { q: `mutation($id: ID!) { retryRunItem(id: $id) { ${E} } }`, v: () => ({ id: a.failedItemIds[0] }) },
  resolveRunItems: { q: `mutation($ids: [ID!]!) { resolveRunItems(ids: $ids) { ${E} } }`, v: () => ({ ids: a.failedItemIds }) },
  resolveRunItem: { q: `mutation($id: ID!) { resolveRunItem(id: $id) { ${E} } }`, v: () => ({ id: a.failedItemIds[1] }) },
  createMapping: { q: `mutation { createMapping(input: { name: "M", flow: stock, sourceKind: "s", targetKind: "t" }) { ${E} } }` },
  createMappingDraft: { q: `mutation($id: ID!) { createMappingDraft(mappingId: $id) { ${E} } }`, v: () => ({ id: a.mappingId }) },
  updateMappingDraft: { q: `mutation($id: ID!) { updateMappingDraft(versionId: $id, note: "x") { ${E} } }`, v: () => ({ id: a.draftVersionId }) },
  publishMappingVersion: { q: `mutation($id: ID!) { publishMappingVersion(versionId: $id) { ${E} } }`, v: () => ({ id: a.draftVersionId }) },
  rollbackMapping: { q: `mutation($m: ID!, $v: ID!) { rollbackMapping(mappingId: $m, toVersionId: $v) { ${E} } }`, v: () => ({ m: a.mappingId, v: a.publishedVersionId }) },
  exportCustomerData: { q: `mutation { exportCustomerData(email: "anna@iso-a.example") { ${E} ... on MutationExportCustomerDataSuccess { data } } }` },
  eraseCustomerData: { q: `mutation { eraseCustomerData(email: "anna@iso-a.example") { ${E} ... on CustomerErasureResult { orders runItems auditEvents } } }` },
  purgeExpiredPersonalData: { q: 'mutation { purgeExpiredPersonalData { orders } }' },
};

const SUBSCRIPTIONS: Record<string, string> = {
  syncRunUpdated: 'subscription($i: ID!) { syncRunUpdated(integrationId: $i) { id } }',
  orderUpdated: 'subscription($i: ID!) { orderUpdated(integrationId: $i) { id } }',
  integrationHealth: 'subscription($i: ID!) { integrationHealth(integrationId: $i) { status } }',
};

/** Everything of tenant A that a write could touch. */
async function snapshotA(): Promise<string> {
  const p = t.db.prisma;
  const tid = a.tenantId;
  const parts = await Promise.all([
    p.tenant.findUnique({ where: { id: tid } }),
    p.user.findMany({ where: { tenantId: tid }, orderBy: { id: 'asc' } }),
    p.apiKey.findMany({ where: { tenantId: tid }, orderBy: { id: 'asc' }, omit: { lastUsedAt: true } }),
    p.connection.findMany({ where: { tenantId: tid }, orderBy: { id: 'asc' } }),
    p.integration.findMany({ where: { tenantId: tid }, include: { flows: true, stockBufferRules: true, channels: true } }),
    p.mapping.findMany({ where: { tenantId: tid }, include: { versions: { orderBy: { id: 'asc' } } } }),
    p.syncRun.findMany({ where: { tenantId: tid }, include: { items: { orderBy: { id: 'asc' } } }, orderBy: { id: 'asc' } }),
    p.order.findMany({ where: { tenantId: tid }, include: { events: true, shipments: true, invoices: true } }),
    p.auditEvent.count({ where: { tenantId: tid } }),
  ]);
  return JSON.stringify(parts);
}

function leaks(body: unknown, vars: Record<string, unknown>): string[] {
  let text = JSON.stringify(body);
  for (const v of Object.values(vars).flat()) text = text.split(String(v)).join('<input>');
  const markers = ['iso-a', a.tenantId, a.integrationId, a.orderId, a.runId, a.mappingId, a.productId, a.listingId, a.erpConnectionId, a.channelConnectionId, ...a.failedItemIds];
  return markers.filter((m) => text.includes(m));
}

const callers: [string, () => Auth][] = [
  ["tenant B's admin session", () => bAdmin],
  ["tenant B's API key", () => ({ apiKey: b.keys.writeRuns })],
];

describe('tenant isolation', () => {
  it('covers every root field of the schema', async () => {
    const r = await gql(t.gql, '{ __schema { queryType { fields { name } } mutationType { fields { name } } subscriptionType { fields { name } } } }');
    const names = (k: 'queryType' | 'mutationType' | 'subscriptionType') =>
      (r.body.data!.__schema[k].fields as { name: string }[]).map((f) => f.name).sort();
    expect(names('queryType')).toEqual(Object.keys(QUERIES).sort());
    expect(names('mutationType')).toEqual(Object.keys(MUTATIONS).sort());
    expect(names('subscriptionType')).toEqual(Object.keys(SUBSCRIPTIONS).sort());
  });

  for (const [who, auth] of callers) {
    it(`every query as ${who} returns nothing of tenant A`, async () => {
      for (const [name, op] of Object.entries(QUERIES)) {
        const vars = op.v?.() ?? {};
        const r = await gql(t.gql, op.q, vars, auth());
        expect(leaks(r.body, vars), `${name}: ${JSON.stringify(r.body)}`).toEqual([]);
        if (op.v) {
          const value = r.body.data?.[name] as unknown;
          const empty =
            value === null || value === undefined || (typeof value === 'object' && value !== null && ('message' in value || (value as { totalCount?: number }).totalCount === 0));
          expect(empty || !!r.body.errors, `${name} should find nothing: ${JSON.stringify(r.body)}`).toBe(true);
        }
      }
    });

    it(`every mutation as ${who} changes nothing of tenant A`, async () => {
      const before = await snapshotA();
      const jobsBefore = await t.db.prisma.$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM agenda_jobs WHERE data->>'tenantId' = '${a.tenantId}'`).catch(() => [{ n: 0n }]);
      for (const [name, op] of Object.entries(MUTATIONS)) {
        const vars = op.v?.() ?? {};
        const r = await gql(t.gql, op.q, vars, auth());
        expect(leaks(r.body, vars), `${name}: ${JSON.stringify(r.body)}`).toEqual([]);
        const value = r.body.data?.[name] as { __typename?: string; orders?: number } | undefined | null;
        if (op.v) expect(!!r.body.errors || value?.__typename === 'NotFoundError', `${name}: ${JSON.stringify(r.body)}`).toBe(true);
        if (name === 'eraseCustomerData' && value?.__typename === 'CustomerErasureResult') expect(value.orders).toBe(0);
      }
      expect(await snapshotA()).toBe(before);
      const jobsAfter = await t.db.prisma.$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM agenda_jobs WHERE data->>'tenantId' = '${a.tenantId}'`).catch(() => [{ n: 0n }]);
      expect(Number(jobsAfter[0]!.n)).toBe(Number(jobsBefore[0]!.n));
    });

    it(`every subscription as ${who} streams nothing of tenant A`, async () => {
      if (who.includes('session')) bAdmin = await signInAs(t.gql, b.users.admin, PASSWORD); // the mutation sweep signed out
      const authValue = auth();
      const client = wsClient(t.ws, authValue && 'apiKey' in authValue ? { apiKey: authValue.apiKey } : { cookie: bAdmin.cookie, csrf: bAdmin.csrf });
      const bus = createPgEventBus(t.db.url);
      try {
        for (const [name, q] of Object.entries(SUBSCRIPTIONS)) {
          const sub = subscribe(client, q, { i: a.integrationId });
          const err = (await sub.error()) as { extensions?: { code?: string } }[];
          expect(err[0]?.extensions?.code, name).toMatch(/NOT_FOUND|FORBIDDEN/);
        }
        // B's own subscription never sees A's events.
        const own = subscribe(client, SUBSCRIPTIONS.syncRunUpdated!, { i: b.integrationId });
        await new Promise((r) => setTimeout(r, 200));
        await bus.publish('syncRunUpdated', { tenantId: a.tenantId, integrationId: a.integrationId, runId: a.runId, flow: 'catalog', status: 'running' });
        expect(await own.quiet(600)).toBe(true);
        own.dispose();
      } finally {
        await bus.close();
        await client.dispose();
      }
    });
  }

  it("a webhook signed with tenant B's secret for tenant A's integration is refused", async () => {
    const { signWebhook } = await import('../http/webhooks.ts');
    const body = JSON.stringify({ flow: 'orders' });
    const ts = Math.floor(Date.now() / 1000);
    const res = await fetch(`${t.url}/hooks/${a.integrationId}/marketplace-cdon`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-megzo-timestamp': String(ts), 'x-megzo-signature': signWebhook(b.webhookSecret, ts, body) },
      body,
    });
    expect(res.status).toBe(401);
  });
});
