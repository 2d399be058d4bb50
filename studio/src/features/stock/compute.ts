/**
 * The studio's copy of the stock flow's arithmetic (scheduler/src/flows/stock/compute.ts),
 * used only to preview the effect of buffer rules before saving them:
 * pushed = ERP available (all warehouses) − reserved by open orders − buffer, never below 0;
 * the most specific rule wins (SKU, then category, then global); a percentage rounds up.
 */
import type { BufferRule } from './stock.gql';
import type { StockProduct } from './stock.gql';

export type PreviewRow = { sku: string; name: string; category: string | null; available: number; reserved: number; bufferBefore: number; bufferAfter: number; pushedBefore: number; pushedAfter: number; rule: string | null };

function pick(rules: BufferRule[], sku: string, category: string | null): BufferRule | undefined {
  return rules.find((r) => r.scope === 'SKU' && r.key === sku) ?? (category ? rules.find((r) => r.scope === 'CATEGORY' && r.key === category) : undefined) ?? rules.find((r) => r.scope === 'GLOBAL');
}

function units(rule: BufferRule | undefined, available: number): number {
  if (!rule) return 0;
  const v = Number(rule.value);
  return rule.kind === 'ABSOLUTE' ? Math.ceil(v) : Math.ceil((Math.max(0, available) * v) / 100);
}

const pushed = (available: number, reserved: number, buffer: number) => Math.max(0, Math.floor(available) - Math.ceil(reserved) - Math.ceil(buffer));

export function describe(rule: BufferRule): string {
  const what = rule.kind === 'ABSOLUTE' ? `${rule.value} unit(s)` : `${rule.value} %`;
  return rule.scope === 'GLOBAL' ? `${what}, every product` : rule.scope === 'CATEGORY' ? `${what}, category ${rule.key}` : `${what}, SKU ${rule.key}`;
}

export function previewBuffers(products: StockProduct[], before: BufferRule[], after: BufferRule[]): PreviewRow[] {
  return products.map((p) => {
    const available = p.stock.reduce((a, s) => a + s.available, 0);
    const rb = pick(before, p.sku, p.category);
    const ra = pick(after, p.sku, p.category);
    const bufferBefore = units(rb, available);
    const bufferAfter = units(ra, available);
    return {
      sku: p.sku, name: p.name, category: p.category, available, reserved: p.reservedQuantity, bufferBefore, bufferAfter,
      pushedBefore: pushed(available, p.reservedQuantity, bufferBefore), pushedAfter: pushed(available, p.reservedQuantity, bufferAfter),
      rule: ra ? describe(ra) : null,
    };
  });
}
