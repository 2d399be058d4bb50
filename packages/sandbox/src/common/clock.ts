/**
 * The sandbox clock: real time plus an offset. Each simulator owns one.
 * `/_sandbox/clock/advance` moves it forward; `/_sandbox/clock/set` jumps to an instant.
 * Every time-based behaviour (auto-cancel, tracking, FX publication, auto-invoice) reads it.
 */
export class SimClock {
  private offsetMs = 0;

  constructor(private readonly realNow: () => number = Date.now) {}

  nowMs(): number {
    return this.realNow() + this.offsetMs;
  }

  now(): Date {
    return new Date(this.nowMs());
  }

  advance(seconds: number): void {
    this.offsetMs += seconds * 1000;
  }

  /** Jump so that now() equals `atMs` (time keeps running from there). */
  set(atMs: number): void {
    this.offsetMs = atMs - this.realNow();
  }

  reset(): void {
    this.offsetMs = 0;
  }
}
