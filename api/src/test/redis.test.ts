/**
 * REDIS_URL transport: the API's hub over @graphql-yoga/redis-event-target, with a
 * "scheduler" publishing from its own Redis connections. The Redis server here is
 * ioredis-mock (in-memory pub/sub shared by its clients); no Redis binary is needed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error -- ioredis-mock ships no type declarations
import RedisMock from 'ioredis-mock';
import { createRedisEventBus } from '../event-bus-redis.ts';
import { startTestApp, type TestApp } from './harness.ts';
import { seedTenant, type SeededTenant } from './fixtures.ts';
import { subscribe, wsClient } from './ws-client.ts';

const redisPair = () => ({ publishClient: new RedisMock(), subscribeClient: new RedisMock() });

let t: TestApp;
let a: SeededTenant;

beforeAll(async () => {
  t = await startTestApp({}, { bus: createRedisEventBus(redisPair()) });
  a = await seedTenant(t.db.prisma, t.deps.secrets, 'r-a');
});
afterAll(() => t?.close());

describe('events over Redis', () => {
  it('a scheduler publishing on Redis reaches graphql-ws subscribers', async () => {
    const scheduler = createRedisEventBus(redisPair());
    const client = wsClient(t.ws, { apiKey: a.keys.readAll });
    const sub = subscribe<{ syncRunUpdated: { id: string; status: string } }>(client, 'subscription($i: ID!) { syncRunUpdated(integrationId: $i) { id status } }', { i: a.integrationId });
    await new Promise((r) => setTimeout(r, 300));
    await scheduler.publish('syncRunUpdated', { tenantId: a.tenantId, integrationId: a.integrationId, runId: a.runId, flow: 'catalog', status: 'partial' });
    expect((await sub.next()).syncRunUpdated).toEqual({ id: a.runId, status: 'PARTIAL' });
    sub.dispose();
    await client.dispose();
    await scheduler.close();
  });

  it('malformed payloads on the channel are dropped', async () => {
    const raw = new RedisMock();
    const client = wsClient(t.ws, { apiKey: a.keys.readAll });
    const sub = subscribe(client, 'subscription($i: ID!) { orderUpdated(integrationId: $i) { id } }', { i: a.integrationId });
    await new Promise((r) => setTimeout(r, 300));
    await raw.publish('orderUpdated', JSON.stringify({ integrationId: a.integrationId, orderId: 42 }));
    expect(await sub.quiet(500)).toBe(true);
    sub.dispose();
    await client.dispose();
    raw.disconnect();
  });
});
