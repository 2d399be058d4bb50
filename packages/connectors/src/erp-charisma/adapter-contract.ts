/**
 * EVERY assumption about the Charisma adapter lives in this file (charisma-erp.md §7 is
 * ASSUMED: no public Charisma API exists). When the customer's implementation partner
 * confirms the real binding, change paths, field names and codes here only.
 */
import { z } from 'zod';

export const CHARISMA_API_PATH = '/api/v1';

export const PATHS = {
  token: '/oauth/token',
  company: '/company',
  vatCodes: '/vat-codes',
  items: '/items',
  item: (code: string) => `/items/${encodeURIComponent(code)}`,
  prices: (priceList: string) => `/price-lists/${encodeURIComponent(priceList)}/prices`,
  stock: '/stock',
  partners: '/partners',
  salesOrders: '/sales-orders',
  salesOrder: (id: string) => `/sales-orders/${encodeURIComponent(id)}`,
  cancelSalesOrder: (id: string) => `/sales-orders/${encodeURIComponent(id)}/cancel`,
  shipment: (id: string) => `/sales-orders/${encodeURIComponent(id)}/shipment`,
  invoices: '/invoices',
  invoicePdf: (id: string) => `/invoices/${encodeURIComponent(id)}/pdf`,
  returns: '/returns',
} as const;

/** Max page size of list endpoints (§7.1). */
export const MAX_PAGE_SIZE = 500;

/** Headers (§7.1). */
export const HEADERS = { idempotencyKey: 'Idempotency-Key', apiKey: 'X-Api-Key', company: 'X-Company' } as const;

/** Error codes of the envelope and what they mean for us (§7.1). */
export const ERROR_CATEGORY: Record<string, 'configuration' | 'transient' | 'record' | 'refresh'> = {
  UNAUTHENTICATED: 'configuration',
  TOKEN_EXPIRED: 'refresh',
  FORBIDDEN: 'configuration',
  NOT_FOUND: 'record',
  ITEM_NOT_FOUND: 'record',
  VALIDATION_FAILED: 'record',
  DUPLICATE_EXTERNAL_REF: 'record',
  INSUFFICIENT_STOCK: 'record',
  PERIOD_CLOSED: 'record',
  ALREADY_INVOICED: 'record',
  PDF_NOT_READY: 'transient',
  RATE_LIMITED: 'transient',
  ERP_UNAVAILABLE: 'transient',
  INTERNAL: 'transient',
};

export const ErrorEnvelope = z.object({
  error: z.object({
    code: z.string(),
    message: z.string().optional(),
    details: z.array(z.object({ field: z.string().optional(), issue: z.string().optional() }).loose()).optional(),
    requestId: z.string().optional(),
    existingId: z.string().optional(),
  }).loose(),
}).loose();

export const TokenResponse = z.object({
  access_token: z.string().min(1),
  token_type: z.string().optional(),
  expires_in: z.coerce.number().positive().default(3600),
});

export const Company = z.object({ cif: z.string(), name: z.string(), baseCurrency: z.string().optional() }).loose();

/** Money/quantities are decimal strings (§7.1); tolerate numbers defensively. */
const Dec = z.union([z.string().regex(/^-?\d+(\.\d+)?$/), z.number().transform((n) => String(n))]);

export const PageEnvelope = z.object({
  items: z.array(z.unknown()),
  page: z.coerce.number().int(),
  pageSize: z.coerce.number().int().optional(),
  total: z.coerce.number().int().optional(),
  hasMore: z.boolean(),
});

export const VatCode = z.object({
  code: z.string(),
  rate: Dec,
  category: z.string().optional(),
  countryCode: z.string().optional(),
  validFrom: z.string().nullable().optional(),
  validTo: z.string().nullable().optional(),
}).loose();

export const Item = z.object({
  code: z.string().min(1),
  name: z.string(),
  ean: z.string().nullable().optional(),
  unit: z.string().optional(),
  type: z.enum(['goods', 'service', 'shipping_fee', 'discount']).optional(),
  vatCode: z.string().optional(),
  active: z.boolean().default(true),
  brand: z.string().nullable().optional(),
  weightKg: Dec.nullable().optional(),
  hsCode: z.string().nullable().optional(),
  countryOfOrigin: z.string().nullable().optional(),
  updatedAt: z.string().min(1),
}).loose();
export type Item = z.infer<typeof Item>;

export const Price = z.object({
  itemCode: z.string().min(1),
  currency: z.string(),
  price: Dec,
  vatCode: z.string().optional(),
  priceInclVat: Dec.optional(),
  validFrom: z.string().nullable().optional(),
  validTo: z.string().nullable().optional(),
  updatedAt: z.string().min(1),
}).loose();
export type Price = z.infer<typeof Price>;

export const Stock = z.object({
  itemCode: z.string().min(1),
  warehouse: z.string(),
  onHand: Dec,
  reserved: Dec.optional(),
  available: Dec,
  updatedAt: z.string().min(1),
}).loose();
export type Stock = z.infer<typeof Stock>;

export const Partner = z.object({ id: z.string(), code: z.string().optional(), externalRef: z.string().nullable().optional(), name: z.string() }).loose();

export const SalesOrder = z.object({
  id: z.string(),
  series: z.string().optional(),
  number: z.string().optional(),
  status: z.string(),
  externalRef: z.string(),
  currency: z.string().optional(),
  totals: z.object({ net: Dec, vat: Dec, gross: Dec }).optional(),
  createdAt: z.string().optional(),
}).loose();

export const Invoice = z.object({
  id: z.string(),
  type: z.enum(['invoice', 'credit_note']),
  series: z.string(),
  number: z.string(),
  issueDate: z.string(),
  status: z.string(),
  salesOrderId: z.string().nullable().optional(),
  externalRef: z.string().nullable().optional(),
  currency: z.string(),
  totals: z.object({ net: Dec, vat: Dec, gross: Dec }),
  pdfAvailable: z.boolean().default(false),
  updatedAt: z.string(),
  originalInvoice: z.object({ series: z.string(), number: z.string() }).loose().nullable().optional(),
}).loose();
export type Invoice = z.infer<typeof Invoice>;

export const ReturnDoc = z.object({
  id: z.string(),
  externalRef: z.string(),
  salesOrderId: z.string(),
  invoiceId: z.string().nullable().optional(),
  reason: z.string().optional(),
  status: z.enum(['registered', 'received', 'credited', 'rejected']),
  creditNoteId: z.string().nullable().optional(),
  updatedAt: z.string(),
}).loose();
export type ReturnDoc = z.infer<typeof ReturnDoc>;

export const ReturnCreated = z.object({ id: z.string(), status: z.string() }).loose();

/** §7.5: cancel reasons accepted by the adapter. */
export const CANCEL_REASONS = ['customer_cancelled', 'out_of_stock', 'channel_cancelled', 'other'] as const;
