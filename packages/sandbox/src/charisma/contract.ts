/**
 * Every ASSUMED choice of the Charisma adapter contract (charisma-erp.md §7) lives here, so the
 * contract can change in one place. Nothing in this file is confirmed by TotalSoft.
 */
export const API_PREFIX = '/api/v1';
/** Token endpoint: `POST /oauth/token` relative to the adapter base `{charisma}/api/v1`. */
export const TOKEN_PATH = `${API_PREFIX}/oauth/token`;
export const API_KEY_HEADER = 'x-api-key';
/** Optional tenancy header naming the company CIF. */
export const COMPANY_HEADER = 'x-company';
export const DEFAULT_TOKEN_TTL_S = 3600;
export const MAX_PAGE_SIZE = 500;
export const DEFAULT_PAGE_SIZE = 200;

export const COMPANY = {
  cif: 'RO13845929', name: 'EXEMPLU DISTRIBUTIE SRL', tradeRegisterNo: 'J40/4125/2001',
  vatPayer: true, vatOnCollection: false, baseCurrency: 'RON', country: 'RO',
};

export interface VatCode {
  code: string;
  rate: string;
  category: string;
  countryCode: string;
  validFrom: string | null;
  validTo: string | null;
  description: string;
}

export const VAT_CODES: VatCode[] = [
  { code: 'S19', rate: '19.00', category: 'S', countryCode: 'RO', validFrom: null, validTo: '2025-07-31', description: 'TVA standard 19%' },
  { code: 'R9', rate: '9.00', category: 'S', countryCode: 'RO', validFrom: null, validTo: '2025-07-31', description: 'TVA redus 9%' },
  { code: 'R5', rate: '5.00', category: 'S', countryCode: 'RO', validFrom: null, validTo: '2025-07-31', description: 'TVA redus 5%' },
  { code: 'S21', rate: '21.00', category: 'S', countryCode: 'RO', validFrom: '2025-08-01', validTo: null, description: 'TVA standard 21%' },
  { code: 'R11', rate: '11.00', category: 'S', countryCode: 'RO', validFrom: '2025-08-01', validTo: null, description: 'TVA redus 11%' },
  { code: 'Z0', rate: '0.00', category: 'Z', countryCode: 'RO', validFrom: null, validTo: null, description: 'Cotă zero' },
  { code: 'E', rate: '0.00', category: 'E', countryCode: 'RO', validFrom: null, validTo: null, description: 'Scutit' },
  { code: 'K', rate: '0.00', category: 'K', countryCode: 'RO', validFrom: null, validTo: null, description: 'Livrare intracomunitară, taxare inversă' },
  { code: 'G', rate: '0.00', category: 'G', countryCode: 'RO', validFrom: null, validTo: null, description: 'Export în afara UE' },
  { code: 'OSS-SE-25', rate: '25.00', category: 'S', countryCode: 'SE', validFrom: null, validTo: null, description: 'OSS Suedia 25%' },
  { code: 'OSS-DK-25', rate: '25.00', category: 'S', countryCode: 'DK', validFrom: null, validTo: null, description: 'OSS Danemarca 25%' },
  { code: 'OSS-FI-24', rate: '24.00', category: 'S', countryCode: 'FI', validFrom: null, validTo: '2024-08-31', description: 'OSS Finlanda 24%' },
  { code: 'OSS-FI-25.5', rate: '25.50', category: 'S', countryCode: 'FI', validFrom: '2024-09-01', validTo: null, description: 'OSS Finlanda 25,5%' },
  { code: 'VOEC-NO-25', rate: '25.00', category: 'S', countryCode: 'NO', validFrom: null, validTo: null, description: 'VOEC Norvegia 25%' },
];

export function vatCodeValidOn(code: VatCode, date: string): boolean {
  return (code.validFrom === null || date >= code.validFrom) && (code.validTo === null || date <= code.validTo);
}

export const UNITS = [
  { code: 'BUC', name: 'bucată', uneceCode: 'H87', decimals: 0 },
  { code: 'KG', name: 'kilogram', uneceCode: 'KGM', decimals: 3 },
];
export const CURRENCIES = ['RON', 'EUR', 'SEK', 'NOK', 'DKK'].map((code) => ({ code, decimals: 2 }));
export const PRICE_LISTS = [{ code: 'PL-ONLINE', currency: 'RON', pricesIncludeVat: false }];
export const SHIPPING_ITEM = { code: 'TRANSPORT', name: 'Transport', type: 'shipping_fee' as const, vatCode: 'S21' };

export const SALES_ORDER_SERIES = 'CMD';
export const INVOICE_SERIES = 'FCT';
export const CREDIT_NOTE_SERIES = 'FCTS';
export const SALES_ORDER_STATUSES = ['draft', 'confirmed', 'reserved', 'partially_delivered', 'delivered', 'invoiced', 'cancelled'] as const;
export const RETURN_REASONS = ['customer_withdrawal', 'defective', 'wrong_item', 'not_delivered', 'other'] as const;

/** Error codes and their HTTP status. */
export const ERROR_STATUS = {
  UNAUTHENTICATED: 401, TOKEN_EXPIRED: 401, FORBIDDEN: 403, NOT_FOUND: 404, ITEM_NOT_FOUND: 422,
  VALIDATION_FAILED: 422, DUPLICATE_EXTERNAL_REF: 409, INSUFFICIENT_STOCK: 409, PERIOD_CLOSED: 409,
  PDF_NOT_READY: 409, ALREADY_INVOICED: 409, RATE_LIMITED: 429, ERP_UNAVAILABLE: 503, INTERNAL: 500,
} as const;
export type ErrorCode = keyof typeof ERROR_STATUS;

export interface CharismaOptions {
  tokenTtlS: number;
  /** Accept the static X-Api-Key header as an alternative to Bearer tokens. */
  apiKeyEnabled: boolean;
  /** Quantity above available: 'reject' → 409 INSUFFICIENT_STOCK; 'accept' → reserve anyway. */
  insufficientStock: 'reject' | 'accept';
  /** Issue the invoice this many sandbox-clock seconds after order creation; null = only on demand. */
  autoInvoiceAfterS: number | null;
  /** The invoice PDF becomes available this many seconds after issue (409 PDF_NOT_READY before). */
  pdfDelayS: number;
  /** Orders dated in a month before this (YYYY-MM) are refused with 409 PERIOD_CLOSED. */
  closedBefore: string | null;
  /** Daily maintenance window in Europe/Bucharest time ("HH:MM"): every API call answers 503 ERP_UNAVAILABLE. */
  maintenanceWindow: { from: string; to: string } | null;
}

export const DEFAULT_OPTIONS: CharismaOptions = {
  tokenTtlS: DEFAULT_TOKEN_TTL_S,
  apiKeyEnabled: true,
  insufficientStock: 'reject',
  autoInvoiceAfterS: 30,
  pdfDelayS: 0,
  closedBefore: null,
  maintenanceWindow: null,
};
