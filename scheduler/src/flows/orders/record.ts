/**
 * Channel orders between the canonical Order and the Order rows: what is stored
 * (personal data in its erasable column) and how the canonical record the
 * mapping reads is rebuilt from the rows.
 */
import Decimal from 'decimal.js';
import type { Order } from '@megzo/domain';
import type { ImportOrderInput } from '@megzo/db/repositories/orders.repo';
import type { Db } from '../../engine/db.ts';

export interface PersonalData {
  customer: Order['customer'];
  shipTo: Order['shipTo'];
  customerOrderId?: string;
}

export function toImportInput(o: Order, key: { tenantId: string; integrationId: string; connectionId: string }): ImportOrderInput {
  const personal: PersonalData = { customer: o.customer, shipTo: o.shipTo, customerOrderId: o.customerOrderId };
  return {
    ...key,
    channelOrderId: o.channelOrderId,
    market: o.market,
    status: o.status,
    currency: o.currency,
    totalNet: o.totalNet,
    totalVat: o.totalVat,
    totalGross: new Decimal(o.totalNet).plus(o.totalVat).toFixed(2),
    personalData: personal,
    channelCreatedAt: new Date(o.createdAt),
    deadlineAt: o.fulfilmentDeadline ? new Date(o.fulfilmentDeadline) : null,
    lines: o.lines.map((l) => ({
      lineId: l.lineId,
      sku: l.sku,
      title: l.title ?? null,
      quantity: l.quantity,
      netAmount: l.netAmount,
      vatAmount: l.vatAmount,
      vatRate: l.vatRate,
      currency: l.currency,
    })),
  };
}

type OrderRow = Awaited<ReturnType<typeof loadOrder>>;

export async function loadOrder(db: Db, id: string) {
  return db.order.findUniqueOrThrow({ where: { id }, include: { lines: true } });
}

/** The canonical Order again (for the sales-order mapping); personal data must still be there. */
export function toCanonical(row: NonNullable<OrderRow>): Order | null {
  const p = row.personalData as PersonalData | null;
  if (!p) return null;
  return {
    channelOrderId: row.channelOrderId,
    customerOrderId: p.customerOrderId,
    market: row.market as Order['market'],
    status: row.status as Order['status'],
    createdAt: (row.channelCreatedAt ?? row.createdAt).toISOString(),
    fulfilmentDeadline: row.deadlineAt?.toISOString(),
    currency: row.currency as Order['currency'],
    lines: row.lines.map((l) => ({
      lineId: l.lineId,
      sku: l.sku,
      title: l.title ?? undefined,
      quantity: l.quantity,
      netAmount: new Decimal(l.netAmount.toString()).toFixed(2),
      vatAmount: new Decimal(l.vatAmount.toString()).toFixed(2),
      vatRate: new Decimal(l.vatRate.toString()).toString(),
      currency: l.currency as Order['currency'],
    })),
    totalNet: new Decimal(row.totalNet.toString()).toFixed(2),
    totalVat: new Decimal(row.totalVat.toString()).toFixed(2),
    customer: p.customer,
    shipTo: p.shipTo,
    tracking: [],
  };
}
