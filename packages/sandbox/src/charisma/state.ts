import type { CharismaOptions } from './contract.ts';

export interface Item {
  code: string;
  name: string;
  ean: string | null;
  unit: string;
  type: 'goods' | 'service' | 'shipping_fee' | 'discount';
  vatCode: string;
  active: boolean;
  brand: string | null;
  description: string;
  category: { code: string; name: string; path: string; cdonCategoryId: number } | null;
  weightKg: string;
  dimensionsCm: { length: string; width: string; height: string } | null;
  hsCode: string | null;
  countryOfOrigin: string | null;
  imageUrl: string | null;
  priceNet: string;
  priceUpdatedAt: number;
  updatedAt: number;
}

/** Stock in thousandths of a unit (integers, no float drift). */
export interface StockRow {
  onHand: number;
  reserved: number;
  updatedAt: number;
}

export interface Partner {
  id: string;
  code: string;
  externalRef: string;
  type: 'company' | 'person';
  name: string;
  cif: string | null;
  country: string;
  email: string | null;
  phone: string | null;
  address: Record<string, unknown> | null;
  updatedAt: number;
}

export interface Totals {
  net: string;
  vat: string;
  gross: string;
}

export interface OrderLine {
  lineNo: number;
  externalLineRef: string | null;
  itemCode: string;
  description: string;
  quantityMilli: number;
  unit: string;
  unitPrice: string;
  vatCode: string;
  vatRate: string;
  discount: string;
  net: string;
  vat: string;
  gross: string;
}

export interface SalesOrder {
  id: string;
  series: string;
  number: string;
  status: string;
  externalRef: string;
  channel: string | null;
  market: string | null;
  orderDate: string;
  currency: string;
  pricesIncludeVat: boolean;
  partner: Record<string, unknown> | null;
  shippingAddress: Record<string, unknown> | null;
  warehouse: string;
  lines: OrderLine[];
  fx: Record<string, unknown> | null;
  notes: string | null;
  shipment: Record<string, unknown> | null;
  totals: Totals;
  createdAt: number;
  updatedAt: number;
  invoiceDueAt: number | null;
  invoiceId: string | null;
  delivered: boolean;
}

export interface Invoice {
  id: string;
  type: 'invoice' | 'credit_note';
  series: string;
  number: string;
  issueDate: string;
  status: 'issued' | 'cancelled';
  salesOrderId: string;
  externalRef: string;
  currency: string;
  fx: Record<string, unknown> | null;
  buyer: { name: string; country: string; cif: string | null };
  lines: Array<Record<string, unknown>>;
  totals: Totals;
  totalsRon: Totals;
  originalInvoice: { id: string; series: string; number: string; issueDate: string } | null;
  pdfReadyAt: number;
  pdf: Uint8Array | null;
  updatedAt: number;
}

export interface ReturnDoc {
  id: string;
  externalRef: string;
  salesOrderId: string;
  invoiceId: string | null;
  reason: string;
  status: 'registered' | 'received' | 'credited' | 'rejected';
  lines: Array<{ itemCode: string; quantityMilli: number; restock: boolean; warehouse: string }>;
  receivedAt: string | null;
  creditNoteId: string | null;
  createdAt: number;
  updatedAt: number;
}

export interface IdempotencyRecord {
  bodyHash: string;
  status: number;
  payload: string;
}

export interface CharismaState {
  options: CharismaOptions;
  items: Map<string, Item>;
  stock: Map<string, Map<string, StockRow>>;
  partners: Map<string, Partner>;
  partnersByRef: Map<string, Partner>;
  salesOrders: Map<string, SalesOrder>;
  ordersByRef: Map<string, SalesOrder>;
  invoices: Map<string, Invoice>;
  returns: Map<string, ReturnDoc>;
  returnsByRef: Map<string, ReturnDoc>;
  idempotency: Map<string, IdempotencyRecord>;
  tokens: Map<string, number>;
  /** Orders waiting for their automatic invoice. */
  pendingInvoices: Set<SalesOrder>;
  seq: { partner: number; order: number; invoice: number; creditNote: number; ret: number };
}

export function milliToStr(m: number): string {
  const sign = m < 0 ? '-' : '';
  const a = Math.abs(m);
  return `${sign}${Math.floor(a / 1000)}.${String(a % 1000).padStart(3, '0')}`;
}

export function strToMilli(s: string): number | null {
  if (!/^-?\d+(\.\d{1,3})?$/.test(s)) return null;
  const [i = '0', f = ''] = s.replace('-', '').split('.');
  const v = Number(i) * 1000 + Number(f.padEnd(3, '0'));
  return s.startsWith('-') ? -v : v;
}
