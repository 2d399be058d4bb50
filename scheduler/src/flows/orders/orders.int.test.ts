/**
 * (a) Exactly one ERP sales order per CDON order: 20 concurrent duplicate imports,
 * two engines on one database, and lost ERP responses. (The kill -9 case is in
 * src/engine/crash.int.test.ts.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineFlow, type FlowDefinition } from '../../engine/context.ts';
import { createLockManager, type LockManager } from '../../engine/locks.ts';
import type { Scheduler } from '../../engine/scheduler.ts';
import { runDirect } from '../../testing/direct.ts';
import { createWorld, type World } from '../../testing/world.ts';
import { ordersFlow, type OrdersState } from './flow.ts';
import { importOrdersStep } from './steps/import.step.ts';

interface SbOrder {
  id: string;
  state: string;
}

describe('orders flow: exactly one ERP sales order per channel order', () => {
  let w: World;
  let engine: Scheduler;
  let locks: LockManager;
  let skus: string[] = [];
  const sku = (i: number) => skus[i % skus.length]!;

  const newOrder = async (sku: string, quantity = 1, market = 'SE') =>
    ((await w.control('cdon', 'POST', '/_sandbox/orders', { sku, quantity, market, merchant: 'Nordic Store A' })) as SbOrder).id;
  const salesOrders = async () => ((await w.control('charisma', 'GET', '/_sandbox/sales-orders')) as { salesOrders: Array<{ id: string; externalRef: string }> }).salesOrders;
  const cdonOrders = async () => ((await w.control('cdon', 'GET', '/_sandbox/orders')) as { orders: SbOrder[] }).orders;
  const expectExactlyOnce = async (channelOrderIds: string[]) => {
    const so = await salesOrders();
    for (const id of channelOrderIds) {
      const matches = so.filter((s) => s.externalRef.endsWith(`-${id}`));
      expect(matches, `ERP sales orders for ${id}`).toHaveLength(1);
      const row = await w.db.prisma.order.findFirst({ where: { channelOrderId: id } });
      expect(row?.erpSalesOrderId).toBe(matches[0]!.id);
    }
    const refs = so.map((s) => s.externalRef);
    expect(new Set(refs).size).toBe(refs.length);
  };

  beforeAll(async () => {
    w = await createWorld({ products: 12 });
    engine = await w.engine();
    await engine.start();
    locks = createLockManager(w.db.url, { max: 40 });
    expect((await w.run(engine, 'catalog')).status).toBe('SUCCEEDED');
    const st = await w.run(engine, 'stock');
    expect(st.status).toBe('SUCCEEDED');
    const stocked = await w.db.prisma.stockLevel.findMany({ where: { available: { gte: 10 } }, orderBy: { sku: 'asc' } });
    skus = stocked.map((s) => s.sku);
    expect(skus.length).toBeGreaterThanOrEqual(6);
  });
  afterAll(async () => {
    await locks?.close();
    await w?.close();
  });

  it('20 concurrent duplicate imports of the same orders', async () => {
    const ids = [await newOrder(sku(0)), await newOrder(sku(1), 2, 'DK'), await newOrder(sku(2), 1, 'FI')];
    const results = await Promise.all(Array.from({ length: 20 }, () => runDirect(w, ordersFlow as FlowDefinition<unknown>, locks)));
    expect(results.every((r) => r.status === 'succeeded' || r.status === 'partial'), JSON.stringify(results.map((r) => r.error?.message))).toBe(true);
    await expectExactlyOnce(ids);
    expect(await w.db.prisma.order.count({ where: { channelOrderId: { in: ids } } })).toBe(3);
    const states = (await cdonOrders()).filter((o) => ids.includes(o.id)).map((o) => o.state);
    expect(states).toEqual(['ACCEPTED', 'ACCEPTED', 'ACCEPTED']);
    // Reservations were released once the ERP held the units.
    expect(await w.db.prisma.stockReservation.count({ where: { releasedAt: null } })).toBe(0);
    const events = await w.db.prisma.orderEvent.findMany({ where: { order: { channelOrderId: ids[0] } }, orderBy: { at: 'asc' } });
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(['imported', 'deadline', 'erp-created', 'acknowledged']));
  });

  it('two engines (Agenda workers) on one database, many wake-ups', async () => {
    const second = await w.engine();
    await second.start();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(await newOrder(sku(3 + i)));
    const reqs = [];
    for (let i = 0; i < 10; i++) {
      for (const e of [engine, second]) reqs.push(e.requestRun({ tenantId: w.tenantId, integrationId: w.integrationId, flow: 'orders', trigger: 'wakeup' }));
    }
    const runs = await Promise.all(reqs);
    // Wake-ups coalesce into the queued run.
    expect(new Set(runs.map((r) => r.runId)).size).toBeLessThanOrEqual(2);
    for (const id of new Set(runs.map((r) => r.runId))) await w.waitRun(id);
    await expectExactlyOnce(ids);
    const workers = await w.db.prisma.syncRun.findMany({ where: { id: { in: runs.map((r) => r.runId) } }, select: { workerId: true } });
    expect(workers.every((x) => x.workerId)).toBe(true);
  });

  it('lost ERP responses: the sales order the ERP created is found, never duplicated', async () => {
    await w.control('charisma', 'POST', '/_sandbox/faults', { path: 'POST /api/v1/sales-orders', lostResponseRate: 1, count: 3 });
    const ids = [await newOrder(sku(0)), await newOrder(sku(1))];
    let r = await w.run(engine, 'orders');
    for (let i = 0; i < 3 && r.status !== 'SUCCEEDED'; i++) r = await w.run(engine, 'orders');
    expect(r.status).toBe('SUCCEEDED');
    await expectExactlyOnce(ids);
    await w.control('charisma', 'DELETE', '/_sandbox/faults');
  });

  it('the import step alone leaves every new order with its reservation rows; a replay does not reserve again', async () => {
    // Only orders.import: the reservation must not depend on any later step (a crash right
    // after the import still holds the units).
    const importOnly = defineFlow<OrdersState>({ ...ordersFlow, steps: [importOrdersStep] }) as FlowDefinition<unknown>;
    const ids = [await newOrder(sku(4), 3), await newOrder(sku(5), 2, 'NO')];
    const r = await runDirect(w, importOnly, locks);
    expect(r.status, r.error?.message).toBe('succeeded');
    const reservationsOf = async () =>
      w.db.prisma.stockReservation.findMany({
        where: { order: { channelOrderId: { in: ids } } },
        include: { order: { select: { channelOrderId: true, tenantId: true } } },
        orderBy: { sku: 'asc' },
      });
    const rows = await reservationsOf();
    expect(rows).toHaveLength(2);
    for (const res of rows) {
      expect(res.releasedAt).toBeNull();
      expect(res.tenantId).toBe(w.tenantId);
      expect(res.tenantId).toBe(res.order.tenantId);
    }
    const byOrder = new Map(rows.map((x) => [x.order.channelOrderId, x]));
    expect(byOrder.get(ids[0]!)).toMatchObject({ sku: sku(4), quantity: 3 });
    expect(byOrder.get(ids[1]!)).toMatchObject({ sku: sku(5), quantity: 2 });

    // Replay from the start of the stream: the orders are already imported and are not reserved twice.
    await w.db.prisma.syncCursor.deleteMany({ where: { stream: 'orders' } });
    const again = await runDirect(w, importOnly, locks);
    expect(again.status, again.error?.message).toBe('succeeded');
    expect(await reservationsOf()).toHaveLength(2);
    expect(await w.db.prisma.order.count({ where: { channelOrderId: { in: ids } } })).toBe(2);

    // The full flow then puts them in the ERP and releases the reservations.
    expect((await w.run(engine, 'orders')).status).toBe('SUCCEEDED');
    await expectExactlyOnce(ids);
    expect((await reservationsOf()).every((x) => x.releasedAt !== null)).toBe(true);
  });
});
