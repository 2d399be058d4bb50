import { describe, expect, it } from 'vitest';
import { compileMapping } from '../compile.ts';
import { evaluate } from '../evaluate.ts';
import { CATALOG_PRICE_EXPRESSION, CATALOG_TITLE_EXPRESSION, catalogContent } from '../defaults/catalog.ts';
import { discoverSourceFields } from '../fields.ts';
import { validateMapping } from '../validate.ts';
import { completionsAt, hoverAt, toMonacoMarkers } from './completion.ts';
import { monarchLanguage } from './monarch.ts';
import { expressionToPipeline, pipelineToExpression, type Pipeline } from './pipeline.ts';

describe('pipeline ⇄ expression', () => {
  it('reads the default SE price rule as a pipeline and writes it back identically', () => {
    const p = expressionToPipeline(CATALOG_PRICE_EXPRESSION);
    expect(p).toEqual({
      source: { kind: 'field', path: 'netPrice' },
      steps: [
        { fn: 'convert', args: [{ kind: 'field', path: 'currency' }, { kind: 'variable', name: 'currency' }] },
        { fn: 'vatAdd', args: [{ kind: 'variable', name: 'vatRate' }] },
        { fn: 'round', args: [{ kind: 'number', value: 2 }, { kind: 'string', value: 'half-up' }] },
        { fn: 'priceEnding', args: [{ kind: 'string', value: '.00' }] },
      ],
    });
    expect(pipelineToExpression(p as Pipeline)).toBe(CATALOG_PRICE_EXPRESSION);
  });

  it('an edit in the visual editor (change rounding) gives a working expression', async () => {
    const p = expressionToPipeline(CATALOG_PRICE_EXPRESSION) as Pipeline;
    p.steps[2] = { fn: 'round', args: [{ kind: 'number', value: 0 }, { kind: 'string', value: 'up' }] };
    p.steps.pop();
    const expr = pipelineToExpression(p);
    expect(expr).toBe("netPrice ~> $convert(currency, $currency) ~> $vatAdd($vatRate) ~> $round(0, 'up')");
    const c = compileMapping({ rules: [{ target: 'p', expression: expr }], lookups: {} });
    const res = await evaluate(c, { netPrice: '100.00', currency: 'RON' }, {
      currency: 'SEK', vatRate: 25, date: '2025-10-21', fx: [{ currency: 'SEK', date: '2025-10-21', value: '0.4641', multiplier: 1, source: 'BNR' }],
    });
    expect(res.output).toEqual({ p: '270' });
  });

  it.each([
    'sku',
    '$market',
    "name ~> $stripHtml() ~> $truncateWords(150, '…')",
    "categoryCode ~> $lookupIn('categories', 'other')",
    'raw.`sv-SE` ~> $uppercase()',
    "x ~> $priceEnding('.90', 'nearest') ~> $mul(-1.5) ~> $coalesce(true)",
    '"it\'s" ~> $normalizeSpace()',
    "'say \"hi\"\\n' ~> $normalizeSpace()",
  ])('round-trips %s', (expr) => {
    const p = expressionToPipeline(expr);
    expect(p).not.toBeNull();
    expect(pipelineToExpression(p as Pipeline)).toBe(expr);
    expect(expressionToPipeline(pipelineToExpression(p as Pipeline))).toEqual(p);
  });

  it.each([
    CATALOG_TITLE_EXPRESSION, // source is a function call: a text expression, not a pipeline
    '$round(x, 2)',
    'x ~> $round(y + 1)',
    'x ~> $myOwn(2)',
    'a.b[0] ~> $round(2)',
    '(x ~> $round(2))',
    'x ~> $round(2',
    'x ? 1 : 2',
  ])('is null for non-pipeline %s', (expr) => {
    expect(expressionToPipeline(expr)).toBeNull();
  });
});

describe('Monarch tokenizer data', () => {
  const rules = monarchLanguage.tokenizer.root;
  const tokenAt = (text: string): unknown => {
    for (const rule of rules) {
      const [re, action] = rule as [RegExp, unknown];
      const m = new RegExp(`^(?:${re.source})`).exec(text);
      if (m) {
        if (typeof action === 'object' && action !== null && 'cases' in action) {
          const cases = (action as { cases: Record<string, string> }).cases;
          for (const [k, v] of Object.entries(cases)) {
            if (k === '@default') return v;
            const list = (monarchLanguage as unknown as Record<string, unknown>)[k.slice(1)];
            if (Array.isArray(list) && list.includes(m[0])) return v;
          }
        }
        return action;
      }
    }
    return null;
  };
  it('classifies library functions, builtins, context variables, keywords, strings, numbers and comments', () => {
    expect(tokenAt('$vatAdd(')).toBe('support.function');
    expect(tokenAt('$sum(')).toBe('predefined');
    expect(tokenAt('$market')).toBe('variable.predefined');
    expect(tokenAt('$x')).toBe('variable');
    expect(tokenAt('and ')).toBe('keyword');
    expect(tokenAt('netPrice')).toBe('identifier');
    expect(tokenAt('12.5')).toBe('number');
    expect(tokenAt('"abc"')).toEqual('string');
    expect(tokenAt('/* c */')).toEqual('comment');
  });
});

describe('completion, hover and markers', () => {
  const fields = discoverSourceFields([{ sku: 'A', netPrice: '1.00', raw: { titles: { sv: 'x' } }, lines: [{ qty: 1 }] }]);

  it('discovers fields from samples, arrays flattened', () => {
    expect(fields.map((f) => `${f.path}:${f.type}`)).toEqual(['lines:list', 'lines.qty:number', 'netPrice:string', 'raw:object', 'raw.titles:object', 'raw.titles.sv:string', 'sku:string']);
  });

  it('completes functions after $, fields otherwise, children after a dot, and table names in $lookup', () => {
    const fnItems = completionsAt('$vat', 4, fields);
    expect(fnItems.map((i) => i.label)).toEqual(['$vatRate', '$vatAdd', '$vatStrip', '$vatAmount']);
    expect(fnItems.find((i) => i.label === '$vatAdd')?.insertText).toBe('$vatAdd(${1:net}, ${2:ratePercent})');
    expect(completionsAt('net', 3, fields).map((i) => i.label)).toEqual(['netPrice']);
    expect(completionsAt('raw.ti', 6, fields).map((i) => [i.label, i.replaceStart])).toEqual([['titles', 4]]);
    expect(completionsAt("$lookup('ca", 11, fields, { lookups: { categories: { a: '1' }, vat: {} } }).map((i) => i.label)).toEqual(['categories', 'vat']);
  });

  it('hovers functions and fields', () => {
    expect(hoverAt('x ~> $round(2)', 7, fields)?.contents[0]).toBe("`$round(value, decimals = 0, mode = 'half-up')` → decimal string with exactly `decimals` places");
    expect(hoverAt('raw.titles.sv', 12, fields)?.contents).toEqual(['**raw.titles.sv** (string)', 'Example: `x`']);
    expect(hoverAt('   ', 1, fields)).toBeNull();
  });

  it('turns diagnostics into Monaco markers', () => {
    const diags = validateMapping({ rules: [{ target: 't', expression: 'sku ~> $rund(2)' }], lookups: {} }, {});
    expect(toMonacoMarkers(diags)).toEqual([
      { severity: 8, message: 'There is no function $rund() — did you mean $round()?', startLineNumber: 1, startColumn: 8, endLineNumber: 1, endColumn: 13, code: 'UNKNOWN_FUNCTION' },
    ]);
    expect(catalogContent.rules.length).toBeGreaterThan(10);
  });
});
