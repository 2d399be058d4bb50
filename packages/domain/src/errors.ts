/**
 * The four error categories of DESIGN.md "Errors". Each connector's client is the
 * only place that sorts vendor failures into these; flows, the scheduler and the
 * API only ever see these classes.
 *
 * Every error carries a user-facing `message` (plain words, safe to show in the
 * studio) and an `internalMessage` (details for logs and support).
 */
export type ErrorCategory = 'configuration' | 'transient' | 'record' | 'system';

export interface ErrorDetails {
  /** Plain-language text for the vendor's panel. */
  message: string;
  /** Technical details for logs; never shown to partners. */
  internalMessage?: string;
  /** Machine-readable code, e.g. `DUPLICATE_EXTERNAL_REF`, `invalid_vat_rate`. */
  code?: string;
  /** Path of the offending field, e.g. `lines[0].itemCode` or `price[2].value`. */
  path?: string;
  /** External system the failure came from, e.g. `erp-charisma`. */
  source?: string;
  /** HTTP status when the failure came from HTTP. */
  status?: number;
  cause?: unknown;
}

export abstract class IntegrationError extends Error {
  abstract readonly category: ErrorCategory;
  readonly internalMessage?: string;
  readonly code?: string;
  readonly path?: string;
  readonly source?: string;
  readonly status?: number;

  constructor(details: ErrorDetails) {
    super(details.message, details.cause === undefined ? undefined : { cause: details.cause });
    this.internalMessage = details.internalMessage;
    this.code = details.code;
    this.path = details.path;
    this.source = details.source;
    this.status = details.status;
  }

  /** A plain object for logs, run items and GraphQL typed errors. */
  toJSON(): Record<string, unknown> {
    return {
      category: this.category,
      name: this.name,
      message: this.message,
      internalMessage: this.internalMessage,
      code: this.code,
      path: this.path,
      source: this.source,
      status: this.status,
    };
  }
}

/** The user must fix something (credentials, scope, settings). Never retried. */
export class ConfigError extends IntegrationError {
  readonly category = 'configuration' as const;
  override name = 'ConfigError';
}

/** Network trouble, 429, 5xx. Retried with backoff that honours `retryAfterMs`. */
export class TransientError extends IntegrationError {
  readonly category = 'transient' as const;
  override name = 'TransientError';
  readonly retryAfterMs?: number;
  constructor(details: ErrorDetails & { retryAfterMs?: number }) {
    super(details);
    this.retryAfterMs = details.retryAfterMs;
  }
}

/** One record was rejected; the run continues and the record is listed with its reason. */
export class RecordError extends IntegrationError {
  readonly category = 'record' as const;
  override name = 'RecordError';
  readonly recordKey?: string;
  constructor(details: ErrorDetails & { recordKey?: string }) {
    super(details);
    this.recordKey = details.recordKey;
  }
}

/** A bug or a broken invariant: the run fails loudly. */
export class SystemError extends IntegrationError {
  readonly category = 'system' as const;
  override name = 'SystemError';
}

export function isIntegrationError(e: unknown): e is IntegrationError {
  return e instanceof IntegrationError;
}

/** Anything thrown that is not already categorised is a system error. */
export function categorise(e: unknown): IntegrationError {
  if (isIntegrationError(e)) return e;
  const err = e instanceof Error ? e : new Error(String(e));
  return new SystemError({ message: 'Unexpected internal error', internalMessage: err.stack ?? err.message, cause: err });
}

export function isRetryable(e: unknown): boolean {
  return e instanceof TransientError;
}
