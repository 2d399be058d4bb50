/**
 * The same job definitions on Agenda's MongoDB backend (MONGODB_URL). No MongoDB
 * server can be had on these machines (TOOLCHAIN.md), so this file is reported as
 * not run unless MONGODB_URL points at a server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, type World } from '../testing/world.ts';
import type { Scheduler } from './scheduler.ts';

const MONGODB_URL = process.env.MONGODB_URL;

describe.skipIf(!MONGODB_URL)('Agenda on MongoDB (MONGODB_URL)', () => {
  let w: World;
  let engine: Scheduler;
  beforeAll(async () => {
    w = await createWorld({ products: 10 });
    engine = await w.engine({ mongodbUrl: MONGODB_URL });
    await engine.start();
  });
  afterAll(async () => {
    await w?.close();
  });

  it('runs catalog and orders with the MongoDB job store', async () => {
    expect(engine.store).toBe('mongodb');
    expect((await w.run(engine, 'catalog')).status).toBe('SUCCEEDED');
    expect((await w.run(engine, 'stock')).status).toBe('SUCCEEDED');
    const sku = (await w.db.prisma.stockLevel.findFirstOrThrow({ where: { available: { gte: 5 } } })).sku;
    const o = (await w.control('cdon', 'POST', '/_sandbox/orders', { sku, quantity: 1, market: 'SE', merchant: 'Nordic Store A' })) as { id: string };
    expect((await w.run(engine, 'orders')).status).toBe('SUCCEEDED');
    const so = ((await w.control('charisma', 'GET', `/_sandbox/sales-orders?externalRef=CDON-SE-${o.id}`)) as { salesOrders: unknown[] }).salesOrders;
    expect(so).toHaveLength(1);
  });
});
