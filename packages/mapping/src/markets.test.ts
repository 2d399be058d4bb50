import { describe, expect, it } from 'vitest';
import { compileMapping } from './compile.ts';
import { DEFAULT_MAPPINGS } from './defaults/index.ts';
import { mapCdonArticle, type MarketContext } from './markets.ts';
import type { FxRate } from './types.ts';

const fx: FxRate[] = [
  { currency: 'SEK', date: '2025-10-24', value: '0.4641', multiplier: 1, source: 'BNR' },
  { currency: 'DKK', date: '2025-10-24', value: '0.6806', multiplier: 1, source: 'BNR' },
];
const contexts: MarketContext[] = [
  { market: 'SE', currency: 'SEK', vatRate: 25, date: '2025-10-25', fx },
  { market: 'DK', currency: 'DKK', vatRate: 25, date: '2025-10-25', fx },
  { market: 'FI', currency: 'EUR', vatRate: 25.5, date: '2025-10-25', fx }, // no EUR rate
];
const product = { sku: 'A-1', name: 'Căști X1', description: 'Descriere produs', categoryCode: 'AUDIO', netPrice: '100.00', currency: 'RON', vatRate: '21.00', images: ['https://img/a.jpg'], active: true, updatedAt: 'x' };

describe('mapCdonArticle', () => {
  it('assembles the markets that mapped and lists the failures with their market', async () => {
    const compiled = compileMapping(DEFAULT_MAPPINGS.catalog.content, { targets: DEFAULT_MAPPINGS.catalog.targets });
    const res = await mapCdonArticle(compiled, product, contexts);
    expect(res.ok).toBe(false);
    expect(res.failedMarkets).toEqual(['FI']);
    expect(res.errors).toEqual([
      { market: 'FI', target: 'price.amount_including_vat', code: 'FUNCTION:MISSING_RATE', message: '$convert: the exchange-rate table has no EUR rate (needed to convert on 2025-10-25)' },
    ]);
    expect(res.article?.markets).toEqual(['SE', 'DK']);
    expect(res.article?.price).toEqual([
      { market: 'SE', value: { amount_including_vat: 270, currency: 'SEK', vat_rate: 0.25 } },
      { market: 'DK', value: { amount_including_vat: 184, currency: 'DKK', vat_rate: 0.25 } },
    ]);
    expect(res.warnings).toEqual([
      'SE: 2025-10-25 is a Saturday; used the BNR SEK rate of 2025-10-24 (last published day)',
      'DK: 2025-10-25 is a Saturday; used the BNR DKK rate of 2025-10-24 (last published day)',
    ]);
  });
});
