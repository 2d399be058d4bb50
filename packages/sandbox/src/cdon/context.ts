import type { FastifyRequest } from 'fastify';
import type { SimClock } from '../common/clock.ts';
import type { CdonMarket } from './constants.ts';
import type { BatchItem, MerchantState } from './state.ts';

export interface CdonOptions {
  articleProcessingDelayMs: number;
  maxBatchSize: number;
  maxUpdateBatchSize: number;
  vatRates: Record<CdonMarket, number[]>;
  fulfillmentDays: number;
  autoCancelDays: number;
  /** 403 (doc text) or allow cancelling an ACCEPTED order. */
  cancelFromAccepted: 'forbid' | 'allow';
  /** Order creation lowers the article quantity; cancel restores it. [ASSUMED] */
  stockEffect: boolean;
  /** Strict fulfil: carrier + tracking required unless the order is below 299 SEK-equivalent. */
  strictFulfil: boolean;
  /** Unknown or foreign order: 404 (default) or 403. */
  notFoundStatus: 404 | 403;
  /** Sandbox flavour enables POST /api/v1/orders/ (test orders). */
  sandboxFlavour: boolean;
  testOrderMaxQuantity: number;
  /** (harness) Token bucket per merchant (and per route when perRoute); null = off. Real time. */
  rateLimit: { ratePerS: number; burst: number; perRoute: boolean } | null;
}

export interface CdonContext {
  clock: SimClock;
  options: CdonOptions;
  merchants: Map<string, MerchantState>;
  queue: BatchItem[];
  queueHead: number;
  orderSeq: number;
  merchantOf(req: FastifyRequest): MerchantState;
}
