/** CDON Merchants API shapes (cdon-api.md). Amounts may be numbers or strings (§2.2, §11.12). */
import { z } from 'zod';

export const Amount = z.union([z.number(), z.string().regex(/^-?\d+(\.\d+)?$/)]).transform((v) => String(v));

export const MoneyObj = z.object({
  amount: Amount,
  vat_amount: Amount,
  vat_rate: Amount,
  currency: z.string(),
}).loose();

export const OrderState = z.enum(['CREATED', 'ACCEPTED', 'FULFILLED', 'NOT_FULFILLED']);
export type OrderState = z.infer<typeof OrderState>;

const NullableStr = z.string().nullable().optional();

export const CdonOrderRaw = z.object({
  id: z.union([z.string(), z.number()]).transform(String),
  article_id: z.union([z.string(), z.number()]).transform(String).nullable().optional(),
  customer_order_id: z.union([z.string(), z.number()]).transform(String).nullable().optional(),
  title: NullableStr,
  article_title: NullableStr,
  article_sku: z.string().min(1),
  price: MoneyObj.optional(),
  article_price: MoneyObj.optional(),
  total_price: MoneyObj.optional(),
  quantity: z.union([z.number().int(), z.string().regex(/^\d+$/).transform(Number)]),
  shipping_address: z.object({
    first_name: NullableStr,
    last_name: NullableStr,
    full_name: NullableStr,
    street_address: z.string(),
    postal_code: z.string(),
    city: z.string(),
    country: z.string(),
    phone_number: NullableStr,
  }).loose(),
  market: z.enum(['SE', 'DK', 'FI', 'NO']),
  // the docs' example has the typo "NOT FULFILLED"
  state: z.string().transform((s) => s.replace(' ', '_')).pipe(OrderState),
  created_at: z.string(),
  updated_at: z.string().optional(),
  fulfillment_deadline: NullableStr,
  fulfill_before: NullableStr,
  tracking_information: z.array(z.object({ tracking_number: z.string(), carrier_name: z.string().nullable().optional() }).loose()).nullable().optional(),
}).loose().superRefine((o, ctx) => {
  if (!o.price && !o.article_price) ctx.addIssue({ code: 'custom', path: ['price'], message: 'is missing (neither price nor article_price)' });
});
export type CdonOrderRaw = z.infer<typeof CdonOrderRaw>;

export const BulkError = z.object({ message: z.string(), field: z.array(z.string()).optional() }).loose();

export const BulkCreateResponse = z.object({
  batch_id: z.string(),
  success: z.array(z.object({ id: z.union([z.string(), z.number()]).transform(String).optional(), sku: z.string() }).loose()).default([]),
  failed: z.array(z.object({ sku: z.string().nullable().optional(), errors: z.array(BulkError).default([]) }).loose()).default([]),
});

export const BulkUpdateResponse = z.object({
  batch_id: z.string(),
  success: z.array(z.object({ sku: z.string(), action: z.string().optional() }).loose()).default([]),
  failed: z.array(z.object({ sku: z.string().nullable().optional(), action: z.string().optional(), errors: z.array(BulkError).default([]) }).loose()).default([]),
});

export const StatusEntry = z.object({
  correlation_id: z.string().nullable().optional(),
  article_id: z.string().nullable().optional(),
  sku: z.string(),
  action: z.string().nullable().optional(),
  markets: z.array(z.object({ market: z.string(), status: z.enum(['pending', 'ok', 'failed']), error_code: z.string().nullable().optional() }).loose()).default([]),
}).loose();

export const StatusesBatchResponse = z.object({ batches: z.array(z.object({ id: z.string(), statuses: z.array(StatusEntry) }).loose()) });
export const StatusesSkuResponse = z.object({ statuses: z.array(StatusEntry) });

export const ErrorBody = z.object({ description: z.string(), errors: z.unknown().optional() }).loose();

/** Minimal local check before sending; CDON validates the rest and answers per article. */
export const ArticleKey = z.object({ sku: z.string().min(1).max(64) }).loose();
