/**
 * Charisma transport: auth (OAuth2 client credentials or X-Api-Key), the per-credential
 * limiter, the error envelope → category mapping, and page iteration.
 */
import { ConfigError, RecordError, SystemError, TransientError, type IntegrationError } from '@megzo/domain';
import type { z } from 'zod';
import type { ConnectorDeps } from '../contract/types.ts';
import { apiKeyAuth, bearerTokenAuth } from '../kit/auth.ts';
import { parseRetryAfter, type HttpFailure, type VendorError } from '../kit/classify.ts';
import { HttpClient, type RequestSpec } from '../kit/http.ts';
import { defaultLimiterRegistry, type Lane } from '../kit/limiter.ts';
import { validate } from '../kit/validate.ts';
import { CHARISMA_API_PATH, ERROR_CATEGORY, ErrorEnvelope, HEADERS, PATHS, PageEnvelope, TokenResponse } from './adapter-contract.ts';
import type { CharismaConfig } from './spec.ts';

export const SOURCE = 'erp-charisma';

function describe(body: unknown): VendorError {
  const env = ErrorEnvelope.safeParse(body);
  if (!env.success) return {};
  const e = env.data.error;
  const detail = e.details?.[0];
  return { code: e.code, message: e.message ?? e.code, path: detail?.field };
}

function classify(f: HttpFailure): IntegrationError | undefined {
  const code = f.vendor.code;
  if (!code) return undefined;
  const category = ERROR_CATEGORY[code];
  const base = {
    message: f.vendor.message ?? code,
    internalMessage: `${f.method} ${f.url} → ${f.status}: ${f.bodyText.slice(0, 500)}`,
    code,
    path: f.vendor.path,
    source: SOURCE,
    status: f.status,
  };
  const existingId = ErrorEnvelope.safeParse(f.body).data?.error.existingId;
  switch (category) {
    case 'configuration':
      return new ConfigError({ ...base, message: `Charisma refused the credentials: ${base.message}` });
    case 'refresh':
      return new ConfigError(base); // the HTTP client refreshes the token once on 401 before surfacing this
    case 'transient':
      return new TransientError({ ...base, retryAfterMs: parseRetryAfter(f.headers.get('retry-after')) });
    case 'record': {
      const err = new RecordError({ ...base, recordKey: f.recordKey });
      if (existingId) Object.defineProperty(err, 'existingId', { value: existingId, enumerable: true });
      return err;
    }
    default:
      return undefined;
  }
}

export class CharismaClient {
  readonly http: HttpClient;

  constructor(readonly config: CharismaConfig, deps: ConnectorDeps) {
    const registry = deps.limiters ?? defaultLimiterRegistry;
    const base = config.baseUrl.replace(/\/+$/, '') + CHARISMA_API_PATH;
    const credential = config.authMode === 'oauth' ? `${config.baseUrl}|${config.clientId}` : `${config.baseUrl}|${config.apiKey}`;
    const settings = { requestsPerSecond: config.requestsPerSecond, maxConcurrent: config.maxConcurrent };
    const common = {
      source: SOURCE,
      baseUrl: base,
      fetch: deps.fetch,
      clock: deps.clock,
      logger: deps.logger,
      retry: deps.retry,
      timeoutMs: deps.timeoutMs,
      describe,
      classify,
      idempotencyHeader: HEADERS.idempotencyKey,
      defaultHeaders: config.company ? { [HEADERS.company]: config.company } : undefined,
    };
    let auth;
    if (config.authMode === 'oauth') {
      // The token endpoint has its own limiter: a token fetch runs inside a data request's slot.
      const tokenHttp = new HttpClient({ ...common, limiter: registry.get(`${SOURCE}-token`, credential, settings) });
      auth = bearerTokenAuth(async () => {
        const res = await tokenHttp.request({
          method: 'POST',
          path: PATHS.token,
          form: { grant_type: 'client_credentials', client_id: config.clientId ?? '', client_secret: config.clientSecret ?? '' },
          schema: TokenResponse,
          what: 'Charisma token response',
          noAuth: true,
          retry: 'safe',
        });
        return { accessToken: res.data.access_token, expiresInSeconds: res.data.expires_in };
      });
    } else {
      auth = apiKeyAuth(HEADERS.apiKey, config.apiKey ?? '');
    }
    this.http = new HttpClient({ ...common, auth, limiter: registry.get(SOURCE, credential, settings) });
  }

  async get<T>(path: string, schema: z.ZodType<T>, query?: RequestSpec<T>['query'], lane: Lane = 'default'): Promise<T> {
    const res = await this.http.request({ method: 'GET', path, query, schema, lane });
    return res.data;
  }

  /**
   * Pages of a list endpoint (§7.1 envelope). The next page is requested while the caller
   * works on the current one; rows are validated one by one so a bad row is a RecordError
   * for that row, not a failed page.
   */
  async *pages<T>(
    path: string,
    query: Record<string, string | number | boolean | undefined>,
    row: z.ZodType<T>,
    opts: { pageSize: number; lane?: Lane; what: string; signal?: AbortSignal; startPage?: number },
  ): AsyncGenerator<{ page: number; rows: Array<{ ok: true; value: T } | { ok: false; error: IntegrationError; raw: unknown }>; hasMore: boolean }> {
    const fetchPage = (page: number) =>
      this.http.request({
        method: 'GET',
        path,
        query: { ...query, page, pageSize: opts.pageSize },
        schema: PageEnvelope,
        lane: opts.lane,
        what: `${opts.what} page ${page}`,
        signal: opts.signal,
      });
    let pageNo = opts.startPage ?? 1;
    let next = fetchPage(pageNo);
    next.catch(() => {}); // awaited below; avoids an unhandled rejection if the reader stops early
    for (;;) {
      const res = await next;
      const env = res.data;
      if (env.hasMore) {
        next = fetchPage(pageNo + 1);
        next.catch(() => {});
      }
      const rows = env.items.map((raw, i) => {
        try {
          return { ok: true as const, value: validate(row, raw, { source: SOURCE, what: opts.what, category: 'record', pathPrefix: `items[${i}]`, recordKey: keyOf(raw) }) };
        } catch (e) {
          return { ok: false as const, error: e as IntegrationError, raw };
        }
      });
      yield { page: pageNo, rows, hasMore: env.hasMore };
      if (!env.hasMore) return;
      if (env.items.length === 0) throw new SystemError({ message: `${opts.what}: empty page ${pageNo} with hasMore=true`, source: SOURCE });
      pageNo++;
    }
  }
}

function keyOf(raw: unknown): string | undefined {
  if (raw && typeof raw === 'object') {
    const r = raw as Record<string, unknown>;
    const k = r.code ?? r.itemCode ?? r.id;
    return typeof k === 'string' ? k : undefined;
  }
  return undefined;
}
