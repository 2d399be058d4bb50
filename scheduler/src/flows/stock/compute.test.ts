import { describe, expect, it } from 'vitest';
import { bufferUnits, channelQuantity, indexBufferRules } from './compute.ts';

describe('stock arithmetic', () => {
  const index = indexBufferRules([
    { scope: 'GLOBAL', key: '', kind: 'ABSOLUTE', value: 2 },
    { scope: 'CATEGORY', key: 'audio', kind: 'PERCENT', value: 10 },
    { scope: 'SKU', key: 'ART-1', kind: 'ABSOLUTE', value: 5 },
  ]);

  it('picks the most specific buffer rule', () => {
    expect(bufferUnits(index, 'ART-1', 'audio', 100)).toBe(5);
    expect(bufferUnits(index, 'ART-2', 'audio', 95)).toBe(10); // ceil(9.5)
    expect(bufferUnits(index, 'ART-3', 'toys', 95)).toBe(2);
    expect(bufferUnits(indexBufferRules([]), 'X', null, 10, 3)).toBe(3);
  });

  it('never goes below zero and subtracts reservations and buffer', () => {
    expect(channelQuantity({ available: 10, reserved: 3, buffer: 2 })).toBe(5);
    expect(channelQuantity({ available: 4, reserved: 3, buffer: 2 })).toBe(0);
    expect(channelQuantity({ available: -4, reserved: 0, buffer: 0 })).toBe(0);
  });

  it('rejects nonsense rules', () => {
    expect(() => indexBufferRules([{ scope: 'GLOBAL', key: '', kind: 'PERCENT', value: 150 }])).toThrow(/above 100/);
    expect(() => indexBufferRules([{ scope: 'SKU', key: 'A', kind: 'ABSOLUTE', value: -1 }])).toThrow(/invalid value/);
  });
});
