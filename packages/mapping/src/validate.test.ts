import { describe, expect, it } from 'vitest';
import { compileMapping } from './compile.ts';
import { MappingCompileError } from './errors.ts';
import { DEFAULT_MAPPINGS } from './defaults/index.ts';
import { CANONICAL_FIELDS } from './fields.ts';
import { isPublishable, validateMapping } from './validate.ts';
import type { MappingVersionContent } from './types.ts';

const fields = ['sku', 'name', 'netPrice', 'raw.*', 'lines.sku'];
const one = (expression: string, target = 't'): MappingVersionContent => ({ rules: [{ target, expression }], lookups: {} });

describe('validateMapping', () => {
  it('reports a syntax error with its line and column', () => {
    const d = validateMapping(one('sku &\n  (name'), { sourceFields: fields });
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ target: 't', severity: 'error', code: 'SYNTAX', startLine: 2 });
    expect(d[0]?.message).toMatch(/^Syntax error: /);
  });

  it('reports unknown functions with a suggestion and the exact range', () => {
    expect(validateMapping(one('netPrice ~> $vatAd(25)'), {})).toEqual([
      { target: 't', severity: 'error', code: 'UNKNOWN_FUNCTION', message: 'There is no function $vatAd() — did you mean $vatAdd()?', startLine: 1, startColumn: 13, endLine: 1, endColumn: 19 },
    ]);
  });

  it('reports unknown source fields (top level: error, nested: warning) and accepts open objects', () => {
    const d = validateMapping(one('nmae & raw.anything.goes & lines.sku & lines.qty'), { sourceFields: fields });
    expect(d.map((x) => [x.severity, x.code, x.message, x.startColumn, x.endColumn])).toEqual([
      ['error', 'UNKNOWN_FIELD', 'The source records have no field "nmae" — did you mean "name"?', 1, 5],
      ['warning', 'UNKNOWN_FIELD', '"lines" has no field "qty"', 46, 49],
    ]);
  });

  it('knows the context of nested expressions ($$ root, object constructors over a path, lambdas)', () => {
    const d = validateMapping(one('[lines#$i.{ "s": sku, "m": $$.name, "x": $$.bogus }]'), { sourceFields: fields });
    expect(d.map((x) => x.message)).toEqual(['The source records have no field "bogus"']);
    expect(validateMapping(one('$map(lines, function($l){ $l.whatever })'), { sourceFields: fields })).toEqual([]);
  });

  it('flags reserved and undefined variables, forbidden functions, duplicate targets and missing required rules', () => {
    const content: MappingVersionContent = {
      rules: [
        { target: 'a', expression: '$__megzo' },
        { target: 'a', expression: '$markte' },
        { target: 'b', expression: '$random()' },
        { target: 'bad target!', expression: '1' },
        { target: 'x.__proto__.polluted', expression: '1' },
        { target: 'c', expression: '' },
      ],
      lookups: { t: { k: 'v' } },
      marketOverrides: { FI: [{ target: 'a', expression: '$nope()' }] },
    };
    const d = validateMapping(content, { targets: [{ name: 'a', type: 'string' }, { name: 'req', type: 'string', required: true }] });
    expect(d.map((x) => `${x.market ?? ''}|${x.target}|${x.severity}|${x.code}`)).toEqual([
      '|a|error|RESERVED',
      '|a|error|DUPLICATE_TARGET',
      '|a|warning|UNKNOWN_VARIABLE',
      '|b|warning|UNKNOWN_TARGET',
      '|b|error|FORBIDDEN_FUNCTION',
      '|bad target!|error|BAD_TARGET',
      '|x.__proto__.polluted|error|BAD_TARGET',
      '|c|warning|UNKNOWN_TARGET',
      '|c|error|EMPTY',
      'FI|a|error|UNKNOWN_FUNCTION',
      '|req|error|MISSING_RULE',
    ]);
    expect(d.find((x) => x.code === 'UNKNOWN_VARIABLE')?.message).toBe('$markte is not defined here, so it is always empty — did you mean $market?');
    expect(isPublishable(d)).toBe(false);
  });

  it('checks literal arguments: table names, rounding modes, decimals, endings, fraction VAT rates, currencies', () => {
    const content: MappingVersionContent = {
      rules: [
        { target: 'a', expression: "$lookup('categoreis', code)" },
        { target: 'b', expression: "code ~> $lookupIn('categories')" },
        { target: 'c', expression: "p ~> $round(2, 'half_up')" },
        { target: 'd', expression: "$round(p, 2.5)" },
        { target: 'e', expression: "p ~> $priceEnding('.9x')" },
        { target: 'f', expression: "p ~> $vatAdd(0.25)" },
        { target: 'g', expression: "$convert(p, 'RON', 'kronor')" },
        { target: 'h', expression: "p ~> $vatAdd(25) ~> $round(2, 'half-even') ~> $priceEnding('.90', 'nearest')" },
      ],
      lookups: { categories: {} },
    };
    expect(validateMapping(content, {}).map((d) => `${d.target}: ${d.message} @${d.startColumn}-${d.endColumn}`)).toEqual([
      'a: There is no lookup table "categoreis" — did you mean "categories"? @9-21',
      'c: Unknown rounding mode "half_up" — use one of half-up, half-even, half-down, up, down, ceiling, floor @16-25',
      'd: Decimals must be a whole number from 0 to 20, not 2.5 @11-14',
      'e: Price ending ".9x" should look like ".90", ".99", ".00", "9" or "99" @19-24',
      'f: VAT rate 0.25 looks like a fraction. Rates are percentages: write 25 for 25 % @14-18',
      'g: "kronor" is not a currency code — use 3 letters like "SEK" @20-28',
    ]);
  });

  it('flags catastrophic regex patterns before publishing', () => {
    expect(validateMapping(one('$match(name, /(a+)+$/)'), {})).toEqual([
      { target: 't', severity: 'error', code: 'SLOW_PATTERN', message: 'The pattern /(a+)+$/ is not allowed: it repeats a group that itself repeats, which can take practically forever on some texts', startLine: 1, startColumn: 14, endLine: 1, endColumn: 22 },
    ]);
    expect(validateMapping(one('$match(name, /(ab)+[0-9]*/)'), {})).toEqual([]);
  });

  it('compileMapping throws MappingCompileError carrying the diagnostics', () => {
    try {
      compileMapping(one('$vatAd(1, 2)', 'price'));
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(MappingCompileError);
      expect((e as MappingCompileError).message).toBe('Mapping rule "price": There is no function $vatAd() — did you mean $vatAdd()?');
      expect((e as MappingCompileError).diagnostics).toHaveLength(1);
    }
  });

  it('the default mappings validate clean against the canonical fields', () => {
    expect(validateMapping(DEFAULT_MAPPINGS.catalog.content, { sourceFields: CANONICAL_FIELDS.product, targets: DEFAULT_MAPPINGS.catalog.targets })).toEqual([]);
    expect(validateMapping(DEFAULT_MAPPINGS.salesOrder.content, { sourceFields: CANONICAL_FIELDS.order, targets: DEFAULT_MAPPINGS.salesOrder.targets })).toEqual([]);
    expect(validateMapping(DEFAULT_MAPPINGS.shipment.content, { sourceFields: CANONICAL_FIELDS.order, targets: DEFAULT_MAPPINGS.shipment.targets })).toEqual([]);
  });
});
