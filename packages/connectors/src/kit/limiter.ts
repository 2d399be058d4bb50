/**
 * One rate limiter per credential, shared by every flow and instance that uses that
 * credential (process-wide registry keyed by a hash of the credential, never the secret).
 *
 * - Priority lanes: orders & cancellations before stock, before prices, before catalog.
 * - A 429 with Retry-After closes the credential's gate: no request is sent on that
 *   credential before the window ends (requests already queued wait inside the limiter).
 */
import { createHash } from 'node:crypto';
import Bottleneck from 'bottleneck';
import { systemClock, type Clock } from './clock.ts';

export type Lane = 'orders' | 'stock' | 'prices' | 'catalog' | 'default';

/** Bottleneck priorities: lower runs first. */
export const LANE_PRIORITY: Record<Lane, number> = { orders: 0, stock: 2, prices: 4, default: 5, catalog: 6 };

export interface LimiterSettings {
  /** Sustained requests per second for this credential. */
  requestsPerSecond: number;
  /** Parallel requests in flight. */
  maxConcurrent: number;
}

export class CredentialLimiter {
  private readonly bottleneck: Bottleneck;
  private gateUntil = 0;
  private sentCount = 0;

  constructor(
    readonly key: string,
    readonly settings: LimiterSettings,
    private readonly clock: Clock = systemClock,
  ) {
    this.bottleneck = new Bottleneck({
      maxConcurrent: settings.maxConcurrent,
      minTime: settings.requestsPerSecond > 0 ? Math.floor(1000 / settings.requestsPerSecond) : 0,
    });
  }

  /** Runs `send` in the credential's queue, in priority order, after any Retry-After window. */
  schedule<T>(lane: Lane, send: () => Promise<T>): Promise<T> {
    return this.bottleneck.schedule({ priority: LANE_PRIORITY[lane] }, async () => {
      for (;;) {
        const wait = this.gateUntil - this.clock.now();
        if (wait <= 0) break;
        await this.clock.sleep(wait);
      }
      this.sentCount++;
      return send();
    });
  }

  /** Close the gate until `now + ms` (never shortens an existing window). */
  pause(ms: number): void {
    this.gateUntil = Math.max(this.gateUntil, this.clock.now() + ms);
  }

  get pausedUntil(): number {
    return this.gateUntil;
  }

  get sent(): number {
    return this.sentCount;
  }

  queued(): number {
    return this.bottleneck.queued();
  }

  async stop(): Promise<void> {
    await this.bottleneck.stop({ dropWaitingJobs: false });
  }
}

export class LimiterRegistry {
  private readonly limiters = new Map<string, CredentialLimiter>();
  constructor(private readonly clock: Clock = systemClock) {}

  /** `scope` is the connector id (or API family), `credential` any string that identifies the credential. */
  static keyFor(scope: string, credential: string): string {
    return `${scope}:${createHash('sha256').update(credential).digest('hex').slice(0, 16)}`;
  }

  get(scope: string, credential: string, settings: LimiterSettings): CredentialLimiter {
    const key = LimiterRegistry.keyFor(scope, credential);
    let limiter = this.limiters.get(key);
    if (!limiter) {
      limiter = new CredentialLimiter(key, settings, this.clock);
      this.limiters.set(key, limiter);
    }
    return limiter;
  }

  size(): number {
    return this.limiters.size;
  }
}

/** The process-wide registry used when a caller does not pass its own. */
export const defaultLimiterRegistry = new LimiterRegistry();
