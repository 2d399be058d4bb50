/** Charisma write operations and lookups (partners, sales orders, invoices, returns). */
import { RecordError, SystemError } from '@megzo/domain';
import { z } from 'zod';
import {
  PartnerInput,
  ReturnInput,
  SalesOrderInput,
  type ErpInvoicePdf,
  type ErpInvoiceSummary,
  type ErpPartner,
  type ErpReturn,
  type ErpSalesOrder,
} from '../contract/kinds.ts';
import type { WriteOptions } from '../contract/types.ts';
import { validate } from '../kit/validate.ts';
import { Invoice, PATHS, Partner, ReturnCreated, SalesOrder } from './adapter-contract.ts';
import { SOURCE, type CharismaClient } from './client.ts';
import { toSummary } from './streams/invoices.ts';

function existingIdOf(e: unknown): string | undefined {
  const id = (e as { existingId?: unknown }).existingId;
  return typeof id === 'string' ? id : undefined;
}

const listOf = <T extends z.ZodType>(row: T) =>
  z.union([z.array(row), z.object({ items: z.array(row) }).loose().transform((e) => e.items)]);

function toSalesOrder(o: z.infer<typeof SalesOrder>): ErpSalesOrder {
  return {
    id: o.id,
    externalRef: o.externalRef,
    status: o.status,
    series: o.series,
    number: o.number,
    currency: o.currency,
    totals: o.totals,
    createdAt: o.createdAt,
  };
}

export async function findOrCreatePartner(client: CharismaClient, input: PartnerInput, options?: WriteOptions): Promise<ErpPartner> {
  const partner = validate(PartnerInput, input, { source: SOURCE, what: 'Partner', category: 'record', recordKey: input?.externalRef });
  const found = await client.get(PATHS.partners, listOf(Partner), { externalRef: partner.externalRef }, 'orders');
  const existing = found.find((p) => p.externalRef === partner.externalRef) ?? found[0];
  if (existing) return { id: existing.id, code: existing.code, externalRef: existing.externalRef ?? undefined, name: existing.name, created: false };
  const res = await client.http.request({
    method: 'POST',
    path: PATHS.partners,
    json: partner,
    schema: Partner,
    lane: 'orders',
    idempotencyKey: options?.idempotencyKey ?? `partner:${partner.externalRef}`,
    recordKey: partner.externalRef,
    what: 'Charisma partner response',
  });
  return { id: res.data.id, code: res.data.code, externalRef: partner.externalRef, name: res.data.name, created: res.status === 201 };
}

export async function findSalesOrderByExternalRef(client: CharismaClient, externalRef: string): Promise<ErpSalesOrder | null> {
  const found = await client.get(PATHS.salesOrders, listOf(SalesOrder), { externalRef }, 'orders');
  const match = found.filter((o) => o.externalRef === externalRef);
  if (match.length > 1) {
    throw new SystemError({ message: `Charisma holds ${match.length} sales orders with externalRef ${externalRef}`, code: 'DUPLICATE_ORDERS', source: SOURCE });
  }
  return match[0] ? toSalesOrder(match[0]) : null;
}

export async function getSalesOrder(client: CharismaClient, id: string): Promise<ErpSalesOrder> {
  return toSalesOrder(await client.get(PATHS.salesOrder(id), SalesOrder, undefined, 'orders'));
}

/**
 * Idempotent create: the same Idempotency-Key replays the original answer; the same
 * externalRef under another key (409 DUPLICATE_EXTERNAL_REF) resolves to the existing order.
 */
export async function createSalesOrder(client: CharismaClient, input: SalesOrderInput, options: WriteOptions & { idempotencyKey: string }): Promise<ErpSalesOrder> {
  const order = validate(SalesOrderInput, input, { source: SOURCE, what: 'Sales order', category: 'record', recordKey: input?.externalRef });
  try {
    const res = await client.http.request({
      method: 'POST',
      path: PATHS.salesOrders,
      json: order,
      schema: SalesOrder,
      lane: 'orders',
      idempotencyKey: options.idempotencyKey,
      recordKey: order.externalRef,
      what: 'Charisma sales order response',
      signal: options.signal,
    });
    return toSalesOrder(res.data);
  } catch (e) {
    if (e instanceof RecordError && e.code === 'DUPLICATE_EXTERNAL_REF') {
      const existingId = existingIdOf(e);
      if (existingId) return getSalesOrder(client, existingId);
      const found = await findSalesOrderByExternalRef(client, order.externalRef);
      if (found) return found;
    }
    throw e;
  }
}

export async function cancelSalesOrder(client: CharismaClient, id: string, reason: string): Promise<ErpSalesOrder> {
  const res = await client.http.request({
    method: 'POST',
    path: PATHS.cancelSalesOrder(id),
    json: { reason },
    lane: 'orders',
    retry: 'safe', // cancelling twice leaves it cancelled
    recordKey: id,
  });
  const parsed = SalesOrder.safeParse(res.data);
  return parsed.success ? toSalesOrder(parsed.data) : getSalesOrder(client, id);
}

export async function setSalesOrderShipment(
  client: CharismaClient,
  id: string,
  shipment: { carrier: string; awb: string; product?: string; shippedAt: string },
): Promise<void> {
  await client.http.request({ method: 'PUT', path: PATHS.shipment(id), json: shipment, lane: 'orders', retry: 'safe', recordKey: id });
}

export async function listInvoices(
  client: CharismaClient,
  filter: { salesOrderId?: string; type?: 'invoice' | 'credit_note'; originalInvoiceId?: string },
): Promise<ErpInvoiceSummary[]> {
  const rows = await client.get(PATHS.invoices, listOf(Invoice), { ...filter }, 'orders');
  return rows
    .filter((i) => (filter.salesOrderId ? i.salesOrderId === filter.salesOrderId : true) && (filter.type ? i.type === filter.type : true))
    .map(toSummary);
}

export async function getInvoicePdf(client: CharismaClient, invoiceId: string): Promise<ErpInvoicePdf> {
  const res = await client.http.request<Uint8Array>({ method: 'GET', path: PATHS.invoicePdf(invoiceId), responseType: 'bytes', lane: 'orders', recordKey: invoiceId });
  const bytes = res.data;
  const head = new TextDecoder().decode(bytes.subarray(0, 5));
  if (head !== '%PDF-') {
    throw new RecordError({ message: `Invoice ${invoiceId}: the ERP answered with something that is not a PDF`, code: 'NOT_A_PDF', source: SOURCE, recordKey: invoiceId });
  }
  const disposition = res.headers.get('content-disposition') ?? '';
  const filename = /filename="?([^";]+)"?/.exec(disposition)?.[1] ?? `${invoiceId}.pdf`;
  return { filename, contentType: res.headers.get('content-type') ?? 'application/pdf', bytes };
}

export async function createReturn(client: CharismaClient, input: ReturnInput, options: WriteOptions & { idempotencyKey: string }): Promise<ErpReturn> {
  const ret = validate(ReturnInput, input, { source: SOURCE, what: 'Return', category: 'record', recordKey: input?.externalRef });
  try {
    const res = await client.http.request({
      method: 'POST',
      path: PATHS.returns,
      json: ret,
      schema: ReturnCreated,
      lane: 'orders',
      idempotencyKey: options.idempotencyKey,
      recordKey: ret.externalRef,
      what: 'Charisma return response',
    });
    return { id: res.data.id, status: res.data.status };
  } catch (e) {
    const existingId = existingIdOf(e);
    if (e instanceof RecordError && e.code === 'DUPLICATE_EXTERNAL_REF' && existingId) return { id: existingId, status: 'registered' };
    throw e;
  }
}
