import type { CdonMarket, OrderState } from './constants.ts';

export interface ArticlePrice {
  amount_including_vat: number;
  currency: string;
  vat_rate?: number;
}

export interface Article {
  id: string;
  sku: string;
  /** The full article document as last applied (create body, then update_article bodies). */
  doc: Record<string, unknown>;
  status: string;
  quantity: number;
  markets: CdonMarket[];
  price: Partial<Record<CdonMarket, ArticlePrice>>;
  createdAt: number;
  updatedAt: number;
}

export type ItemStatus = 'pending' | 'ok' | 'failed';

export interface BatchItem {
  correlation_id: string;
  article_id: string;
  sku: string;
  action: string;
  body: Record<string, unknown> | undefined;
  status: ItemStatus;
  error_code: string | null;
  dueAt: number;
  merchant: MerchantState;
}

export interface Batch {
  id: string;
  items: BatchItem[];
}

export interface TrackingEntry {
  carrier_name?: string | null;
  tracking_number: string;
}

export interface Order {
  id: string;
  article_id: string;
  customer_order_id: string;
  title: string;
  article_sku: string;
  quantity: number;
  market: CdonMarket;
  state: OrderState;
  grossTotal: number;
  vatRate: number;
  currency: string;
  shipping_address: Record<string, string>;
  createdAt: number;
  updatedAt: number;
  deadline: number;
  tracking_information: TrackingEntry[];
  /** Units taken from the article's quantity at creation (restored on cancel). */
  reservedUnits: number;
}

export interface MerchantState {
  merchantId: string;
  token: string;
  label: string;
  articles: Map<string, Article>;
  articlesById: Map<string, Article>;
  /** SKUs known at submission time (created, or with a create in flight). */
  knownSkus: Set<string>;
  batches: Map<string, Batch>;
  latestStatus: Map<string, BatchItem>;
  orders: Map<string, Order>;
  orderList: Order[];
  openOrders: Set<Order>;
  /** created_at of the oldest open order (lower bound; Infinity when none): auto-cancel scans only when due. */
  oldestOpenAt: number;
}

export function newMerchant(m: { merchantId: string; token: string; label: string }): MerchantState {
  return {
    ...m,
    articles: new Map(),
    articlesById: new Map(),
    knownSkus: new Set(),
    batches: new Map(),
    latestStatus: new Map(),
    orders: new Map(),
    orderList: [],
    openOrders: new Set(),
    oldestOpenAt: Infinity,
  };
}

/** "YYYY-MM-DD HH:MM:SS" in UTC, the CDON order timestamp format. */
export function cdonTime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}
