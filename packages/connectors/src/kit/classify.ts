/**
 * The single place that sorts HTTP and network failures into the four categories
 * (configuration / transient / record / system). Connector clients add vendor rules
 * through `HttpClientOptions.classify` and vendor error envelopes through `describe`.
 */
import { ConfigError, RecordError, SystemError, TransientError, type IntegrationError } from '@megzo/domain';

export interface HttpFailure {
  source: string;
  method: string;
  url: string;
  status: number;
  headers: Headers;
  bodyText: string;
  body: unknown;
  /** Vendor-described error (parsed from its envelope). */
  vendor: VendorError;
  recordKey?: string;
}

export interface VendorError {
  message?: string;
  code?: string;
  path?: string;
}

/** Retry-After as milliseconds: delta-seconds or an HTTP-date. */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}

export function classifyHttpFailure(f: HttpFailure): IntegrationError {
  const where = `${f.method} ${f.url} → ${f.status}`;
  const vendorText = f.vendor.message ?? f.bodyText.slice(0, 300);
  const base = {
    source: f.source,
    status: f.status,
    code: f.vendor.code ?? `HTTP_${f.status}`,
    path: f.vendor.path,
    internalMessage: `${where}: ${f.bodyText.slice(0, 500)}`,
  };
  if (f.status === 429 || f.status === 408 || f.status === 425 || f.status >= 500) {
    const retryAfterMs = parseRetryAfter(f.headers.get('retry-after'));
    const msg = f.status === 429 ? 'Rate limited by the remote system' : `Remote system unavailable (${f.status})`;
    return new TransientError({ ...base, message: `${msg}: ${vendorText}`, retryAfterMs });
  }
  if (f.status === 401 || f.status === 403) {
    return new ConfigError({ ...base, message: `Access denied (${f.status}): check the credentials and permissions. ${vendorText}` });
  }
  if (f.status >= 400) {
    return new RecordError({ ...base, message: vendorText || `Rejected (${f.status})`, recordKey: f.recordKey });
  }
  if (f.status >= 300) {
    return new ConfigError({ ...base, message: `Unexpected redirect (${f.status}) to ${f.headers.get('location') ?? '?'}: check the base URL` });
  }
  return new SystemError({ ...base, message: `Unexpected HTTP status ${f.status}` });
}

const TRANSIENT_NETWORK_CODES = new Set([
  'ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH',
  'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CLOSED',
]);

function networkCode(e: unknown): string | undefined {
  let cur: unknown = e;
  for (let i = 0; i < 5 && cur; i++) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    cur = (cur as { cause?: unknown }).cause;
  }
  return undefined;
}

/** True when the request certainly never reached the server (safe to retry any write). */
export function neverSent(e: unknown): boolean {
  const code = networkCode(e);
  return code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'UND_ERR_CONNECT_TIMEOUT';
}

export function classifyNetworkFailure(e: unknown, source: string, what: string, timedOut: boolean): IntegrationError {
  const code = timedOut ? 'TIMEOUT' : (networkCode(e) ?? 'NETWORK');
  const err = e instanceof Error ? e : new Error(String(e));
  if (timedOut || TRANSIENT_NETWORK_CODES.has(code) || err.name === 'TypeError' || code === 'NETWORK') {
    return new TransientError({
      message: timedOut ? `Timed out: ${what}` : `Network failure (${code}): ${what}`,
      internalMessage: err.stack ?? err.message,
      code,
      source,
      cause: err,
    });
  }
  return new SystemError({ message: `Unexpected failure: ${what}`, internalMessage: err.stack ?? err.message, code, source, cause: err });
}
