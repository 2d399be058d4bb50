/**
 * The connector contract: what every connector exposes, whatever the vendor.
 * Shaped after the Airbyte protocol (spec, check, discover, read → records + state)
 * plus typed write operations that return one result per record.
 */
import type { z } from 'zod';
import type { IntegrationError } from '@megzo/domain';
import type { LimiterRegistry } from '../kit/limiter.ts';
import type { Clock } from '../kit/clock.ts';
import type { Logger } from '../kit/logger.ts';
import type { FetchLike } from '../kit/http.ts';

export type ConnectorKind = 'erp' | 'marketplace' | 'courier' | 'fx';

/**
 * What a connector can and cannot do. Flows read these flags and degrade visibly
 * (a status in the panel) when a capability is missing; nothing pretends.
 */
export interface Capabilities {
  /** Attach an invoice PDF to a channel order. */
  invoiceUpload: boolean;
  /** A returns/refunds API (reading or registering returns). */
  returns: boolean;
  /** Push notifications (webhooks) from the system. */
  webhooks: boolean;
  /** Fulfil or cancel part of an order's quantity. */
  partialFulfilment: boolean;
  /** Incremental reads with a server-side "updated since" filter. */
  incrementalRead: boolean;
  /** Writes are deduplicated by the remote system through an idempotency key. */
  idempotentWrites: boolean;
  /** Extra, connector-specific flags (e.g. `invoicePdf`, `labels`, `orderAccept`). */
  extra: Record<string, boolean>;
}

export type SyncMode = 'full' | 'incremental';

export interface StreamInfo {
  /** camelCase plural, stable: stored in cursors. */
  name: string;
  description: string;
  primaryKey: string[];
  cursorField?: string[];
  modes: SyncMode[];
  /** Record shape emitted by `read` (a canonical schema from @megzo/domain when one exists). */
  recordSchema?: z.ZodType;
}

export interface DiscoverResult {
  streams: StreamInfo[];
  capabilities: Capabilities;
}

/** Opaque per-stream state. `null` means "from the beginning". */
export type StreamState = Record<string, unknown> | null;

export interface RecordMessage<R = unknown> {
  type: 'record';
  stream: string;
  /** Primary key value(s) joined with ':' — stable identity of the record. */
  key: string;
  record: R;
}

/**
 * Emitted after the records it covers. The engine persists the records, then the state;
 * resuming `read` from this state yields neither duplicates nor gaps.
 */
export interface CheckpointMessage {
  type: 'checkpoint';
  stream: string;
  state: Record<string, unknown>;
  /** Records emitted since the previous checkpoint. */
  count: number;
}

/** A note for the run log, e.g. "BNR had no rate for 2026-08-08; used 2026-08-07". */
export interface LogMessage {
  type: 'log';
  stream: string;
  level: 'info' | 'warn';
  message: string;
}

/** A record the source returned but that could not be read (wrong shape, missing join). Kept, never dropped silently. */
export interface RecordErrorMessage {
  type: 'recordError';
  stream: string;
  key?: string;
  error: IntegrationError;
  raw?: unknown;
}

export type ReadMessage<R = unknown> = RecordMessage<R> | CheckpointMessage | LogMessage | RecordErrorMessage;

export interface ReadOptions {
  signal?: AbortSignal;
  /** Page size hint; connectors clamp it to the vendor's documented limits. */
  pageSize?: number;
}

/** One result per record of a write. A failure never throws for the whole batch. */
export type WriteResult<T = unknown> =
  | { key: string; ok: true; value: T }
  | { key: string; ok: false; error: IntegrationError };

export interface WriteOptions {
  /** Sent as `Idempotency-Key` where the system supports it; derived from the record otherwise. */
  idempotencyKey?: string;
  signal?: AbortSignal;
}

export interface RetryPolicy {
  /** Retries after the first attempt (0 = no retry). Default 4. */
  retries: number;
  minDelayMs: number;
  maxDelayMs: number;
}

/** Ports handed to a connector instance. All optional; defaults are process-wide. */
export interface ConnectorDeps {
  fetch?: FetchLike;
  limiters?: LimiterRegistry;
  clock?: Clock;
  logger?: Logger;
  retry?: Partial<RetryPolicy>;
  /** Per-request timeout (ms). Default 30 000. */
  timeoutMs?: number;
}

export interface ConnectorInstance {
  readonly connectorId: string;
  read(stream: string, state: StreamState, options?: ReadOptions): AsyncIterable<ReadMessage>;
  /** Releases sockets; the instance must not be used afterwards. */
  close(): Promise<void>;
}

export interface Connector<C = unknown, I extends ConnectorInstance = ConnectorInstance> {
  /** `erp-<vendor>` / `marketplace-<vendor>` …; never changes once used. */
  id: string;
  kind: ConnectorKind;
  label: string;
  /** Zod schema of the connection config; secret fields carry `.meta({ secret: true })`. */
  spec: z.ZodType<C>;
  /** Dotted paths of secret fields (derived from `spec`). */
  secretFields: string[];
  /** JSON schema of the config for the studio's form (secret fields have `writeOnly: true`, `secret: true`). */
  jsonSchema(): Record<string, unknown>;
  /** Validates the config (ConfigError naming the field) and proves the credentials work. */
  check(config: unknown, deps?: ConnectorDeps): Promise<void>;
  discover(config: unknown, deps?: ConnectorDeps): Promise<DiscoverResult>;
  /** Parses the config (ConfigError on bad input) and opens an instance. */
  open(config: unknown, deps?: ConnectorDeps): I;
}
