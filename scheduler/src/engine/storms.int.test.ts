/**
 * (e) 429 and 5xx storms on CDON and Charisma: runs keep going until all work is
 * done (every article listed, every order in the ERP exactly once and accepted),
 * and Retry-After is honoured.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FlowId } from '@megzo/domain';
import { createWorld, type World } from '../testing/world.ts';
import type { Scheduler } from './scheduler.ts';

describe('429 and 5xx storms', () => {
  let w: World;
  let engine: Scheduler;

  const runUntilDone = async (flow: FlowId, max = 8) => {
    const statuses: string[] = [];
    for (let i = 0; i < max; i++) {
      const r = await w.run(engine, flow, 120_000);
      statuses.push(r.status);
      if (r.status === 'SUCCEEDED') return statuses;
    }
    throw new Error(`${flow} never succeeded: ${statuses.join(', ')}`);
  };

  beforeAll(async () => {
    w = await createWorld({ products: 40 });
    engine = await w.engine();
    await engine.start();
  });
  afterAll(async () => {
    await w?.close();
  });

  it('Retry-After of a 429 is waited for, then the work completes', async () => {
    await w.control('cdon', 'POST', '/_sandbox/faults', { path: 'POST /api/v2/articles/bulk', rate429: 1, retryAfterS: 2, count: 1 });
    const t0 = Date.now();
    const r = await w.run(engine, 'catalog');
    expect(r.status).toBe('SUCCEEDED');
    expect(r.countCreated).toBe(40);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(2_000);
  });

  it('storms on both systems end with all work done', async () => {
    const stocked = (await w.run(engine, 'stock')).status;
    expect(stocked).toBe('SUCCEEDED');
    const skus = (await w.db.prisma.stockLevel.findMany({ where: { available: { gte: 5 } }, take: 6 })).map((s) => s.sku);
    const ids: string[] = [];
    for (const sku of skus) ids.push(((await w.control('cdon', 'POST', '/_sandbox/orders', { sku, quantity: 1, market: 'SE', merchant: 'Nordic Store A' })) as { id: string }).id);
    for (let i = 0; i < 10; i++) await w.control('charisma', 'PATCH', `/_sandbox/items/ART-0000${String(10 + i)}`, { priceNet: `${200 + i}.00` });

    await w.control('cdon', 'PUT', '/_sandbox/faults', [
      { rate429: 0.3, retryAfterS: 1, seed: 7 },
      { rate5xx: 0.25, status5xx: 503, seed: 9 },
    ]);
    await w.control('charisma', 'PUT', '/_sandbox/faults', [
      { rate429: 0.25, retryAfterS: 1, seed: 3 },
      { rate5xx: 0.2, status5xx: 500, seed: 5 },
    ]);
    const catalog = await runUntilDone('catalog');
    const orders = await runUntilDone('orders');
    await w.control('cdon', 'DELETE', '/_sandbox/faults');
    await w.control('charisma', 'DELETE', '/_sandbox/faults');

    const listed = await w.db.prisma.listing.count({ where: { connectionId: w.conn.cdonA, status: 'listed' } });
    expect(listed, `catalog runs: ${catalog.join(',')}`).toBe(40 * 4);
    const arts = (await w.control('cdon', 'GET', '/_sandbox/articles?merchant=Nordic%20Store%20A&sku=ART-000015')) as { articles: Array<{ price: { SE: { amount_including_vat: number } } }> };
    const listing = await w.db.prisma.listing.findFirstOrThrow({ where: { connectionId: w.conn.cdonA, market: 'SE', product: { sku: 'ART-000015' } } });
    expect(arts.articles[0]!.price.SE.amount_including_vat).toBe(Number(listing.lastPushedPrice));
    expect((listing.sourceValues as { netPrice: string }).netPrice).toBe('205.00');

    const so = ((await w.control('charisma', 'GET', '/_sandbox/sales-orders')) as { salesOrders: Array<{ externalRef: string }> }).salesOrders;
    for (const id of ids) expect(so.filter((s) => s.externalRef.endsWith(`-${id}`)), `orders runs: ${orders.join(',')}`).toHaveLength(1);
    const cdon = ((await w.control('cdon', 'GET', '/_sandbox/orders')) as { orders: Array<{ id: string; state: string }> }).orders;
    expect(cdon.filter((o) => ids.includes(o.id)).every((o) => o.state === 'ACCEPTED')).toBe(true);
  });
});
