/**
 * Payload excerpts for SyncRunItem: small, and with personal data removed
 * (DESIGN.md invariant 6). Keys are matched case-insensitively.
 */
const PERSONAL = /^(name|full_?name|first_?name|last_?name|email|e_?mail|phone|phone_?number|mobile|street|street_?address|street2|address|address_?line\d*|postal_?code|zip|city|customer|ship_?to|shipping_?address|billing_?address|buyer|receiver|partner|personal_?data|vat_?number|cif)$/i;

export const REDACTED = '[redacted]';

export function redact(value: unknown, depth = 0): unknown {
  if (depth > 6) return '[…]';
  if (Array.isArray(value)) {
    const head = value.slice(0, 10).map((v) => redact(v, depth + 1));
    return value.length > 10 ? [...head, `[+${value.length - 10} more]`] : head;
  }
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      out[k] = PERSONAL.test(k) ? REDACTED : redact(v, depth + 1);
    }
    return out;
  }
  if (typeof value === 'string' && value.length > 300) return `${value.slice(0, 300)}…`;
  return value;
}

/** A redacted excerpt capped at roughly `maxChars` of JSON. */
export function excerpt(value: unknown, maxChars = 2000): unknown {
  if (value === undefined) return undefined;
  const r = redact(value);
  const text = JSON.stringify(r);
  if (text === undefined) return undefined;
  if (text.length <= maxChars) return r;
  return { truncated: true, json: `${text.slice(0, maxChars)}…` };
}
