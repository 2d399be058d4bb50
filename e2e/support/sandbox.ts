/** The sandbox systems' inspection/control APIs (packages/sandbox `/_sandbox/*`). */

export type CdonArticle = {
  id: string;
  sku: string;
  status: string;
  quantity: number;
  markets: string[];
  price: Record<string, { amount_including_vat: number; currency: string; vat_rate: number }>;
  title: Array<{ language: string; value: string }> | string;
};

export type CdonOrder = { id: string; article_sku: string; market: string; state: string; quantity: number };

export type SalesOrder = { id?: string; externalRef?: string; [key: string]: unknown };

async function json<T>(res: Response, what: string): Promise<T> {
  if (!res.ok) throw new Error(`${what}: HTTP ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

export function env(name: 'E2E_STUDIO_URL' | 'E2E_API_URL' | 'E2E_CDON_URL' | 'E2E_CHARISMA_URL' | 'E2E_DHL_URL'): string {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set: the global setup did not start the stack`);
  return v.replace(/\/$/, '');
}

export async function cdonArticles(): Promise<CdonArticle[]> {
  const res = await fetch(`${env('E2E_CDON_URL')}/_sandbox/articles`);
  return (await json<{ articles: CdonArticle[] }>(res, 'CDON sandbox articles')).articles;
}

export async function cdonArticle(sku: string): Promise<CdonArticle | undefined> {
  const res = await fetch(`${env('E2E_CDON_URL')}/_sandbox/articles?sku=${encodeURIComponent(sku)}`);
  return (await json<{ articles: CdonArticle[] }>(res, 'CDON sandbox article')).articles[0];
}

export async function createCdonOrder(sku: string, quantity: number, market: string): Promise<CdonOrder> {
  const res = await fetch(`${env('E2E_CDON_URL')}/_sandbox/orders`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ sku, quantity, market }),
  });
  return json<CdonOrder>(res, 'CDON sandbox create order');
}

export async function charismaSalesOrders(externalRef?: string): Promise<SalesOrder[]> {
  const q = externalRef ? `?externalRef=${encodeURIComponent(externalRef)}` : '';
  const res = await fetch(`${env('E2E_CHARISMA_URL')}/_sandbox/sales-orders${q}`);
  return (await json<{ salesOrders: SalesOrder[] }>(res, 'Charisma sandbox sales orders')).salesOrders;
}

export async function invoiceSalesOrder(id: string): Promise<unknown> {
  const res = await fetch(`${env('E2E_CHARISMA_URL')}/_sandbox/sales-orders/${encodeURIComponent(id)}/invoice`, { method: 'POST' });
  return json<unknown>(res, 'Charisma sandbox invoice');
}

export function priceIn(a: CdonArticle, market: string): number | undefined {
  return a.price[market]?.amount_including_vat;
}

export function titleOf(a: CdonArticle): string {
  if (typeof a.title === 'string') return a.title;
  return a.title.map((t) => t.value).join(' | ');
}

/** Processes due article updates on the CDON sandbox; returns how many are still queued. */
export async function cdonPending(): Promise<number> {
  const res = await fetch(`${env('E2E_CDON_URL')}/_sandbox/process`, { method: 'POST' });
  return (await json<{ pending: number }>(res, 'CDON sandbox process')).pending;
}
