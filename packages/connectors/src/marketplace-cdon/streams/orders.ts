/** CDON orders → canonical Order; list/fetch/accept/fulfil/cancel (cdon-api.md §4). */
import Decimal from 'decimal.js';
import { MARKET_CURRENCY, Order, RecordError, type IntegrationError, type OrderStatus, type ReturnRecord } from '@megzo/domain';
import { z } from 'zod';
import type { OrderActionResult, TrackingInput } from '../../contract/kinds.ts';
import type { ReadMessage, ReadOptions, StreamState } from '../../contract/types.ts';
import { compareCursor, readCursorState, toMs } from '../../kit/cursor.ts';
import type { HttpClient } from '../../kit/http.ts';
import { validate } from '../../kit/validate.ts';
import { SOURCE } from '../client.ts';
import { CdonOrderRaw, type OrderState } from '../schemas.ts';

const STATUS: Record<OrderState, OrderStatus> = { CREATED: 'created', ACCEPTED: 'accepted', FULFILLED: 'fulfilled', NOT_FULFILLED: 'cancelled' };

/** "YYYY-MM-DD HH:MM:SS" (UTC, no zone) → ISO 8601 UTC. Already-zoned strings pass through. */
export function cdonTime(s: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})$/.exec(s.trim());
  return m ? `${m[1]}T${m[2]}Z` : s;
}

export function toCanonicalOrder(o: CdonOrderRaw): Order {
  const price = o.price ?? o.article_price;
  if (!price) throw new RecordError({ message: `CDON order ${o.id} has no price`, path: 'price', source: SOURCE, recordKey: o.id });
  const a = o.shipping_address;
  const name = a.full_name?.trim() || [a.first_name, a.last_name].filter(Boolean).join(' ').trim() || '(no name)';
  const address = { name, street: a.street_address, postalCode: a.postal_code, city: a.city, country: a.country, phone: a.phone_number ?? undefined };
  const currency = price.currency || MARKET_CURRENCY[o.market];
  const net = new Decimal(price.amount).toFixed(2);
  const vat = new Decimal(price.vat_amount).toFixed(2);
  const candidate = {
    channelOrderId: o.id,
    customerOrderId: o.customer_order_id ?? undefined,
    market: o.market,
    status: STATUS[o.state],
    createdAt: cdonTime(o.created_at),
    updatedAt: o.updated_at ? cdonTime(o.updated_at) : undefined,
    fulfilmentDeadline: (o.fulfillment_deadline ?? o.fulfill_before) ? cdonTime((o.fulfillment_deadline ?? o.fulfill_before) as string) : undefined,
    currency,
    lines: [
      {
        lineId: `${o.id}-1`,
        sku: o.article_sku,
        title: o.title ?? o.article_title ?? undefined,
        quantity: o.quantity,
        netAmount: net,
        vatAmount: vat,
        vatRate: new Decimal(price.vat_rate).toString(),
        currency,
      },
    ],
    totalNet: net,
    totalVat: vat,
    customer: address,
    shipTo: address,
    tracking: (o.tracking_information ?? []).map((t) => ({ trackingNumber: t.tracking_number, carrier: t.carrier_name ?? null })),
    raw: o as Record<string, unknown>,
  };
  return validate(Order, candidate, { source: SOURCE, what: `CDON order ${o.id}`, category: 'record', recordKey: o.id });
}

function parseOrder(raw: unknown, i?: number): Order {
  const rec = validate(CdonOrderRaw, raw, { source: SOURCE, what: 'CDON order', category: 'record', pathPrefix: i === undefined ? undefined : `[${i}]`, recordKey: (raw as { id?: string })?.id });
  return toCanonicalOrder(rec);
}

type Parsed = { ok: true; order: Order } | { ok: false; error: IntegrationError; raw: unknown };

export async function listOrdersRaw(http: HttpClient, query: { state?: string; page?: number; limit?: number }): Promise<Parsed[]> {
  const res = await http.request({
    method: 'GET',
    path: '/v1/orders/',
    query: { state: query.state ?? 'CREATED', limit: query.limit ?? 100, page: query.page ?? 1 },
    schema: z.array(z.unknown()),
    lane: 'orders',
    what: 'CDON order list',
  });
  return res.data.map((raw, i): Parsed => {
    try {
      return { ok: true, order: parseOrder(raw, i) };
    } catch (e) {
      return { ok: false, error: e as IntegrationError, raw };
    }
  });
}

export async function listOrders(http: HttpClient, query: { state?: string; page?: number; limit?: number }): Promise<Order[]> {
  const rows = await listOrdersRaw(http, query);
  const bad = rows.find((r) => !r.ok);
  if (bad && !bad.ok) throw bad.error;
  return rows.flatMap((r) => (r.ok ? [r.order] : []));
}

export async function getOrder(http: HttpClient, id: string): Promise<Order> {
  const res = await http.request({ method: 'GET', path: `/v1/orders/${encodeURIComponent(id)}`, lane: 'orders', recordKey: id, what: `CDON order ${id}` });
  return parseOrder(res.data);
}

type Action = 'accept' | 'fulfill' | 'cancel';
const TARGET: Record<Action, string> = { accept: 'ALREADY_ACCEPTED', fulfill: 'ALREADY_FULFILLED', cancel: 'ALREADY_NOT_FULFILLED' };

/** A repeated action answers 403 "already has <target> as state": that is success (cdon-api.md §6). */
export async function orderAction(http: HttpClient, id: string, action: Action, body?: unknown): Promise<OrderActionResult> {
  try {
    await http.request({ method: 'PUT', path: `/v1/orders/${encodeURIComponent(id)}/${action}`, json: body ?? {}, lane: 'orders', retry: 'safe', recordKey: id });
    return { orderId: id, alreadyDone: false };
  } catch (e) {
    if (e instanceof RecordError && e.code === TARGET[action]) return { orderId: id, alreadyDone: true };
    throw e;
  }
}

export function fulfilBody(tracking: TrackingInput[]): unknown {
  tracking.forEach((t, i) => {
    if (!t.trackingNumber?.trim()) throw new RecordError({ message: `tracking[${i}].trackingNumber is required`, path: `tracking[${i}].trackingNumber`, source: SOURCE });
  });
  return tracking.length ? { tracking_information: tracking.map((t) => ({ tracking_number: t.trackingNumber, carrier_name: t.carrier ?? null })) } : {};
}

/**
 * Reads every page of one order state (CDON has no "updated since" filter), sorts by
 * (timestamp, id) and emits what lies past the cursor, with a checkpoint every `every` records.
 */
async function* scanState<R>(
  http: HttpClient,
  o: { stream: string; state: StreamState; orderState: OrderState; pageSize: number; every: number; stamp: (x: Order) => string; toRecord: (x: Order) => R },
): AsyncGenerator<ReadMessage<R>> {
  const cs = readCursorState(o.state, 0);
  const all: Array<{ order: Order; ms: number }> = [];
  for (let page = 1; ; page++) {
    const rows = await listOrdersRaw(http, { state: o.orderState, page, limit: o.pageSize });
    for (const r of rows) {
      if (r.ok) all.push({ order: r.order, ms: toMs(o.stamp(r.order)) });
      else yield { type: 'recordError', stream: o.stream, key: (r.raw as { id?: string })?.id, error: r.error, raw: r.raw };
    }
    if (rows.length < o.pageSize) break;
  }
  all.sort((a, b) => compareCursor({ updatedAtMs: a.ms, id: a.order.channelOrderId }, { updatedAtMs: b.ms, id: b.order.channelOrderId }));
  let count = 0;
  let high = cs.cursor;
  for (const { order, ms } of all) {
    const cur = { updatedAt: o.stamp(order), updatedAtMs: ms, id: order.channelOrderId };
    if (cs.cursor && compareCursor(cur, cs.cursor) <= 0) continue;
    high = cur;
    count++;
    yield { type: 'record', stream: o.stream, key: order.channelOrderId, record: o.toRecord(order) };
    if (count === o.every) {
      yield { type: 'checkpoint', stream: o.stream, state: { cursor: high, lookbackSeconds: 0 }, count };
      count = 0;
    }
  }
  yield { type: 'checkpoint', stream: o.stream, state: { cursor: high, lookbackSeconds: 0 }, count };
}

export function readOrders(http: HttpClient, state: StreamState, pageSize: number, options?: ReadOptions): AsyncGenerator<ReadMessage<Order>> {
  return scanState(http, { stream: 'orders', state, orderState: 'CREATED', pageSize: Math.min(options?.pageSize ?? pageSize, 1000), every: Math.min(options?.pageSize ?? pageSize, 1000), stamp: (x) => x.createdAt, toRecord: (x) => x });
}

/** Cancelled orders (NOT_FULFILLED = refunded) as canonical return records; CDON has no returns API. */
export function readCancellations(http: HttpClient, state: StreamState, pageSize: number, options?: ReadOptions): AsyncGenerator<ReadMessage<ReturnRecord>> {
  return scanState(http, {
    stream: 'returns',
    state,
    orderState: 'NOT_FULFILLED',
    pageSize: Math.min(options?.pageSize ?? pageSize, 1000),
    every: 50,
    stamp: (x) => x.updatedAt ?? x.createdAt,
    toRecord: (x): ReturnRecord => ({
      channelOrderId: x.channelOrderId,
      kind: 'cancellation',
      reason: 'cancelled on CDON (NOT_FULFILLED: customer refunded)',
      detectedAt: x.updatedAt ?? x.createdAt,
      lines: x.lines.map((l) => ({ sku: l.sku, quantity: l.quantity })),
    }),
  });
}
