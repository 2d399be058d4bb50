import { describe, expect, it } from 'vitest';
import { BNR_2025_10_21, run, runFull } from '../test-helpers.ts';
import type { FxRate } from '../types.ts';

const ctx = { date: '2025-10-21', fx: BNR_2025_10_21 };

describe('$convert — golden data of fx-and-vat.md C.4 (BNR 2025-10-21, net 100.00 RON)', () => {
  it.each([
    // currency, vat, net in target (4 dp), exact gross (4 dp), 2 dp half-up, whole unit half-up
    ['SEK', 25, '215.4708', '269.3385', '269.34', '269'],
    ['NOK', 25, '230.0966', '287.6208', '287.62', '288'],
    ['DKK', 25, '146.9292', '183.6615', '183.66', '184'],
    ['EUR', 25.5, '19.6726', '24.6892', '24.69', '25'],
  ])('RON → %s at %s %% VAT', async (cur, vat, net, gross, twoDp, whole) => {
    const c = { ...ctx, currency: cur, vatRate: vat };
    expect(await run("$convert(100.00, 'RON', $currency) ~> $round(4)", {}, c)).toBe(net);
    expect(await run("$convert(100.00, 'RON', $currency) ~> $vatAdd($vatRate) ~> $round(4)", {}, c)).toBe(gross);
    // rounding happens once, on the full-precision gross (not on the 4 dp display values)
    expect(await run("netPrice ~> $convert('RON', $currency) ~> $vatAdd($vatRate) ~> $round(2, 'half-up')", { netPrice: '100.00' }, c)).toBe(twoDp);
    expect(await run("netPrice ~> $convert('RON', $currency) ~> $vatAdd($vatRate) ~> $round(0, 'half-up')", { netPrice: '100.00' }, c)).toBe(whole);
  });

  it('converts X → RON and X → Y through RON, and same currency unchanged', async () => {
    expect(await run("$convert(100, 'SEK', 'RON')", {}, ctx)).toBe('46.41');
    expect(await run("$convert(100, 'EUR', 'SEK') ~> $round(4)", {}, ctx)).toBe('1095.2812');
    expect(await run("$convert(12.5, 'SEK', 'sek')", {}, ctx)).toBe('12.5');
  });

  it('applies the BNR multiplier (HUF is quoted per 100 units)', async () => {
    expect(await run("$convert(1000, 'HUF', 'RON')", {}, ctx)).toBe('13.061');
    expect(await run("$rate('HUF')", {}, ctx)).toBe('0.013061');
  });

  it('uses the latest fixing at or before the date, preferring BNR on the same day', async () => {
    const fx: FxRate[] = [
      { currency: 'SEK', date: '2025-10-20', value: '0.4600', multiplier: 1, source: 'BNR' },
      { currency: 'SEK', date: '2025-10-21', value: '0.4700', multiplier: 1, source: 'ECB' },
      { currency: 'SEK', date: '2025-10-21', value: '0.5000', multiplier: 1, source: 'BNR' },
      { currency: 'SEK', date: '2025-10-23', value: '0.9999', multiplier: 1, source: 'BNR' },
    ];
    expect(await run("$convert(100, 'SEK', 'RON')", {}, { date: '2025-10-22', fx })).toBe('50');
    expect(await run("$convert(100, 'SEK', 'RON', '2025-10-20')", {}, { date: '2025-10-22', fx })).toBe('46');
  });

  it('a weekend date uses the last published day and says so in a warning', async () => {
    const fx: FxRate[] = [{ currency: 'SEK', date: '2025-10-24', value: '0.4641', multiplier: 1, source: 'BNR' }];
    const res = await runFull("$convert(100, 'RON', 'SEK') ~> $round(2)", {}, { date: '2025-10-26', fx });
    expect(res.ok).toBe(true);
    expect(res.output.v).toBe('215.47');
    expect(res.warnings).toEqual(['2025-10-26 is a Sunday; used the BNR SEK rate of 2025-10-24 (last published day)']);
  });

  it('no warning when the fixing is of the same day', async () => {
    const res = await runFull("$convert(100, 'RON', 'SEK')", {}, ctx);
    expect(res.warnings).toEqual([]);
  });

  it('a missing rate is a clear error naming the currency and date', async () => {
    await expect(run("$convert(100, 'RON', 'GBP')", {}, ctx)).rejects.toThrow(/MISSING_RATE: \$convert: the exchange-rate table has no GBP rate \(needed to convert on 2025-10-21\)/);
    await expect(run("$convert(100, 'RON', 'SEK')", {}, { date: '2025-10-01', fx: BNR_2025_10_21 })).rejects.toThrow(
      /no SEK rate published on or before 2025-10-01/,
    );
    await expect(run("$convert(100, 'RON', 'SEK')", {}, { date: '2025-10-21' })).rejects.toThrow(/has no SEK rate/);
  });

  it('refuses a stale rate, a bad date and a bad currency', async () => {
    await expect(run("$convert(100, 'RON', 'SEK')", {}, { date: '2025-11-21', fx: BNR_2025_10_21 })).rejects.toThrow(/31 days old; refusing a stale rate/);
    await expect(run("$convert(100, 'RON', 'SEK')", {}, { fx: BNR_2025_10_21 })).rejects.toThrow(/a rate date YYYY-MM-DD is needed/);
    await expect(run("$convert(100, 'RON', c)", { c: 'kronor' }, ctx)).rejects.toThrow(/3-letter code/);
  });
});
