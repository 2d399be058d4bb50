/** CDON transport: Basic auth, x-merchant-id, the per-merchant limiter and CDON's `description` errors. */
import { ConfigError, RecordError, type IntegrationError } from '@megzo/domain';
import type { ConnectorDeps } from '../contract/types.ts';
import { basicAuth } from '../kit/auth.ts';
import type { HttpFailure, VendorError } from '../kit/classify.ts';
import { HttpClient } from '../kit/http.ts';
import { defaultLimiterRegistry } from '../kit/limiter.ts';
import { ErrorBody } from './schemas.ts';
import type { CdonConfig } from './spec.ts';

export const SOURCE = 'marketplace-cdon';

export const ALREADY_IN_STATE = /^Order row already has (accepted|fulfilled|not_fulfilled) as state$/;
export const PAST_DEADLINE = 'Order has passed fulfillment due date';

function describe(body: unknown): VendorError {
  const parsed = ErrorBody.safeParse(body);
  return parsed.success ? { message: parsed.data.description } : {};
}

function classify(f: HttpFailure): IntegrationError | undefined {
  const description = f.vendor.message ?? '';
  const base = { source: SOURCE, status: f.status, internalMessage: `${f.method} ${f.url} → ${f.status}: ${f.bodyText.slice(0, 500)}`, recordKey: f.recordKey };
  if (f.status === 401) {
    return new ConfigError({ ...base, message: `CDON rejected the Merchant ID / API token: ${description || 'unauthorized'}`, code: 'UNAUTHORIZED' });
  }
  if (f.status === 403) {
    const state = ALREADY_IN_STATE.exec(description);
    if (state) return new RecordError({ ...base, message: description, code: `ALREADY_${state[1]?.toUpperCase()}` });
    if (description === PAST_DEADLINE) return new RecordError({ ...base, message: description, code: 'PAST_FULFILMENT_DEADLINE' });
    if (f.url.includes('/v1/orders')) return new RecordError({ ...base, message: description || 'Not allowed on this order', code: 'FORBIDDEN_OBJECT' });
    return new ConfigError({ ...base, message: `CDON refused access: ${description || 'forbidden'}`, code: 'FORBIDDEN' });
  }
  if (f.status === 404) return new RecordError({ ...base, message: description || 'Not found', code: 'NOT_FOUND' });
  if (f.status === 400 || f.status === 422) return new RecordError({ ...base, message: description || 'Invalid payload', code: 'INVALID_PAYLOAD' });
  return undefined;
}

export function createCdonHttp(config: CdonConfig, deps: ConnectorDeps): HttpClient {
  const registry = deps.limiters ?? defaultLimiterRegistry;
  return new HttpClient({
    source: SOURCE,
    baseUrl: config.baseUrl,
    limiter: registry.get(SOURCE, `${config.baseUrl}|${config.merchantId}`, { requestsPerSecond: config.requestsPerSecond, maxConcurrent: config.maxConcurrent }),
    auth: basicAuth(config.merchantId, config.token),
    defaultHeaders: { 'x-merchant-id': config.merchantId },
    fetch: deps.fetch,
    clock: deps.clock,
    logger: deps.logger,
    retry: deps.retry,
    timeoutMs: deps.timeoutMs,
    describe,
    classify,
  });
}
