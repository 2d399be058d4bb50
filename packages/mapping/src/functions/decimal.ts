/**
 * Exact decimal arithmetic for money. Every money function parses its inputs
 * with `toDec` (numbers go through their shortest decimal representation, so
 * 1.005 is the decimal 1.005, not the binary 1.00499999…) and returns a plain
 * decimal string. Binary floating point never touches a price.
 */
import DecimalJs from 'decimal.js';
import { fail } from '../errors.ts';

/** A private Decimal constructor: 60 significant digits, never exponent notation. */
export const D = DecimalJs.clone({ precision: 60, rounding: DecimalJs.ROUND_HALF_UP, toExpNeg: -60, toExpPos: 60 });
export type Dec = InstanceType<typeof D>;

const DECIMAL_RE = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** Parse a number or a decimal string; `what` names the argument in the error. */
export function toDec(value: unknown, what: string, fn: string): Dec {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) fail('NOT_A_NUMBER', `${fn}: ${what} must be a finite number, got ${String(value)}`);
    return new D(String(value));
  }
  if (typeof value === 'string') {
    const s = value.trim();
    if (DECIMAL_RE.test(s)) return new D(s);
    fail('NOT_A_NUMBER', `${fn}: ${what} must be a number, got the text ${JSON.stringify(value)}`);
  }
  if (typeof value === 'boolean') fail('NOT_A_NUMBER', `${fn}: ${what} must be a number, got ${String(value)}`);
  if (value === null) fail('NOT_A_NUMBER', `${fn}: ${what} must be a number, got null`);
  if (Array.isArray(value)) fail('NOT_A_NUMBER', `${fn}: ${what} must be one number, got a list of ${value.length} values`);
  fail('NOT_A_NUMBER', `${fn}: ${what} must be a number, got ${typeof value}`);
}

/** Plain decimal string without exponent and without trailing zeros ("215.4708…", "0.3"). */
export function decStr(d: Dec): string {
  const s = d.toFixed();
  return s === '-0' ? '0' : s;
}

export function isMissing(v: unknown): boolean {
  return v === undefined;
}

/** Integer argument check (decimals, lengths). */
export function toInt(value: unknown, what: string, fn: string, min: number, max: number): number {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < min || n > max) {
    fail('BAD_ARGUMENT', `${fn}: ${what} must be a whole number from ${min} to ${max}, got ${JSON.stringify(value)}`);
  }
  return n;
}
