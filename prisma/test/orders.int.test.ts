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

    // Retention counts from completion (see 'personal-data retention' below).
    await db.prisma.order.updateMany({ where: { channelOrderId: 'CDON-1' }, data: { completedAt: new Date(Date.now() - 100 * 86_400_000) } });
    expect((await purgeExpiredPersonalData(db.prisma, f.tenant.id)).orders).toBe(1);
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

describe('personal-data retention: counted from order completion, per tenant', () => {
  let db: TestDatabase;
  let f: Awaited<ReturnType<typeof baseFixture>>;
  let other: Awaited<ReturnType<typeof baseFixture>>;
  const DAY = 86_400_000;
  const now = new Date('2026-11-27T03:00:00.000Z');
  const ago = (days: number) => new Date(now.getTime() - days * DAY);
  beforeAll(async () => {
    db = await createTestDatabase({ poolSize: 10 });
    f = await baseFixture(db.prisma, 'keeper');
    other = await baseFixture(db.prisma, 'other');
    await db.prisma.tenant.update({ where: { id: other.tenant.id }, data: { retentionDays: 30 } });
  });
  afterAll(() => db.drop());

  const personal = (who: string) => ({ name: `${who} Customer`, email: `${who.toLowerCase()}@example.se`, phone: '+46700000000' });
  const make = async (
    fx: Awaited<ReturnType<typeof baseFixture>>,
    channelOrderId: string,
    stamps: { createdAt: Date; completedAt?: Date | null; status?: string },
  ) => {
    const { order } = await importOrder(db.prisma, {
      tenantId: fx.tenant.id,
      integrationId: fx.integration.id,
      connectionId: fx.channel.id,
      channelOrderId,
      market: 'SE',
      currency: 'SEK',
      totalNet: '80.00',
      totalVat: '20.00',
      totalGross: '100.00',
      personalData: personal(channelOrderId),
      lines: [{ lineId: '1', sku: 'SKU-1', quantity: 1, netAmount: '80.00', vatAmount: '20.00', vatRate: '0.25', currency: 'SEK' }],
    });
    await db.prisma.order.update({
      where: { id: order.id },
      data: { createdAt: stamps.createdAt, completedAt: stamps.completedAt ?? null, status: stamps.status ?? (stamps.completedAt ? 'fulfilled' : 'accepted') },
    });
    // What the scheduler copies: an error event with the ERP's answer, a deadline event, a failed run item.
    await addOrderEvent(db.prisma, order.id, { type: 'error', message: 'ERP rejected the partner', data: { details: { email: personal(channelOrderId).email } } });
    await addOrderEvent(db.prisma, order.id, { type: 'deadline', message: 'Handle by', data: { handleBy: '2026-01-01T00:00:00.000Z' } });
    const run = await db.prisma.syncRun.create({ data: { tenantId: fx.tenant.id, integrationId: fx.integration.id, flow: 'orders', trigger: 'manual', status: 'PARTIAL' } });
    await db.prisma.syncRunItem.create({
      data: { runId: run.id, recordKey: channelOrderId, action: 'import', status: 'FAILED', payloadExcerpt: { raw: { Buyer: { Mail: personal(channelOrderId).email } } } },
    });
    return order.id;
  };
  const state = async (orderId: string, channelOrderId: string) => {
    const o = await db.prisma.order.findUniqueOrThrow({ where: { id: orderId } });
    const events = await orderTimeline(db.prisma, orderId);
    const items = await db.prisma.syncRunItem.findMany({ where: { recordKey: channelOrderId } });
    return { o, events, items, text: JSON.stringify({ o: o.personalData, e: events.map((e) => e.data), i: items.map((i) => i.payloadExcerpt) }) };
  };

  it('purges an order completed 91 days ago (retention 90); keeps one completed 89 days ago and one never completed', async () => {
    expect((await db.prisma.tenant.findUniqueOrThrow({ where: { id: f.tenant.id } })).retentionDays).toBe(90);
    const expired = await make(f, 'OLD-DONE', { createdAt: ago(95), completedAt: ago(91) });
    // Created long ago but completed recently: the clock starts at completion, not creation.
    const recent = await make(f, 'RECENT-DONE', { createdAt: ago(400), completedAt: ago(89) });
    const open = await make(f, 'NEVER-DONE', { createdAt: ago(400) });
    const cancelled = await make(f, 'OLD-CANCELLED', { createdAt: ago(120), completedAt: ago(91), status: 'cancelled' });
    // Another tenant (retention 30) with an order completed 40 days ago: not touched by this tenant's purge.
    const foreign = await make(other, 'FOREIGN-DONE', { createdAt: ago(50), completedAt: ago(40) });

    expect((await purgeExpiredPersonalData(db.prisma, f.tenant.id, now)).orders).toBe(2);

    for (const [id, key] of [[expired, 'OLD-DONE'], [cancelled, 'OLD-CANCELLED']] as const) {
      const s = await state(id, key);
      expect(s.o.personalData).toBeNull();
      expect(s.o.personalDataPurgedAt).toEqual(now);
      expect(s.text).not.toContain('@example.se');
      expect(s.events.find((e) => e.type === 'error')?.data).toBeNull();
      expect(s.events.find((e) => e.type === 'deadline')?.data).toEqual({ handleBy: '2026-01-01T00:00:00.000Z' });
      expect(s.items.map((i) => i.payloadExcerpt)).toEqual([{ redacted: true }]);
    }
    for (const [id, key] of [[recent, 'RECENT-DONE'], [open, 'NEVER-DONE'], [foreign, 'FOREIGN-DONE']] as const) {
      const s = await state(id, key);
      expect(s.o.personalData, key).toEqual(personal(key));
      expect(s.o.personalDataPurgedAt, key).toBeNull();
      expect(s.text, key).toContain(`${key.toLowerCase()}@example.se`);
    }

    // Idempotent; two days later the 89-day one has expired too; the never-completed one stays.
    expect((await purgeExpiredPersonalData(db.prisma, f.tenant.id, now)).orders).toBe(0);
    expect((await purgeExpiredPersonalData(db.prisma, f.tenant.id, new Date(now.getTime() + 2 * DAY))).orders).toBe(1);
    expect((await state(recent, 'RECENT-DONE')).o.personalData).toBeNull();
    expect((await state(open, 'NEVER-DONE')).o.personalData).toEqual(personal('NEVER-DONE'));

    // The other tenant's own retention (30 days) applies to its order completed 40 days ago.
    expect((await purgeExpiredPersonalData(db.prisma, other.tenant.id, now)).orders).toBe(1);
    expect((await state(foreign, 'FOREIGN-DONE')).text).not.toContain('@example.se');
  });
});
