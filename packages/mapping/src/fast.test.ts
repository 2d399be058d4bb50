/**
 * Differential test: the closure fast path must give exactly what JSONata
 * gives (output, errors, warnings) — or bail to JSONata. Every expression is
 * run on every record both ways.
 */
import { describe, expect, it } from 'vitest';
import { compileMapping } from './compile.ts';
import { evaluate } from './evaluate.ts';
import { BNR_2025_10_21 } from './test-helpers.ts';
import { DEFAULT_MAPPINGS } from './defaults/index.ts';

const EXPRESSIONS = [
  'sku', 'a.b', 'a.b.c', 'list', 'list[0]', 'list[-1]', 'list[5]', 'nested[0].x', 'one', 'one[0]', 'one[1]', 'one[-1]', 'g & ""', '$string(g)', 'deep[0]',
  '$', '$$.sku', '$.a.b', '$market', '$vars.w', '$vars', '$nothing', '-n', '-s',
  '"x" & sku', 'n & "!"', 'f & ""', 'a & b', 'sku & $market & flag', 'nul & "x"',
  'n = 3', 'n != 3', 's = "3"', 'a = a', 'nul = null', 'missing = 1', 'flag and n', 'flag or missing', 'a and true',
  'flag ? "y" : "n"', 's ? 1 : 2', 'empty ? 1', 'a ? 1 : 2', 'list ? 1 : 2', 'n ? 1 : 0',
  'n + 1', 'n * f', 'n / 0', 's + 1', 'missing + 1', 'missing + s', 'n - missing',
  '[sku, missing, n]', '[list]', '[[list]]', '[]', '{"k": sku, "m": missing}', '{"k": {"z": n}}', '{"a": list}',
  '$number(s)', '$number(f)', '$number("1e3")', '$number("0x10")', '$number(flag)', '$number(a)', '$string(n)', '$string(f)', '$string(a)',
  '$string(nul)', '$uppercase(sku)', '$lowercase(n)', '$join(list, ",")', '$join([sku, missing, "z"], "-")', '$join(sku)', '$join(nested, ",")',
  "$round(f, 2)", "f ~> $round(1, 'half-even')", "s ~> $vatAdd(25) ~> $round(2)", "$vatAdd(n, f / 10)", "$lookup('t', sku)", "$lookup('t', sku, 'dflt')",
  "$lookup(a, 'b')", "$coalesce(missing, empty, sku)", "$coalesce(list, sku)", "$convert(n, 'RON', 'SEK') ~> $round(2)", "$convert(n, 'RON', 'GBP')",
  '$truncateWords(text, 8)', '$stripHtml(html) ~> $fixDiacritics()', '$marketLanguage($market)', '$percentToFraction($vatRate)',
  '(sku)', '$count(list)', 'list.x', 'nested.x', '$sum(nums)',
];

const RECORDS: unknown[] = [
  { sku: 'A1', a: { b: 'ab', c: 1 }, list: ['x', 'y', 'z'], nested: [{ x: 1 }, { x: 2 }], one: ['solo'], deep: [['p', 'q']], n: 3, s: '3', f: 1.25, flag: true, empty: '', nul: null, text: 'Trådlösa hörlurar med brus', html: '<p>Ş &amp; ţ</p>', nums: [1, 2], g: 0.1 + 0.2 },
  { sku: 'B2', a: { b: { c: 'deep' } }, list: [], nested: [], one: 'not-a-list', n: 0, s: 'abc', f: -2.5, flag: false, empty: ' ', nul: null },
  { sku: 'C3', list: 'single', n: 2 ** 70, s: '12.50', f: 0.1, a: 'text' },
  { sku: 'Z9' },
  [{ sku: 'in-array' }],
  'just text',
  null,
];

const content = (expression: string) => ({ rules: [{ target: 'v', expression }], lookups: { t: { A1: 'found' } } });
const ctx = { market: 'SE' as const, currency: 'SEK', vatRate: 25, date: '2025-10-21', fx: BNR_2025_10_21, vars: { w: 'DEP01' } };

describe('fast path ≡ JSONata', () => {
  it.each(EXPRESSIONS)('%s', async (expression) => {
    const fast = compileMapping(content(expression));
    const slow = compileMapping(content(expression), { fastPath: false });
    for (const record of RECORDS) {
      const [a, b] = await Promise.all([evaluate(fast, record, ctx), evaluate(slow, record, ctx)]);
      expect({ record, ...a }).toEqual({ record, ...b });
    }
  });

  it('compiles the default mappings mostly to closures', () => {
    const c = compileMapping(DEFAULT_MAPPINGS.catalog.content);
    expect(c.base.slow).toEqual([]);
    const so = compileMapping(DEFAULT_MAPPINGS.salesOrder.content);
    expect(so.base.slow.map((i) => so.base.rules[i]?.target)).toEqual(['lines']);
  });

  it('gives the same default-mapping output both ways on varied records', async () => {
    const fast = compileMapping(DEFAULT_MAPPINGS.catalog.content, { targets: DEFAULT_MAPPINGS.catalog.targets });
    const slow = compileMapping(DEFAULT_MAPPINGS.catalog.content, { targets: DEFAULT_MAPPINGS.catalog.targets, fastPath: false });
    for (let i = 0; i < 60; i++) {
      const record = {
        sku: `S${i}`, name: i % 7 ? `Nume ${i} <i>x</i> ş` : '', description: i % 5 ? `<p>D ${i}</p>` : undefined, ean: i % 3 ? String(1e12 + i) : undefined,
        categoryCode: ['AUDIO', 'CASTI', 'NOPE'][i % 3], netPrice: i % 11 ? (i * 3.37).toFixed(2) : 'n/a', currency: 'RON', vatRate: '21.00',
        images: i % 4 ? [`u${i}`] : [], imageUrl: i % 6 ? undefined : 'main', active: i % 9 !== 0, updatedAt: 'x',
        raw: i % 2 ? { titles: { 'sv-SE': `T ${i}` } } : { titles: ['odd'] },
      };
      for (const market of ['SE', 'FI'] as const) {
        const c = { ...ctx, market, currency: market === 'SE' ? 'SEK' : 'EUR', vatRate: market === 'SE' ? 25 : 25.5 };
        expect(await evaluate(fast, record, c)).toEqual(await evaluate(slow, record, c));
      }
    }
  });
});
