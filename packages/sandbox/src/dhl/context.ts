import type { SimClock } from '../common/clock.ts';
import type { Shipment } from './tracking.ts';

export interface DhlOptions {
  accountNumber: string;
  /** Unified Tracking: a new AWB answers 404 for this long (sandbox clock). */
  visibilityLagS: number;
  /** Unified Tracking per-key daily quota (resets 00:00 GMT). */
  dailyQuota: number;
  /** Unified Tracking per-key minimum interval between calls (0 = off). */
  minIntervalMs: number;
}

export interface DhlContext {
  clock: SimClock;
  options: DhlOptions;
  shipments: Map<string, Shipment>;
  pickups: Map<string, { number: string; cancelled: boolean; createdAt: number }>;
  seq: { awb: number; piece: number; pickup: number };
  quota: Map<string, { day: string; used: number; last: number }>;
}
