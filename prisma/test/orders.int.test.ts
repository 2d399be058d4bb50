import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addOrderEvent,
  erasePersonalData,
  importOrder,
  orderTimeline,
  purgeExpiredPersonalData,
  releaseReservations,
  reservedUnits,
  setErpSalesOrder,
  type ImportOrderInput,
} from '../src/repositories/orders.repo.ts';
import { createTestDatabase, type TestDatabase } from '../src/testing.ts';
import { baseFixture } from './fixtures.ts';

describe('orders repository', () => {
  let db: TestDatabase;
  let f: Awaited<ReturnType<typeof baseFixture>>;
  beforeAll(async () => {
    db = await createTestDatabase({ poolSize: 20 });
    f = await baseFixture(db.prisma);
  });
  afterAll(() => db.drop());

  const order = (channelOrderId: string): ImportOrderInput => ({
    tenantId: f.tenant.id,
    integrationId: f.integration.id,
    connectionId: f.channel.id,
    channelOrderId,
    market: 'SE',
    currency: 'SEK',
    totalNet: '200.00',
    totalVat: '50.00',
    totalGross: '250.00',
    personalData: { name: 'Anna Svensson', email: 'anna@example.se', phone: '+46700000000' },
    lines: [{ lineId: '1', sku: 'SKU-1', quantity: 2, netAmount: '200.00', vatAmount: '50.00', vatRate: '0.25', currency: 'SEK' }],
  });

  it('20 parallel imports of one channel order make one row, one line set and one "imported" event', async () => {
    const results = await Promise.all(Array.from({ length: 20 }, () => importOrder(db.prisma, order('CDON-1'))));
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(new Set(results.map((r) => r.order.id)).size).toBe(1);
    expect(results.every((r) => r.order.lines.length === 1)).toBe(true);
    expect(await db.prisma.order.count({ where: { channelOrderId: 'CDON-1' } })).toBe(1);
    expect(await db.prisma.orderLine.count()).toBe(1);
    const timeline = await orderTimeline(db.prisma, results[0]!.order.id);
    expect(timeline.map((e) => e.type)).toEqual(['imported']);
    expect(results[0]!.order.totalGross.toString()).toBe('250');
  });

  it('a replay later returns the existing order; the same id on another connection is another order', async () => {
    const first = await importOrder(db.prisma, order('CDON-2'));
    const replay = await importOrder(db.prisma, { ...order('CDON-2'), totalGross: '999.00' });
    expect(replay.created).toBe(false);
    expect(replay.order.id).toBe(first.order.id);
    expect(replay.order.totalGross.toString()).toBe('250');
    const elsewhere = await importOrder(db.prisma, { ...order('CDON-2'), connectionId: f.erp.id });
    expect(elsewhere.created).toBe(true);
  });

  it('names bad input', async () => {
    await expect(importOrder(db.prisma, { ...order('X'), totalNet: '1,5' })).rejects.toThrow(/totalNet must be a decimal string/);
    await expect(importOrder(db.prisma, { ...order('X'), lines: [] })).rejects.toThrow(/lines must not be empty/);
    await expect(
      importOrder(db.prisma, { ...order('X'), lines: [{ ...order('X').lines[0]!, quantity: 0 }] }),
    ).rejects.toThrow(/lines\[0\]\.quantity/);
  });

  it('links the ERP sales order at most once, keeps a timeline, and erases personal data', async () => {
    const { order: o } = await importOrder(db.prisma, order('CDON-3'));
    await setErpSalesOrder(db.prisma, o.id, { erpSalesOrderId: 'SO-1', erpReference: 'CDON-CDON-3' });
    await setErpSalesOrder(db.prisma, o.id, { erpSalesOrderId: 'SO-1' });
    await expect(setErpSalesOrder(db.prisma, o.id, { erpSalesOrderId: 'SO-2' })).rejects.toThrow(/already linked to ERP sales order SO-1/);
    await addOrderEvent(db.prisma, o.id, { type: 'erp-created', message: 'Sales order SO-1 created', data: { salesOrderId: 'SO-1' } });
    expect((await orderTimeline(db.prisma, o.id)).map((e) => e.type)).toEqual(['imported', 'erp-created']);

    await erasePersonalData(db.prisma, f.tenant.id, o.id);
    const erased = await db.prisma.order.findUniqueOrThrow({ where: { id: o.id } });
    expect(erased.personalData).toBeNull();
    expect(erased.personalDataPurgedAt).toBeInstanceOf(Date);

    await db.prisma.order.updateMany({ where: { channelOrderId: 'CDON-1' }, data: { createdAt: new Date(Date.now() - 100 * 86_400_000) } });
    expect(await purgeExpiredPersonalData(db.prisma, f.tenant.id)).toBe(1);
    const text = JSON.stringify(await db.prisma.$queryRaw`SELECT "personalData" FROM "Order" WHERE "channelOrderId" = 'CDON-1'`);
    expect(text).not.toContain('Anna');
  });
});

describe('stock reservations', () => {
  let db: TestDatabase;
  let f: Awaited<ReturnType<typeof baseFixture>>;
  beforeAll(async () => {
    db = await createTestDatabase({ poolSize: 20 });
    f = await baseFixture(db.prisma);
  });
  afterAll(() => db.drop());

  it('are made with the order (once, under concurrency), per line, summed per SKU, and released', async () => {
    const input: ImportOrderInput = {
      tenantId: f.tenant.id,
      integrationId: f.integration.id,
      connectionId: f.channel.id,
      channelOrderId: 'R-1',
      market: 'DK',
      currency: 'DKK',
      totalNet: '30.00',
      totalVat: '7.50',
      totalGross: '37.50',
      reserveStock: true,
      lines: [
        { lineId: '1', sku: 'A', quantity: 2, netAmount: '10.00', vatAmount: '2.50', vatRate: '0.25', currency: 'DKK' },
        { lineId: '2', sku: 'A', quantity: 1, netAmount: '5.00', vatAmount: '1.25', vatRate: '0.25', currency: 'DKK' },
        { lineId: '3', sku: 'B', quantity: 4, netAmount: '15.00', vatAmount: '3.75', vatRate: '0.25', currency: 'DKK' },
      ],
    };
    const results = await Promise.all(Array.from({ length: 10 }, () => importOrder(db.prisma, input)));
    expect(results.filter((r) => r.created)).toHaveLength(1);
    await importOrder(db.prisma, { ...input, channelOrderId: 'R-2', lines: [input.lines[2]!] });
    expect(Object.fromEntries(await reservedUnits(db.prisma, f.tenant.id))).toEqual({ A: 3, B: 8 });
    expect(Object.fromEntries(await reservedUnits(db.prisma, f.tenant.id, ['A']))).toEqual({ A: 3 });
    expect(await releaseReservations(db.prisma, results[0]!.order.id)).toBe(3);
    expect(await releaseReservations(db.prisma, results[0]!.order.id)).toBe(0);
    expect(Object.fromEntries(await reservedUnits(db.prisma, f.tenant.id))).toEqual({ B: 4 });
    const other = await baseFixture(db.prisma, 'other');
    expect((await reservedUnits(db.prisma, other.tenant.id)).size).toBe(0);
  });
});
