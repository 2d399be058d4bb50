/**
 * The ports a flow receives (STYLE.md §4 "module-level singletons"): flows never
 * import a database, a connector or a clock directly, so unit tests can pass fakes.
 */
import type { EventName, EventPayload, FlowId, IntegrationError, RunTrigger } from '@megzo/domain';
import type {
  CourierConnectorInstance,
  ErpConnectorInstance,
  FxConnectorInstance,
  MarketplaceConnectorInstance,
} from '@megzo/connectors/contract/kinds';
import type { Capabilities } from '@megzo/connectors/contract/types';
import type { Db } from './db.ts';
import type { LockManager } from './locks.ts';

export interface Clock {
  now(): Date;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemClock: Clock = {
  now: () => new Date(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve) => {
      if (signal?.aborted) return resolve();
      const t = setTimeout(done, ms);
      function done() {
        clearTimeout(t);
        signal?.removeEventListener('abort', done);
        resolve();
      }
      signal?.addEventListener('abort', done, { once: true });
    }),
};

export interface EventPort {
  publish<K extends EventName>(name: K, payload: EventPayload<K>): Promise<void>;
}

export interface Logger {
  info(obj: object | string, msg?: string): void;
  warn(obj: object | string, msg?: string): void;
  error(obj: object | string, msg?: string): void;
  debug(obj: object | string, msg?: string): void;
}

export interface ChannelPort {
  /** The marketplace Connection id (bindings, listings and orders hang off it). */
  connectionId: string;
  connectorId: string;
  markets: string[];
  capabilities: Capabilities;
  api: MarketplaceConnectorInstance;
}

/** Opened connectors of one integration. */
export interface IntegrationConnectors {
  erp: { connectionId: string; connectorId: string; capabilities: Capabilities; api: ErpConnectorInstance };
  channels: ChannelPort[];
  courier?: { connectionId: string; connectorId: string; capabilities: Capabilities; api: CourierConnectorInstance };
  fx?: { connectionId: string; connectorId: string; api: FxConnectorInstance };
  /** Another FX connection of the tenant (e.g. ECB when the integration uses BNR). */
  fxFallback?: { connectionId: string; connectorId: string; api: FxConnectorInstance };
  close(): Promise<void>;
}

export type ItemStatus = 'OK' | 'FAILED';

export interface ItemInput {
  recordKey: string;
  action: string;
  status: ItemStatus;
  error?: IntegrationError;
  payload?: unknown;
}

export type Counter = 'read' | 'created' | 'updated' | 'skipped' | 'failed';

/** What a step sees of its run. */
export interface RunPort {
  readonly id: string;
  readonly tenantId: string;
  readonly integrationId: string;
  readonly flow: FlowId;
  readonly trigger: RunTrigger;
  /** The run's business date (YYYY-MM-DD, UTC): FX rates of this date are used. */
  readonly date: string;
  /** Set by `pinMapping`; null when the flow has no mapping. */
  mappingVersionId: string | null;
  /** Pins the mapping version for the run (stored on SyncRun: invariant 4). */
  pinMapping(versionId: string): Promise<void>;
  count(counter: Counter, n?: number): void;
  setTotal(total: number | null): void;
  progress(done: number): void;
  item(input: ItemInput): void;
  /** Persists heartbeat, counters and items; call between pages. */
  checkpoint(): Promise<void>;
}

export interface FlowContext {
  db: Db;
  connectors: IntegrationConnectors;
  clock: Clock;
  events: EventPort;
  locks: LockManager;
  log: Logger;
  run: RunPort;
  /** Aborted on shutdown: a step finishes its current page, checkpoints and returns. */
  signal: AbortSignal;
  /** Per-run knobs (batch sizes, poll timeouts), mostly for tests and the benchmark. */
  options: FlowOptions;
}

export interface FlowOptions {
  /** Articles per marketplace request. */
  batchSize: number;
  /** Products per read page. */
  pageSize: number;
  /** Max time spent polling article statuses in one run. */
  statusPollTimeoutMs: number;
  statusPollIntervalMs: number;
  /** Fallback safety buffer (units) when an integration has no GLOBAL rule. */
  defaultBufferUnits: number;
}

export const DEFAULT_FLOW_OPTIONS: FlowOptions = {
  batchSize: 100,
  pageSize: 500,
  statusPollTimeoutMs: 120_000,
  statusPollIntervalMs: 500,
  defaultBufferUnits: 0,
};

export interface Step<S> {
  /** `<flow>.<step>`; stable, stored as SyncRun.stage. */
  id: string;
  run(ctx: FlowContext, state: S): Promise<void>;
}

export interface FlowDefinition<S = Record<string, unknown>> {
  id: FlowId;
  /** The mapping this flow pins per run, if any (looked up on IntegrationFlow.mappingId). */
  usesMapping: boolean;
  initialState(): S;
  steps: Step<S>[];
}

export function defineFlow<S>(flow: FlowDefinition<S>): FlowDefinition<S> {
  const ids = new Set<string>();
  for (const s of flow.steps) {
    if (!s.id.startsWith(`${flow.id}.`)) throw new Error(`step id ${s.id} must start with "${flow.id}."`);
    if (ids.has(s.id)) throw new Error(`duplicate step id ${s.id}`);
    ids.add(s.id);
  }
  return flow;
}
