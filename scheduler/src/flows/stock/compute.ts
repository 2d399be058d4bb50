/**
 * Channel quantity = ERP available − units reserved by channel orders not yet
 * confirmed in the ERP − safety buffer, never below zero (DESIGN.md "Stock").
 * Pure functions: the no-oversell arithmetic is unit-tested here.
 */
export type BufferScope = 'GLOBAL' | 'CATEGORY' | 'SKU';
export type BufferKind = 'ABSOLUTE' | 'PERCENT';

export interface BufferRule {
  scope: BufferScope;
  /** '' for GLOBAL, the category code for CATEGORY, the SKU for SKU. */
  key: string;
  kind: BufferKind;
  value: number;
}

export interface BufferIndex {
  global?: BufferRule;
  byCategory: Map<string, BufferRule>;
  bySku: Map<string, BufferRule>;
}

export function indexBufferRules(rules: readonly BufferRule[]): BufferIndex {
  const index: BufferIndex = { byCategory: new Map(), bySku: new Map() };
  for (const r of rules) {
    if (!Number.isFinite(r.value) || r.value < 0) throw new Error(`buffer rule ${r.scope}:${r.key} has an invalid value ${r.value}`);
    if (r.kind === 'PERCENT' && r.value > 100) throw new Error(`buffer rule ${r.scope}:${r.key} is above 100 %`);
    if (r.scope === 'GLOBAL') index.global = r;
    else if (r.scope === 'CATEGORY') index.byCategory.set(r.key, r);
    else index.bySku.set(r.key, r);
  }
  return index;
}

/** The most specific rule wins: SKU, then category, then global, then `fallbackUnits`. */
export function bufferUnits(index: BufferIndex, sku: string, category: string | null | undefined, available: number, fallbackUnits = 0): number {
  const rule = index.bySku.get(sku) ?? (category ? index.byCategory.get(category) : undefined) ?? index.global;
  if (!rule) return Math.max(0, Math.ceil(fallbackUnits));
  if (rule.kind === 'ABSOLUTE') return Math.ceil(rule.value);
  // A percentage of what the ERP has, rounded up so the buffer never rounds away.
  return Math.ceil((Math.max(0, available) * rule.value) / 100);
}

export function channelQuantity(input: { available: number; reserved: number; buffer: number }): number {
  const q = Math.floor(input.available) - Math.ceil(input.reserved) - Math.ceil(input.buffer);
  return q > 0 ? q : 0;
}
