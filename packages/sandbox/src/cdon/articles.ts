import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isRecord } from '../common/http.ts';
import { CATEGORY_IDS } from './categories.ts';
import { CLASSIFICATIONS, CREATE_ACTION, UPDATE_ACTIONS, type CdonMarket } from './constants.ts';
import type { CdonContext } from './context.ts';
import { parseAmount, validateCreate, validatePriceUpdate, validateQuantityUpdate, validateUpdateArticle, type FieldError } from './validate.ts';
import type { Article, ArticlePrice, Batch, BatchItem, MerchantState } from './state.ts';

function toPrices(list: unknown): Partial<Record<CdonMarket, ArticlePrice>> {
  const out: Partial<Record<CdonMarket, ArticlePrice>> = {};
  if (!Array.isArray(list)) return out;
  for (const p of list) {
    if (!isRecord(p) || !isRecord(p.value)) continue;
    const amount = parseAmount(p.value.amount_including_vat) ?? 0;
    const price: ArticlePrice = { amount_including_vat: amount, currency: String(p.value.currency) };
    if (typeof p.value.vat_rate === 'number') price.vat_rate = p.value.vat_rate;
    out[p.market as CdonMarket] = price;
  }
  return out;
}

function vatError(ctx: CdonContext, list: unknown): boolean {
  if (!Array.isArray(list)) return false;
  return list.some((p) => {
    if (!isRecord(p) || !isRecord(p.value) || typeof p.value.vat_rate !== 'number') return false;
    const allowed = ctx.options.vatRates[p.market as CdonMarket] ?? [];
    return !allowed.some((r) => Math.abs(r - (p.value as { vat_rate: number }).vat_rate) < 1e-9);
  });
}

function classificationError(doc: Record<string, unknown>): boolean {
  if (!Array.isArray(doc.classifications)) return false;
  return doc.classifications.some((c) => !isRecord(c) || !(CLASSIFICATIONS[String(c.name)] ?? []).includes(String(c.value)));
}

/** Decide the async outcome of one item and apply it when it turns ok. */
function processItem(ctx: CdonContext, item: BatchItem): void {
  const m = item.merchant;
  const now = ctx.clock.nowMs();
  const existing = m.articles.get(item.sku);
  const fail = (code: string): void => {
    item.status = 'failed';
    item.error_code = code;
  };
  const body = item.body ?? {};
  if (item.action === CREATE_ACTION) {
    if (existing) fail('sku_already_exists');
    else if (body.category !== undefined && !CATEGORY_IDS.has(Number(body.category))) fail('invalid_category');
    else if (vatError(ctx, body.price)) fail('invalid_vat_rate');
    else if (classificationError(body)) fail('invalid_classification');
    else {
      const a: Article = {
        id: item.article_id,
        sku: item.sku,
        doc: body,
        status: String(body.status),
        quantity: Number(body.quantity),
        markets: body.markets as CdonMarket[],
        price: toPrices(body.price),
        createdAt: now,
        updatedAt: now,
      };
      m.articles.set(a.sku, a);
      m.articlesById.set(a.id, a);
      item.status = 'ok';
    }
  } else if (!existing) {
    fail('article_does_not_exist');
  } else {
    item.article_id = existing.id;
    if (item.action === 'update_article') {
      if (body.category !== undefined && !CATEGORY_IDS.has(Number(body.category))) return fail('invalid_category');
      if (classificationError(body)) return fail('invalid_classification');
      existing.doc = { ...body, sku: existing.sku, price: existing.doc.price, quantity: existing.quantity };
      existing.status = String(body.status);
      existing.markets = body.markets as CdonMarket[];
    } else if (item.action === 'update_article_price') {
      if (vatError(ctx, body.price)) return fail('invalid_vat_rate');
      existing.price = { ...existing.price, ...toPrices(body.price) };
      existing.doc.price = Object.entries(existing.price).map(([market, value]) => ({ market, value }));
    } else if (item.action === 'update_article_quantity') {
      existing.quantity = Number(body.quantity);
    } else if (item.action === 'delete_article') {
      m.articles.delete(existing.sku);
      m.articlesById.delete(existing.id);
      m.knownSkus.delete(existing.sku);
    }
    existing.updatedAt = now;
    item.status = 'ok';
  }
  if (item.status === 'failed' && item.action === CREATE_ACTION && !existing) m.knownSkus.delete(item.sku);
}

/** Process every queued item whose delay has elapsed, in submission order. */
export function processDue(ctx: CdonContext): void {
  const q = ctx.queue;
  const now = ctx.clock.nowMs();
  while (ctx.queueHead < q.length) {
    const item = q[ctx.queueHead];
    if (!item || item.dueAt > now) break;
    ctx.queueHead += 1;
    processItem(ctx, item);
    item.merchant.latestStatus.set(item.sku, item);
  }
  if (ctx.queueHead > 1024 && ctx.queueHead * 2 > q.length) {
    ctx.queue = q.slice(ctx.queueHead);
    ctx.queueHead = 0;
  }
}

export function statusView(item: BatchItem): Record<string, unknown> {
  return {
    correlation_id: item.correlation_id,
    article_id: item.article_id,
    sku: item.sku,
    action: item.action,
    markets: [{ market: '*', status: item.status, error_code: item.error_code }],
  };
}

function enqueue(ctx: CdonContext, m: MerchantState, batch: Batch, sku: string, action: string, body: Record<string, unknown> | undefined, articleId: string): void {
  const item: BatchItem = {
    correlation_id: randomUUID(), article_id: articleId, sku, action, body,
    status: 'pending', error_code: null, dueAt: ctx.clock.nowMs() + ctx.options.articleProcessingDelayMs, merchant: m,
  };
  batch.items.push(item);
  ctx.queue.push(item);
}

function invalidPayload(reply: FastifyReply, errors: Record<string, string[]>): FastifyReply {
  return reply.code(400).send({ description: 'Invalid payload', errors });
}

export function registerArticleRoutes(app: FastifyInstance, ctx: CdonContext): void {
  app.post('/api/v2/articles/bulk', async (req: FastifyRequest, reply) => {
    const m = ctx.merchantOf(req);
    const body = req.body;
    if (!isRecord(body) || !Array.isArray(body.articles)) return invalidPayload(reply, { articles: ['Required field missing'] });
    if (body.articles.length > ctx.options.maxBatchSize) return invalidPayload(reply, { articles: [`At most ${ctx.options.maxBatchSize} articles per request`] });
    const batch: Batch = { id: randomUUID(), items: [] };
    const success: Array<{ id: string; sku: string }> = [];
    const failed: Array<{ sku: unknown; errors: FieldError[] }> = [];
    for (const a of body.articles) {
      const errors = validateCreate(a);
      const sku = isRecord(a) ? a.sku : undefined;
      if (errors.length > 0 || !isRecord(a) || typeof sku !== 'string') {
        failed.push({ sku: sku ?? null, errors });
        continue;
      }
      const existing = m.articles.get(sku);
      const id = randomUUID();
      enqueue(ctx, m, batch, sku, CREATE_ACTION, a, existing ? existing.id : id);
      m.knownSkus.add(sku);
      success.push({ id, sku });
    }
    if (batch.items.length > 0) m.batches.set(batch.id, batch);
    return reply.code(202).send({ batch_id: batch.id, success, failed });
  });

  app.put('/api/v2/articles/bulk', async (req, reply) => {
    const m = ctx.merchantOf(req);
    const body = req.body;
    if (!isRecord(body) || !Array.isArray(body.actions)) return invalidPayload(reply, { actions: ['Required field missing'] });
    if (body.actions.length > ctx.options.maxUpdateBatchSize) return invalidPayload(reply, { actions: [`At most ${ctx.options.maxUpdateBatchSize} actions per request`] });
    const batch: Batch = { id: randomUUID(), items: [] };
    const success: Array<{ sku: string; action: string }> = [];
    const failed: Array<{ sku: unknown; action: unknown; errors: FieldError[] }> = [];
    const seen = new Set<string>();
    for (const act of body.actions) {
      if (!isRecord(act)) {
        failed.push({ sku: null, action: null, errors: [{ message: 'Invalid value', field: ['action'] }] });
        continue;
      }
      const { sku, action } = act;
      const errors: FieldError[] = [];
      if (typeof sku !== 'string' || sku.length < 1 || sku.length > 64) errors.push({ message: 'Required field missing', field: ['sku'] });
      if (typeof action !== 'string' || !(UPDATE_ACTIONS as readonly string[]).includes(action)) errors.push({ message: 'Invalid value', field: ['action'] });
      if (errors.length === 0 && typeof sku === 'string' && typeof action === 'string') {
        const key = `${sku}\u0000${action}`;
        if (!m.knownSkus.has(sku)) errors.push({ message: 'Article not found', field: ['sku'] });
        else if (seen.has(key)) errors.push({ message: 'Duplicate action for the same article', field: ['action'] });
        else if (action === 'update_article') errors.push(...validateUpdateArticle(act.body));
        else if (action === 'update_article_price') errors.push(...validatePriceUpdate(act.body));
        else if (action === 'update_article_quantity') errors.push(...validateQuantityUpdate(act.body));
        seen.add(key);
      }
      if (errors.length > 0 || typeof sku !== 'string' || typeof action !== 'string') {
        failed.push({ sku: sku ?? null, action: action ?? null, errors });
        continue;
      }
      const existing = m.articles.get(sku);
      enqueue(ctx, m, batch, sku, action, isRecord(act.body) ? act.body : undefined, existing?.id ?? '');
      success.push({ sku, action });
    }
    if (batch.items.length > 0) m.batches.set(batch.id, batch);
    return reply.code(202).send({ batch_id: batch.id, success, failed });
  });

  app.post('/api/v1/statuses/batch', async (req, reply) => {
    const m = ctx.merchantOf(req);
    const body = req.body;
    if (!isRecord(body) || !Array.isArray(body.batch_ids) || !body.batch_ids.every((b) => typeof b === 'string')) {
      return invalidPayload(reply, { batch_ids: ['Required field missing'] });
    }
    const batches = (body.batch_ids as string[]).flatMap((id) => {
      const b = m.batches.get(id);
      return b ? [{ id: b.id, statuses: b.items.map(statusView) }] : [];
    });
    return { batches };
  });

  app.post('/api/v1/statuses/sku', async (req, reply) => {
    const m = ctx.merchantOf(req);
    const body = req.body;
    if (!isRecord(body) || !Array.isArray(body.skus) || !body.skus.every((s) => typeof s === 'string')) {
      return invalidPayload(reply, { skus: ['Required field missing'] });
    }
    const statuses = (body.skus as string[]).flatMap((sku) => {
      const item = m.latestStatus.get(sku);
      return item ? [statusView(item)] : [];
    });
    return { statuses };
  });
}
