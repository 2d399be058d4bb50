/** Every query over a real server, as a studio user (cookie + CSRF) and as an API key. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './harness.ts';
import { PASSWORD, seedTenant, type SeededTenant } from './fixtures.ts';
import { gql, signInAs } from './client.ts';

let t: TestApp;
let a: SeededTenant;
let viewer: { cookie: string; csrf: string };
let admin: { cookie: string; csrf: string };

beforeAll(async () => {
  t = await startTestApp();
  a = await seedTenant(t.db.prisma, t.deps.secrets, 'q-a');
  viewer = await signInAs(t.gql, a.users.viewer, PASSWORD);
  admin = await signInAs(t.gql, a.users.admin, PASSWORD);
});
afterAll(() => t?.close());

const ok = async (query: string, variables: Record<string, unknown> = {}, auth: Parameters<typeof gql>[3] = viewer) => {
  const r = await gql(t.gql, query, variables, auth);
  expect(r.body.errors, JSON.stringify(r.body.errors)).toBeUndefined();
  expect(r.status).toBe(200);
  return r.body.data!;
};

describe('queries', () => {
  it('me, tenant, users, csrfToken', async () => {
    const d = await ok('{ me { email role } tenant { id slug retentionDays hasWebhookSecret } users { email role } csrfToken }');
    expect(d.me).toEqual({ email: a.users.viewer, role: 'VIEWER' });
    expect(d.tenant).toMatchObject({ id: a.tenantId, slug: 'q-a', retentionDays: 90, hasWebhookSecret: true });
    expect(d.users.map((u: { role: string }) => u.role).sort()).toEqual(['ADMIN', 'EDITOR', 'VIEWER']);
    expect(d.csrfToken).toBe(viewer.csrf);
  });

  it('apiKeys (admin only) and apiKeyAreas', async () => {
    const d = await ok('{ apiKeys { name prefix scopes revokedAt createdBy { email } } apiKeyAreas }', {}, admin);
    expect(d.apiKeys).toHaveLength(3);
    expect(d.apiKeys[0].prefix).toMatch(/^mgz_/);
    expect(d.apiKeyAreas).toContain('orders');
    const v = await gql(t.gql, '{ apiKeys { id } }', {}, viewer);
    expect(v.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('connectors and connections never return secrets', async () => {
    const d = await ok('{ connectors { id kind secretFields configSchema } connections { id connectorId name status config secretFieldsSet } }');
    expect(d.connectors.map((c: { id: string }) => c.id)).toContain('marketplace-cdon');
    const cdon = d.connections.find((c: { connectorId: string }) => c.connectorId === 'marketplace-cdon');
    expect(cdon.secretFieldsSet).toEqual(['token']);
    expect(JSON.stringify(d)).not.toContain('cdon-secret-token');
    expect(JSON.stringify(d)).not.toContain('erp-secret-password');
    const one = await ok('query($id: ID!) { connection(id: $id) { name config } }', { id: a.channelConnectionId });
    expect(one.connection.config).toEqual({ baseUrl: 'http://127.0.0.1:1/cdon', merchantId: 'M1' });
  });

  it('integrations and the dashboard query', async () => {
    const d = await ok(
      `query($id: ID!, $since: DateTime!) {
        integrations { id name enabled }
        integration(id: $id) {
          id name enabled
          erpConnection { name } courierConnection { name } fxConnection { name }
          channels { markets connection { connectorId } }
          flows { flow enabled intervalSeconds nextRunAt lastRunAt mapping { name } lastRun { id status } }
          stockBufferRules { scope key kind value }
          activeRuns { id }
          recentErrors(limit: 5) { recordKey message errorCategory run { id flow } }
          syncStats(since: $since) { at synced errors }
          ordersWaitingCount
          ordersAtRisk { channelOrderId deadlineInSeconds }
          health { status message failingConnections }
        }
      }`,
      { id: a.integrationId, since: new Date(Date.now() - 86_400_000).toISOString() },
    );
    expect(d.integrations).toHaveLength(1);
    const i = d.integration;
    expect(i.flows).toHaveLength(6);
    expect(i.flows.find((f: { mapping: unknown }) => f.mapping)?.mapping.name).toBe('Offers');
    expect(i.flows.find((f: { lastRun: unknown }) => f.lastRun).lastRun.status).toBe('PARTIAL');
    expect(i.stockBufferRules).toEqual([{ scope: 'GLOBAL', key: '', kind: 'ABSOLUTE', value: '2' }]);
    expect(i.recentErrors.map((e: { recordKey: string }) => e.recordKey).sort()).toEqual(['SKU-2', 'SKU-3']);
    expect(i.syncStats[0]).toMatchObject({ synced: 1, errors: 2 });
    expect(i.ordersWaitingCount).toBe(0);
    expect(i.ordersAtRisk[0].channelOrderId).toBe('CDON-q-a-1001');
    expect(i.ordersAtRisk[0].deadlineInSeconds).toBeGreaterThan(17 * 3600);
    expect(i.health.status).toBe('DEGRADED');
  });

  it('runs (filters, pagination), syncRun with items, runItems', async () => {
    const d = await ok(
      `query($i: ID!, $run: ID!) {
        runs(integrationId: $i, flow: catalog, status: PARTIAL, first: 10) { totalCount pageInfo { hasNextPage } edges { node { id countFailed errorMessage mappingVersion { number mapping { name } } } } }
        none: runs(integrationId: $i, status: FAILED) { totalCount }
        syncRun(id: $run) { id integration { id } items(status: FAILED, first: 10) { totalCount edges { node { recordKey errorCode message attempts resolvedBy { name } } } } }
        runItems(integrationId: $i, status: FAILED) { totalCount edges { node { recordKey run { id } } } }
      }`,
      { i: a.integrationId, run: a.runId },
    );
    expect(d.runs.totalCount).toBe(1);
    expect(d.runs.edges[0].node.mappingVersion).toEqual({ number: 1, mapping: { name: 'Offers' } });
    expect(d.none.totalCount).toBe(0);
    expect(d.syncRun.items.totalCount).toBe(2);
    expect(d.syncRun.items.edges.map((e: { node: { errorCode: string | null } }) => e.node.errorCode)).toContain('invalid_vat_rate');
    expect(d.runItems.totalCount).toBe(2);
  });

  it('mappings, versions with authors, validate, preview, impact', async () => {
    const d = await ok(
      `query($m: ID!, $v: ID!) {
        mappings(flow: catalog) { id name publishedVersion { number } draft { number } }
        mapping(id: $m) { versions { number status author { email } publishedBy { email } } }
        mappingVersion(id: $v) { number status content diagnostics { severity message } }
      }`,
      { m: a.mappingId, v: a.draftVersionId },
    );
    expect(d.mappings[0]).toMatchObject({ name: 'Offers', publishedVersion: { number: 1 }, draft: { number: 2 } });
    expect(d.mapping.versions[1]).toEqual({ number: 1, status: 'PUBLISHED', author: { email: a.users.editor }, publishedBy: { email: a.users.admin } });
    expect(d.mappingVersion.diagnostics.filter((x: { severity: string }) => x.severity === 'error')).toEqual([]);

    const bad = await ok('query($c: JSON) { validateMapping(content: $c) { __typename ... on QueryValidateMappingSuccess { data { target severity code message } } } }', {
      c: { rules: [{ target: 'price', expression: '$nosuchfunction(netPrice)' }], lookups: {} },
    });
    expect(bad.validateMapping.data[0]).toMatchObject({ target: 'price', severity: 'error' });

    const pv = await ok(
      'query($v: ID, $s: [JSON!]) { previewMapping(versionId: $v, samples: $s) { __typename ... on QueryPreviewMappingSuccess { data { key ok output } } } }',
      { v: a.draftVersionId, s: [{ sku: 'X-1', name: 'Red cup' }] },
    );
    expect(pv.previewMapping.data[0]).toMatchObject({ ok: true, output: { title: 'Red cup' } });

    const im = await ok('query($v: ID!) { mappingImpact(versionId: $v, markets: ["SE"]) { __typename ... on QueryMappingImpactSuccess { data } } }', {
      v: a.draftVersionId,
    });
    expect(im.mappingImpact.data).toHaveProperty('summary');
  });

  it('products and listings with binding, mapping version and source values', async () => {
    const d = await ok(
      `{
        products(search: "mug", first: 5) { totalCount edges { node { sku stock { warehouse available } reservedQuantity listings { market lastPushedPrice currency lastPushedQuantity status sourceValues rulesApplied mappingVersion { number } binding { externalId } } } } }
        product(sku: "SKU-1") { name }
        listings(market: "SE") { totalCount edges { node { product { sku } connection { name } } } }
      }`,
    );
    const p = d.products.edges[0].node;
    expect(p.stock).toEqual([{ warehouse: 'main', available: 7 }]);
    expect(p.listings[0]).toMatchObject({
      market: 'SE',
      lastPushedPrice: '149',
      currency: 'SEK',
      lastPushedQuantity: 5,
      status: 'listed',
      sourceValues: { netPrice: '10.00', vatRate: '25' },
      mappingVersion: { number: 1 },
      binding: { externalId: 'cdon-q-a-1' },
    });
    expect(d.product.name).toBe('Blue mug');
    expect(d.listings.totalCount).toBe(1);
  });

  it('orders with timeline, ERP reference, invoice PDF, AWB, label and deadline; files download', async () => {
    const d = await ok(
      `query($i: ID!, $o: ID!) {
        orders(integrationId: $i, search: "1001") { totalCount edges { node { id channelOrderId erpReference totalGross } } }
        order(id: $o) {
          status erpSalesOrderId deadlineAt deadlineInSeconds customer
          lines { sku quantity netAmount vatRate }
          events { type message }
          shipments { awb carrier trackingUrl hasLabel labelUrl labelPdfBase64 }
          invoices { series number hasPdf pdfUrl capabilityMissing }
          returns { kind }
        }
      }`,
      { i: a.integrationId, o: a.orderId },
    );
    expect(d.orders.totalCount).toBe(1);
    expect(d.orders.edges[0].node).toMatchObject({ channelOrderId: 'CDON-q-a-1001', erpReference: 'MGZ-q-a-1001', totalGross: '125' });
    const o = d.order;
    expect(o.events.map((e: { type: string }) => e.type)).toEqual(['imported', 'erp-created']);
    expect(o.shipments[0]).toMatchObject({ awb: 'AWBq-a1', hasLabel: true, labelUrl: `/files/labels/${a.shipmentId}.pdf` });
    expect(o.invoices[0]).toMatchObject({ hasPdf: true, pdfUrl: `/files/invoices/${a.invoiceId}.pdf`, capabilityMissing: true });
    expect(o.customer.email).toBe('anna@q-a.example');

    const pdf = await fetch(`${t.url}${o.invoices[0].pdfUrl}`, { headers: { cookie: viewer.cookie } });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(await pdf.text()).toBe('%PDF-1.4 invoice');
    const label = await fetch(`${t.url}${o.shipments[0].labelUrl}`, { headers: { authorization: `Bearer ${a.keys.ordersOnly}` } });
    expect(await label.text()).toBe('%PDF-1.4 label');
    const anon = await fetch(`${t.url}${o.invoices[0].pdfUrl}`);
    expect(anon.status).toBe(401);
  });

  it('fxRates and auditEvents', async () => {
    const d = await ok('{ fxRates(currency: "EUR") { source currency date value multiplier } auditEvents(first: 5) { totalCount edges { node { action actorUser { email } } } } }');
    expect(d.fxRates[0]).toEqual({ source: 'BNR', currency: 'EUR', date: '2026-11-26', value: '4.9761', multiplier: 1 });
    expect(d.auditEvents.edges[0].node).toEqual({ action: 'seed', actorUser: { email: a.users.admin } });
  });

  it('API keys see only their scopes', async () => {
    const orders = await gql(t.gql, 'query($o: ID!) { order(id: $o) { id } }', { o: a.orderId }, { apiKey: a.keys.ordersOnly });
    expect(orders.body.data?.order).toEqual({ id: a.orderId });
    const runs = await gql(t.gql, 'query($i: ID!) { runs(integrationId: $i) { totalCount } }', { i: a.integrationId }, { apiKey: a.keys.ordersOnly });
    expect(runs.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const me = await ok('{ me { id } tenant { slug } }', {}, { apiKey: a.keys.readAll });
    expect(me).toEqual({ me: null, tenant: { slug: 'q-a' } });
  });
});
