import Decimal from 'decimal.js';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { isInvalidBody, isRecord } from '../common/http.ts';
import { mixSeed, mulberry32, pick } from '../common/rng.ts';
import { ORDER_STATES, MARKETS, type CdonMarket, type OrderState } from './constants.ts';
import type { CdonContext } from './context.ts';
import { cdonTime, type Article, type MerchantState, type Order, type TrackingEntry } from './state.ts';

const DAY = 86_400_000;
/** Rough SEK per unit, only for the strict-fulfil 299 SEK threshold. [ASSUMED] */
const SEK_PER: Record<string, number> = { SEK: 1, DKK: 1.6, EUR: 11, NOK: 0.95 };

const ADDRESSES: Record<CdonMarket, Array<[string, string, string, string, string]>> = {
  SE: [['Anna', 'Svensson', 'Storgatan 1', '21142', 'Malmö'], ['Erik', 'Johansson', 'Kungsgatan 12', '11143', 'Stockholm']],
  DK: [['Mette', 'Jørgensen', 'Østergade 4', '1100', 'København'], ['Søren', 'Nielsen', 'Vestergade 9', '8000', 'Aarhus']],
  FI: [['Aino', 'Mäkinen', 'Mannerheimintie 5', '00100', 'Helsinki'], ['Jussi', 'Heikkilä', 'Hämeenkatu 3', '33100', 'Tampere']],
  NO: [['Ingrid', 'Hansen', 'Karl Johans gate 7', '0154', 'Oslo'], ['Ola', 'Bråthen', 'Bryggen 2', '5003', 'Bergen']],
};
const COUNTRY: Record<CdonMarket, string> = { SE: 'Sweden', DK: 'Denmark', FI: 'Finland', NO: 'Norway' };

export function orderView(o: Order): Record<string, unknown> {
  const gross = new Decimal(o.grossTotal);
  const amount = gross.div(1 + o.vatRate).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
  const vat = amount.mul(o.vatRate).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
  const price = { amount: amount.toNumber(), vat_amount: vat.toNumber(), vat_rate: o.vatRate, currency: o.currency };
  return {
    id: o.id,
    article_id: o.article_id,
    customer_order_id: o.customer_order_id,
    title: o.title,
    article_sku: o.article_sku,
    price,
    total_price: { ...price },
    quantity: o.quantity,
    shipping_address: o.shipping_address,
    market: o.market,
    state: o.state,
    created_at: cdonTime(o.createdAt),
    updated_at: cdonTime(o.updatedAt),
    fulfillment_deadline: cdonTime(o.deadline),
    tracking_information: o.tracking_information,
  };
}

function titleOf(a: Article, market: CdonMarket): string {
  const lang = { SE: 'sv-SE', DK: 'da-DK', FI: 'fi-FI', NO: 'nb-NO' }[market];
  const titles = Array.isArray(a.doc.title) ? (a.doc.title as Array<{ language: string; value: string }>) : [];
  return (titles.find((t) => t.language === lang) ?? titles.find((t) => t.language === 'en-US') ?? titles[0])?.value ?? a.sku;
}

export type CreateOrderResult = { ok: true; order: Order } | { ok: false; status: number; errors: Record<string, string[]> };

/** Create a marketplace order (test-order endpoint and the /_sandbox back door share this). */
export function createOrder(
  ctx: CdonContext, m: MerchantState, a: Article, quantity: number,
  opts: { market?: CdonMarket; createdAt?: number; state?: OrderState; customerOrderId?: string } = {},
): CreateOrderResult {
  const market = opts.market ?? a.markets.find((mk) => a.price[mk]) ?? a.markets[0];
  if (!market || !a.markets.includes(market)) return { ok: false, status: 400, errors: { market: ['Article is not listed in this market'] } };
  const price = a.price[market];
  if (!price) return { ok: false, status: 400, errors: { market: ['Article has no price in this market'] } };
  if (a.status !== 'for sale') return { ok: false, status: 400, errors: { article_id: ['Article is not for sale'] } };
  if (ctx.options.stockEffect && quantity > a.quantity) return { ok: false, status: 400, errors: { quantity: [`Only ${a.quantity} in stock`] } };
  const now = opts.createdAt ?? ctx.clock.nowMs();
  ctx.orderSeq += 1;
  const id = String(400_000_000 + ctx.orderSeq);
  const rng = mulberry32(mixSeed(ctx.orderSeq, 7));
  const [first, last, street, postal, city] = pick(rng, ADDRESSES[market]);
  const vatRate = price.vat_rate ?? ctx.options.vatRates[market][0] ?? 0.25;
  const order: Order = {
    id,
    article_id: a.id,
    customer_order_id: opts.customerOrderId ?? `C${id}`,
    title: titleOf(a, market),
    article_sku: a.sku,
    quantity,
    market,
    state: opts.state ?? 'CREATED',
    grossTotal: new Decimal(price.amount_including_vat).mul(quantity).toNumber(),
    vatRate,
    currency: price.currency,
    shipping_address: {
      first_name: first, last_name: last, full_name: `${first} ${last}`, street_address: street,
      postal_code: postal, city, country: COUNTRY[market], phone_number: market === 'SE' ? '+46 70 123 45 67' : '+45 20 12 34 56',
    },
    createdAt: now,
    updatedAt: now,
    deadline: now + ctx.options.fulfillmentDays * DAY,
    tracking_information: [],
    reservedUnits: 0,
  };
  if (ctx.options.stockEffect && order.state !== 'NOT_FULFILLED') {
    a.quantity -= quantity;
    order.reservedUnits = quantity;
  }
  m.orders.set(id, order);
  m.orderList.push(order);
  if (order.state === 'CREATED' || order.state === 'ACCEPTED') {
    m.openOrders.add(order);
    m.oldestOpenAt = Math.min(m.oldestOpenAt, order.createdAt);
  }
  return { ok: true, order };
}

function close(ctx: CdonContext, m: MerchantState, o: Order, state: OrderState, at: number): void {
  o.state = state;
  o.updatedAt = at;
  m.openOrders.delete(o);
  if (state === 'NOT_FULFILLED' && o.reservedUnits > 0) {
    const a = m.articles.get(o.article_sku);
    if (a) a.quantity += o.reservedUnits;
    o.reservedUnits = 0;
  }
}

/** Auto-cancel: CREATED/ACCEPTED orders 7 days after created_at become NOT_FULFILLED. */
export function autoCancel(ctx: CdonContext, m: MerchantState): void {
  const now = ctx.clock.nowMs();
  const limit = ctx.options.autoCancelDays * DAY;
  if (now - m.oldestOpenAt < limit) return;
  let oldest = Infinity;
  for (const o of m.openOrders) {
    if (now - o.createdAt >= limit) close(ctx, m, o, 'NOT_FULFILLED', o.createdAt + limit);
    else oldest = Math.min(oldest, o.createdAt);
  }
  m.oldestOpenAt = oldest;
}

function forbidden(reply: FastifyReply, description: string): FastifyReply {
  return reply.code(403).send({ description });
}

function parseTracking(body: unknown): TrackingEntry[] | { error: string } {
  if (body === undefined || body === null) return [];
  if (!isRecord(body)) return { error: 'body must be an object' };
  if (body.tracking_information === undefined) return [];
  if (!Array.isArray(body.tracking_information)) return { error: 'tracking_information must be an array' };
  const out: TrackingEntry[] = [];
  for (const [i, t] of body.tracking_information.entries()) {
    if (!isRecord(t) || typeof t.tracking_number !== 'string' || t.tracking_number.trim() === '') return { error: `tracking_information[${i}].tracking_number is required` };
    if (t.carrier_name !== undefined && t.carrier_name !== null && typeof t.carrier_name !== 'string') return { error: `tracking_information[${i}].carrier_name must be a string or null` };
    out.push(t.carrier_name === undefined ? { tracking_number: t.tracking_number } : { carrier_name: t.carrier_name as string | null, tracking_number: t.tracking_number });
  }
  return out;
}

export function registerOrderRoutes(app: FastifyInstance, ctx: CdonContext): void {
  const notFound = (reply: FastifyReply): FastifyReply =>
    ctx.options.notFoundStatus === 403
      ? reply.code(403).send({ description: 'You do not have permission to access this object' })
      : reply.code(404).send({ description: 'Not found' });

  app.get('/api/v1/orders/', async (req, reply) => {
    const m = ctx.merchantOf(req);
    autoCancel(ctx, m);
    const q = req.query as Record<string, string | undefined>;
    const state = q.state ?? 'CREATED';
    const errors: Record<string, string[]> = {};
    if (!(ORDER_STATES as readonly string[]).includes(state)) errors.state = [`Must be one of ${ORDER_STATES.join(', ')}`];
    const limit = q.limit === undefined ? 100 : Number(q.limit);
    const page = q.page === undefined ? 1 : Number(q.page);
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000) errors.limit = ['Must be an integer 1..1000'];
    if (!Number.isInteger(page) || page < 1) errors.page = ['Must be a positive integer'];
    if (Object.keys(errors).length > 0) return reply.code(400).send({ description: 'Invalid payload', errors });
    const matching = m.orderList.filter((o) => o.state === state);
    matching.sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
    return matching.slice((page - 1) * limit, page * limit).map(orderView);
  });

  app.get<{ Params: { id: string } }>('/api/v1/orders/:id', async (req, reply) => {
    const m = ctx.merchantOf(req);
    autoCancel(ctx, m);
    const o = m.orders.get(req.params.id);
    return o ? orderView(o) : notFound(reply);
  });

  const transition = (action: 'accept' | 'fulfill' | 'cancel') => async (req: { params: { id: string }; body: unknown }, reply: FastifyReply, m: MerchantState) => {
    autoCancel(ctx, m);
    const o = m.orders.get(req.params.id);
    if (!o) return notFound(reply);
    let tracking: TrackingEntry[] = [];
    if (action === 'fulfill') {
      if (isInvalidBody(req.body)) return reply.code(400).send({ description: 'Invalid payload', errors: { body: [req.body.reason] } });
      const t = parseTracking(req.body);
      if (!Array.isArray(t)) return reply.code(400).send({ description: 'Invalid payload', errors: { tracking_information: [t.error] } });
      tracking = t;
    }
    const now = ctx.clock.nowMs();
    const already = `Order row already has ${o.state.toLowerCase()} as state`;
    if (o.state === 'FULFILLED' || o.state === 'NOT_FULFILLED') return forbidden(reply, already);
    if (action === 'accept' && o.state === 'ACCEPTED') return forbidden(reply, already);
    if (action === 'cancel' && o.state === 'ACCEPTED' && ctx.options.cancelFromAccepted === 'forbid') return forbidden(reply, already);
    if (action !== 'cancel' && now > o.deadline) return forbidden(reply, 'Order has passed fulfillment due date');
    if (action === 'fulfill' && ctx.options.strictFulfil) {
      const sek = o.grossTotal * (SEK_PER[o.currency] ?? 1);
      const complete = tracking.length > 0 && tracking.every((t) => typeof t.carrier_name === 'string' && t.carrier_name !== '');
      if (sek >= 299 && !complete) return reply.code(400).send({ description: 'Invalid payload', errors: { tracking_information: ['carrier_name and tracking_number are required'] } });
    }
    if (action === 'accept') {
      o.state = 'ACCEPTED';
      o.updatedAt = now;
      return reply.code(202).send({ description: 'Order row was accepted' });
    }
    if (action === 'fulfill') {
      o.tracking_information = tracking;
      close(ctx, m, o, 'FULFILLED', now);
      o.reservedUnits = 0;
      return reply.code(202).send({ description: 'Order row was fulfilled' });
    }
    close(ctx, m, o, 'NOT_FULFILLED', now);
    return reply.code(202).send({ description: 'Order row was cancelled' });
  };
  for (const action of ['accept', 'fulfill', 'cancel'] as const) {
    const run = transition(action);
    app.put<{ Params: { id: string } }>(`/api/v1/orders/:id/${action}`, async (req, reply) => run(req, reply, ctx.merchantOf(req)));
  }

  // Sandbox-only test-order creation (404 in production flavour).
  app.post('/api/v1/orders/', async (req, reply) => {
    const m = ctx.merchantOf(req);
    if (!ctx.options.sandboxFlavour) return reply.code(404).send({ description: 'Not found' });
    const body = req.body;
    if (!isRecord(body)) return reply.code(400).send({ description: 'Invalid payload', errors: { body: ['Expected a JSON object'] } });
    const errors: Record<string, string[]> = {};
    if (typeof body.article_id !== 'string' || body.article_id.length < 1 || body.article_id.length > 64) errors.article_id = ['Required field missing'];
    const max = ctx.options.testOrderMaxQuantity;
    if (typeof body.quantity !== 'number' || !Number.isInteger(body.quantity) || body.quantity < 0 || body.quantity > max) errors.quantity = [`Must be an integer 0..${max}`];
    if (Object.keys(errors).length > 0) return reply.code(400).send({ description: 'Invalid payload', errors });
    const articleId = body.article_id as string;
    // Sandbox leniency [ASSUMED]: the article may be named by its CDON id or by its SKU.
    const article = m.articlesById.get(articleId) ?? m.articles.get(articleId);
    if (!article) return reply.code(400).send({ description: 'Invalid payload', errors: { article_id: ['Article not found'] } });
    const r = createOrder(ctx, m, article, body.quantity as number);
    if (!r.ok) return reply.code(r.status).send({ description: 'Invalid payload', errors: r.errors });
    return reply.code(200).send({ id: r.order.id, description: 'Order was created.' });
  });
}

export function isMarket(v: unknown): v is CdonMarket {
  return typeof v === 'string' && (MARKETS as readonly string[]).includes(v);
}
