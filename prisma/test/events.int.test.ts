import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventPayload } from '@megzo/domain';
import { createInMemoryEventBus, createPgEventBus, type EventBus } from '../src/events.ts';
import { createTestDatabase, type TestDatabase } from '../src/testing.ts';

function waitFor<T>(list: T[], n: number, ms = 5000): Promise<T[]> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const tick = () => {
      if (list.length >= n) resolve(list);
      else if (Date.now() - started > ms) reject(new Error(`timed out with ${list.length}/${n} events`));
      else setTimeout(tick, 10);
    };
    tick();
  });
}

const run: EventPayload<'syncRunUpdated'> = { tenantId: 't1', integrationId: 'i1', runId: 'r1', flow: 'orders', status: 'running', stage: 'read' };

describe('pg event bus', () => {
  let db: TestDatabase;
  const buses: EventBus[] = [];
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await Promise.all(buses.map((b) => b.close()));
    await db.drop();
  });
  const bus = (opts?: Parameters<typeof createPgEventBus>[1]) => {
    const b = createPgEventBus(db.url, opts);
    buses.push(b);
    return b;
  };

  it('delivers across two separate bus instances, by event name, validated', async () => {
    const publisher = bus();
    const subscriber = bus();
    const runs: unknown[] = [];
    const orders: unknown[] = [];
    await subscriber.subscribe('syncRunUpdated', (p) => void runs.push(p));
    await subscriber.subscribe('orderUpdated', (p) => void orders.push(p));
    await publisher.publish('syncRunUpdated', run);
    await publisher.publish('orderUpdated', { tenantId: 't1', integrationId: 'i1', orderId: 'o1', status: 'accepted' });
    await waitFor(runs, 1);
    await waitFor(orders, 1);
    expect(runs).toEqual([run]);
    expect(orders).toEqual([{ tenantId: 't1', integrationId: 'i1', orderId: 'o1', status: 'accepted' }]);
    await expect(publisher.publish('syncRunUpdated', { ...run, status: 'exploded' } as never)).rejects.toThrow(/event syncRunUpdated: status/);
  });

  it('drops malformed NOTIFY payloads with an error report, and stops after unsubscribe', async () => {
    const errors: string[] = [];
    const subscriber = bus({ onError: (e, ctx) => errors.push(`${ctx.phase}:${e.message}`) });
    const got: unknown[] = [];
    const off = await subscriber.subscribe('wakeUp', (p) => void got.push(p));
    const raw = new pg.Client({ connectionString: db.url });
    await raw.connect();
    await raw.query(`SELECT pg_notify('megzo.wakeUp', '{"tenantId":1}')`);
    await raw.query(`SELECT pg_notify('megzo.wakeUp', 'not json')`);
    await raw.query(`SELECT pg_notify('megzo.wakeUp', $1)`, [JSON.stringify({ tenantId: 't', integrationId: 'i', flow: 'stock', reason: 'order' })]);
    await waitFor(got, 1);
    await waitFor(errors, 2);
    expect(errors.every((e) => e.startsWith('parse:'))).toBe(true);
    await off();
    await raw.query(`SELECT pg_notify('megzo.wakeUp', $1)`, [JSON.stringify({ tenantId: 't', integrationId: 'i', flow: 'stock', reason: 'again' })]);
    await new Promise((r) => setTimeout(r, 200));
    expect(got).toHaveLength(1);
    await raw.end();
  });

  it('reconnects its LISTEN connection after the server kills it', async () => {
    const subscriber = bus({ reconnectDelayMs: 20 });
    const publisher = bus();
    const got: unknown[] = [];
    await subscriber.subscribe('integrationHealth', (p) => void got.push(p));
    const raw = new pg.Client({ connectionString: db.url });
    await raw.connect();
    const killed = await raw.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query ILIKE 'LISTEN%'`,
    );
    expect(killed.rowCount).toBeGreaterThan(0);
    await raw.end();
    const deadline = Date.now() + 5000;
    while (got.length === 0 && Date.now() < deadline) {
      await publisher.publish('integrationHealth', { tenantId: 't', integrationId: 'i' });
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(got.length).toBeGreaterThan(0);
  });

  it('a handler that throws does not stop the others', async () => {
    const errors: string[] = [];
    const b = bus({ onError: (e, ctx) => errors.push(`${ctx.phase}:${e.message}`) });
    const got: unknown[] = [];
    await b.subscribe('mappingPublished', () => {
      throw new Error('bad handler');
    });
    await b.subscribe('mappingPublished', (p) => void got.push(p));
    await b.publish('mappingPublished', { tenantId: 't', mappingId: 'm', versionId: 'v' });
    await waitFor(got, 1);
    await waitFor(errors, 1);
    expect(errors[0]).toBe('handler:bad handler');
  });
});

describe('in-memory event bus', () => {
  it('has the same contract', async () => {
    const b = createInMemoryEventBus();
    const got: unknown[] = [];
    const off = await b.subscribe('syncRunUpdated', (p) => void got.push(p));
    await b.publish('syncRunUpdated', run);
    await off();
    await b.publish('syncRunUpdated', run);
    expect(got).toEqual([run]);
    await expect(b.publish('syncRunUpdated', { ...run, flow: 'nope' } as never)).rejects.toThrow(/flow/);
  });
});

describe('pg event bus without a server', () => {
  it('subscribe fails with the connection error and leaves nothing behind', async () => {
    const { freePort } = await import('../src/embedded.ts');
    const b = createPgEventBus(`postgresql://u@127.0.0.1:${await freePort()}/db`);
    await expect(b.subscribe('wakeUp', () => {})).rejects.toThrow(/ECONNREFUSED/);
    await expect(b.publish('wakeUp', { tenantId: 't', integrationId: 'i', flow: 'stock', reason: 'x' })).rejects.toThrow(/ECONNREFUSED/);
    await b.close();
    await expect(b.subscribe('wakeUp', () => {})).rejects.toThrow(/closed/);
  });
});
