import Decimal from 'decimal.js';
import type { StockLevel } from '@megzo/domain';
import type { ReadMessage, ReadOptions, StreamState } from '../../contract/types.ts';
import { incrementalRead } from '../../kit/incremental.ts';
import { PATHS, Stock } from '../adapter-contract.ts';
import type { CharismaClient } from '../client.ts';

/** Whole units only: fractional stock (e.g. "2.500" kg) is floored, never rounded up. */
function units(v: string): number {
  return Math.max(0, new Decimal(v).floor().toNumber());
}

export function toStockLevel(s: Stock): StockLevel {
  return { sku: s.itemCode, warehouse: s.warehouse, available: units(s.available), onHand: units(s.onHand), updatedAt: s.updatedAt };
}

export function readStock(client: CharismaClient, state: StreamState, options?: ReadOptions): AsyncGenerator<ReadMessage<StockLevel>> {
  return incrementalRead<Stock, StockLevel>({
    stream: 'stockLevels',
    state,
    defaultLookbackSeconds: client.config.lookbackSeconds,
    pages: (since, startPage) =>
      client.pages(PATHS.stock, { warehouse: client.config.warehouse, updatedSince: since }, Stock, {
        pageSize: Math.min(options?.pageSize ?? client.config.pageSize, 500),
        lane: 'stock',
        what: 'Charisma stock row',
        signal: options?.signal,
        startPage,
      }),
    cursorOf: (s) => ({ updatedAt: s.updatedAt, id: `${s.itemCode}@${s.warehouse}` }),
    toRecord: toStockLevel,
  });
}
