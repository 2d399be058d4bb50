/** `invoices` and `creditNotes` (storno), read-only: the platform never issues a fiscal document. */
import Decimal from 'decimal.js';
import { Currency, RecordError, type Invoice as CanonicalInvoice } from '@megzo/domain';
import type { ReadMessage, ReadOptions, StreamState } from '../../contract/types.ts';
import type { ErpInvoiceSummary } from '../../contract/kinds.ts';
import { incrementalRead } from '../../kit/incremental.ts';
import { Invoice, PATHS, ReturnDoc } from '../adapter-contract.ts';
import { SOURCE, type CharismaClient } from '../client.ts';

const d2 = (v: string) => new Decimal(v).toFixed(2);

export function toCanonicalInvoice(i: Invoice): CanonicalInvoice | RecordError {
  const currency = Currency.safeParse(i.currency);
  if (!currency.success) {
    return new RecordError({ message: `Invoice ${i.id}: unsupported currency ${i.currency}`, code: 'UNSUPPORTED_CURRENCY', path: 'currency', source: SOURCE, recordKey: i.id });
  }
  return {
    externalId: i.id,
    series: i.series,
    number: i.number,
    issueDate: i.issueDate,
    currency: currency.data,
    totalNet: d2(i.totals.net),
    totalVat: d2(i.totals.vat),
    totalGross: d2(i.totals.gross),
    salesOrderId: i.salesOrderId ?? undefined,
    externalRef: i.externalRef ?? undefined,
  };
}

export function toSummary(i: Invoice): ErpInvoiceSummary {
  return {
    id: i.id,
    type: i.type,
    series: i.series,
    number: i.number,
    issueDate: i.issueDate,
    status: i.status,
    salesOrderId: i.salesOrderId,
    externalRef: i.externalRef,
    currency: i.currency,
    totals: { net: d2(i.totals.net), vat: d2(i.totals.vat), gross: d2(i.totals.gross) },
    pdfAvailable: i.pdfAvailable,
    updatedAt: i.updatedAt,
  };
}

export function readInvoices(
  client: CharismaClient,
  stream: 'invoices' | 'creditNotes',
  state: StreamState,
  options?: ReadOptions,
): AsyncGenerator<ReadMessage<CanonicalInvoice>> {
  const type = stream === 'invoices' ? 'invoice' : 'credit_note';
  return incrementalRead<Invoice, CanonicalInvoice>({
    stream,
    state,
    defaultLookbackSeconds: client.config.lookbackSeconds,
    pages: (since, startPage) =>
      client.pages(PATHS.invoices, { type, updatedSince: since }, Invoice, {
        pageSize: Math.min(options?.pageSize ?? client.config.pageSize, 500),
        lane: 'orders',
        what: 'Charisma invoice',
        signal: options?.signal,
        startPage,
      }),
    cursorOf: (i) => ({ updatedAt: i.updatedAt, id: i.id }),
    include: (i) => i.type === type,
    toRecord: toCanonicalInvoice,
  });
}

/** `returns`: returns registered in the ERP and their progress (registered → received → credited | rejected). */
export function readReturns(client: CharismaClient, state: StreamState, options?: ReadOptions): AsyncGenerator<ReadMessage<ReturnDoc>> {
  return incrementalRead<ReturnDoc, ReturnDoc>({
    stream: 'returns',
    state,
    defaultLookbackSeconds: client.config.lookbackSeconds,
    pages: (since, startPage) =>
      client.pages(PATHS.returns, { updatedSince: since }, ReturnDoc, {
        pageSize: Math.min(options?.pageSize ?? client.config.pageSize, 500),
        lane: 'orders',
        what: 'Charisma return',
        signal: options?.signal,
        startPage,
      }),
    cursorOf: (r) => ({ updatedAt: r.updatedAt, id: r.id }),
    toRecord: (r) => r,
  });
}
