import { describe, expect, it } from 'vitest';
import { impact, preview } from './preview.ts';
import { DEFAULT_MAPPINGS } from './defaults/index.ts';
import { BNR_2025_10_21 } from './test-helpers.ts';
import type { EvalContext, MappingVersionContent } from './types.ts';

const { content, targets } = DEFAULT_MAPPINGS.catalog;
const se: EvalContext = { market: 'SE', currency: 'SEK', vatRate: 25, date: '2025-10-21', fx: BNR_2025_10_21 };
const fi: EvalContext = { market: 'FI', currency: 'EUR', vatRate: 25.5, date: '2025-10-21', fx: BNR_2025_10_21 };

const product = (sku: string, netPrice: string, categoryCode = 'AUDIO') => ({
  sku, name: `Produs ${sku}`, description: 'Descriere lungă a produsului', categoryCode, netPrice, currency: 'RON', vatRate: '21.00',
  images: [`https://img/${sku}.jpg`], active: true, updatedAt: '2025-10-21',
});

describe('preview', () => {
  it('evaluates a version on sample records with per-record errors', async () => {
    const rows = await preview(content, [product('A', '100.00'), product('B', 'free')], se, { targets });
    expect(rows.map((r) => [r.key, r.ok])).toEqual([['A', true], ['B', false]]);
    expect((rows[0]?.output.price as Record<string, unknown>).amount_including_vat).toBe(270);
    expect(rows[1]?.errors).toEqual([{ target: 'price.amount_including_vat', code: 'FUNCTION:NOT_A_NUMBER', message: '$convert: the amount must be a number, got the text "free"' }]);
  });
});

describe('impact', () => {
  it('diffs a draft against the published version per market with money deltas and a summary sentence', async () => {
    const draft: MappingVersionContent = structuredClone(content);
    const price = draft.rules.find((r) => r.target === 'price.amount_including_vat');
    if (!price) throw new Error('no price rule');
    price.expression = price.expression.replace("$priceEnding('.00')", "$priceEnding('9')");
    draft.lookups.categories = { ...draft.lookups.categories };
    delete draft.lookups.categories.TELEFOANE;
    const records = [
      product('A', '100.00'), // SE 269.34 → 270 (published) vs 279 (draft)
      product('B', '92.00'), // 247.79 → 248 vs 249
      product('C', '94.30', 'TELEFOANE'), // 253.99 → 254 vs 259, and fails in draft (category removed)
      product('D', 'bad'), // fails in both
    ];
    const report = await impact(draft, content, records, [se, fi], { targets });
    const [seImpact, fiImpact] = report.markets;
    expect(seImpact).toMatchObject({ market: 'SE', records: 4, nowFail: 1, stillFail: 1, fixed: 0 });
    expect(seImpact?.money).toEqual([
      { target: 'price.amount_including_vat', compared: 3, changed: 3, increased: 3, decreased: 0, medianPct: expect.closeTo(1.969, 2), minPct: expect.closeTo(0.403, 2), maxPct: expect.closeTo(3.333, 2) },
    ]);
    expect(seImpact?.summary).toBe('3 of 4 SE prices change, median +2.0 %, 1 record now fails, 1 record fails in both versions.');
    // FI has its own price override (.90), so only the category change shows there
    expect(fiImpact?.summary).toBe('0 of 4 FI prices change, 1 record now fails, 1 record fails in both versions.');
    expect(report.summary).toEqual([seImpact?.summary, fiImpact?.summary]);
    const a = report.records.find((r) => r.key === 'A' && r.market === 'SE');
    expect(a?.changes).toEqual([{ target: 'price.amount_including_vat', before: 270, after: 279, delta: '9', deltaPct: expect.closeTo(3.333, 2) }]);
    const c = report.records.find((r) => r.key === 'C' && r.market === 'SE');
    expect(c?.status).toBe('nowFails');
    expect(c?.errors[0]?.message).toBe('$lookup: table "categories" has no entry for key "TELEFOANE" and no default was given');
  });

  it('reports no change for identical versions', async () => {
    const report = await impact(content, content, [product('A', '100.00')], [se], { targets });
    expect(report.summary).toEqual(['0 of 1 SE prices change.']);
    expect(report.records).toEqual([]);
  });
});
