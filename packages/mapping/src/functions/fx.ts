/**
 * $convert(amount, from, to[, date]) over the dated FX table of the context.
 *
 * Rates follow BNR semantics: `value` is RON for `multiplier` units, so
 * k = value ÷ multiplier is RON per unit. RON→X = a ÷ k_X, X→RON = a × k_X,
 * X→Y = a × k_X ÷ k_Y. The rate used is the latest fixing at or before the
 * date (the argument, else the context date); BNR wins over ECB on the same
 * day. Weekend/holiday dates use the last published day with a warning; a
 * fixing older than `fxMaxAgeDays` is refused as stale. Result: full-precision
 * decimal string (round it with $round).
 */
import { fail } from '../errors.ts';
import { type Dec, decStr, toDec } from './decimal.ts';
import { type EvalState, stateOf, warn } from './state.ts';
import type { FxRate } from '../types.ts';

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

function dayNumber(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS;
}

function indexRates(state: EvalState): Map<string, FxRate[]> {
  if (state.fxIndex) return state.fxIndex;
  const idx = new Map<string, FxRate[]>();
  for (const r of state.fx ?? []) {
    const cur = r.currency.toUpperCase();
    const list = idx.get(cur);
    if (list) list.push(r);
    else idx.set(cur, [r]);
  }
  for (const list of idx.values()) {
    // newest first; on the same date BNR before ECB
    list.sort((a, b) => (a.date === b.date ? (a.source === 'BNR' ? -1 : 1) : a.date < b.date ? 1 : -1));
  }
  state.fxIndex = idx;
  return idx;
}

/** The fixing used for `currency` on `date`, with its RON-per-unit value. */
export function pickRate(state: EvalState, currency: string, date: string): { rate: FxRate; k: Dec } {
  const list = indexRates(state).get(currency);
  if (!list || list.length === 0) {
    fail('MISSING_RATE', `$convert: the exchange-rate table has no ${currency} rate (needed to convert on ${date})`);
  }
  const rate = list.find((r) => r.date <= date);
  if (!rate) {
    const oldest = list[list.length - 1]?.date ?? '?';
    fail('MISSING_RATE', `$convert: no ${currency} rate published on or before ${date} (oldest in the table: ${oldest})`);
  }
  const age = dayNumber(date) - dayNumber(rate.date);
  if (age > state.fxMaxAgeDays) {
    fail('STALE_RATE', `$convert: the newest ${currency} rate before ${date} is from ${rate.date}, ${age} days old; refusing a stale rate`);
  }
  if (age > 0) {
    const wd = new Date(dayNumber(date) * DAY_MS).getUTCDay();
    const why = wd === 0 || wd === 6 ? `${date} is a ${WEEKDAYS[wd]}` : `no fixing was published on ${date}`;
    warn(state, `${why}; used the ${rate.source} ${currency} rate of ${rate.date} (last published day)`);
  }
  if (!Number.isInteger(rate.multiplier) || rate.multiplier < 1) {
    fail('BAD_RATE', `$convert: the ${currency} rate of ${rate.date} has an invalid multiplier ${String(rate.multiplier)}`);
  }
  const k = toDec(rate.value, `the ${currency} rate of ${rate.date}`, '$convert').div(rate.multiplier);
  if (!k.gt(0)) fail('BAD_RATE', `$convert: the ${currency} rate of ${rate.date} must be positive, got ${rate.value}`);
  return { rate, k };
}

function currencyArg(v: unknown, what: string): string {
  if (typeof v !== 'string' || !/^[A-Za-z]{3}$/.test(v.trim())) {
    fail('BAD_CURRENCY', `$convert: ${what} currency must be a 3-letter code like "SEK", got ${JSON.stringify(v)}`);
  }
  return v.trim().toUpperCase();
}

export function convert(this: unknown, amount: unknown, from: unknown, to: unknown, date?: unknown): string | undefined {
  if (amount === undefined) return undefined;
  const a = toDec(amount, 'the amount', '$convert');
  const f = currencyArg(from, 'the source');
  const t = currencyArg(to, 'the target');
  if (f === t) return decStr(a);
  const state = stateOf(this);
  const d = date ?? state.date;
  if (typeof d !== 'string' || !DATE_RE.test(d)) {
    fail('BAD_DATE', `$convert: a rate date YYYY-MM-DD is needed (set the context date or pass one), got ${JSON.stringify(d)}`);
  }
  const ron = f === 'RON' ? a : a.times(pickRate(state, f, d).k);
  return decStr(t === 'RON' ? ron : ron.div(pickRate(state, t, d).k));
}

/** $rate(currency[, date]) → RON per one unit, as a decimal string. */
export function rate(this: unknown, currency: unknown, date?: unknown): string {
  const state = stateOf(this);
  const c = currencyArg(currency, 'the');
  if (c === 'RON') return '1';
  const d = date ?? state.date;
  if (typeof d !== 'string' || !DATE_RE.test(d)) fail('BAD_DATE', `$rate: a rate date YYYY-MM-DD is needed, got ${JSON.stringify(d)}`);
  return decStr(pickRate(state, c, d).k);
}

