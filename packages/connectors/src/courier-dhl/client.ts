/** DHL transport: MyDHL (Basic auth, x-version) and Unified Tracking (DHL-API-Key), error shapes → categories. */
import { ConfigError, RecordError, TransientError, type IntegrationError } from '@megzo/domain';
import type { ConnectorDeps } from '../contract/types.ts';
import { apiKeyAuth, basicAuth } from '../kit/auth.ts';
import { parseRetryAfter, type HttpFailure, type VendorError } from '../kit/classify.ts';
import { HttpClient } from '../kit/http.ts';
import { defaultLimiterRegistry } from '../kit/limiter.ts';
import type { DhlConfig } from './spec.ts';

export const SOURCE = 'courier-dhl';

/** MyDHL: {detail, title, status:"400"} or 401 {reasons:[{msg}]}; Unified: problem+json with numeric status. */
export function describe(body: unknown): VendorError {
  if (!body || typeof body !== 'object') return {};
  const b = body as { detail?: unknown; title?: unknown; message?: unknown; reasons?: Array<{ msg?: unknown }> };
  if (typeof b.detail === 'string') {
    const code = /^(\d{3,5}):/.exec(b.detail)?.[1];
    const pointer = /#\/([^:\s]+)/.exec(b.detail)?.[1];
    return { message: b.detail, code, path: pointer?.split('/').join('.') };
  }
  const reason = b.reasons?.[0]?.msg;
  if (typeof reason === 'string') return { message: reason };
  if (typeof b.title === 'string') return { message: b.title };
  return {};
}

function classify(f: HttpFailure): IntegrationError | undefined {
  const message = f.vendor.message ?? `HTTP ${f.status}`;
  const base = { source: SOURCE, status: f.status, code: f.vendor.code ? `DHL_${f.vendor.code}` : `HTTP_${f.status}`, path: f.vendor.path, internalMessage: `${f.method} ${f.url} → ${f.status}: ${f.bodyText.slice(0, 500)}`, recordKey: f.recordKey };
  if (f.status === 401) return new ConfigError({ ...base, message: `DHL rejected the credentials: ${message}` });
  if (f.status === 400 && /account/i.test(message)) return new ConfigError({ ...base, message: `DHL account problem: ${message}` });
  if (f.status === 400 || f.status === 422) return new RecordError({ ...base, message: `DHL rejected the shipment: ${message}` });
  if (f.status === 404) return new RecordError({ ...base, message, code: 'NOT_FOUND' });
  if (f.status === 429 || f.status >= 500) return new TransientError({ ...base, message: `DHL unavailable (${f.status}): ${message}`, retryAfterMs: parseRetryAfter(f.headers.get('retry-after')) });
  return undefined;
}

export function createDhlClients(config: DhlConfig, deps: ConnectorDeps): { mydhl: HttpClient; tracking?: HttpClient } {
  const registry = deps.limiters ?? defaultLimiterRegistry;
  const common = { fetch: deps.fetch, clock: deps.clock, logger: deps.logger, retry: deps.retry, timeoutMs: deps.timeoutMs, describe, classify, source: SOURCE };
  const mydhl = new HttpClient({
    ...common,
    baseUrl: config.baseUrl,
    limiter: registry.get(SOURCE, `${config.baseUrl}|${config.username}`, { requestsPerSecond: config.requestsPerSecond, maxConcurrent: 2 }),
    auth: basicAuth(config.username, config.password),
    defaultHeaders: { 'x-version': config.xVersion },
  });
  const tracking = config.trackingApiKey
    ? new HttpClient({
        ...common,
        baseUrl: config.trackingBaseUrl,
        limiter: registry.get(`${SOURCE}-tracking`, `${config.trackingBaseUrl}|${config.trackingApiKey}`, { requestsPerSecond: config.trackingRequestsPerSecond, maxConcurrent: 1 }),
        auth: apiKeyAuth('DHL-API-Key', config.trackingApiKey),
      })
    : undefined;
  return { mydhl, tracking };
}
