import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import { parseControl } from '../common/control.ts';
import { generateProducts } from '../generator/catalog.ts';
import { MARKETS, MARKET_CURRENCY, ORDER_STATES, type CdonMarket } from './constants.ts';
import type { CdonContext, CdonOptions } from './context.ts';
import { autoCancel, createOrder, orderView } from './orders.ts';
import { processDue } from './articles.ts';
import type { Article, MerchantState } from './state.ts';

/** Rough RON → market currency factors for seeded listings only. [ASSUMED] */
const RON_TO: Record<CdonMarket, number> = { SE: 2.15, DK: 1.47, FI: 0.197, NO: 2.3 };

export function articleView(a: Article, merchant: MerchantState): Record<string, unknown> {
  return {
    merchant: merchant.merchantId,
    id: a.id,
    sku: a.sku,
    status: a.status,
    quantity: a.quantity,
    markets: a.markets,
    price: a.price,
    category: a.doc.category ?? null,
    title: a.doc.title,
    updated_at: new Date(a.updatedAt).toISOString(),
  };
}

export function seedArticles(ctx: CdonContext, m: MerchantState, products: number, seed: number): void {
  const now = ctx.clock.nowMs();
  for (const p of generateProducts(products, seed)) {
    const gross = Number(p.priceInclVat);
    const price: Article['price'] = {};
    for (const mk of MARKETS) price[mk] = { amount_including_vat: Math.round(gross * RON_TO[mk] * 100) / 100, currency: MARKET_CURRENCY[mk], vat_rate: ctx.options.vatRates[mk][0] ?? 0.25 };
    const title = p.name.length > 150 ? `${p.name.slice(0, 147)}...` : p.name;
    const a: Article = {
      id: randomUUID(), sku: p.code, status: 'for sale', quantity: Object.values(p.stock).reduce((s, n) => s + n, 0),
      markets: [...MARKETS], price, createdAt: now, updatedAt: now,
      doc: { sku: p.code, category: String(p.category.cdonCategoryId), title: [{ language: 'en-US', value: title }], main_image: p.imageUrl },
    };
    const previous = m.articles.get(a.sku);
    if (previous) {
      a.id = previous.id;
      a.createdAt = previous.createdAt;
    }
    m.articles.set(a.sku, a);
    m.articlesById.set(a.id, a);
    m.knownSkus.add(a.sku);
  }
}

const configSchema = z.object({
  articleProcessingDelayMs: z.number().int().min(0).optional(),
  maxBatchSize: z.number().int().positive().optional(),
  maxUpdateBatchSize: z.number().int().positive().optional(),
  fulfillmentDays: z.number().positive().optional(),
  autoCancelDays: z.number().positive().optional(),
  cancelFromAccepted: z.enum(['forbid', 'allow']).optional(),
  stockEffect: z.boolean().optional(),
  strictFulfil: z.boolean().optional(),
  notFoundStatus: z.union([z.literal(404), z.literal(403)]).optional(),
  sandboxFlavour: z.boolean().optional(),
  testOrderMaxQuantity: z.number().int().min(0).optional(),
  rateLimit: z.object({ ratePerS: z.number().positive(), burst: z.number().int().positive(), perRoute: z.boolean().default(false) }).nullable().optional(),
}).strict();

const orderSchema = z.object({
  sku: z.string().min(1),
  quantity: z.number().int().min(1).max(500),
  market: z.enum(MARKETS).optional(),
  merchant: z.string().optional(),
  state: z.enum(ORDER_STATES).optional(),
  created_at: z.string().datetime({ offset: true }).optional(),
  customer_order_id: z.string().min(1).optional(),
});

export function registerCdonControl(app: FastifyInstance, ctx: CdonContext): void {
  const merchantFor = (key: string | undefined): MerchantState | undefined => {
    if (key === undefined) return ctx.merchants.values().next().value;
    return ctx.merchants.get(key) ?? [...ctx.merchants.values()].find((m) => m.label === key);
  };
  app.get('/_sandbox/articles', async (req, reply) => {
    processDue(ctx);
    const q = req.query as Record<string, string | undefined>;
    const merchants = q.merchant ? [merchantFor(q.merchant)] : [...ctx.merchants.values()];
    if (merchants.some((m) => !m)) return reply.code(400).send({ error: 'unknown merchant', details: [{ field: 'merchant', message: `no merchant ${q.merchant}` }] });
    const out: Record<string, unknown>[] = [];
    for (const m of merchants as MerchantState[]) {
      if (q.sku) {
        const a = m.articles.get(q.sku);
        if (a) out.push(articleView(a, m));
      } else for (const a of m.articles.values()) out.push(articleView(a, m));
    }
    return { articles: out };
  });
  app.post('/_sandbox/orders', async (req, reply) => {
    const body = parseControl(orderSchema, req.body, reply);
    if (!body) return reply;
    const m = merchantFor(body.merchant);
    if (!m) return reply.code(400).send({ error: 'unknown merchant', details: [{ field: 'merchant', message: `no merchant ${body.merchant}` }] });
    processDue(ctx);
    const a = m.articles.get(body.sku);
    if (!a) return reply.code(404).send({ error: 'unknown sku', details: [{ field: 'sku', message: `merchant has no article ${body.sku}` }] });
    const r = createOrder(ctx, m, a, body.quantity, {
      market: body.market as CdonMarket | undefined, state: body.state,
      createdAt: body.created_at ? Date.parse(body.created_at) : undefined, customerOrderId: body.customer_order_id,
    });
    if (!r.ok) return reply.code(409).send({ error: 'order refused', details: Object.entries(r.errors).map(([field, msgs]) => ({ field, message: msgs.join('; ') })) });
    return reply.code(201).send(orderView(r.order));
  });
  app.get('/_sandbox/orders', async (req) => {
    const q = req.query as Record<string, string | undefined>;
    const out: Record<string, unknown>[] = [];
    for (const m of ctx.merchants.values()) {
      if (q.merchant && m.merchantId !== q.merchant && m.label !== q.merchant) continue;
      autoCancel(ctx, m);
      for (const o of m.orderList) out.push({ merchant: m.merchantId, ...orderView(o) });
    }
    return { orders: out };
  });
  app.post('/_sandbox/process', async () => {
    processDue(ctx);
    return { pending: ctx.queue.length - ctx.queueHead };
  });
  app.get('/_sandbox/config', async () => ctx.options);
  app.post('/_sandbox/config', async (req, reply) => {
    const body = parseControl(configSchema, req.body, reply);
    if (!body) return reply;
    Object.assign(ctx.options, body as Partial<CdonOptions>);
    return ctx.options;
  });
}
