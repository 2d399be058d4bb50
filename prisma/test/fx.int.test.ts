import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fxRateOn, fxRatesBetween, upsertFxRates } from '../src/repositories/fx.repo.ts';
import { createTestDatabase, type TestDatabase } from '../src/testing.ts';

describe('fx rates', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.drop());

  it('stores dated rates, corrects them, and answers the rate in force on a day', async () => {
    await upsertFxRates(db.prisma, [
      { source: 'BNR', currency: 'EUR', date: '2026-11-20', value: '4.9770' },
      { source: 'BNR', currency: 'SEK', date: '2026-11-20', value: '0.4512' },
      { source: 'BNR', currency: 'HUF', date: '2026-11-20', value: '1.2650', multiplier: 100 },
      { source: 'BNR', currency: 'EUR', date: '2026-11-23', value: '4.9781' },
      { source: 'ECB', currency: 'SEK', date: '2026-11-20', value: '11.0300' },
    ]);
    await upsertFxRates(db.prisma, [{ source: 'BNR', currency: 'EUR', date: '2026-11-23', value: '4.9790' }]);
    expect(await db.prisma.fxRate.count()).toBe(5);
    // Saturday: Friday's rate is in force.
    expect(await fxRateOn(db.prisma, 'BNR', 'EUR', '2026-11-21')).toEqual({ source: 'BNR', currency: 'EUR', date: '2026-11-20', value: '4.977', multiplier: 1 });
    expect((await fxRateOn(db.prisma, 'BNR', 'EUR', '2026-11-24'))?.value).toBe('4.979');
    expect((await fxRateOn(db.prisma, 'BNR', 'HUF', '2026-11-20'))?.multiplier).toBe(100);
    expect(await fxRateOn(db.prisma, 'BNR', 'EUR', '2026-11-19')).toBeNull();
    expect((await fxRateOn(db.prisma, 'ECB', 'SEK', '2026-11-30'))?.value).toBe('11.03');
    expect((await fxRatesBetween(db.prisma, 'BNR', '2026-11-20', '2026-11-22')).map((r) => r.currency)).toEqual(['EUR', 'HUF', 'SEK']);
  });

  it('names bad input', async () => {
    await expect(upsertFxRates(db.prisma, [{ source: 'BNR', currency: 'eur', date: '2026-11-20', value: '1' }])).rejects.toThrow(/rates\[0\]\.currency/);
    await expect(upsertFxRates(db.prisma, [{ source: 'BNR', currency: 'EUR', date: '2026-02-30', value: '1' }])).rejects.toThrow(/rates\[0\]\.date/);
    await expect(upsertFxRates(db.prisma, [{ source: 'BNR', currency: 'EUR', date: '2026-02-03', value: '-1' }])).rejects.toThrow(/rates\[0\]\.value/);
    await expect(fxRateOn(db.prisma, 'BNR', 'EUR', '21.11.2026')).rejects.toThrow(/date must be a date written YYYY-MM-DD/);
  });
});
