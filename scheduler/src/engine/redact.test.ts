import { describe, expect, it } from 'vitest';
import { excerpt, REDACTED } from './redact.ts';

describe('redact', () => {
  it('removes personal data at any depth and keeps the rest', () => {
    const r = excerpt({ sku: 'A', shipping_address: { city: 'Malmö' }, lines: [{ email: 'x@y.se', qty: 1 }] }) as Record<string, unknown>;
    expect(r).toEqual({ sku: 'A', shipping_address: REDACTED, lines: [{ email: REDACTED, qty: 1 }] });
  });
  it('caps large payloads', () => {
    const r = excerpt({ big: Array.from({ length: 10 }, () => 'x'.repeat(290)) }, 200) as { truncated: boolean };
    expect(r.truncated).toBe(true);
  });
});
