/** Pure helpers to read and edit a draft's content (rules, market overrides, lookups). */
import type { MappingVersionContent, MarketCode, Rule } from '@megzo/mapping';
import { MARKET_CURRENCY, MARKET_VAT_PERCENT } from '@megzo/domain';

export type MarketSel = 'ALL' | MarketCode;
export const MARKETS: MarketCode[] = ['SE', 'DK', 'FI', 'NO'];

/** What each market run binds ($currency, $vatRate): the same tables the catalog flow uses. */
export const MARKET_CONTEXT = Object.fromEntries(
  MARKETS.map((m) => [m, { currency: MARKET_CURRENCY[m], vatRate: MARKET_VAT_PERCENT[m] }]),
) as Record<MarketCode, { currency: string; vatRate: string }>;

export function targetsOf(content: MappingVersionContent): string[] {
  const seen = new Set<string>();
  for (const r of content.rules) seen.add(r.target);
  for (const rules of Object.values(content.marketOverrides ?? {})) for (const r of rules ?? []) seen.add(r.target);
  return [...seen];
}

export function overrideOf(content: MappingVersionContent, market: MarketSel, target: string): Rule | undefined {
  if (market === 'ALL') return undefined;
  return content.marketOverrides?.[market]?.find((r) => r.target === target);
}

export function baseOf(content: MappingVersionContent, target: string): Rule | undefined {
  return content.rules.find((r) => r.target === target);
}

/** The rule the selected market actually uses, and where it comes from. */
export function effectiveRule(content: MappingVersionContent, market: MarketSel, target: string): { rule: Rule | undefined; isOverride: boolean } {
  const o = overrideOf(content, market, target);
  return o ? { rule: o, isOverride: true } : { rule: baseOf(content, target), isOverride: false };
}

export function setExpression(content: MappingVersionContent, market: MarketSel, target: string, expression: string): MappingVersionContent {
  const o = overrideOf(content, market, target);
  if (o && market !== 'ALL') {
    const list = (content.marketOverrides?.[market] ?? []).map((r) => (r.target === target ? { ...r, expression } : r));
    return { ...content, marketOverrides: { ...content.marketOverrides, [market]: list } };
  }
  const exists = content.rules.some((r) => r.target === target);
  return {
    ...content,
    rules: exists ? content.rules.map((r) => (r.target === target ? { ...r, expression } : r)) : [...content.rules, { target, expression }],
  };
}

/** Copy the all-markets rule into a market-only override, to change one market. */
export function addOverride(content: MappingVersionContent, market: MarketCode, target: string): MappingVersionContent {
  const base = baseOf(content, target);
  const rule: Rule = { target, expression: base?.expression ?? '', note: `${market} only` };
  const list = [...(content.marketOverrides?.[market] ?? []).filter((r) => r.target !== target), rule];
  return { ...content, marketOverrides: { ...content.marketOverrides, [market]: list } };
}

export function removeOverride(content: MappingVersionContent, market: MarketCode, target: string): MappingVersionContent {
  const list = (content.marketOverrides?.[market] ?? []).filter((r) => r.target !== target);
  const overrides = { ...content.marketOverrides, [market]: list };
  if (list.length === 0) delete overrides[market];
  return { ...content, marketOverrides: overrides };
}

export function addRule(content: MappingVersionContent, target: string): MappingVersionContent {
  return { ...content, rules: [...content.rules, { target, expression: '""' }] };
}

export function removeRule(content: MappingVersionContent, target: string): MappingVersionContent {
  return { ...content, rules: content.rules.filter((r) => r.target !== target) };
}

/** Rules that differ between two versions (for the history diff). */
export function diffRules(a: MappingVersionContent, b: MappingVersionContent): Array<{ where: string; target: string; before: string | null; after: string | null }> {
  const out: Array<{ where: string; target: string; before: string | null; after: string | null }> = [];
  const cmp = (where: string, x: Rule[], y: Rule[]) => {
    const targets = new Set([...x.map((r) => r.target), ...y.map((r) => r.target)]);
    for (const t of targets) {
      const before = x.find((r) => r.target === t)?.expression ?? null;
      const after = y.find((r) => r.target === t)?.expression ?? null;
      if (before !== after) out.push({ where, target: t, before, after });
    }
  };
  cmp('All markets', a.rules, b.rules);
  for (const m of MARKETS) cmp(`${m} only`, a.marketOverrides?.[m] ?? [], b.marketOverrides?.[m] ?? []);
  const tables = new Set([...Object.keys(a.lookups ?? {}), ...Object.keys(b.lookups ?? {})]);
  for (const t of tables) {
    const before = a.lookups?.[t] ? JSON.stringify(a.lookups[t]) : null;
    const after = b.lookups?.[t] ? JSON.stringify(b.lookups[t]) : null;
    if (before !== after) out.push({ where: 'Lookup table', target: t, before, after });
  }
  return out;
}
