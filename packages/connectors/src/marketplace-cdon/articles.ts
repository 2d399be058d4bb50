/** Article bulk create/update in batches within the documented limits, and status polling (cdon-api.md §3.4–3.6). */
import { RecordError, SystemError, type IntegrationError } from '@megzo/domain';
import type { ArticleBatchResult, PriceUpdate, ProcessingStatus, QuantityUpdate } from '../contract/kinds.ts';
import type { WriteResult } from '../contract/types.ts';
import type { HttpClient } from '../kit/http.ts';
import type { Lane } from '../kit/limiter.ts';
import { validate } from '../kit/validate.ts';
import { SOURCE } from './client.ts';
import { ArticleKey, BulkCreateResponse, BulkUpdateResponse, StatusesBatchResponse, StatusesSkuResponse, type StatusEntry } from './schemas.ts';
import type { CdonConfig } from './spec.ts';
import type { z } from 'zod';

type Result = WriteResult<{ batchId: string; articleId?: string; action: string }>;

export type UpdateAction =
  | { sku: string; action: 'update_article'; body: Record<string, unknown> }
  | { sku: string; action: 'update_article_price'; body: { price: unknown[] } }
  | { sku: string; action: 'update_article_quantity'; body: { quantity: number } }
  | { sku: string; action: 'delete_article' };

/**
 * Splits into waves of chunks of at most `size`: the n-th occurrence of a SKU+action goes to
 * wave n, so no chunk repeats a key (CDON/Fyndiq reject repeats) and a later change of the same
 * article is sent after the earlier one. Chunks of one wave may be sent in parallel.
 */
export function chunkWaves<T>(items: T[], size: number, keyOf: (t: T) => string): T[][][] {
  const seen = new Map<string, number>();
  const waves: T[][] = [];
  for (const item of items) {
    const key = keyOf(item);
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    (waves[n] ??= []).push(item);
  }
  return waves.map((wave) => {
    const chunks: T[][] = [];
    for (let i = 0; i < wave.length; i += size) chunks.push(wave.slice(i, i + size));
    return chunks;
  });
}

export function chunkUnique<T>(items: T[], size: number, keyOf: (t: T) => string): T[][] {
  return chunkWaves(items, size, keyOf).flat();
}

/** Runs `send` for every chunk: waves in order, chunks of a wave concurrently (the limiter bounds them). */
async function inWaves<T, R>(waves: T[][][], send: (chunk: T[]) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (const wave of waves) out.push(...(await Promise.all(wave.map(send))));
  return out;
}

function errorFor(sku: string, errors: Array<{ message: string; field?: string[] }>): RecordError {
  const first = errors[0];
  const path = first?.field?.join('.') ?? undefined;
  const message = errors.map((e) => (e.field?.length ? `${e.field.join('.')}: ${e.message}` : e.message)).join('; ') || 'Rejected by CDON';
  return new RecordError({ message: `Article ${sku}: ${message}`, code: 'ARTICLE_REJECTED', path, source: SOURCE, recordKey: sku });
}

function failAll<T>(keys: string[], err: IntegrationError): WriteResult<T>[] {
  return keys.map((key) => ({ key, ok: false as const, error: err instanceof RecordError ? new RecordError({ message: err.message, internalMessage: err.internalMessage, code: err.code, path: err.path, source: SOURCE, status: err.status, recordKey: key }) : err }));
}

export async function createArticles(http: HttpClient, config: CdonConfig, articles: Array<Record<string, unknown>>): Promise<ArticleBatchResult> {
  const results: Result[] = [];
  const batchIds: string[] = [];
  const valid: Array<Record<string, unknown> & { sku: string }> = [];
  articles.forEach((a, i) => {
    try {
      valid.push(validate(ArticleKey, a, { source: SOURCE, what: 'CDON article', category: 'record', pathPrefix: `articles[${i}]` }) as Record<string, unknown> & { sku: string });
    } catch (e) {
      results.push({ key: String((a as { sku?: unknown })?.sku ?? `#${i}`), ok: false, error: e as IntegrationError });
    }
  });
  const outcomes = await inWaves(chunkWaves(valid, config.createBatchSize, (a) => a.sku), async (chunk) => {
    try {
      // Safe to retry: CDON keys articles by SKU, so a replay cannot duplicate (it ends as sku_already_exists).
      const res = await http.request({ method: 'POST', path: '/v2/articles/bulk', json: { articles: chunk }, schema: BulkCreateResponse, lane: 'catalog', retry: 'safe', what: 'CDON bulk create response' });
      return { batchId: res.data.batch_id, results: matchResults(chunk.map((a) => a.sku), res.data, 'create') };
    } catch (e) {
      if (e instanceof RecordError) return { batchId: undefined, results: failAll<{ batchId: string; action: string }>(chunk.map((a) => a.sku), e) };
      throw e;
    }
  });
  for (const o of outcomes) {
    if (o.batchId) batchIds.push(o.batchId);
    results.push(...o.results);
  }
  return { batchIds, results };
}

function matchResults(
  skus: string[],
  body: { batch_id: string; success: Array<{ sku: string; id?: string; action?: string }>; failed: Array<{ sku?: string | null; errors: Array<{ message: string; field?: string[] }> }> },
  action: string,
): Result[] {
  const ok = new Map(body.success.map((s) => [s.sku, s]));
  const failed = new Map(body.failed.map((f) => [f.sku ?? '', f]));
  return skus.map((sku): Result => {
    const s = ok.get(sku);
    if (s) return { key: sku, ok: true, value: { batchId: body.batch_id, articleId: s.id, action: s.action ?? action } };
    const f = failed.get(sku);
    if (f) return { key: sku, ok: false, error: errorFor(sku, f.errors) };
    return { key: sku, ok: false, error: new SystemError({ message: `CDON did not report article ${sku} in batch ${body.batch_id}`, code: 'NOT_ACKNOWLEDGED', source: SOURCE }) };
  });
}

export async function sendUpdates(http: HttpClient, config: CdonConfig, actions: UpdateAction[], lane: Lane): Promise<ArticleBatchResult> {
  const results: Result[] = [];
  const batchIds: string[] = [];
  const outcomes = await inWaves(chunkWaves(actions, config.updateBatchSize, (a) => `${a.sku}|${a.action}`), async (chunk) => {
    let body: z.infer<typeof BulkUpdateResponse>;
    try {
      // Updates set absolute values: replaying one re-applies the same state.
      const res = await http.request({ method: 'PUT', path: '/v2/articles/bulk', json: { actions: chunk }, schema: BulkUpdateResponse, lane, retry: 'safe', what: 'CDON bulk update response' });
      body = res.data;
    } catch (e) {
      if (e instanceof RecordError) return { batchId: undefined, results: failAll<{ batchId: string; action: string }>(chunk.map((a) => a.sku), e) };
      throw e;
    }
    const ok = new Set(body.success.map((s) => `${s.sku}|${s.action ?? ''}`));
    const failed = new Map(body.failed.map((f) => [`${f.sku ?? ''}|${f.action ?? ''}`, f]));
    const chunkResults: Result[] = chunk.map((a): Result => {
      const k = `${a.sku}|${a.action}`;
      if (ok.has(k) || ok.has(`${a.sku}|`)) return { key: a.sku, ok: true, value: { batchId: body.batch_id, action: a.action } };
      const f = failed.get(k) ?? failed.get(`${a.sku}|`);
      return {
        key: a.sku,
        ok: false,
        error: f ? errorFor(a.sku, f.errors) : new SystemError({ message: `CDON did not report ${a.action} for ${a.sku} in batch ${body.batch_id}`, code: 'NOT_ACKNOWLEDGED', source: SOURCE }),
      };
    });
    return { batchId: body.batch_id, results: chunkResults };
  });
  for (const o of outcomes) {
    if (o.batchId) batchIds.push(o.batchId);
    results.push(...o.results);
  }
  return { batchIds, results };
}

export function priceActions(updates: PriceUpdate[]): UpdateAction[] {
  return updates.map((u) => ({
    sku: u.sku,
    action: 'update_article_price' as const,
    body: {
      price: u.prices.map((p) => ({
        market: p.market,
        value: { amount_including_vat: Number(p.amountIncludingVat), currency: p.currency, ...(p.vatRate !== undefined ? { vat_rate: Number(p.vatRate) } : {}) },
      })),
    },
  }));
}

export function quantityActions(updates: QuantityUpdate[]): Array<UpdateAction | { error: RecordError; sku: string }> {
  return updates.map((u) =>
    Number.isInteger(u.quantity) && u.quantity >= 0 && u.quantity <= 500_000
      ? { sku: u.sku, action: 'update_article_quantity' as const, body: { quantity: u.quantity } }
      : { sku: u.sku, error: new RecordError({ message: `Quantity for ${u.sku} must be an integer 0–500000, got ${u.quantity}`, code: 'INVALID_QUANTITY', path: 'quantity', source: SOURCE, recordKey: u.sku }) },
  );
}

function toStatus(s: z.infer<typeof StatusEntry>, batchId?: string): ProcessingStatus {
  const statuses = s.markets.map((m) => m.status);
  const status = statuses.includes('failed') ? 'failed' : statuses.includes('pending') || statuses.length === 0 ? 'pending' : 'ok';
  return {
    batchId,
    sku: s.sku,
    articleId: s.article_id ?? undefined,
    action: s.action ?? 'unknown',
    status,
    errorCodes: s.markets.flatMap((m) => (m.error_code ? [m.error_code] : [])),
  };
}

export async function pollStatuses(http: HttpClient, batchIds: string[]): Promise<ProcessingStatus[]> {
  if (batchIds.length === 0) return [];
  const res = await http.request({ method: 'POST', path: '/v1/statuses/batch', json: { batch_ids: batchIds }, schema: StatusesBatchResponse, lane: 'catalog', retry: 'safe', what: 'CDON batch statuses' });
  return res.data.batches.flatMap((b) => b.statuses.map((s) => toStatus(s, b.id)));
}

export async function statusesBySku(http: HttpClient, skus: string[]): Promise<ProcessingStatus[]> {
  if (skus.length === 0) return [];
  const res = await http.request({ method: 'POST', path: '/v1/statuses/sku', json: { skus }, schema: StatusesSkuResponse, lane: 'catalog', retry: 'safe', what: 'CDON SKU statuses' });
  return res.data.statuses.map((s) => toStatus(s));
}
