/**
 * Per-market evaluation helpers for the catalog flow: evaluate one record once
 * per market context and merge the successful outputs into one CDON article.
 */
import type { CompiledMapping } from './compile.ts';
import { assembleCdonArticle, type CdonArticle } from './defaults/catalog.ts';
import { evaluate } from './evaluate.ts';
import type { EvalContext, EvalResult, FieldError, MarketCode } from './types.ts';

export type MarketContext = EvalContext & { market: MarketCode };

export interface MarketResults {
  /** True when every market mapped without errors. */
  ok: boolean;
  perMarket: Array<{ market: MarketCode; result: EvalResult }>;
  /** All field errors, tagged with their market. */
  errors: Array<FieldError & { market: MarketCode }>;
  /** Warnings of all markets, each prefixed with its market ("SE: …"), de-duplicated. */
  warnings: string[];
}

export async function evaluateMarkets(compiled: CompiledMapping, record: unknown, contexts: readonly MarketContext[]): Promise<MarketResults> {
  const perMarket: MarketResults['perMarket'] = [];
  for (const ctx of contexts) perMarket.push({ market: ctx.market, result: await evaluate(compiled, record, ctx) });
  const errors = perMarket.flatMap(({ market, result }) => result.errors.map((e) => ({ ...e, market })));
  const warnings = [...new Set(perMarket.flatMap(({ market, result }) => result.warnings.map((w) => `${market}: ${w}`)))];
  return { ok: errors.length === 0, perMarket, errors, warnings };
}

export interface CdonArticleResult extends MarketResults {
  /** The article over the markets that mapped cleanly (undefined when none did). */
  article?: CdonArticle;
  /** Markets left out of the article because their mapping failed. */
  failedMarkets: MarketCode[];
}

/** Map a product for several markets and assemble the CDON article from the markets that succeeded. */
export async function mapCdonArticle(compiled: CompiledMapping, product: unknown, contexts: readonly MarketContext[]): Promise<CdonArticleResult> {
  const res = await evaluateMarkets(compiled, product, contexts);
  const good = res.perMarket.filter((m) => m.result.ok).map((m) => ({ market: m.market, output: m.result.output }));
  const failedMarkets = res.perMarket.filter((m) => !m.result.ok).map((m) => m.market);
  return { ...res, article: good.length ? assembleCdonArticle(good) : undefined, failedMarkets };
}
