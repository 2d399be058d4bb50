/**
 * The one HTTP client every connector uses: auth plug-ins, the per-credential limiter
 * with priority lanes, timeouts, retries with exponential backoff + jitter that honour
 * Retry-After, idempotency keys on writes, and response validation with zod.
 */
import { randomUUID } from 'node:crypto';
import pRetry, { AbortError } from 'p-retry';
import type { z } from 'zod';
import { SystemError, TransientError, categorise, type IntegrationError } from '@megzo/domain';
import type { RetryPolicy } from '../contract/types.ts';
import { classifyHttpFailure, classifyNetworkFailure, neverSent, type HttpFailure, type VendorError } from './classify.ts';
import { systemClock, type Clock } from './clock.ts';
import { nodeFetch } from './transport.ts';
import type { CredentialLimiter, Lane } from './limiter.ts';
import { silentLogger, type Logger } from './logger.ts';
import { validate, type ShapeCategory } from './validate.ts';

export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

export interface AuthPlugin {
  /** Adds auth headers to an outgoing request. */
  apply(headers: Record<string, string>): Promise<void>;
  /** Called on 401: return true when credentials were refreshed and the request may be replayed once. */
  refresh?(failure: HttpFailure): Promise<boolean>;
}

export const DEFAULT_RETRY: RetryPolicy = { retries: 4, minDelayMs: 200, maxDelayMs: 10_000 };

export interface HttpClientOptions {
  source: string;
  baseUrl: string;
  limiter: CredentialLimiter;
  auth?: AuthPlugin;
  fetch?: FetchLike;
  clock?: Clock;
  logger?: Logger;
  retry?: Partial<RetryPolicy>;
  timeoutMs?: number;
  defaultHeaders?: Record<string, string>;
  /** Reads the vendor's error envelope. */
  describe?: (body: unknown, status: number) => VendorError;
  /** Vendor-specific classification; return undefined to fall back to the generic rules. */
  classify?: (failure: HttpFailure) => IntegrationError | undefined;
  /** Header used for idempotency keys. Default `Idempotency-Key`. */
  idempotencyHeader?: string;
}

export interface RequestSpec<T> {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  query?: Record<string, string | number | boolean | undefined | Array<string | number>>;
  json?: unknown;
  form?: Record<string, string>;
  headers?: Record<string, string>;
  lane?: Lane;
  /** Validates a JSON response body. */
  schema?: z.ZodType<T>;
  /** Category for a 2xx body that fails `schema`. Default 'system'. */
  shape?: ShapeCategory;
  what?: string;
  responseType?: 'json' | 'text' | 'bytes';
  idempotencyKey?: string;
  /**
   * 'auto' (default): GET/HEAD, and writes carrying an idempotency key, are retried on any
   * transient failure; other writes only when the request certainly was not processed
   * (429, 503, connection refused). 'safe': the caller knows the write is idempotent.
   * 'never': no retry.
   */
  retry?: 'auto' | 'safe' | 'never';
  recordKey?: string;
  /** Skip the auth plug-in (e.g. the token request itself). */
  noAuth?: boolean;
  signal?: AbortSignal;
  /** Statuses returned as-is instead of thrown (e.g. 404 for a lookup). */
  passStatuses?: number[];
}

export interface HttpResponse<T> {
  status: number;
  headers: Headers;
  data: T;
  requestId?: string;
}

function defaultFetch(): FetchLike {
  return nodeFetch;
}

function buildUrl(base: string, path: string, query: RequestSpec<unknown>['query']): string {
  const url = new URL(base.replace(/\/+$/, '') + (path.startsWith('/') ? path : `/${path}`));
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v === undefined) continue;
    if (Array.isArray(v)) for (const item of v) url.searchParams.append(k, String(item));
    else url.searchParams.set(k, String(v));
  }
  return url.toString();
}

function tryJson(text: string): { ok: true; value: unknown } | { ok: false } {
  if (!text) return { ok: false };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

export class HttpClient {
  readonly source: string;
  private readonly fetchImpl: FetchLike;
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly retry: RetryPolicy;
  private readonly timeoutMs: number;

  constructor(private readonly opts: HttpClientOptions) {
    this.source = opts.source;
    this.fetchImpl = opts.fetch ?? defaultFetch();
    this.clock = opts.clock ?? systemClock;
    this.logger = opts.logger ?? silentLogger;
    this.retry = { ...DEFAULT_RETRY, ...opts.retry };
    this.timeoutMs = opts.timeoutMs ?? 30_000;
  }

  get limiter(): CredentialLimiter {
    return this.opts.limiter;
  }

  async request<T = unknown>(spec: RequestSpec<T>): Promise<HttpResponse<T>> {
    const idempotent = spec.method === 'GET' || spec.retry === 'safe' || spec.idempotencyKey !== undefined;
    const policy = spec.retry === 'never' ? { ...this.retry, retries: 0 } : this.retry;
    let refreshed = false;
    try {
      return await pRetry(
        async () => {
          try {
            return await this.attempt(spec);
          } catch (e) {
            const err = e as IntegrationError & { failure?: HttpFailure };
            if (err.status === 401 && !refreshed && this.opts.auth?.refresh && err.failure) {
              refreshed = true;
              if (await this.opts.auth.refresh(err.failure)) return await this.attempt(spec);
            }
            throw e;
          }
        },
        {
          retries: policy.retries,
          minTimeout: policy.minDelayMs,
          maxTimeout: policy.maxDelayMs,
          factor: 2,
          randomize: true,
          signal: spec.signal,
          shouldRetry: ({ error }) => {
            if (!(error instanceof TransientError)) return false;
            if (idempotent) return true;
            return error.status === 429 || error.status === 503 || error.code === 'NOT_SENT';
          },
          onFailedAttempt: ({ error, attemptNumber, retriesLeft }) => {
            this.logger.debug('http attempt failed', {
              source: this.source,
              path: spec.path,
              attemptNumber,
              retriesLeft,
              error: error.message,
            });
          },
        },
      );
    } catch (e) {
      if (e instanceof AbortError) throw categorise(e.originalError);
      throw categorise(e);
    }
  }

  private async attempt<T>(spec: RequestSpec<T>): Promise<HttpResponse<T>> {
    const url = buildUrl(this.opts.baseUrl, spec.path, spec.query);
    const what = `${spec.method} ${url}`;
    const headers: Record<string, string> = {
      Accept: spec.responseType === 'bytes' ? '*/*' : 'application/json',
      'X-Request-Id': randomUUID(),
      ...this.opts.defaultHeaders,
      ...spec.headers,
    };
    let body: string | undefined;
    if (spec.json !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(spec.json);
    } else if (spec.form) {
      headers['Content-Type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(spec.form).toString();
    }
    if (spec.idempotencyKey) headers[this.opts.idempotencyHeader ?? 'Idempotency-Key'] = spec.idempotencyKey;

    return this.opts.limiter.schedule(spec.lane ?? 'default', async () => {
      if (!spec.noAuth && this.opts.auth) await this.opts.auth.apply(headers);
      const timeout = AbortSignal.timeout(this.timeoutMs);
      const signal = spec.signal ? AbortSignal.any([spec.signal, timeout]) : timeout;
      let res: Response;
      let bytes: Uint8Array | undefined;
      let text = '';
      try {
        res = await this.fetchImpl(url, { method: spec.method, headers, body, signal, redirect: 'manual' });
        // one copy only: text for JSON/text bodies, bytes for binary ones
        if (spec.responseType === 'bytes' && res.status >= 200 && res.status < 300) bytes = new Uint8Array(await res.arrayBuffer());
        else text = await res.text();
      } catch (e) {
        if (spec.signal?.aborted) throw new AbortError(e instanceof Error ? e : String(e));
        const err = classifyNetworkFailure(e, this.source, what, timeout.aborted);
        if (err instanceof TransientError && neverSent(e)) {
          throw new TransientError({ message: err.message, internalMessage: err.internalMessage, code: 'NOT_SENT', source: this.source, cause: e });
        }
        throw err;
      }
      const requestId = res.headers.get('x-request-id') ?? undefined;
      if (res.status < 200 || res.status >= 300) {
        if (spec.passStatuses?.includes(res.status)) {
          const parsed = tryJson(text);
          return { status: res.status, headers: res.headers, data: (parsed.ok ? parsed.value : text) as T, requestId };
        }
        throw this.failure(spec, what, res, text);
      }
      if (bytes) return { status: res.status, headers: res.headers, data: bytes as unknown as T, requestId };
      if (spec.responseType === 'text') return { status: res.status, headers: res.headers, data: text as unknown as T, requestId };
      const parsed = text.trim() === '' ? { ok: true as const, value: undefined } : tryJson(text);
      if (!parsed.ok) {
        throw new SystemError({
          message: `${this.source}: response to ${spec.what ?? what} is not JSON`,
          internalMessage: `${what} → ${res.status}: ${text.slice(0, 300)}`,
          code: 'INVALID_JSON',
          source: this.source,
          status: res.status,
        });
      }
      const data = spec.schema
        ? validate(spec.schema, parsed.value, {
            source: this.source,
            what: spec.what ?? `response to ${spec.method} ${spec.path}`,
            category: spec.shape ?? 'system',
            recordKey: spec.recordKey,
          })
        : (parsed.value as T);
      return { status: res.status, headers: res.headers, data, requestId };
    });
  }

  private failure(spec: RequestSpec<unknown>, what: string, res: Response, bodyText: string): IntegrationError {
    const parsed = tryJson(bodyText);
    const body = parsed.ok ? parsed.value : undefined;
    const failure: HttpFailure = {
      source: this.source,
      method: spec.method,
      url: what.slice(spec.method.length + 1),
      status: res.status,
      headers: res.headers,
      bodyText,
      body,
      vendor: this.opts.describe?.(body, res.status) ?? {},
      recordKey: spec.recordKey,
    };
    const err = this.opts.classify?.(failure) ?? classifyHttpFailure(failure);
    if (err instanceof TransientError && err.retryAfterMs !== undefined && err.retryAfterMs > 0) {
      this.opts.limiter.pause(err.retryAfterMs);
    }
    Object.defineProperty(err, 'failure', { value: failure, enumerable: false });
    return err;
  }
}
