import { describe, expect, it } from 'vitest';
import { compileMapping } from './compile.ts';
import { evaluate, evaluateOrThrow } from './evaluate.ts';
import { MappingCompileError, MappingRecordError } from './errors.ts';
import { MappingCache } from './cache.ts';
import { hashContent } from './hash.ts';
import { BNR_2025_10_21 } from './test-helpers.ts';
import type { MappingVersionContent, TargetField } from './types.ts';

const ctx = { market: 'SE' as const, currency: 'SEK', vatRate: 25, date: '2025-10-21', fx: BNR_2025_10_21 };

describe('evaluate', () => {
  it('builds nested output from dotted targets and leaves missing values out', async () => {
    const c = compileMapping({
      rules: [
        { target: 'sku', expression: 'sku' },
        { target: 'price.amount', expression: "netPrice ~> $convert('RON', $currency) ~> $vatAdd($vatRate) ~> $round(2)" },
        { target: 'price.currency', expression: '$currency' },
        { target: 'title.sv-SE', expression: 'name' },
        { target: 'gtin', expression: 'ean' },
      ],
      lookups: {},
    });
    const res = await evaluate(c, { sku: 'A', netPrice: '100.00', name: 'Hörlurar' }, ctx);
    expect(res).toEqual({
      ok: true,
      output: { sku: 'A', price: { amount: '269.34', currency: 'SEK' }, title: { 'sv-SE': 'Hörlurar' } },
      errors: [],
      warnings: [],
    });
  });

  it('one failing field fails that record only, with its reason; other fields still map', async () => {
    const c = compileMapping({
      rules: [
        { target: 'sku', expression: 'sku' },
        { target: 'category', expression: "$lookup('categories', cat)" },
        { target: 'price', expression: '$vatAdd(net, 25)' },
        { target: 'sum', expression: '$sum(nums)' },
      ],
      lookups: { categories: { AUDIO: '1124' } },
    });
    const good = await evaluate(c, { sku: 'A', cat: 'AUDIO', net: 10, nums: [1, 2] }, ctx);
    expect(good.ok).toBe(true);
    const bad = await evaluate(c, { sku: 'B', cat: 'TOYS', net: 'ten', nums: [1, 2] }, ctx);
    expect(bad.ok).toBe(false);
    expect(bad.output).toEqual({ sku: 'B', sum: 3 });
    expect(bad.errors).toEqual([
      { target: 'category', code: 'FUNCTION:UNKNOWN_KEY', message: '$lookup: table "categories" has no entry for key "TOYS" and no default was given' },
      { target: 'price', code: 'FUNCTION:NOT_A_NUMBER', message: '$vatAdd: the net amount must be a number, got the text "ten"' },
    ]);
    // and the next record is fine again (no state leaks between records)
    expect((await evaluate(c, { sku: 'C', cat: 'AUDIO', net: 1, nums: [] }, ctx)).ok).toBe(true);
  });

  it('reports JSONata runtime errors per field in plain words', async () => {
    const c = compileMapping({ rules: [{ target: 'x', expression: 'a + 1' }, { target: 'y', expression: '$sum(a)' }], lookups: {} });
    const res = await evaluate(c, { a: 'text' }, {});
    expect(res.errors.map((e) => [e.target, e.code])).toEqual([['x', 'JSONATA:T2001'], ['y', 'JSONATA:T0412']]);
    expect(res.errors[0]?.message).toMatch(/must evaluate to a number/);
  });

  it('attributes a failure inside the combined slow-rule evaluation to the right field', async () => {
    const c = compileMapping({
      rules: [
        { target: 'a', expression: '$sum(nums)' },
        { target: 'b', expression: '$count(nums) + $number(txt)' },
        { target: 'c', expression: '$max(nums)' },
      ],
      lookups: {},
    });
    expect(c.base.slow).toEqual([0, 1, 2]);
    expect((await evaluate(c, { nums: [1, 5], txt: '2' }, {})).output).toEqual({ a: 6, b: 4, c: 5 });
    const res = await evaluate(c, { nums: [1, 5], txt: 'two' }, {});
    expect(res.output).toEqual({ a: 6, c: 5 });
    expect(res.errors.map((e) => `${e.target}:${e.code}`)).toEqual(['b:JSONATA:D3030']);
  });

  it('checks target types and required fields', async () => {
    const targets: TargetField[] = [
      { name: 'sku', type: 'string', required: true },
      { name: 'qty', type: 'number' },
      { name: 'price', type: 'money', format: 'number' },
      { name: 'net', type: 'money' },
      { name: 'status', type: 'enum', enumValues: ['for sale', 'paused'] },
      { name: 'markets', type: 'list' },
      { name: 'flag', type: 'boolean' },
    ];
    const c = compileMapping(
      {
        rules: [
          { target: 'sku', expression: 'code' },
          { target: 'qty', expression: 'qty' },
          { target: 'price', expression: 'p ~> $round(2)' },
          { target: 'net', expression: 'n' },
          { target: 'status', expression: 'st' },
          { target: 'markets', expression: 'm' },
          { target: 'flag', expression: 'f' },
        ],
        lookups: {},
      },
      { targets },
    );
    const ok = await evaluate(c, { code: 'A', qty: 2, p: '24.9', n: 12.5, st: 'paused', m: ['SE', 'DK'], f: true }, {});
    expect(ok.output).toEqual({ sku: 'A', qty: 2, price: 24.9, net: '12.5', status: 'paused', markets: ['SE', 'DK'], flag: true });
    const bad = await evaluate(c, { qty: '2', p: 'x', n: 'abc', st: 'sold', m: 'SE', f: 'yes' }, {});
    expect(bad.errors.map((e) => `${e.target}:${e.code}`)).toEqual([
      'sku:REQUIRED', 'qty:TYPE', 'price:FUNCTION:NOT_A_NUMBER', 'net:TYPE', 'status:TYPE', 'markets:TYPE', 'flag:TYPE',
    ]);
    expect(bad.errors.find((e) => e.target === 'status')?.message).toBe('must be one of "for sale", "paused", got the text "sold"');
    const thrown = await evaluateOrThrow(c, {}, {}).catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(MappingRecordError);
    expect((thrown as MappingRecordError).category).toBe('record');
    expect((thrown as MappingRecordError).message).toBe('Field "sku": is required but the rule produced no value');
    expect((thrown as MappingRecordError).path).toBe('sku');
  });

  it('compile errors are configuration errors (never retried)', () => {
    const e = (() => {
      try {
        compileMapping({ rules: [{ target: 'x', expression: '(' }], lookups: {} });
      } catch (err) {
        return err;
      }
      return undefined;
    })();
    expect(e).toBeInstanceOf(MappingCompileError);
    expect((e as MappingCompileError).category).toBe('configuration');
    expect((e as MappingCompileError).toJSON()).toMatchObject({ code: 'MAPPING_COMPILE', path: 'x' });
  });

  it('per-market overrides replace same-target rules for that market only', async () => {
    const c = compileMapping({
      rules: [
        { target: 'price', expression: "n ~> $convert('RON', $currency) ~> $vatAdd($vatRate) ~> $round(2) ~> $priceEnding('.00')" },
        { target: 'm', expression: '$market' },
      ],
      lookups: {},
      marketOverrides: {
        FI: [
          { target: 'price', expression: "n ~> $convert('RON', $currency) ~> $vatAdd($vatRate) ~> $round(2) ~> $priceEnding('.90')" },
          { target: 'extra', expression: '"fi only"' },
        ],
      },
    });
    const se = await evaluate(c, { n: 100 }, ctx);
    const fi = await evaluate(c, { n: 100 }, { ...ctx, market: 'FI', currency: 'EUR', vatRate: 25.5 });
    expect(se.output).toEqual({ price: '270.00', m: 'SE' });
    expect(fi.output).toEqual({ price: '24.90', m: 'FI', extra: 'fi only' });
  });

  it('runs concurrent evaluations of one compiled mapping without mixing state', async () => {
    const c = compileMapping({ rules: [{ target: 'p', expression: "$convert(n, 'RON', $currency) ~> $round(2)" }, { target: 'w', expression: '($x := n; $x & $market)' }], lookups: {} });
    const markets = [['SE', 'SEK'], ['DK', 'DKK'], ['NO', 'NOK'], ['FI', 'EUR']] as const;
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => {
      const [market, currency] = markets[i % 4] as (typeof markets)[number];
      return evaluate(c, { n: i }, { ...ctx, market, currency, date: i % 2 ? '2025-10-25' : '2025-10-21' });
    }));
    results.forEach((r, i) => {
      expect(r.output.w).toBe(`${i}${markets[i % 4]?.[0]}`);
      expect(r.warnings.length).toBe(i % 2 && i > 0 ? 1 : 0);
    });
  });
});

describe('bounds: hostile expressions end inside the bound with a clear error', () => {
  const opts = { timeoutMs: 100, maxDepth: 300 };
  const run = async (expression: string) => {
    const c = compileMapping({ rules: [{ target: 'ok', expression: '"fine"' }, { target: 'evil', expression }], lookups: {} }, opts);
    const t0 = Date.now();
    const res = await evaluate(c, { n: 1 }, {});
    return { res, ms: Date.now() - t0 };
  };

  it('deep recursion stops at the depth bound', async () => {
    const { res, ms } = await run('($f := function($x){ 1 + $f($x) }; $f(1))');
    expect(res.output).toEqual({ ok: 'fine' });
    expect(res.errors).toEqual([{ target: 'evil', code: 'DEPTH', message: 'The rule nests deeper than 300 levels and was stopped — does a function call itself without end?' }]);
    expect(ms).toBeLessThan(2000);
  });

  it('an infinite loop through a tail-recursive function stops at the time bound', async () => {
    const { res, ms } = await run('($f := function($x){ $f($x + 1) }; $f(1))');
    expect(res.errors).toEqual([{ target: 'evil', code: 'TIMEOUT', message: 'The rule ran longer than 100 ms and was stopped — does it loop forever?' }]);
    expect(ms).toBeLessThan(2000);
  });

  it('runaway string building stops at the size bound', async () => {
    const { res, ms } = await run('($f := function($s){ $f($s & $s) }; $f("abcdefgh"))');
    expect(res.errors).toEqual([{ target: 'evil', code: 'TOO_LARGE', message: 'The rule built a text longer than 1000000 characters and was stopped' }]);
    expect(ms).toBeLessThan(2000);
  });

  it('a giant $pad is refused instead of allocating', async () => {
    const { res, ms } = await run('$pad("", 1000000000, "x")');
    expect(res.errors).toEqual([{ target: 'evil', code: 'FUNCTION:TOO_LARGE', message: '$pad: the width 1000000000 is above the limit of 10000' }]);
    expect(ms).toBeLessThan(1000);
  });

  it('a huge range and a loop over it stop at the time bound', async () => {
    const { res } = await run('$reduce([1..9999999], function($a, $b){ $a + $b })');
    expect(res.errors[0]?.code).toBe('TIMEOUT');
  });

  it('catastrophic regex patterns are refused at compile time; regexes on huge texts at run time; ordinary patterns work', async () => {
    expect(() => compileMapping({ rules: [{ target: 'evil', expression: '$match(s, /(a+)+$/)' }], lookups: {} })).toThrow(
      'Mapping rule "evil": The pattern /(a+)+$/ is not allowed: it repeats a group that itself repeats, which can take practically forever on some texts',
    );
    const c = compileMapping({ rules: [
      { target: 'fine', expression: '$replace(s, /a{2}/, "b")' },
      { target: 'big', expression: '$contains(big, /x/)' },
    ], lookups: {} }, opts);
    const res = await evaluate(c, { s: `${'a'.repeat(40)}!`, big: 'y'.repeat(30_000) }, {});
    expect(res.output).toEqual({ fine: `${'b'.repeat(20)}!` });
    expect(res.errors).toEqual([{ target: 'big', code: 'REGEX', message: 'A pattern was applied to a text of 30000 characters; the limit is 20000' }]);
  });

  it('$eval and clock functions are refused at compile time', () => {
    expect(() => compileMapping({ rules: [{ target: 'x', expression: '$eval("1+1")' }], lookups: {} })).toThrow(MappingCompileError);
    expect(() => compileMapping({ rules: [{ target: 'x', expression: '$now()' }], lookups: {} })).toThrow(/\$now\(\) is not allowed/);
  });
});

describe('compile cache keyed by version id + content hash', () => {
  const v1: MappingVersionContent = { rules: [{ target: 'price', expression: "n ~> $vatAdd(25) ~> $round(2) ~> $priceEnding('.00')" }], lookups: {} };
  const v2: MappingVersionContent = { rules: [{ target: 'price', expression: "n ~> $vatAdd(25) ~> $round(2) ~> $priceEnding('9')" }], lookups: {} };

  it('a newly published version changes output; the old version still gives its old output', async () => {
    const cache = new MappingCache();
    const record = { n: 200 };
    const pinnedOld = cache.get('v1', v1);
    expect((await evaluate(pinnedOld, record, {})).output).toEqual({ price: '250.00' });
    // publish v2: the next run asks the cache for the published version
    const published = cache.get('v2', v2);
    expect((await evaluate(published, record, {})).output).toEqual({ price: '259.00' });
    // a run pinned to v1 still evaluates v1, from the same cache, without recompiling
    expect(cache.get('v1', v1)).toBe(pinnedOld);
    expect((await evaluate(cache.get('v1', v1), record, {})).output).toEqual({ price: '250.00' });
    expect(cache.compiles).toBe(2);
    expect(published.cacheKey).toBe(`v2:${hashContent(v2)}`);
  });

  it('same version id with different content (an edited draft) compiles again', () => {
    const cache = new MappingCache(2);
    const a = cache.get('draft', v1);
    const b = cache.get('draft', v2);
    expect(a).not.toBe(b);
    cache.get('x', v1);
    expect(cache.size).toBe(2);
  });

  it('hashContent is stable under key order and changes with content', () => {
    const reordered = { lookups: {}, rules: [{ expression: v1.rules[0]?.expression ?? '', target: 'price' }] };
    expect(hashContent(reordered)).toBe(hashContent(v1));
    expect(hashContent(v1)).not.toBe(hashContent(v2));
    expect(hashContent(v1)).toMatch(/^[0-9a-f]{16}$/);
  });
});
