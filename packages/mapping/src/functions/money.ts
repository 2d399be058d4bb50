/**
 * Money functions: VAT, rounding, price endings and exact arithmetic.
 *
 * Conventions (see README):
 * - VAT rates are PERCENTAGES: 25 means 25 %, 25.5 means 25.5 %. A value strictly
 *   between 0 and 1 (e.g. 0.25) is refused as ambiguous; use `$fractionToPercent`.
 * - Results are decimal strings. `$round`/`$priceEnding` return exactly `decimals`
 *   places ("269.30"); the other functions return the full-precision decimal.
 * - A missing input (undefined) gives a missing result, so a required target
 *   reports "missing" instead of a misleading number.
 */
import { fail } from '../errors.ts';
import { D, type Dec, decStr, toDec, toInt } from './decimal.ts';

export type RoundMode = 'half-up' | 'half-even' | 'half-down' | 'up' | 'down' | 'ceiling' | 'floor';

const MODES: Record<RoundMode, DecimalRounding> = {
  'half-up': D.ROUND_HALF_UP,
  'half-even': D.ROUND_HALF_EVEN,
  'half-down': D.ROUND_HALF_DOWN,
  up: D.ROUND_UP,
  down: D.ROUND_DOWN,
  ceiling: D.ROUND_CEIL,
  floor: D.ROUND_FLOOR,
};
type DecimalRounding = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8;

export const ROUND_MODES = Object.keys(MODES) as RoundMode[];

export function roundMode(mode: unknown, fn: string): DecimalRounding {
  if (mode === undefined || mode === null) return D.ROUND_HALF_UP;
  if (typeof mode === 'string' && mode in MODES) return MODES[mode as RoundMode];
  return fail('BAD_ARGUMENT', `${fn}: rounding mode must be one of ${ROUND_MODES.join(', ')}; got ${JSON.stringify(mode)}`);
}

/** Parse a VAT percentage; refuse fractions like 0.25 and values outside 0–100. */
export function vatPercent(rate: unknown, fn: string): Dec {
  if (rate === undefined) fail('MISSING_VAT_RATE', `${fn}: the VAT rate is missing (is $vatRate set for this market?)`);
  const r = toDec(rate, 'the VAT rate', fn);
  if (r.gt(0) && r.lt(1)) {
    fail(
      'AMBIGUOUS_VAT_RATE',
      `${fn}: VAT rate ${decStr(r)} looks like a fraction. Rates are percentages: write ${decStr(r.times(100))} for ${decStr(r.times(100))} %`,
    );
  }
  if (r.lt(0) || r.gt(100)) fail('BAD_VAT_RATE', `${fn}: VAT rate must be a percentage from 0 to 100, got ${decStr(r)}`);
  return r;
}

/** $vatAdd(net, ratePercent) → net × (1 + rate/100), full precision. */
export function vatAdd(net: unknown, rate: unknown): string | undefined {
  if (net === undefined) return undefined;
  const n = toDec(net, 'the net amount', '$vatAdd');
  const r = vatPercent(rate, '$vatAdd');
  return decStr(n.times(r.div(100).plus(1)));
}

/** $vatStrip(gross, ratePercent) → gross ÷ (1 + rate/100), full precision. */
export function vatStrip(gross: unknown, rate: unknown): string | undefined {
  if (gross === undefined) return undefined;
  const g = toDec(gross, 'the gross amount', '$vatStrip');
  const r = vatPercent(rate, '$vatStrip');
  return decStr(g.div(r.div(100).plus(1)));
}

/** $vatAmount(net, ratePercent) → net × rate/100, full precision. */
export function vatAmount(net: unknown, rate: unknown): string | undefined {
  if (net === undefined) return undefined;
  const n = toDec(net, 'the net amount', '$vatAmount');
  return decStr(n.times(vatPercent(rate, '$vatAmount').div(100)));
}

/**
 * $round(x, decimals = 0, mode = 'half-up') → decimal string with exactly
 * `decimals` places. Shadows JSONata's builtin $round (which is half-even on
 * binary floats). 'up' is away from zero, 'down' toward zero.
 */
export function round(x: unknown, decimals?: unknown, mode?: unknown): string | undefined {
  if (x === undefined) return undefined;
  const d = toDec(x, 'the value', '$round');
  const places = decimals === undefined || decimals === null ? 0 : toInt(decimals, 'decimals', '$round', 0, 20);
  const out = d.toFixed(places, roundMode(mode, '$round'));
  return /^-0(\.0*)?$/.test(out) ? out.slice(1) : out;
}

/**
 * $priceEnding(x, ending, mode = 'up') — a market price ending.
 * - ending with a dot (".90", ".95", ".99", ".00"): keep the whole units, force
 *   the cents; "up" takes the smallest such price ≥ x, "down" the largest ≤ x,
 *   "nearest" the closer one (ties go up).
 * - digits only ("9", "99", "0", "5"): a whole price whose last digits are
 *   `ending` (…9 → 199, 209, 219); same modes. Result has 2 decimals.
 */
export function priceEnding(x: unknown, ending: unknown, mode?: unknown): string | undefined {
  if (x === undefined) return undefined;
  const v = toDec(x, 'the price', '$priceEnding');
  if (typeof ending !== 'string' || !/^(\.\d{1,2}|\d{1,4})$/.test(ending)) {
    fail('BAD_ARGUMENT', `$priceEnding: ending must look like ".90", ".99", ".00", "9" or "99"; got ${JSON.stringify(ending)}`);
  }
  const m = mode === undefined || mode === null ? 'up' : mode;
  if (m !== 'up' && m !== 'down' && m !== 'nearest') {
    fail('BAD_ARGUMENT', `$priceEnding: mode must be "up", "down" or "nearest"; got ${JSON.stringify(mode)}`);
  }
  if (v.isNegative() && !v.isZero()) fail('NEGATIVE_PRICE', `$priceEnding: a price cannot be negative, got ${decStr(v)}`);
  let below: Dec;
  let step: Dec;
  if (ending.startsWith('.')) {
    const cents = new D(`0${ending.padEnd(3, '0')}`);
    below = v.floor().plus(cents);
    step = new D(1);
  } else {
    step = new D(10).pow(ending.length);
    below = v.div(step).floor().times(step).plus(new D(ending));
  }
  if (below.gt(v)) below = below.minus(step);
  const above = below.eq(v) ? below : below.plus(step);
  let out: Dec;
  if (m === 'up') out = above;
  else if (m === 'down') out = below.isNegative() ? above : below;
  else out = v.minus(below).lt(above.minus(v)) && !below.isNegative() ? below : above;
  return out.toFixed(2);
}

function arith(name: string, a: unknown, b: unknown, op: (x: Dec, y: Dec) => Dec): string | undefined {
  if (a === undefined || b === undefined) return undefined;
  return decStr(op(toDec(a, 'the first value', name), toDec(b, 'the second value', name)));
}

export const add = (a: unknown, b: unknown): string | undefined => arith('$add', a, b, (x, y) => x.plus(y));
export const sub = (a: unknown, b: unknown): string | undefined => arith('$sub', a, b, (x, y) => x.minus(y));
export const mul = (a: unknown, b: unknown): string | undefined => arith('$mul', a, b, (x, y) => x.times(y));
export function div(a: unknown, b: unknown): string | undefined {
  if (a === undefined || b === undefined) return undefined;
  const y = toDec(b, 'the divisor', '$div');
  if (y.isZero()) fail('DIVISION_BY_ZERO', '$div: cannot divide by zero');
  return decStr(toDec(a, 'the value', '$div').div(y));
}

/** $fractionToPercent(0.25) → "25"; refuses values above 1. */
export function fractionToPercent(f: unknown): string | undefined {
  if (f === undefined) return undefined;
  const d = toDec(f, 'the fraction', '$fractionToPercent');
  if (d.lt(0) || d.gt(1)) fail('BAD_ARGUMENT', `$fractionToPercent: expected a fraction from 0 to 1 (0.25 = 25 %), got ${decStr(d)}`);
  return decStr(d.times(100));
}

/** $percentToFraction(25.5) → 0.255 as a JSON number (CDON's `vat_rate`). */
export function percentToFraction(p: unknown): number | undefined {
  if (p === undefined) return undefined;
  return Number(decStr(vatPercent(p, '$percentToFraction').div(100)));
}

/** $decimal(x) → the exact decimal string of x (validates it is a number). */
export function decimal(x: unknown): string | undefined {
  if (x === undefined) return undefined;
  return decStr(toDec(x, 'the value', '$decimal'));
}
