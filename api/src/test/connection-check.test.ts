/** testConnection / discoverConnection against the local CDON simulator (loopback, port 0). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '@megzo/sandbox';
import { SANDBOX_CREDENTIALS } from '@megzo/sandbox/credentials';
import { startTestApp, type TestApp } from './harness.ts';
import { seedTenant, type SeededTenant } from './fixtures.ts';
import { gql } from './client.ts';

let t: TestApp;
let a: SeededTenant;
let sandbox: Sandbox;
const merchant = SANDBOX_CREDENTIALS.cdon.merchants[0]!;

beforeAll(async () => {
  sandbox = await startSandbox({ ports: { cdon: 0, charisma: 0, dhl: 0, fx: 0 }, products: 5 });
  t = await startTestApp();
  a = await seedTenant(t.db.prisma, t.deps.secrets, 'cc-a');
});
afterAll(async () => {
  await t?.close();
  await sandbox?.close();
});


describe('connection checks', () => {
  it('a working CDON connection checks OK, discovers streams and capabilities; a wrong token fails with the reason', async () => {
    const key = a.keys.writeRuns; // connections:write
    const created = await gql(
      t.gql,
      'mutation($c: JSON!) { createConnection(input: { connectorId: "marketplace-cdon", name: "CDON sandbox", config: $c }) { ... on Connection { id } } }',
      { c: { baseUrl: `${sandbox.urls.cdon}/api`, merchantId: merchant.merchantId, token: merchant.token } },
      { apiKey: key },
    );
    const id = created.body.data!.createConnection.id as string;
    const ok = await gql(t.gql, 'mutation($id: ID!) { testConnection(id: $id) { ... on ConnectionTestResult { ok message connection { status lastCheckAt lastCheckError } } } }', { id }, { apiKey: key });
    expect(ok.body.data!.testConnection).toMatchObject({ ok: true, connection: { status: 'OK', lastCheckError: null } });

    const disc = await gql(t.gql, 'mutation($id: ID!) { discoverConnection(id: $id) { __typename ... on MutationDiscoverConnectionSuccess { data } } }', { id }, { apiKey: key });
    const data = disc.body.data!.discoverConnection.data as { streams: { name: string }[]; capabilities: { webhooks: boolean } };
    expect(data.streams.length).toBeGreaterThan(0);
    expect(data.capabilities.webhooks).toBe(false);

    await gql(t.gql, 'mutation($id: ID!) { updateConnection(id: $id, input: { config: { baseUrl: "' + sandbox.urls.cdon + '/api", merchantId: "' + merchant.merchantId + '", token: "wrong-token" } }) { __typename } }', { id }, { apiKey: key });
    const bad = await gql(t.gql, 'mutation($id: ID!) { testConnection(id: $id) { ... on ConnectionTestResult { ok message connection { status lastCheckError } } } }', { id }, { apiKey: key });
    const r = bad.body.data!.testConnection as { ok: boolean; message: string; connection: { status: string; lastCheckError: string } };
    expect(r.ok).toBe(false);
    expect(r.connection.status).toBe('FAILING');
    expect(r.message).toBe(r.connection.lastCheckError);
    expect(JSON.stringify(bad.body)).not.toContain('wrong-token');
  });
});
