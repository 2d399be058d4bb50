/**
 * Kind-level interfaces: flows depend on these, never on a vendor.
 * Payload types are vendor-neutral; each connector validates them with zod and
 * answers bad input with a RecordError naming the offending field.
 */
import { z } from 'zod';
import { DecimalString, Market } from '@megzo/domain';
import type { Order, Shipment } from '@megzo/domain';
import type { ConnectorInstance, WriteOptions, WriteResult } from './types.ts';

// ---------------------------------------------------------------- ERP

export const PartnerAddressInput = z.object({
  street: z.string().min(1),
  city: z.string().min(1),
  region: z.string().nullable().optional(),
  postalCode: z.string().min(1),
  country: z.string().length(2),
});

export const PartnerInput = z.object({
  externalRef: z.string().min(1),
  type: z.enum(['company', 'person']),
  name: z.string().min(1),
  cif: z.string().nullable().optional(),
  country: z.string().length(2),
  email: z.string().nullable().optional(),
  phone: z.string().nullable().optional(),
  address: PartnerAddressInput,
});
export type PartnerInput = z.infer<typeof PartnerInput>;

export interface ErpPartner {
  id: string;
  code?: string;
  externalRef?: string;
  name: string;
  created: boolean;
}

export const SalesOrderLineInput = z.object({
  lineNo: z.number().int().positive(),
  externalLineRef: z.string().optional(),
  itemCode: z.string().min(1),
  quantity: DecimalString,
  unit: z.string().optional(),
  unitPrice: DecimalString,
  vatCode: z.string().optional(),
  vatRate: DecimalString,
  discount: DecimalString.optional(),
});

export const SalesOrderInput = z.object({
  externalRef: z.string().min(1),
  channel: z.string().min(1),
  market: Market,
  orderDate: z.string().min(1),
  currency: z.string().length(3),
  pricesIncludeVat: z.boolean(),
  partner: z.object({ externalRef: z.string().min(1) }),
  shippingAddress: z.object({
    name: z.string().min(1),
    street: z.string().min(1),
    city: z.string().min(1),
    postalCode: z.string().min(1),
    country: z.string().min(2),
    phone: z.string().optional(),
  }),
  warehouse: z.string().optional(),
  lines: z.array(SalesOrderLineInput).min(1),
  shipping: z.object({ itemCode: z.string(), amount: DecimalString, vatCode: z.string().optional() }).optional(),
  fx: z.object({ source: z.string(), rateDate: z.string(), ronPerUnit: DecimalString }).optional(),
  notes: z.string().optional(),
});
export type SalesOrderInput = z.infer<typeof SalesOrderInput>;

export interface ErpSalesOrder {
  id: string;
  externalRef: string;
  status: string;
  series?: string;
  number?: string;
  currency?: string;
  totals?: { net: string; vat: string; gross: string };
  createdAt?: string;
}

export const ReturnInput = z.object({
  externalRef: z.string().min(1),
  salesOrderId: z.string().min(1),
  invoiceId: z.string().optional(),
  reason: z.enum(['customer_withdrawal', 'defective', 'wrong_item', 'not_delivered', 'other']),
  lines: z
    .array(z.object({ itemCode: z.string().min(1), quantity: DecimalString, restock: z.boolean(), warehouse: z.string().optional() }))
    .min(1),
  receivedAt: z.string().optional(),
});
export type ReturnInput = z.infer<typeof ReturnInput>;

export interface ErpReturn {
  id: string;
  status: string;
}

export interface ErpInvoicePdf {
  filename: string;
  contentType: string;
  bytes: Uint8Array;
}

/** ERP streams: `products`, `stockLevels`, `prices`, `invoices`, `creditNotes`. */
export interface ErpConnectorInstance extends ConnectorInstance {
  findOrCreatePartner(partner: PartnerInput, options?: WriteOptions): Promise<ErpPartner>;
  /** Find-before-create is the caller's job; this call is idempotent on `idempotencyKey` and `externalRef`. */
  createSalesOrder(order: SalesOrderInput, options: WriteOptions & { idempotencyKey: string }): Promise<ErpSalesOrder>;
  findSalesOrderByExternalRef(externalRef: string): Promise<ErpSalesOrder | null>;
  getSalesOrder(id: string): Promise<ErpSalesOrder>;
  cancelSalesOrder(id: string, reason: string): Promise<ErpSalesOrder>;
  setSalesOrderShipment(id: string, shipment: { carrier: string; awb: string; product?: string; shippedAt: string }): Promise<void>;
  listInvoices(filter: { salesOrderId?: string; type?: 'invoice' | 'credit_note'; originalInvoiceId?: string }): Promise<ErpInvoiceSummary[]>;
  /** Throws TransientError code PDF_NOT_READY while the ERP has not rendered it. */
  getInvoicePdf(invoiceId: string): Promise<ErpInvoicePdf>;
  createReturn(input: ReturnInput, options: WriteOptions & { idempotencyKey: string }): Promise<ErpReturn>;
}

export interface ErpInvoiceSummary {
  id: string;
  type: 'invoice' | 'credit_note';
  series: string;
  number: string;
  issueDate: string;
  status: string;
  salesOrderId?: string | null;
  externalRef?: string | null;
  currency: string;
  totals: { net: string; vat: string; gross: string };
  pdfAvailable: boolean;
  updatedAt: string;
}

// ---------------------------------------------------------------- Marketplace

export interface ArticleBatchResult {
  /** Batch ids returned by the marketplace (one per request sent). */
  batchIds: string[];
  /** One result per input record, keyed by SKU. `value` carries the batch id and, for creates, the article id. */
  results: WriteResult<{ batchId: string; articleId?: string; action: string }>[];
}

export interface ProcessingStatus {
  batchId?: string;
  sku: string;
  articleId?: string;
  action: string;
  status: 'pending' | 'ok' | 'failed';
  errorCodes: string[];
}

export interface PriceUpdate {
  sku: string;
  prices: Array<{ market: z.infer<typeof Market>; amountIncludingVat: string; currency: string; vatRate?: string }>;
}

export interface QuantityUpdate {
  sku: string;
  quantity: number;
}

export interface TrackingInput {
  trackingNumber: string;
  carrier?: string | null;
}

export interface OrderActionResult {
  orderId: string;
  /** true when the order was already in the target state (a repeated action). */
  alreadyDone: boolean;
}

/** Marketplace streams: `orders` (new orders as canonical Order), `returns` (cancellations). */
export interface MarketplaceConnectorInstance extends ConnectorInstance {
  /** Articles in the marketplace's own payload shape (produced by the pinned mapping). */
  createArticles(articles: Array<Record<string, unknown>>): Promise<ArticleBatchResult>;
  updateArticles(articles: Array<Record<string, unknown>>): Promise<ArticleBatchResult>;
  /** Creates SKUs not yet known (by `known`) and updates the rest. */
  upsertArticles(articles: Array<Record<string, unknown>>, known: (sku: string) => boolean): Promise<ArticleBatchResult>;
  updatePrices(updates: PriceUpdate[]): Promise<ArticleBatchResult>;
  updateQuantities(updates: QuantityUpdate[]): Promise<ArticleBatchResult>;
  deleteArticles(skus: string[]): Promise<ArticleBatchResult>;
  pollStatuses(batchIds: string[]): Promise<ProcessingStatus[]>;
  statusesBySku(skus: string[]): Promise<ProcessingStatus[]>;
  listOrders(query: { state?: string; page?: number; limit?: number }): Promise<Order[]>;
  getOrder(orderId: string): Promise<Order>;
  acceptOrder(orderId: string): Promise<OrderActionResult>;
  fulfilOrder(orderId: string, tracking: TrackingInput[]): Promise<OrderActionResult>;
  cancelOrder(orderId: string): Promise<OrderActionResult>;
}

// ---------------------------------------------------------------- Courier

export const ShipmentPartyInput = z.object({
  name: z.string().min(1),
  company: z.string().optional(),
  street: z.string().min(1),
  street2: z.string().optional(),
  postalCode: z.string().min(1),
  city: z.string().min(1),
  country: z.string().length(2),
  phone: z.string().min(1),
  email: z.string().optional(),
  vatNumber: z.string().optional(),
  business: z.boolean().default(false),
});

export const ShipmentInput = z.object({
  /** The channel order id: sent as customer reference, used to find an AWB after a lost response. */
  reference: z.string().min(1).max(35),
  plannedShipAt: z.string().min(1),
  productCode: z.string().min(1).max(3).optional(),
  receiver: ShipmentPartyInput,
  packages: z
    .array(z.object({ weightKg: z.number().positive(), lengthCm: z.number().positive().optional(), widthCm: z.number().positive().optional(), heightCm: z.number().positive().optional() }))
    .min(1),
  description: z.string().min(1).max(70),
  declaredValue: z.number().nonnegative().optional(),
  declaredValueCurrency: z.string().length(3).optional(),
  customsLines: z
    .array(z.object({ description: z.string().min(1), quantity: z.number().int().positive(), price: z.number().nonnegative(), hsCode: z.string().optional(), originCountry: z.string().length(2).optional(), weightKg: z.number().positive() }))
    .optional(),
  invoice: z.object({ number: z.string(), date: z.string() }).optional(),
  incoterm: z.string().default('DAP'),
});
export type ShipmentInput = z.input<typeof ShipmentInput>;

export interface CourierConnectorInstance extends ConnectorInstance {
  createShipment(input: ShipmentInput, options?: WriteOptions): Promise<Shipment>;
  track(awb: string): Promise<Shipment>;
}

// ---------------------------------------------------------------- FX

/**
 * One rate in BNR semantics: `value` RON buys `multiplier` units of `currency`
 * (RON per unit = value ÷ multiplier), as a decimal string at full precision.
 */
export interface FxRate {
  currency: string;
  /** The rate's effective date (the feed's Cube date), YYYY-MM-DD. */
  date: string;
  value: string;
  multiplier: number;
  source: 'BNR' | 'ECB';
  /** The date asked for, when it differs from `date` (no fixing that day: last published rate used). */
  requestedDate?: string;
  /** Human-readable note, e.g. "RON cross-rate computed from the ECB EUR table". */
  note?: string;
}

/** FX stream: `rates` (one record per currency and date). */
export interface FxConnectorInstance extends ConnectorInstance {
  /** Rates for `date` (YYYY-MM-DD, default: latest). A day without a fixing falls back to the last published one and says so. */
  fetchRates(date?: string): Promise<FxRate[]>;
}
