/**
 * The canonical model: what flows pass between connectors. Connectors turn vendor
 * records into these shapes (read) and take mapped payloads back (write).
 */
import { z } from 'zod';
import { Currency, DecimalString, Market, Money } from './money.ts';

export const Product = z.object({
  /** The ERP's item code: the internal identity of a product everywhere. */
  sku: z.string().min(1),
  name: z.string(),
  description: z.string().optional(),
  ean: z.string().optional(),
  brand: z.string().optional(),
  categoryCode: z.string().optional(),
  unit: z.string().optional(),
  /** Net (ex-VAT) price in the ERP's currency. */
  netPrice: DecimalString,
  grossPrice: DecimalString.optional(),
  currency: Currency,
  vatCode: z.string().optional(),
  /** VAT rate as a percentage string, e.g. "21.00". */
  vatRate: DecimalString,
  imageUrl: z.string().optional(),
  images: z.array(z.string()).default([]),
  weightKg: DecimalString.optional(),
  active: z.boolean().default(true),
  updatedAt: z.string(),
  /** The raw vendor record, for mapping rules that need a field the model lacks. */
  raw: z.record(z.string(), z.unknown()).optional(),
});
export type Product = z.infer<typeof Product>;

export const StockLevel = z.object({
  sku: z.string(),
  warehouse: z.string(),
  /** Units that can be sold (on hand − reserved in the ERP). */
  available: z.number().int(),
  onHand: z.number().int().optional(),
  updatedAt: z.string(),
});
export type StockLevel = z.infer<typeof StockLevel>;

/** A listing on one channel market: what the catalog flow publishes. */
export const Offer = z.object({
  sku: z.string(),
  market: Market,
  price: Money,
  vatRate: DecimalString.optional(),
  quantity: z.number().int().nonnegative().optional(),
  status: z.enum(['for sale', 'paused']).default('for sale'),
});
export type Offer = z.infer<typeof Offer>;

export const Address = z.object({
  name: z.string(),
  company: z.string().optional(),
  street: z.string(),
  street2: z.string().optional(),
  postalCode: z.string(),
  city: z.string(),
  country: z.string(),
  phone: z.string().optional(),
  email: z.string().optional(),
});
export type Address = z.infer<typeof Address>;

export const OrderStatus = z.enum(['created', 'accepted', 'fulfilled', 'cancelled', 'returned']);
export type OrderStatus = z.infer<typeof OrderStatus>;

export const OrderLine = z.object({
  lineId: z.string(),
  sku: z.string(),
  title: z.string().optional(),
  quantity: z.number().int().positive(),
  /** Net amount for all units of the line. */
  netAmount: DecimalString,
  vatAmount: DecimalString,
  /** VAT rate as a fraction string, e.g. "0.25". */
  vatRate: DecimalString,
  currency: Currency,
});
export type OrderLine = z.infer<typeof OrderLine>;

/** A channel order in canonical form. */
export const Order = z.object({
  channelOrderId: z.string(),
  customerOrderId: z.string().optional(),
  market: Market,
  status: OrderStatus,
  createdAt: z.string(),
  updatedAt: z.string().optional(),
  fulfilmentDeadline: z.string().optional(),
  currency: Currency,
  lines: z.array(OrderLine).min(1),
  totalNet: DecimalString,
  totalVat: DecimalString,
  customer: Address,
  shipTo: Address,
  tracking: z.array(z.object({ trackingNumber: z.string(), carrier: z.string().nullable().optional() })).default([]),
  raw: z.record(z.string(), z.unknown()).optional(),
});
export type Order = z.infer<typeof Order>;

export const Shipment = z.object({
  awb: z.string(),
  carrier: z.string(),
  labelPdfBase64: z.string().optional(),
  trackingUrl: z.string().optional(),
  status: z.string().optional(),
  events: z.array(z.object({ at: z.string(), code: z.string().optional(), description: z.string() })).default([]),
});
export type Shipment = z.infer<typeof Shipment>;

export const Invoice = z.object({
  externalId: z.string(),
  series: z.string(),
  number: z.string(),
  issueDate: z.string(),
  currency: Currency,
  totalNet: DecimalString,
  totalVat: DecimalString,
  totalGross: DecimalString,
  salesOrderId: z.string().optional(),
  externalRef: z.string().optional(),
});
export type Invoice = z.infer<typeof Invoice>;

export const ReturnRecord = z.object({
  channelOrderId: z.string(),
  kind: z.enum(['cancellation', 'refund', 'return']),
  reason: z.string().optional(),
  detectedAt: z.string(),
  lines: z.array(z.object({ sku: z.string(), quantity: z.number().int().positive() })).default([]),
});
export type ReturnRecord = z.infer<typeof ReturnRecord>;
