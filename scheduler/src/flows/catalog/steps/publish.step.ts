/**
 * catalog.publish: for each channel, maps the candidate products with the pinned
 * mapping, skips those whose article hash equals the one last published, and
 * creates or updates the rest in batches. Listings record price, status,
 * mapping version and source values; rejected articles are listed on the run.
 */
import { categorise, RecordError, type Product } from '@megzo/domain';
import type { ArticleBatchResult } from '@megzo/connectors/contract/kinds';
import type { ChannelPort, FlowContext, Step } from '../../../engine/context.ts';
import { ratesForDate } from '../../../engine/fx.ts';
import { loadMapping } from '../../../engine/mappings.ts';
import { channelQuantities } from '../../stock/quantities.ts';
import { buildArticle, type BuiltArticle } from '../article.ts';
import { publishCandidates, touchListingsVersion, upsertBindings, upsertListings, type ListingRow } from '../sql.ts';
import type { CatalogState } from '../flow.ts';
import { isSellable } from './read-products.step.ts';

export const ARTICLE = 'article';

interface Pending {
  productId: string;
  sku: string;
  built: BuiltArticle;
  known: boolean;
}

function resultMap(r: ArticleBatchResult) {
  const m = new Map<string, { ok: boolean; error?: RecordError | ReturnType<typeof categorise>; articleId?: string; batchId?: string }>();
  for (const x of r.results) {
    const prev = m.get(x.key);
    if (x.ok) {
      if (!prev) m.set(x.key, { ok: true, articleId: x.value.articleId, batchId: x.value.batchId });
    } else m.set(x.key, { ok: false, error: x.error });
  }
  return m;
}

async function push(ctx: FlowContext, channel: ChannelPort, state: CatalogState, batch: Pending[]): Promise<void> {
  if (batch.length === 0) return;
  const tenantId = ctx.run.tenantId;
  const known = new Set(batch.filter((b) => b.known).map((b) => b.sku));
  const newSkus = batch.filter((b) => !b.known).map((b) => b.sku);
  const qty = newSkus.length ? await channelQuantities(ctx.db, tenantId, ctx.run.integrationId, newSkus, ctx.options.defaultBufferUnits) : new Map();
  const articles = batch.map((b) => (b.known ? b.built.article : { ...b.built.article, quantity: qty.get(b.sku)?.quantity ?? 0 }));
  let res: ArticleBatchResult;
  let results: ReturnType<typeof resultMap>;
  try {
    res = await channel.api.upsertArticles(articles, (sku) => known.has(sku));
    results = resultMap(res);
    // Updates do not carry prices on CDON-like APIs: send them as price updates.
    const priced = batch.filter((b) => b.known && results.get(b.sku)?.ok);
    if (priced.length) {
      const pr = await channel.api.updatePrices(
        priced.map((b) => ({
          sku: b.sku,
          prices: (b.built.article.price as Array<{ market: 'SE' | 'DK' | 'FI' | 'NO'; value: { amount_including_vat: unknown; currency: unknown; vat_rate?: unknown } }>).map((p) => ({
            market: p.market,
            amountIncludingVat: String(p.value.amount_including_vat),
            currency: String(p.value.currency),
            vatRate: p.value.vat_rate === undefined ? undefined : String(p.value.vat_rate),
          })),
        })),
      );
      res.batchIds.push(...pr.batchIds);
      state.requests++;
      for (const [k, v] of resultMap(pr)) if (!v.ok) results.set(k, v);
    }
    state.consecutiveBatchFailures = 0;
  } catch (e) {
    const error = categorise(e);
    // Retries are exhausted for this batch: its records are listed as failed and retried
    // by the next run. A long outage stops the run (it is retried after Retry-After).
    if (error.category !== 'transient' || ++state.consecutiveBatchFailures >= 3) throw error;
    res = { batchIds: [], results: [] };
    results = new Map(batch.map((b) => [b.sku, { ok: false, error }]));
  }
  state.requests++;
  state.batchIds.set(channel.connectionId, [...(state.batchIds.get(channel.connectionId) ?? []), ...res.batchIds]);

  const bindings = [];
  const listings: ListingRow[] = [];
  for (const b of batch) {
    const r = results.get(b.sku) ?? { ok: false, error: new RecordError({ message: `No result for ${b.sku} from the marketplace`, code: 'NO_RESULT', recordKey: b.sku }) };
    if (r.ok) {
      bindings.push({ internalId: b.productId, externalId: b.sku, hash: b.built.hash, externalVersion: r.articleId ?? null });
      ctx.run.count(b.known ? 'updated' : 'created');
      ctx.run.item({ recordKey: b.sku, action: b.known ? 'update' : 'create', status: 'OK' });
    } else {
      const error = categorise(r.error);
      ctx.run.count('failed');
      ctx.run.item({ recordKey: b.sku, action: b.known ? 'update' : 'create', status: 'FAILED', error, payload: b.built.article });
    }
    for (const p of b.built.prices) {
      listings.push({
        productId: b.productId,
        market: p.market,
        price: r.ok ? p.amount : null,
        currency: p.currency,
        quantity: r.ok && !b.known ? (qty.get(b.sku)?.quantity ?? 0) : null,
        status: r.ok ? 'submitted' : 'error',
        mappingVersionId: ctx.run.mappingVersionId,
        sourceValues: b.built.sourceValues,
        lastError: r.ok ? null : (r.error?.message ?? 'rejected'),
        pushed: r.ok,
      });
    }
  }
  await upsertBindings(ctx.db, tenantId, channel.connectionId, ARTICLE, bindings);
  await upsertListings(ctx.db, tenantId, channel.connectionId, listings);
}

export const publishStep: Step<CatalogState> = {
  id: 'catalog.publish',
  async run(ctx, state) {
    const mapping = await loadMapping(ctx.db, ctx.run.mappingVersionId, 'catalog');
    const fx = await ratesForDate(ctx.db, ctx.run.date);
    for (const channel of ctx.connectors.channels) {
      let after = '';
      for (;;) {
        if (ctx.signal.aborted) return;
        const ids = await publishCandidates(ctx.db, ctx.run.tenantId, channel.connectionId, ctx.run.mappingVersionId, after, ctx.options.pageSize);
        if (ids.length === 0) break;
        after = ids[ids.length - 1]!;
        const [products, bindings] = await Promise.all([
          ctx.db.product.findMany({ where: { id: { in: ids } }, select: { id: true, sku: true, data: true } }),
          ctx.db.externalBinding.findMany({ where: { connectionId: channel.connectionId, entityType: ARTICLE, internalId: { in: ids } }, select: { internalId: true, hash: true } }),
        ]);
        const bound = new Map(bindings.map((b) => [b.internalId, b.hash]));
        const failedListings = new Set(
          (await ctx.db.listing.findMany({ where: { connectionId: channel.connectionId, productId: { in: ids }, status: 'error' }, select: { productId: true } })).map((l) => l.productId),
        );
        let batch: Pending[] = [];
        const skipped: string[] = [];
        for (const p of products) {
          const product = p.data as unknown as Product;
          if (!isSellable(product)) {
            ctx.run.count('skipped');
            skipped.push(p.id);
            await upsertListings(ctx.db, ctx.run.tenantId, channel.connectionId, [
              { productId: p.id, market: '*', price: null, currency: null, quantity: null, status: 'not-sellable', mappingVersionId: ctx.run.mappingVersionId, sourceValues: null, lastError: null, pushed: false },
            ]);
            continue;
          }
          const built = await buildArticle(mapping.compiled, product, channel.markets, ctx.run.date, fx);
          if (built instanceof RecordError) {
            ctx.run.count('failed');
            ctx.run.item({ recordKey: p.sku, action: 'map', status: 'FAILED', error: built, payload: p.data });
            await upsertListings(ctx.db, ctx.run.tenantId, channel.connectionId, channel.markets.map((market) => ({
              productId: p.id, market, price: null, currency: null, quantity: null, status: 'error', mappingVersionId: ctx.run.mappingVersionId, sourceValues: null, lastError: built.message, pushed: false,
            })));
            continue;
          }
          if (bound.has(p.id) && bound.get(p.id) === built.hash && !failedListings.has(p.id)) {
            // Same payload as last published: nothing to send; the listing now carries this version.
            ctx.run.count('skipped');
            skipped.push(p.id);
            continue;
          }
          batch.push({ productId: p.id, sku: p.sku, built, known: bound.has(p.id) });
          if (batch.length >= ctx.options.batchSize) {
            await push(ctx, channel, state, batch);
            batch = [];
          }
        }
        await push(ctx, channel, state, batch);
        await touchListingsVersion(ctx.db, channel.connectionId, skipped, ctx.run.mappingVersionId);
        await ctx.run.checkpoint();
      }
    }
  },
};
