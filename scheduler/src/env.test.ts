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
});
