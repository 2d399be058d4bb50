/**
 * Shapes one product into one marketplace article with the pinned mapping:
 * evaluated once per market (market, currency, destination VAT, run date, FX of
 * that date), merged by `assembleCdonArticle`, and hashed so unchanged articles
 * are never sent again.
 */
import { createHash } from 'node:crypto';
import { MARKET_CURRENCY, MARKET_VAT_PERCENT, Market, RecordError, type Product } from '@megzo/domain';
import { assembleCdonArticle, canonicalJson, evaluate, type CompiledMapping, type FxRate } from '@megzo/mapping';

/** Destination VAT per market, percent: one table for the flow and the studio. */
export const DESTINATION_VAT: Record<Market, string> = MARKET_VAT_PERCENT;

export interface BuiltArticle {
  article: Record<string, unknown>;
  hash: string;
  /** What the mapping read, kept on Listing.sourceValues ("why this price"). */
  sourceValues: Record<string, unknown>;
  prices: Array<{ market: string; amount: string | null; currency: string }>;
}

export function hashArticle(article: unknown): string {
  return createHash('sha1').update(canonicalJson(article)).digest('hex');
}

export async function buildArticle(
  compiled: CompiledMapping,
  product: Product,
  markets: readonly string[],
  date: string,
  fx: FxRate[],
): Promise<BuiltArticle | RecordError> {
  const perMarket: Array<{ market: Market; output: Record<string, unknown> }> = [];
  for (const m of markets) {
    const market = Market.safeParse(m);
    if (!market.success) return new RecordError({ message: `Unknown market ${m} on the channel`, code: 'UNKNOWN_MARKET', recordKey: product.sku });
    const currency = MARKET_CURRENCY[market.data];
    const r = await evaluate(compiled, product, { market: market.data, currency, vatRate: DESTINATION_VAT[market.data], date, fx });
    if (!r.ok) {
      const first = r.errors[0];
      return new RecordError({
        message: `${product.sku} (${market.data}): ${r.errors.map((e) => `${e.target}: ${e.message}`).join('; ')}`,
        code: first?.code ?? 'MAPPING',
        path: first?.target,
        recordKey: product.sku,
      });
    }
    perMarket.push({ market: market.data, output: r.output });
  }
  const article = assembleCdonArticle(perMarket) as unknown as Record<string, unknown>;
  const prices = perMarket.map(({ market, output }) => {
    const p = output.price as { amount_including_vat?: unknown; currency?: unknown } | undefined;
    return { market, amount: p?.amount_including_vat == null ? null : String(p.amount_including_vat), currency: String(p?.currency ?? MARKET_CURRENCY[market]) };
  });
  const usedFx = fx.filter((r) => prices.some((p) => p.currency === r.currency));
  return {
    article,
    hash: hashArticle(article),
    sourceValues: { netPrice: product.netPrice, currency: product.currency, vatRate: product.vatRate, date, fx: usedFx.map((r) => ({ currency: r.currency, date: r.date, value: r.value, multiplier: r.multiplier, source: r.source })) },
    prices,
  };
}
