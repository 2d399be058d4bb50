/**
 * Pushes channel quantities that differ from what was last pushed (Listing.
 * lastPushedQuantity), in batches. Used by the stock flow (reconcile on every
 * heartbeat) and by the orders flow (every new order → every other channel at once).
 */
import { categorise } from '@megzo/domain';
import type { ChannelPort, FlowContext } from '../../engine/context.ts';
import { channelQuantities } from './quantities.ts';

export interface PushResult {
  pushed: number;
  unchanged: number;
  failed: number;
  requests: number;
}

async function lastPushed(ctx: FlowContext, connectionId: string, skus: readonly string[] | null): Promise<Map<string, { productId: string; quantity: number | null }>> {
  const rows = skus
    ? await ctx.db.$queryRaw<Array<{ sku: string; productId: string; quantity: number | null }>>`
        SELECT p.sku, p.id AS "productId", MAX(l."lastPushedQuantity") AS quantity
        FROM "Listing" l JOIN "Product" p ON p.id = l."productId"
        WHERE l."connectionId" = ${connectionId} AND l.status IN ('listed', 'submitted') AND p.sku = ANY(${[...skus]}::text[])
        GROUP BY p.sku, p.id`
    : await ctx.db.$queryRaw<Array<{ sku: string; productId: string; quantity: number | null }>>`
        SELECT p.sku, p.id AS "productId", MAX(l."lastPushedQuantity") AS quantity
        FROM "Listing" l JOIN "Product" p ON p.id = l."productId"
        WHERE l."connectionId" = ${connectionId} AND l.status IN ('listed', 'submitted')
        GROUP BY p.sku, p.id`;
  return new Map(rows.map((r) => [r.sku, { productId: r.productId, quantity: r.quantity }]));
}

export async function pushQuantities(ctx: FlowContext, channels: readonly ChannelPort[], skus: readonly string[] | null, action = 'push-stock'): Promise<PushResult> {
  const result: PushResult = { pushed: 0, unchanged: 0, failed: 0, requests: 0 };
  if (channels.length === 0 || (skus && skus.length === 0)) return result;
  const wanted = await channelQuantities(ctx.db, ctx.run.tenantId, ctx.run.integrationId, skus, ctx.options.defaultBufferUnits);
  for (const channel of channels) {
    const listed = await lastPushed(ctx, channel.connectionId, skus);
    const changes: Array<{ sku: string; productId: string; quantity: number }> = [];
    for (const [sku, l] of listed) {
      const q = wanted.get(sku)?.quantity ?? 0; // no stock row: nothing to sell
      if (l.quantity === q) result.unchanged++;
      else changes.push({ sku, productId: l.productId, quantity: q });
    }
    for (let i = 0; i < changes.length; i += 200) {
      const batch = changes.slice(i, i + 200);
      const res = await channel.api.updateQuantities(batch.map((c) => ({ sku: c.sku, quantity: c.quantity })));
      result.requests++;
      const failed = new Map(res.results.filter((r) => !r.ok).map((r) => [r.key, r]));
      const okRows = batch.filter((c) => !failed.has(c.sku));
      if (okRows.length) {
        await ctx.db.$executeRaw`
          UPDATE "Listing" l SET "lastPushedQuantity" = x.quantity, "pushedAt" = now(), "updatedAt" = now()
          FROM jsonb_to_recordset(${JSON.stringify(okRows.map((c) => ({ productId: c.productId, quantity: c.quantity })))}::jsonb) AS x("productId" text, quantity int)
          WHERE l."connectionId" = ${channel.connectionId} AND l."productId" = x."productId"`;
      }
      for (const c of okRows) ctx.run.item({ recordKey: c.sku, action, status: 'OK', payload: { connectionId: channel.connectionId, quantity: c.quantity } });
      result.pushed += okRows.length;
      for (const [sku, r] of failed) {
        result.failed++;
        ctx.run.count('failed');
        ctx.run.item({ recordKey: sku, action, status: 'FAILED', error: categorise(r.ok ? undefined : r.error) });
      }
    }
  }
  ctx.run.count('updated', result.pushed);
  return result;
}
