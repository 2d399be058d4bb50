/** Token buckets keyed by string (e.g. merchant, or merchant + route). */
export class TokenBuckets {
  private buckets = new Map<string, { tokens: number; at: number }>();

  /** Take one token; returns 0 when allowed, else the milliseconds until a token is available. */
  take(key: string, ratePerS: number, burst: number, nowMs: number): number {
    const b = this.buckets.get(key) ?? { tokens: burst, at: nowMs };
    b.tokens = Math.min(burst, b.tokens + ((nowMs - b.at) / 1000) * ratePerS);
    b.at = nowMs;
    this.buckets.set(key, b);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return 0;
    }
    return ((1 - b.tokens) / ratePerS) * 1000;
  }

  clear(): void {
    this.buckets.clear();
  }
}
