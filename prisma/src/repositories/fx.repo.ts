/**
 * The dated exchange-rate table (BNR, ECB). Mapping rules convert prices with the rate
 * of a given day: the latest published on or before it (no rates on weekends/holidays).
 * Values travel as decimal strings; BNR quotes some currencies per 100 units
 * (`multiplier`), so one unit of `currency` = value / multiplier in the source's base.
 */
import type { Db, FxSource } from '../client.ts';
import { inTransaction } from '../tx.ts';

export interface FxRateInput {
  source: FxSource;
  currency: string;
  /** YYYY-MM-DD */
  date: string;
  value: string;
  multiplier?: number;
}

export interface FxRateRow {
  source: FxSource;
  currency: string;
  date: string;
  value: string;
  multiplier: number;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const DECIMAL = /^\d+(\.\d+)?$/;

function day(text: string, field: string): Date {
  const d = new Date(`${text}T00:00:00Z`);
  if (!DAY.test(text) || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== text) {
    throw new RangeError(`${field} must be a date written YYYY-MM-DD, got "${text}"`);
  }
  return d;
}

function toRow(r: { source: FxSource; currency: string; date: Date; value: { toString(): string }; multiplier: number }): FxRateRow {
  return { source: r.source, currency: r.currency, date: r.date.toISOString().slice(0, 10), value: r.value.toString(), multiplier: r.multiplier };
}

/** Insert or correct rates (one transaction). Returns how many rows were written. */
export async function upsertFxRates(db: Db, rates: readonly FxRateInput[]): Promise<number> {
  const checked = rates.map((r, i) => {
    if (!/^[A-Z]{3}$/.test(r.currency)) throw new RangeError(`rates[${i}].currency must be an ISO 4217 code, got "${r.currency}"`);
    if (!DECIMAL.test(r.value) || Number(r.value) <= 0) throw new RangeError(`rates[${i}].value must be a positive decimal string, got "${r.value}"`);
    const multiplier = r.multiplier ?? 1;
    if (!Number.isInteger(multiplier) || multiplier <= 0) throw new RangeError(`rates[${i}].multiplier must be a positive integer`);
    return { source: r.source, currency: r.currency, date: day(r.date, `rates[${i}].date`), value: r.value, multiplier };
  });
  if (checked.length === 0) return 0;
  await inTransaction(db, async (tx) => {
    for (const r of checked) {
      await tx.fxRate.upsert({
        where: { source_currency_date: { source: r.source, currency: r.currency, date: r.date } },
        create: r,
        update: { value: r.value, multiplier: r.multiplier },
      });
    }
  });
  return checked.length;
}

/** The rate in force on `date`: the latest published on or before it (null if none). */
export async function fxRateOn(db: Db, source: FxSource, currency: string, date: string): Promise<FxRateRow | null> {
  const row = await db.fxRate.findFirst({
    where: { source, currency, date: { lte: day(date, 'date') } },
    orderBy: { date: 'desc' },
  });
  return row ? toRow(row) : null;
}

/** Every rate of `source` published between `from` and `to` (inclusive), oldest first. */
export async function fxRatesBetween(db: Db, source: FxSource, from: string, to: string): Promise<FxRateRow[]> {
  const rows = await db.fxRate.findMany({
    where: { source, date: { gte: day(from, 'from'), lte: day(to, 'to') } },
    orderBy: [{ date: 'asc' }, { currency: 'asc' }],
  });
  return rows.map(toRow);
}
