/**
 * (b) No oversell: two CDON merchants (channels) share one Charisma stock with a
 * safety buffer. Bursts of concurrent orders hit one channel at a time (the
 * marketplace itself refuses more than the quantity it shows), two engines process
 * the orders, and the other channel is updated at once. The units sold never exceed
 * ERP stock minus buffer, and both channels end with the same correct quantity.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Scheduler } from '../../engine/scheduler.ts';
import { createWorld, type World } from '../../testing/world.ts';

const STOCK = 10;
const BUFFER = 2;

describe('no oversell across two channels sharing one ERP stock', () => {
  let w: World;
  let a: Scheduler;
  let b: Scheduler;
  let sku: string;
  const merchants = ['Nordic Store A', 'Nordic Store B'];
  const qty = async (merchant: string) => {
    const r = (await w.control('cdon', 'GET', `/_sandbox/articles?merchant=${encodeURIComponent(merchant)}&sku=${sku}`)) as { articles: Array<{ quantity: number }> };
    return r.articles[0]!.quantity;
  };

  beforeAll(async () => {
    w = await createWorld({ products: 6, twoChannels: true });
    await w.db.prisma.stockBufferRule.create({ data: { integrationId: w.integrationId, scope: 'GLOBAL', key: '', kind: 'ABSOLUTE', value: BUFFER } });
    sku = 'ART-000002';
    await w.control('charisma', 'POST', `/_sandbox/items/${sku}/stock`, { warehouse: 'DEP01', quantity: STOCK });
    await w.control('charisma', 'POST', `/_sandbox/items/${sku}/stock`, { warehouse: 'DEP02', quantity: 0 });
    a = await w.engine();
    b = await w.engine();
    await a.start();
    await b.start();
    expect((await w.run(a, 'catalog')).status).toBe('SUCCEEDED');
    expect((await w.run(a, 'stock')).status).toBe('SUCCEEDED');
  });
  afterAll(async () => {
    await w?.close();
  });

  it('never sells more than ERP stock minus buffer', async () => {
    expect(await qty(merchants[0]!)).toBe(STOCK - BUFFER);
    expect(await qty(merchants[1]!)).toBe(STOCK - BUFFER);
    let sold = 0;
    let refusedRounds = 0;
    for (let round = 0; round < 12 && refusedRounds < 4; round++) {
      const merchant = merchants[round % 2]!;
      // A burst of concurrent orders on one channel.
      const burst = await Promise.allSettled(
        [1, 2, 1].map((quantity) => w.control('cdon', 'POST', '/_sandbox/orders', { sku, quantity, market: 'SE', merchant })),
      );
      const accepted = burst.flatMap((r, i) => (r.status === 'fulfilled' ? [[1, 2, 1][i]!] : []));
      sold += accepted.reduce((x, y) => x + y, 0);
      if (accepted.length === 0) refusedRounds++;
      // Both engines are woken; runs coalesce and the flow lock serialises them.
      const reqs = await Promise.all([a, b].map((e) => e.requestRun({ tenantId: w.tenantId, integrationId: w.integrationId, flow: 'orders', trigger: 'wakeup' })));
      for (const id of new Set(reqs.map((r) => r.runId))) expect((await w.waitRun(id)).status).toBe('SUCCEEDED');
      expect(sold).toBeLessThanOrEqual(STOCK - BUFFER);
      const remaining = STOCK - BUFFER - sold;
      // The other channel was updated at once to what is left.
      expect(await qty(merchants[(round + 1) % 2]!)).toBe(Math.max(0, remaining));
    }
    expect(sold).toBe(STOCK - BUFFER);
    // Reconciliation against the ERP leaves both channels at zero.
    expect((await w.run(a, 'stock')).status).toBe('SUCCEEDED');
    expect(await qty(merchants[0]!)).toBe(0);
    expect(await qty(merchants[1]!)).toBe(0);
    const so = ((await w.control('charisma', 'GET', '/_sandbox/sales-orders')) as { salesOrders: unknown[] }).salesOrders;
    expect(so.length).toBe(await w.db.prisma.order.count());
  });
});
