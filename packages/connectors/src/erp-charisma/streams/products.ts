/** `items` (raw Charisma items), `products` (canonical Product = item + price-list price + VAT rate) and `prices`. */
import Decimal from 'decimal.js';
import { Currency, RecordError, type Product } from '@megzo/domain';
import type { ReadMessage, ReadOptions, StreamState } from '../../contract/types.ts';
import { incrementalRead } from '../../kit/incremental.ts';
import { Item, PATHS, Price, VatCode } from '../adapter-contract.ts';
import { SOURCE, type CharismaClient } from '../client.ts';
import { z } from 'zod';

function pageSize(client: CharismaClient, options?: ReadOptions): number {
  return Math.min(options?.pageSize ?? client.config.pageSize, 500);
}

export function readItems(client: CharismaClient, state: StreamState, options?: ReadOptions): AsyncGenerator<ReadMessage<Item>> {
  return incrementalRead<Item, Item>({
    stream: 'items',
    state,
    defaultLookbackSeconds: client.config.lookbackSeconds,
    pages: (since, startPage) => client.pages(PATHS.items, { updatedSince: since }, Item, { pageSize: pageSize(client, options), lane: 'catalog', what: 'Charisma item', signal: options?.signal, startPage }),
    cursorOf: (i) => ({ updatedAt: i.updatedAt, id: i.code }),
    toRecord: (i) => i,
  });
}

export function readPrices(client: CharismaClient, state: StreamState, options?: ReadOptions): AsyncGenerator<ReadMessage<Price>> {
  return incrementalRead<Price, Price>({
    stream: 'prices',
    state,
    defaultLookbackSeconds: client.config.lookbackSeconds,
    pages: (since, startPage) =>
      client.pages(PATHS.prices(client.config.priceList), { updatedSince: since }, Price, {
        pageSize: pageSize(client, options),
        lane: 'prices',
        what: 'Charisma price',
        signal: options?.signal,
        startPage,
      }),
    cursorOf: (p) => ({ updatedAt: p.updatedAt, id: p.itemCode }),
    toRecord: (p) => p,
  });
}

/** The whole price list as a map itemCode → price (prices are joined onto products). */
export async function loadPriceIndex(client: CharismaClient, signal?: AbortSignal): Promise<Map<string, Price>> {
  const index = new Map<string, Price>();
  for await (const page of client.pages(PATHS.prices(client.config.priceList), {}, Price, { pageSize: 500, lane: 'catalog', what: 'Charisma price', signal })) {
    for (const row of page.rows) if (row.ok) index.set(row.value.itemCode, row.value);
  }
  return index;
}

export async function loadVatRates(client: CharismaClient): Promise<Map<string, string>> {
  const body = await client.get(PATHS.vatCodes, z.union([z.array(VatCode), z.object({ items: z.array(VatCode) }).transform((e) => e.items)]));
  return new Map(body.map((v) => [v.code, new Decimal(v.rate).toFixed(2)]));
}

export function toProduct(item: Item, price: Price | undefined, vat: Map<string, string>): Product | RecordError {
  if (!price) {
    return new RecordError({ message: `Item ${item.code} has no price in the price list`, code: 'NO_PRICE', path: 'price', source: SOURCE, recordKey: item.code });
  }
  const currency = Currency.safeParse(price.currency);
  if (!currency.success) {
    return new RecordError({ message: `Item ${item.code}: unsupported currency ${price.currency}`, code: 'UNSUPPORTED_CURRENCY', path: 'currency', source: SOURCE, recordKey: item.code });
  }
  const vatCode = price.vatCode ?? item.vatCode;
  const vatRate = vatCode ? vat.get(vatCode) : undefined;
  if (!vatRate) {
    return new RecordError({ message: `Item ${item.code}: unknown VAT code ${vatCode ?? '(none)'}`, code: 'UNKNOWN_VAT_CODE', path: 'vatCode', source: SOURCE, recordKey: item.code });
  }
  return {
    sku: item.code,
    name: item.name,
    ean: item.ean ?? undefined,
    brand: item.brand ?? undefined,
    unit: item.unit,
    netPrice: new Decimal(price.price).toFixed(2),
    grossPrice: price.priceInclVat !== undefined ? new Decimal(price.priceInclVat).toFixed(2) : undefined,
    currency: currency.data,
    vatCode,
    vatRate,
    images: [],
    weightKg: item.weightKg ?? undefined,
    active: item.active,
    updatedAt: item.updatedAt,
    raw: item as Record<string, unknown>,
  };
}

export async function* readProducts(client: CharismaClient, state: StreamState, options?: ReadOptions): AsyncGenerator<ReadMessage<Product>> {
  const [prices, vat] = await Promise.all([loadPriceIndex(client, options?.signal), loadVatRates(client)]);
  yield* incrementalRead<Item, Product>({
    stream: 'products',
    state,
    defaultLookbackSeconds: client.config.lookbackSeconds,
    pages: (since, startPage) => client.pages(PATHS.items, { updatedSince: since }, Item, { pageSize: pageSize(client, options), lane: 'catalog', what: 'Charisma item', signal: options?.signal, startPage }),
    cursorOf: (i) => ({ updatedAt: i.updatedAt, id: i.code }),
    toRecord: (i) => toProduct(i, prices.get(i.code), vat),
  });
}
