import { describe, expect, it } from 'vitest';
import { ean13CheckDigit, generateProduct, generateProducts, isValidEan13 } from './catalog.ts';

describe('catalog generator', () => {
  it('computes EAN-13 check digits', () => {
    expect(ean13CheckDigit('400638133393')).toBe(1);
    expect(isValidEan13('4006381333931')).toBe(true);
    expect(isValidEan13('4006381333932')).toBe(false);
    expect(isValidEan13('123')).toBe(false);
  });
  it('is deterministic per (seed, index), independent of N', () => {
    const a = [...generateProducts(50, 9)];
    const b = [...generateProducts(200, 9)].slice(0, 50);
    expect(a).toEqual(b);
    expect(generateProduct(9, 17)).toEqual(a[16]);
    expect(generateProduct(10, 17)).not.toEqual(a[16]);
  });
  it('produces realistic Romanian data with the awkward cases', () => {
    const all = [...generateProducts(5000, 42)];
    const names = all.map((p) => p.name).join(' ');
    expect(names).toMatch(/[șțăîâ]/);
    expect(names).not.toMatch(/[şţŞŢ]/);
    for (const p of all) {
      if (p.ean !== null) expect(isValidEan13(p.ean)).toBe(true);
      const rate = p.vatCode === 'S21' ? 21 : 11;
      expect(p.vatRate).toBe(rate);
      const net = Number(p.priceNet);
      expect(Number(p.priceInclVat)).toBeCloseTo(Math.round(net * (100 + rate)) / 100, 2);
      expect(p.priceInclVat).toMatch(/^\d+\.\d{2}$/);
      expect(Object.keys(p.stock)).toEqual(['DEP01', 'DEP02', 'DEP09']);
    }
    const share = (f: (p: (typeof all)[number]) => boolean): number => all.filter(f).length / all.length;
    expect(share((p) => p.vatCode === 'R11')).toBeGreaterThan(0.1);
    expect(share((p) => p.ean === null)).toBeGreaterThan(0.01);
    expect(share((p) => p.name.length > 150)).toBeGreaterThan(0.003);
    expect(share((p) => /<[a-z]+/.test(p.description))).toBeGreaterThan(0.02);
    expect(share((p) => Object.values(p.stock).every((n) => n === 0))).toBeGreaterThan(0.04);
    expect(new Set(all.map((p) => p.category.code)).size).toBeGreaterThanOrEqual(8);
  });
  it('generates 100,000 products in a few seconds without keeping them', () => {
    const t0 = performance.now();
    let count = 0;
    let checksum = 0;
    for (const p of generateProducts(100_000, 1)) {
      count += 1;
      checksum += p.priceNet.length;
    }
    const ms = performance.now() - t0;
    expect(count).toBe(100_000);
    expect(checksum).toBeGreaterThan(0);
    expect(ms).toBeLessThan(5000);
  });
  it('rejects a bad size naming it', () => {
    expect(() => generateProducts(100_001).next()).toThrow(/products must be/);
    expect(() => generateProducts(-1).next()).toThrow(/products must be/);
  });
});
