import { describe, expect, it } from 'vitest';
import { parseEnv } from './env.ts';

describe('env', () => {
  it('parses defaults', () => {
    const r = parseEnv({ DATABASE_URL: 'postgres://u@localhost/db' });
    expect(r.ok && r.env.SCHEDULER_CONCURRENCY).toBe(4);
  });
  it('names each malformed variable on one line', () => {
    const r = parseEnv({ DATABASE_URL: 'mysql://x', SCHEDULER_CONCURRENCY: 'lots' });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.message).toContain('DATABASE_URL');
      expect(r.message).toContain('SCHEDULER_CONCURRENCY');
      expect(r.message.split('\n')).toHaveLength(1);
    }
  });
  it('requires DATABASE_URL', () => {
    const r = parseEnv({});
    expect(!r.ok && r.message).toContain('DATABASE_URL');
  });
  it('STARTUP_RUN_FLOWS: all flows by default, none, or a comma list (deduplicated)', () => {
    const base = { DATABASE_URL: 'postgres://u@localhost/db' };
    const flows = (v?: string) => {
      const r = parseEnv({ ...base, STARTUP_RUN_FLOWS: v });
      return r.ok ? r.env.STARTUP_RUN_FLOWS : r.message;
    };
    expect(flows()).toEqual(['catalog', 'stock', 'orders', 'invoices', 'tracking', 'returns']);
    expect(flows('all')).toEqual(['catalog', 'stock', 'orders', 'invoices', 'tracking', 'returns']);
    expect(flows('none')).toEqual([]);
    expect(flows(' stock, orders ,Stock,returns')).toEqual(['stock', 'orders', 'returns']);
  });
  it('STARTUP_RUN_FLOWS: an unknown flow is refused by name', () => {
    const r = parseEnv({ DATABASE_URL: 'postgres://u@localhost/db', STARTUP_RUN_FLOWS: 'stock,catalogue' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/STARTUP_RUN_FLOWS: unknown flow "catalogue"/);
  });
});
