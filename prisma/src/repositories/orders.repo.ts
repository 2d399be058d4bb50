/**
 * Channel orders (DESIGN.md invariant 1): one row per (tenant, connection, channel
 * order id), whatever the retries, replays or concurrent workers. The import is an
 * insert that loses gracefully to the unique key; the ERP sales order id is set at
 * most once. Personal data is kept in one erasable JSON column.
 */
import { Prisma, type Db, type Order, type OrderEvent, type OrderLine, type PrismaClient } from '../client.ts';
import { ConflictError, isUniqueViolation, jsonOrNull, NotFoundError } from './errors.ts';

export interface ImportOrderLine {
  lineId: string;
  sku: string;
  title?: string | null;
  quantity: number;
  netAmount: string;
  vatAmount: string;
  vatRate: string;
  currency: string;
}

export interface ImportOrderInput {
  tenantId: string;
  integrationId: string;
  /** The channel connection the order came from. */
  connectionId: string;
  channelOrderId: string;
  market: string;
  status?: string;
  currency: string;
  totalNet: string;
  totalVat: string;
  totalGross: string;
  /** Customer name / address / email / phone: erasable. */
  personalData?: unknown;
  channelCreatedAt?: Date | null;
  deadlineAt?: Date | null;
  lines: readonly ImportOrderLine[];
  /**
   * Hold each line's units in StockReservation (released when the order is in the ERP),
   * in the same transaction as the order: a crash cannot leave an order unreserved.
   */
  reserveStock?: boolean;
}

export interface ImportOrderResult {
  order: Order & { lines: OrderLine[] };
  /** False when the order was already there (a replay or a concurrent import). */
  created: boolean;
}

const DECIMAL = /^-?\d+(\.\d+)?$/;

function validate(input: ImportOrderInput): void {
  const req = ['tenantId', 'integrationId', 'connectionId', 'channelOrderId', 'market', 'currency'] as const;
  for (const f of req) if (!input[f]) throw new RangeError(`order ${f} must not be empty`);
  for (const f of ['totalNet', 'totalVat', 'totalGross'] as const) {
    if (!DECIMAL.test(input[f])) throw new RangeError(`order ${f} must be a decimal string, got "${input[f]}"`);
  }
  if (input.lines.length === 0) throw new RangeError('order lines must not be empty');
  input.lines.forEach((l, i) => {
    if (!l.lineId) throw new RangeError(`lines[${i}].lineId must not be empty`);
    if (!l.sku) throw new RangeError(`lines[${i}].sku must not be empty`);
    if (!Number.isInteger(l.quantity) || l.quantity <= 0) throw new RangeError(`lines[${i}].quantity must be a positive integer`);
    for (const f of ['netAmount', 'vatAmount', 'vatRate'] as const) {
      if (!DECIMAL.test(l[f])) throw new RangeError(`lines[${i}].${f} must be a decimal string, got "${l[f]}"`);
    }
  });
}

function uniqueKey(input: Pick<ImportOrderInput, 'tenantId' | 'connectionId' | 'channelOrderId'>) {
  return { tenantId_connectionId_channelOrderId: { tenantId: input.tenantId, connectionId: input.connectionId, channelOrderId: input.channelOrderId } };
}

/**
 * Insert the order with its lines and an 'imported' timeline event, or return the
 * existing row. Safe under any number of concurrent calls with the same key.
 */
export async function importOrder(prisma: PrismaClient, input: ImportOrderInput): Promise<ImportOrderResult> {
  validate(input);
  const existing = await prisma.order.findUnique({ where: uniqueKey(input), include: { lines: true } });
  if (existing) return { order: existing, created: false };
  try {
    // One statement with nested writes: Prisma runs it as one transaction, with no
    // interactive-transaction wait that could time out under load.
    const order = await prisma.order.create({
      data: {
        tenantId: input.tenantId,
        integrationId: input.integrationId,
        connectionId: input.connectionId,
        channelOrderId: input.channelOrderId,
        market: input.market,
        status: input.status ?? 'created',
        currency: input.currency,
        totalNet: input.totalNet,
        totalVat: input.totalVat,
        totalGross: input.totalGross,
        personalData: jsonOrNull(input.personalData),
        channelCreatedAt: input.channelCreatedAt ?? null,
        deadlineAt: input.deadlineAt ?? null,
        lines: { create: input.lines.map((l) => ({ ...l, title: l.title ?? null })) },
        events: { create: { type: 'imported', message: `Order ${input.channelOrderId} imported from the channel` } },
        ...(input.reserveStock
          ? { reservations: { create: input.lines.map((l) => ({ tenantId: input.tenantId, sku: l.sku, quantity: l.quantity })) } }
          : {}),
      },
      include: { lines: true },
    });
    return { order, created: true };
  } catch (e) {
    if (!isUniqueViolation(e)) throw e;
    const winner = await prisma.order.findUnique({ where: uniqueKey(input), include: { lines: true } });
    if (!winner) throw e;
    return { order: winner, created: false };
  }
}

/** Units of `skus` held by the tenant's orders that are not yet released. */
export async function reservedUnits(db: Db, tenantId: string, skus?: readonly string[]): Promise<Map<string, number>> {
  const rows = await db.stockReservation.groupBy({
    by: ['sku'],
    where: { tenantId, releasedAt: null, ...(skus ? { sku: { in: [...skus] } } : {}) },
    _sum: { quantity: true },
  });
  return new Map(rows.map((r) => [r.sku, r._sum.quantity ?? 0]));
}

/** Release the order's reservations (its sales order is in the ERP, or it was cancelled). */
export async function releaseReservations(db: Db, orderId: string, now = new Date()): Promise<number> {
  const r = await db.stockReservation.updateMany({ where: { orderId, releasedAt: null }, data: { releasedAt: now } });
  return r.count;
}

export async function findOrderByChannelId(db: Db, key: { tenantId: string; connectionId: string; channelOrderId: string }): Promise<Order | null> {
  return db.order.findUnique({ where: uniqueKey(key) });
}

export async function addOrderEvent(
  db: Db,
  orderId: string,
  event: { type: string; message: string; data?: unknown; at?: Date },
): Promise<OrderEvent> {
  if (!event.type) throw new RangeError('order event type must not be empty');
  return db.orderEvent.create({
    data: { orderId, type: event.type, message: event.message, data: jsonOrNull(event.data), ...(event.at ? { at: event.at } : {}) },
  });
}

/** The order's timeline, oldest first. */
export async function orderTimeline(db: Db, orderId: string): Promise<OrderEvent[]> {
  return db.orderEvent.findMany({ where: { orderId }, orderBy: [{ at: 'asc' }, { id: 'asc' }] });
}

/**
 * Record the ERP sales order created for this order. Set at most once: a second call
 * with the same id is a no-op; with a different id it is a ConflictError (that would
 * be a duplicate ERP order).
 */
export async function setErpSalesOrder(
  db: Db,
  orderId: string,
  erp: { erpSalesOrderId: string; erpReference?: string | null },
): Promise<Order> {
  await db.order.updateMany({
    where: { id: orderId, erpSalesOrderId: null },
    data: { erpSalesOrderId: erp.erpSalesOrderId, ...(erp.erpReference !== undefined ? { erpReference: erp.erpReference } : {}) },
  });
  const order = await db.order.findUnique({ where: { id: orderId } });
  if (!order) throw new NotFoundError('Order', 'id', orderId);
  if (order.erpSalesOrderId !== erp.erpSalesOrderId) {
    throw new ConflictError(
      `order ${order.channelOrderId} is already linked to ERP sales order ${order.erpSalesOrderId}`,
      'erpSalesOrderId',
      'ERP_ORDER_ALREADY_SET',
    );
  }
  return order;
}

export async function updateOrderStatus(
  db: Db,
  orderId: string,
  status: string,
  stamps: { acceptedAt?: Date; completedAt?: Date } = {},
): Promise<Order> {
  const data: Prisma.OrderUpdateInput = { status, ...stamps };
  return db.order.update({ where: { id: orderId }, data });
}

/** Erase one order's personal data (GDPR request). */
export async function erasePersonalData(db: Db, tenantId: string, orderId: string, now = new Date()): Promise<void> {
  const r = await db.order.updateMany({ where: { id: orderId, tenantId }, data: { personalData: jsonOrNull(null), personalDataPurgedAt: now } });
  if (r.count === 0) throw new NotFoundError('Order', 'id', orderId);
}

/** Order-event types whose data the engine writes without personal data (ids, deadlines); kept by the purge. */
const NON_PERSONAL_EVENT_TYPES = ['imported', 'deadline', 'erp-created', 'acknowledged', 'shipment-created', 'shipped', 'return-reconciled'];
/** What a purged SyncRunItem.payloadExcerpt becomes. */
const REDACTED_EXCERPT = { redacted: true };

/**
 * Erase personal data of the tenant's orders whose retention has run out: retentionDays
 * after the order completed (completedAt: fulfilled, cancelled or returned; a cancelled or
 * returned order without completedAt counts from its last update). Orders that never
 * completed are kept. Also clears what was copied from those orders into order-event data
 * (other than the engine's id/deadline events) and into their run items' payload excerpts.
 * Idempotent and crash-safe: the order is marked purged last. Returns how many orders
 * and run items were purged.
 */
export async function purgeExpiredPersonalData(db: Db, tenantId: string, now = new Date()): Promise<{ orders: number; runItems: number }> {
  const tenant = await db.tenant.findUnique({ where: { id: tenantId }, select: { retentionDays: true } });
  if (!tenant) throw new NotFoundError('Tenant', 'id', tenantId);
  const cutoff = new Date(now.getTime() - tenant.retentionDays * 86_400_000);
  const expired = await db.order.findMany({
    where: {
      tenantId,
      personalDataPurgedAt: null,
      OR: [{ completedAt: { lt: cutoff } }, { completedAt: null, status: { in: ['cancelled', 'returned'] }, updatedAt: { lt: cutoff } }],
    },
    select: { id: true, channelOrderId: true },
  });
  if (expired.length === 0) return { orders: 0, runItems: 0 };
  const ids = expired.map((o) => o.id);
  await db.orderEvent.updateMany({
    where: { orderId: { in: ids }, type: { notIn: NON_PERSONAL_EVENT_TYPES }, data: { not: Prisma.DbNull } },
    data: { data: Prisma.DbNull },
  });
  const items = await db.syncRunItem.updateMany({
    where: { recordKey: { in: expired.map((o) => o.channelOrderId) }, payloadExcerpt: { not: Prisma.DbNull }, run: { tenantId } },
    data: { payloadExcerpt: REDACTED_EXCERPT },
  });
  const r = await db.order.updateMany({
    where: { id: { in: ids }, personalDataPurgedAt: null },
    data: { personalData: jsonOrNull(null), personalDataPurgedAt: now },
  });
  return { orders: r.count, runItems: items.count };
}
