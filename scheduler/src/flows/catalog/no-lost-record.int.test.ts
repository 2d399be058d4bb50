/**
 * (c) No lost record: a record that fails is kept and listed on the run with its
 * reason, succeeds on the next run once the fault clears (and the earlier failure is
 * marked RETRIED), and the cursor never skips it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveItems } from '../../engine/runs.ts';
import type { Scheduler } from '../../engine/scheduler.ts';
import { createWorld, type World } from '../../testing/world.ts';

describe('no lost record', () => {
  let w: World;
  let engine: Scheduler;

  beforeAll(async () => {
    w = await createWorld({ products: 10 });
    engine = await w.engine();
    await engine.start();
    expect((await w.run(engine, 'catalog')).status).toBe('SUCCEEDED');
  });
  afterAll(async () => {
    await w?.close();
  });

  it('an ERP record that cannot be read is listed, then picked up again once fixed', async () => {
    await w.control('charisma', 'PATCH', '/_sandbox/items/ART-000004', { vatCode: 'NOPE', priceNet: '120.00' });
    const bad = await w.run(engine, 'catalog');
    expect(bad.status).toBe('PARTIAL');
    const failed = await w.db.prisma.syncRunItem.findMany({ where: { runId: bad.id, status: 'FAILED' } });
    expect(failed.map((f) => [f.recordKey, f.errorCategory])).toEqual([['ART-000004', 'record']]);
    expect(failed[0]!.message).toMatch(/VAT/);
    const cursorAfterBad = await w.db.prisma.syncCursor.findFirstOrThrow({ where: { connectionId: w.conn.erp, stream: 'products' } });

    // Charisma timestamps have one-second resolution and the connector's incremental read
    // treats the same (id, updatedAt) as already seen: a second change within the same
    // second would not be re-read (reported to the connectors package).
    await new Promise((r) => setTimeout(r, 1100));
    await w.control('charisma', 'PATCH', '/_sandbox/items/ART-000004', { vatCode: 'S21' });
    const good = await w.run(engine, 'catalog');
    expect(good.status).toBe('SUCCEEDED');
    expect(good.countUpdated).toBe(1);
    const product = await w.db.prisma.product.findFirstOrThrow({ where: { sku: 'ART-000004' } });
    expect((product.data as { netPrice: string }).netPrice).toBe('120.00');
    expect((await w.db.prisma.syncRunItem.findUniqueOrThrow({ where: { id: failed[0]!.id } })).status).toBe('RETRIED');
    const cursorAfterGood = await w.db.prisma.syncCursor.findFirstOrThrow({ where: { connectionId: w.conn.erp, stream: 'products' } });
    expect(cursorAfterGood.updatedAt.getTime()).toBeGreaterThanOrEqual(cursorAfterBad.updatedAt.getTime());
  });

  it('articles rejected by a marketplace outage stay listed as failed and succeed on retry', async () => {
    await w.control('charisma', 'PATCH', '/_sandbox/items/ART-000005', { priceNet: '77.00' });
    await w.control('charisma', 'PATCH', '/_sandbox/items/ART-000006', { priceNet: '78.00' });
    // Every update call fails with 500 for a while (more than the connector's retries).
    await w.control('cdon', 'POST', '/_sandbox/faults', { path: 'PUT /api/v2/articles/bulk', rate5xx: 1, status5xx: 500, count: 40 });
    const bad = await w.run(engine, 'catalog');
    expect(bad.status).toBe('PARTIAL');
    const failed = await w.db.prisma.syncRunItem.findMany({ where: { runId: bad.id, status: 'FAILED' }, orderBy: { recordKey: 'asc' } });
    expect(failed.map((f) => f.recordKey)).toEqual(['ART-000005', 'ART-000006']);
    expect(failed.every((f) => f.errorCategory === 'transient')).toBe(true);
    expect(await w.db.prisma.listing.count({ where: { connectionId: w.conn.cdonA, status: 'error' } })).toBe(8);

    await w.control('cdon', 'DELETE', '/_sandbox/faults');
    const retry = await w.run(engine, 'catalog');
    expect(retry.status).toBe('SUCCEEDED');
    expect(retry.countUpdated).toBe(2);
    expect(await w.db.prisma.syncRunItem.count({ where: { id: { in: failed.map((f) => f.id) }, status: 'RETRIED' } })).toBe(2);
    const arts = (await w.control('cdon', 'GET', '/_sandbox/articles?merchant=Nordic%20Store%20A&sku=ART-000005')) as { articles: Array<{ price: Record<string, unknown> }> };
    expect(arts.articles).toHaveLength(1);
  });

  it('a failed record can be marked resolved', async () => {
    await w.control('charisma', 'PATCH', '/_sandbox/items/ART-000007', { vatCode: 'NOPE' });
    const bad = await w.run(engine, 'catalog');
    const item = await w.db.prisma.syncRunItem.findFirstOrThrow({ where: { runId: bad.id, status: 'FAILED' } });
    expect(await resolveItems(w.db.prisma, [item.id], null)).toBe(1);
    expect((await w.db.prisma.syncRunItem.findUniqueOrThrow({ where: { id: item.id } })).status).toBe('RESOLVED');
  });
});
