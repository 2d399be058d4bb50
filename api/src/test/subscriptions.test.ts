/**
 * Subscriptions through the official graphql-ws client on the same /graphql path.
 * The "scheduler" is a second event-bus connection publishing over PostgreSQL NOTIFY,
 * as the scheduler process does.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgEventBus, type EventBus } from '@megzo/db/events';
import { startTestApp, type TestApp } from './harness.ts';
import { PASSWORD, seedTenant, type SeededTenant } from './fixtures.ts';
import { signInAs } from './client.ts';
import { subscribe, wsClient } from './ws-client.ts';

let t: TestApp;
let a: SeededTenant;
let scheduler: EventBus;

beforeAll(async () => {
  t = await startTestApp();
  a = await seedTenant(t.db.prisma, t.deps.secrets, 's-a');
  scheduler = createPgEventBus(t.db.url);
});
afterAll(async () => {
  await scheduler?.close();
  await t?.close();
});

const RUN = `subscription($i: ID!) { syncRunUpdated(integrationId: $i) { id status stage countCreated integration { id } } }`;

describe('subscriptions', () => {
  it('syncRunUpdated delivers the re-read run to an API-key subscriber', async () => {
    const client = wsClient(t.ws, { apiKey: a.keys.readAll });
    const sub = subscribe<{ syncRunUpdated: { id: string; status: string; stage: string | null; countCreated: number } }>(client, RUN, { i: a.integrationId });
    await new Promise((r) => setTimeout(r, 300));
    await t.db.prisma.syncRun.update({ where: { id: a.runId }, data: { status: 'RUNNING', stage: 'catalog.push', countCreated: 7 } });
    await scheduler.publish('syncRunUpdated', { tenantId: a.tenantId, integrationId: a.integrationId, runId: a.runId, flow: 'catalog', status: 'running', stage: 'catalog.push' });
    const ev = await sub.next();
    expect(ev.syncRunUpdated).toMatchObject({ id: a.runId, status: 'RUNNING', stage: 'catalog.push', countCreated: 7 });
    sub.dispose();
    await client.dispose();
  });

  it('runSync over HTTP reaches a cookie-authenticated subscriber (csrfToken in connectionParams)', async () => {
    const s = await signInAs(t.gql, a.users.editor, PASSWORD);
    const client = wsClient(t.ws, { cookie: s.cookie, csrf: s.csrf, origin: 'http://localhost:3000' });
    const sub = subscribe<{ syncRunUpdated: { id: string; status: string } }>(client, RUN, { i: a.integrationId });
    await new Promise((r) => setTimeout(r, 300));
    const res = await fetch(t.gql, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: s.cookie, 'x-csrf-token': s.csrf },
      body: JSON.stringify({ query: 'mutation($i: ID!) { runSync(integrationId: $i, flow: orders) { ... on SyncRun { id } } }', variables: { i: a.integrationId } }),
    });
    const runId = (await res.json()).data.runSync.id;
    const ev = await sub.next();
    expect(ev.syncRunUpdated).toEqual({ id: runId, status: 'QUEUED', stage: null, countCreated: 0, integration: { id: a.integrationId } });
    sub.dispose();
    await client.dispose();
  });

  it('orderUpdated and integrationHealth', async () => {
    const client = wsClient(t.ws, { apiKey: a.keys.readAll });
    const orders = subscribe<{ orderUpdated: { id: string; status: string; erpReference: string } }>(
      client,
      'subscription($i: ID!) { orderUpdated(integrationId: $i) { id status erpReference } }',
      { i: a.integrationId },
    );
    const health = subscribe<{ integrationHealth: { status: string; failingConnections: string[] } }>(
      client,
      'subscription($i: ID!) { integrationHealth(integrationId: $i) { status failingConnections } }',
      { i: a.integrationId },
    );
    await new Promise((r) => setTimeout(r, 300));
    await t.db.prisma.order.update({ where: { id: a.orderId }, data: { status: 'fulfilled' } });
    await scheduler.publish('orderUpdated', { tenantId: a.tenantId, integrationId: a.integrationId, orderId: a.orderId, status: 'fulfilled' });
    expect((await orders.next()).orderUpdated).toEqual({ id: a.orderId, status: 'fulfilled', erpReference: 'MGZ-s-a-1001' });
    await t.db.prisma.connection.update({ where: { id: a.channelConnectionId }, data: { status: 'FAILING' } });
    await scheduler.publish('integrationHealth', { tenantId: a.tenantId, integrationId: a.integrationId });
    expect((await health.next()).integrationHealth).toEqual({ status: 'FAILING', failingConnections: ['CDON'] });
    orders.dispose();
    health.dispose();
    await client.dispose();
  });

  it('a revoked API key cannot start new subscriptions on an open connection', async () => {
    const { newApiKey } = await import('../auth/tokens.ts');
    const k = newApiKey();
    const row = await t.db.prisma.apiKey.create({ data: { tenantId: a.tenantId, name: 'temp', prefix: k.prefix, hash: k.hash, scopes: ['runs:read'] } });
    const client = wsClient(t.ws, { apiKey: k.key });
    const first = subscribe(client, RUN, { i: a.integrationId });
    await new Promise((r) => setTimeout(r, 300));
    await t.db.prisma.apiKey.update({ where: { id: row.id }, data: { revokedAt: new Date() } });
    t.deps.authenticator.invalidate();
    const second = subscribe(client, RUN, { i: a.integrationId });
    const err = (await second.error()) as { message: string; extensions?: { code?: string } }[];
    expect(err[0]).toMatchObject({ message: 'API key is unknown or revoked', extensions: { code: 'UNAUTHENTICATED' } });
    first.dispose();
    await client.dispose();
  });

  it('refuses unauthenticated connections, foreign origins without CSRF, and scopes', async () => {
    const anon = wsClient(t.ws);
    const s1 = subscribe(anon, RUN, { i: a.integrationId });
    const e1 = (await s1.error()) as { code?: number; reason?: string };
    expect(e1.code).toBe(4403);
    expect(e1.reason).toMatch(/Not signed in/);

    const s = await signInAs(t.gql, a.users.viewer, PASSWORD);
    const evil = wsClient(t.ws, { cookie: s.cookie, origin: 'https://evil.example' });
    const e2 = (await subscribe(evil, RUN, { i: a.integrationId }).error()) as { code?: number; reason?: string };
    expect(e2.code).toBe(4403);

    const ordersOnly = wsClient(t.ws, { apiKey: a.keys.ordersOnly });
    const e3 = (await subscribe(ordersOnly, RUN, { i: a.integrationId }).error()) as { message: string; extensions?: { code?: string } }[];
    expect(e3[0]?.extensions?.code).toBe('FORBIDDEN');
    await Promise.all([anon.dispose(), evil.dispose(), ordersOnly.dispose()]);
  });
});
