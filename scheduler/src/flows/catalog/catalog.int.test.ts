import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MAPPINGS, hashContent } from '@megzo/mapping';
import { createWorld, type World } from '../../testing/world.ts';
import type { Scheduler } from '../../engine/scheduler.ts';

interface SbArticle {
  sku: string;
  title: Array<{ language: string; value: string }>;
  price: Record<string, { amount_including_vat: number }>;
}

describe('catalog flow (sandbox + PostgreSQL)', () => {
  let w: World;
  let engine: Scheduler;
  const articles = async () => ((await w.control('cdon', 'GET', '/_sandbox/articles?merchant=Nordic%20Store%20A')) as { articles: SbArticle[] }).articles;

  beforeAll(async () => {
    w = await createWorld({ products: 30 });
    engine = await w.engine();
    await engine.start();
  });
  afterAll(async () => {
    await w?.close();
  });

  it('publishes every sellable product, then sends nothing when nothing changed', async () => {
    const first = await w.run(engine, 'catalog');
    expect(first.status).toBe('SUCCEEDED');
    expect(first.countRead).toBeGreaterThanOrEqual(30);
    expect(first.countCreated).toBe(30);
    expect(first.mappingVersionId).not.toBeNull();
    expect(await w.db.prisma.listing.count({ where: { connectionId: w.conn.cdonA, status: 'listed' } })).toBe(30 * 4);
    expect(await articles()).toHaveLength(30);
    const fx = await w.db.prisma.fxRate.count();
    expect(fx).toBeGreaterThan(0);

    const second = await w.run(engine, 'catalog');
    expect(second.status).toBe('SUCCEEDED');
    expect(second.countCreated + second.countUpdated).toBe(0);
  });

  it('sends only the changed article after an ERP price change', async () => {
    await w.control('charisma', 'PATCH', '/_sandbox/items/ART-000003', { priceNet: '999.00' });
    const run = await w.run(engine, 'catalog');
    expect(run.status).toBe('SUCCEEDED');
    expect(run.countUpdated).toBe(1);
    const a = (await articles()).find((x) => x.sku === 'ART-000003')!;
    const listing = await w.db.prisma.listing.findFirst({ where: { connectionId: w.conn.cdonA, market: 'SE', product: { sku: 'ART-000003' } } });
    expect(Number(listing!.lastPushedPrice)).toBe(a.price.SE!.amount_including_vat);
    expect((listing!.sourceValues as { netPrice: string }).netPrice).toBe('999.00');
  });

  it('(d) uses a mapping version published between two runs, without a restart', async () => {
    const content = structuredClone(DEFAULT_MAPPINGS.catalog.content);
    const title = content.rules.find((r) => r.target === 'title')!;
    title.expression = `"NEW " & (${title.expression})`;
    const v2 = await w.db.prisma.mappingVersion.create({
      data: { mappingId: w.mappings.catalog, number: 2, status: 'PUBLISHED', content: content as object, contentHash: hashContent(content), publishedAt: new Date() },
    });
    await w.db.prisma.mapping.update({ where: { id: w.mappings.catalog }, data: { publishedVersionId: v2.id } });

    const run = await w.run(engine, 'catalog');
    expect(run.status).toBe('SUCCEEDED');
    expect(run.mappingVersionId).toBe(v2.id);
    expect(run.countUpdated).toBe(30);
    const all = await articles();
    expect(all.every((a) => a.title.every((t) => t.value.startsWith('NEW ')))).toBe(true);
    expect(await w.db.prisma.listing.count({ where: { connectionId: w.conn.cdonA, mappingVersionId: v2.id, market: { not: '*' } } })).toBe(30 * 4);
  });
});
