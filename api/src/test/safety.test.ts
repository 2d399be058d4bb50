/**
 * The edge: GraphQL-over-HTTP conformance (graphql-http serverAudits), malformed,
 * over-deep, over-wide and oversized requests, wrongly typed inputs, masked errors,
 * persisted operations, forged webhooks, health/readiness/metrics, request ids, CORS.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serverAudits } from 'graphql-http';
import { AGENDA_TABLE } from '@megzo/domain';
import { startTestApp, type TestApp } from './harness.ts';
import { seedTenant, type SeededTenant } from './fixtures.ts';
import { gql } from './client.ts';
import { signWebhook } from '../http/webhooks.ts';

const PERSISTED = '{ health }';
const PERSISTED_HASH = createHash('sha256').update(PERSISTED).digest('hex');

let t: TestApp;
let a: SeededTenant;

beforeAll(async () => {
  t = await startTestApp({ persistedOperations: new Map([[PERSISTED_HASH, PERSISTED]]), bodyLimit: 64 * 1024 });
  a = await seedTenant(t.db.prisma, t.deps.secrets, 'sf-a');
});
afterAll(() => t?.close());

describe('GraphQL over HTTP', () => {
  it('passes every MUST audit of graphql-http', async () => {
    const failures: string[] = [];
    for (const audit of serverAudits({ url: t.gql })) {
      if (!audit.name.startsWith('MUST')) continue;
      const r = await audit.fn();
      if (r.status !== 'ok') failures.push(`${r.name}: ${'reason' in r ? r.reason : ''}`);
    }
    expect(failures).toEqual([]);
  });
});

describe('bad requests get clear errors and change nothing', () => {
  const post = (body: string, headers: Record<string, string> = {}) =>
    fetch(t.gql, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

  it('malformed JSON and syntax errors', async () => {
    const r1 = await post('{"query": ');
    expect(r1.status).toBe(400);
    const r2 = await gql(t.gql, '{ health ');
    expect(r2.body.errors?.[0]?.message).toMatch(/Syntax Error/);
  });

  it('over-deep, too many aliases, too expensive', async () => {
    const deep = `{ integrations { flows { mapping { versions { mapping { versions { mapping { versions { mapping { versions { mapping { versions { id } } } } } } } } } } } } }`;
    const r1 = await gql(t.gql, deep, {}, { apiKey: a.keys.readAll });
    expect(r1.body.errors?.[0]).toMatchObject({ extensions: { code: 'QUERY_TOO_DEEP' } });
    expect(r1.body.errors?.[0]?.message).toMatch(/depth 13 exceeds the limit of 12/);
    const aliases = `{ ${Array.from({ length: 40 }, (_, i) => `h${i}: health`).join(' ')} }`;
    const r2 = await gql(t.gql, aliases);
    expect(r2.body.errors?.[0]?.extensions?.code).toBe('TOO_MANY_ALIASES');
    const wide = `query($i: ID!) { runs(integrationId: $i, first: 1000) { edges { node { items(first: 1000) { edges { node { id } } } } } } }`;
    const r3 = await gql(t.gql, wide, { i: a.integrationId }, { apiKey: a.keys.readAll });
    expect(r3.body.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
    expect(r1.body.data).toBeUndefined();
  });

  it('oversized bodies are refused with 413 before parsing', async () => {
    const big = JSON.stringify({ query: `{ health } # ${'x'.repeat(70 * 1024)}` });
    const r = await post(big);
    expect(r.status).toBe(413);
    expect((await r.json()).errors[0].message).toMatch(/larger than the limit of 65536 bytes/);
  });

  it('wrongly typed inputs name the argument and change nothing', async () => {
    const before = await t.db.prisma.integration.findUniqueOrThrow({ where: { id: a.integrationId } });
    const r1 = await gql(t.gql, 'mutation($i: ID!) { updateIntegrationFlow(integrationId: $i, flow: stock, input: { intervalSeconds: "often" }) { __typename } }', { i: a.integrationId }, { apiKey: a.keys.writeRuns });
    expect(r1.body.errors?.[0]?.message).toMatch(/Int cannot represent non-integer value/);
    const r2 = await gql(t.gql, 'mutation($i: ID!, $f: Flow!) { runSync(integrationId: $i, flow: $f) { __typename } }', { i: a.integrationId, f: 'everything' }, { apiKey: a.keys.writeRuns });
    expect(r2.status).toBe(400); // application/graphql-response+json: invalid variables are a request error
    expect(r2.body.errors?.[0]?.message).toMatch(/Variable "\$f" got invalid value "everything"/);
    const r3 = await gql(t.gql, '{ integration(id: 5) { id } nope }', {}, { apiKey: a.keys.readAll });
    expect(r3.body.errors?.map((e) => e.message).join(' ')).toMatch(/Cannot query field "nope" on type "Query"/);
    const r4 = await gql(t.gql, 'mutation($i: ID!) { setStockBufferRule(integrationId: $i, input: { scope: GLOBAL, kind: ABSOLUTE, value: "lots" }) { __typename } }', { i: a.integrationId }, { apiKey: a.keys.writeRuns });
    expect(r4.body.errors?.[0]?.message).toMatch(/Decimal must be a decimal number written as a string/);
    const after = await t.db.prisma.integration.findUniqueOrThrow({ where: { id: a.integrationId } });
    expect(after).toEqual(before);
    expect(await t.db.prisma.syncRun.count({ where: { tenantId: a.tenantId, trigger: 'manual' } })).toBe(0);
  });

  it('unexpected errors are masked (and logged), expected ones are typed', async () => {
    const spy = t.deps.prisma.mappingVersion.findFirst;
    // A broken database read inside a resolver: the client sees only "Unexpected error."
    (t.deps.prisma.mappingVersion as { findFirst: unknown }).findFirst = () => Promise.reject(new Error('secret internal detail'));
    try {
      const r = await gql(t.gql, 'query($v: ID!) { mappingVersion(id: $v) { id } }', { v: a.draftVersionId }, { apiKey: a.keys.readAll });
      expect(r.body.errors?.[0]).toMatchObject({ message: 'Unexpected error.', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
      expect(JSON.stringify(r.body)).not.toContain('secret internal detail');
    } finally {
      (t.deps.prisma.mappingVersion as { findFirst: unknown }).findFirst = spy;
    }
  });
});

describe('persisted operations', () => {
  it('runs a persisted operation by its sha256 hash and reports unknown hashes', async () => {
    const ok = await fetch(t.gql, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash: PERSISTED_HASH } } }),
    });
    expect(await ok.json()).toEqual({ data: { health: 'ok' } });
    const unknown = await fetch(t.gql, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash: 'f'.repeat(64) } } }),
    });
    expect(JSON.stringify(await unknown.json())).toMatch(/PersistedQueryNotFound/);
  });
});

describe('persisted operations only (API_PERSISTED_ONLY)', () => {
  it('refuses arbitrary documents and runs persisted ones', async () => {
    const locked = await startTestApp({ persistedOperations: new Map([[PERSISTED_HASH, PERSISTED]]), allowArbitraryOperations: false });
    try {
      const arbitrary = await gql(locked.gql, '{ health }');
      expect(JSON.stringify(arbitrary.body)).toMatch(/PersistedQueryOnly|persisted/i);
      expect(arbitrary.body.data ?? null).toBeNull();
      const ok = await fetch(locked.gql, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash: PERSISTED_HASH } } }),
      });
      expect(await ok.json()).toEqual({ data: { health: 'ok' } });
    } finally {
      await locked.close();
    }
  });
});

describe('webhooks', () => {
  const hook = (body: string, headers: Record<string, string>, source = 'marketplace-cdon') =>
    fetch(`${t.url}/hooks/${a.integrationId}/${source}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  const jobCount = async () =>
    Number((await t.db.prisma.$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM "${AGENDA_TABLE}" WHERE data->>'trigger' = 'wakeup'`).catch(() => [{ n: 0n }]))[0]!.n);

  it('a correctly signed webhook enqueues one coalesced wake-up per flow', async () => {
    const body = JSON.stringify({ event: 'order.created' });
    const ts = Math.floor(Date.now() / 1000);
    const sig = signWebhook(a.webhookSecret, ts, body);
    const r1 = await hook(body, { 'x-megzo-timestamp': String(ts), 'x-megzo-signature': sig });
    expect(r1.status).toBe(202);
    expect(await r1.json()).toEqual({ accepted: true, flows: ['orders', 'returns'] });
    const r2 = await hook(body, { 'x-megzo-timestamp': String(ts), 'x-megzo-signature': sig });
    expect(r2.status).toBe(202);
    expect(await jobCount()).toBe(2);
  });

  it('forged, stale, unsigned and misrouted webhooks are refused and enqueue nothing', async () => {
    const before = await jobCount();
    const body = JSON.stringify({ flow: 'orders' });
    const ts = Math.floor(Date.now() / 1000);
    const forged = await hook(body, { 'x-megzo-timestamp': String(ts), 'x-megzo-signature': signWebhook('wrong-secret', ts, body) });
    expect(forged.status).toBe(401);
    expect((await forged.json()).error).toBe('Webhook signature does not match');
    const tampered = await hook(JSON.stringify({ flow: 'stock' }), { 'x-megzo-timestamp': String(ts), 'x-megzo-signature': signWebhook(a.webhookSecret, ts, body) });
    expect(tampered.status).toBe(401);
    const old = ts - 3600;
    const stale = await hook(body, { 'x-megzo-timestamp': String(old), 'x-megzo-signature': signWebhook(a.webhookSecret, old, body) });
    expect((await stale.json()).error).toMatch(/outside the tolerance of 300 s/);
    const unsigned = await hook(body, {});
    expect((await unsigned.json()).error).toMatch(/x-megzo-timestamp/);
    const wrongSource = await hook(body, { 'x-megzo-timestamp': String(ts), 'x-megzo-signature': signWebhook(a.webhookSecret, ts, body) }, 'courier-dhl');
    expect(wrongSource.status).toBe(400);
    expect((await wrongSource.json()).error).toMatch(/not a system of this integration/);
    const badFlow = JSON.stringify({ flow: 'everything' });
    const r = await hook(badFlow, { 'x-megzo-timestamp': String(ts), 'x-megzo-signature': signWebhook(a.webhookSecret, ts, badFlow) });
    expect(r.status).toBe(400);
    expect(await jobCount()).toBe(before);
  });
});

describe('operations endpoints', () => {
  it('/healthz, /readyz, /metrics, request ids, CORS for the studio', async () => {
    expect(await (await fetch(`${t.url}/healthz`)).json()).toEqual({ status: 'ok' });
    expect(await (await fetch(`${t.url}/readyz`)).json()).toEqual({ status: 'ready', database: 'ok' });
    await gql(t.gql, '{ health }');
    const metrics = await (await fetch(`${t.url}/metrics`)).text();
    expect(metrics).toMatch(/megzo_api_http_requests_total\{method="POST",route="\/graphql",status="200"\} \d+/);
    expect(metrics).toMatch(/megzo_api_graphql_operations_total/);
    const withId = await fetch(`${t.url}/healthz`, { headers: { 'x-request-id': 'req-123' } });
    expect(withId.headers.get('x-request-id')).toBe('req-123');
    const pre = await fetch(t.gql, {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:3000', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-csrf-token' },
    });
    expect(pre.headers.get('access-control-allow-origin')).toBe('http://localhost:3000');
    expect(pre.headers.get('access-control-allow-credentials')).toBe('true');
    expect(pre.headers.get('access-control-allow-headers')).toMatch(/x-csrf-token/);
    const alias = await fetch(t.gql, { method: 'OPTIONS', headers: { origin: 'http://127.0.0.1:3000', 'access-control-request-method': 'POST' } });
    expect(alias.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:3000');
    const evil = await fetch(t.gql, { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
    expect(evil.headers.get('access-control-allow-origin')).not.toBe('https://evil.example');
  });
});
