/**
 * FX rates with their date (FxRate rows). BNR is the source of truth, ECB the
 * fallback. A run prices with the rates of its own date: the latest fixing on or
 * before the run date, per currency.
 */
import type { FxConnectorInstance, FxRate as ConnectorFxRate } from '@megzo/connectors/contract/kinds';
import type { FxRate } from '@megzo/mapping';
import type { Db } from './db.ts';
import type { Logger } from './context.ts';

const day = (d: string) => new Date(`${d}T00:00:00.000Z`);

/** Stores fetched rates idempotently (unique source, currency, date). */
export async function storeRates(db: Db, rates: readonly ConnectorFxRate[]): Promise<number> {
  let n = 0;
  for (const r of rates) {
    await db.fxRate.upsert({
      where: { source_currency_date: { source: r.source, currency: r.currency, date: day(r.date) } },
      create: { source: r.source, currency: r.currency, date: day(r.date), value: r.value, multiplier: r.multiplier },
      update: { value: r.value, multiplier: r.multiplier },
    });
    n++;
  }
  return n;
}

/** Fetch the rates of `date` from BNR, falling back to ECB, and store them. */
export async function fetchAndStoreRates(
  db: Db,
  sources: { primary?: FxConnectorInstance; fallback?: FxConnectorInstance },
  date: string,
  log: Logger,
): Promise<{ source: 'BNR' | 'ECB' | null; stored: number }> {
  for (const api of [sources.primary, sources.fallback]) {
    if (!api) continue;
    try {
      const rates = await api.fetchRates(date);
      if (rates.length === 0) continue;
      return { source: rates[0]!.source, stored: await storeRates(db, rates) };
    } catch (e) {
      log.warn({ err: e, connector: api.connectorId }, 'FX fetch failed; trying the fallback');
    }
  }
  return { source: null, stored: 0 };
}

/** Rates for the run date: per currency, the latest fixing on or before it, BNR before ECB. */
export async function ratesForDate(db: Db, date: string): Promise<FxRate[]> {
  const rows = await db.$queryRaw<Array<{ source: 'BNR' | 'ECB'; currency: string; date: Date; value: string; multiplier: number }>>`
    SELECT DISTINCT ON (currency) source::text AS source, currency, date, value::text AS value, multiplier
    FROM "FxRate"
    WHERE date <= ${day(date)}::date
    ORDER BY currency, date DESC, (source = 'BNR') DESC`;
  return rows.map((r) => ({
    currency: r.currency,
    date: r.date.toISOString().slice(0, 10),
    value: r.value,
    multiplier: r.multiplier,
    source: r.source,
  }));
}
