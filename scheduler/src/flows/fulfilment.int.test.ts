/**
 * Invoices, tracking and returns against the sandbox: the ERP's invoice PDF is
 * stored (CDON cannot take it: capability missing), a DHL AWB is minted and the
 * CDON order fulfilled with it, and an auto-cancelled order is reconciled in the ERP.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Scheduler } from '../engine/scheduler.ts';
import { createWorld, type World } from '../testing/world.ts';

describe('invoices, tracking and returns flows', () => {
  let w: World;
  let engine: Scheduler;
  const ids: string[] = [];
  const salesOrders = async () =>
    ((await w.control('charisma', 'GET', '/_sandbox/sales-orders')) as { salesOrders: Array<{ id: string; externalRef: string; status: string; shipment: { awb?: string } | null }> }).salesOrders;

  beforeAll(async () => {
    w = await createWorld({ products: 8, flows: ['catalog', 'stock', 'orders', 'invoices', 'tracking', 'returns'] });
    engine = await w.engine();
    await engine.start();
    expect((await w.run(engine, 'catalog')).status).toBe('SUCCEEDED');
    expect((await w.run(engine, 'stock')).status).toBe('SUCCEEDED');
    const skus = (await w.db.prisma.stockLevel.findMany({ where: { available: { gte: 5 } }, orderBy: { sku: 'asc' } })).map((s) => s.sku);
    for (const [i, market] of (['SE', 'DK'] as const).entries()) {
      ids.push(((await w.control('cdon', 'POST', '/_sandbox/orders', { sku: skus[i], quantity: 1, market, merchant: 'Nordic Store A' })) as { id: string }).id);
    }
    expect((await w.run(engine, 'orders')).status).toBe('SUCCEEDED');
  });
  afterAll(async () => {
    await w?.close();
  });

  it('stores the ERP invoice PDF, checked against the order, and marks the missing channel capability', async () => {
    const so = (await salesOrders()).find((s) => s.externalRef.endsWith(`-${ids[0]}`))!;
    const none = await w.run(engine, 'invoices');
    expect(none.countCreated).toBe(0); // not invoiced yet: nothing, and nothing generated
    await w.control('charisma', 'POST', `/_sandbox/sales-orders/${so.id}/invoice`);
    let r = await w.run(engine, 'invoices');
    for (let i = 0; i < 5 && r.countCreated === 0; i++) {
      await new Promise((res) => setTimeout(res, 1000)); // PDF rendering delay
      r = await w.run(engine, 'invoices');
    }
    expect(r.status).toBe('SUCCEEDED');
    const inv = await w.db.prisma.invoice.findFirstOrThrow({ where: { order: { channelOrderId: ids[0] } } });
    expect(inv.checkError).toBeNull();
    expect(inv.capabilityMissing).toBe(true);
    expect(inv.attachedToChannel).toBe(false);
    expect(Buffer.from(inv.pdf!).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('mints a DHL AWB, writes it on the ERP order and fulfils the CDON order with it', async () => {
    const r = await w.run(engine, 'tracking');
    const items = await w.db.prisma.syncRunItem.findMany({ where: { runId: r.id, status: 'FAILED' } });
    expect(r.status, JSON.stringify(items.map((i) => i.message))).toBe('SUCCEEDED');
    const shipments = await w.db.prisma.shipment.findMany({ include: { order: true } });
    expect(shipments).toHaveLength(2);
    expect(shipments.every((s) => /^\d{10}$/.test(s.awb) && s.labelPdf && s.pushedToChannelAt)).toBe(true);
    const cdon = ((await w.control('cdon', 'GET', '/_sandbox/orders')) as { orders: Array<{ id: string; state: string; tracking_information: Array<{ tracking_number: string }> }> }).orders;
    for (const s of shipments) {
      const o = cdon.find((x) => x.id === s.order.channelOrderId)!;
      expect(o.state).toBe('FULFILLED');
      expect(o.tracking_information[0]!.tracking_number).toBe(s.awb);
      expect((await salesOrders()).find((x) => x.id === s.order.erpSalesOrderId)!.shipment?.awb).toBe(s.awb);
    }
    // A second run sends nothing again.
    const again = await w.run(engine, 'tracking');
    expect(again.countCreated + again.countUpdated).toBe(0);
  });

  it('reconciles a marketplace auto-cancel in the ERP and checks the ledger', async () => {
    const skus = (await w.db.prisma.stockLevel.findMany({ where: { available: { gte: 5 } }, orderBy: { sku: 'desc' } })).map((s) => s.sku);
    const id = ((await w.control('cdon', 'POST', '/_sandbox/orders', { sku: skus[0], quantity: 1, market: 'SE', merchant: 'Nordic Store A' })) as { id: string }).id;
    expect((await w.run(engine, 'orders')).status).toBe('SUCCEEDED');
    await w.control('cdon', 'POST', '/_sandbox/clock/advance', { seconds: 8 * 86_400 });
    const r = await w.run(engine, 'returns');
    const items = await w.db.prisma.syncRunItem.findMany({ where: { runId: r.id, status: 'FAILED' } });
    expect(r.status, JSON.stringify(items.map((i) => i.message))).toBe('SUCCEEDED');
    const order = await w.db.prisma.order.findFirstOrThrow({ where: { channelOrderId: id }, include: { returns: true } });
    expect(order.status).toBe('cancelled');
    expect(order.returns).toHaveLength(1);
    expect(order.returns[0]!.status).toBe('reconciled');
    expect((await salesOrders()).find((s) => s.id === order.erpSalesOrderId)!.status).toBe('cancelled');
    // Idempotent: nothing new on the next run.
    const again = await w.run(engine, 'returns');
    expect(again.status).toBe('SUCCEEDED');
    expect(await w.db.prisma.return.count()).toBe(1);
  });
});
