import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TransientError } from '@megzo/domain';
import { ecbToRon, parseBnr, parseEcb, pickDay } from './parse.ts';

const FIX = '/work/shared/specs/fixtures/fx';
const read = (f: string) => readFileSync(`${FIX}/${f}`, 'utf8');

describe('FX parsing', () => {
  it('parses BNR by local element names under both namespaces; Cube date is the rate date', () => {
    const old = parseBnr(read('bnr-nbrfxrates-2025-10-21.xml'));
    const neu = parseBnr(read('bnr-nbrfxrates-2026-08-05.xml'));
    expect(old[0]?.date).toBe('2025-10-21');
    expect(neu[0]?.date).toBe('2026-08-05');
    expect(old[0]?.rates.find((r) => r.currency === 'SEK')).toEqual({ currency: 'SEK', value: '0.4641', multiplier: 1 });
    expect(old[0]?.rates.find((r) => r.currency === 'HUF')?.multiplier).toBe(100);
    expect(old[0]?.rates.some((r) => r.currency === 'BGN')).toBe(true);
    expect(neu[0]?.rates.some((r) => r.currency === 'BGN')).toBe(false);
    expect(old[0]?.rates.some((r) => r.currency === 'XAU' || r.currency === 'XDR')).toBe(false);
  });

  it('uses Cube@date even when PublishingDate already shows the next day', () => {
    const xml = read('bnr-nbrfxrates-2025-10-21.xml').replace(/<PublishingDate>[^<]+</, '<PublishingDate>2025-10-22<');
    expect(parseBnr(xml)[0]?.date).toBe('2025-10-21');
  });

  it('rejects an HTML body (www.bnr.ro redirects to its homepage) as transient', () => {
    expect(() => parseBnr('<!DOCTYPE html><html><body>BNR</body></html>')).toThrow(TransientError);
    expect(() => parseBnr('')).toThrow(TransientError);
  });

  it('computes RON cross-rates from the ECB EUR table and says so', () => {
    const day = parseEcb(read('ecb-eurofxref-daily-2025-10-21.xml'))[0]!;
    const rates = ecbToRon(day);
    const sek = rates.find((r) => r.currency === 'SEK')!;
    expect(sek.value).toBe('0.4649321');
    expect(sek.note).toMatch(/cross-rate/);
    expect(rates.find((r) => r.currency === 'EUR')?.value).toBe('5.0838');
    expect(rates.some((r) => r.currency === 'RON')).toBe(false);
    // agrees with BNR's own fixing within 0.3 %
    expect(Math.abs(Number(sek.value) / 0.4641 - 1)).toBeLessThan(0.003);
  });

  it('falls back to the last published day and says it is a fallback', () => {
    const days = [{ date: '2026-08-07', rates: [] }, { date: '2026-08-05', rates: [] }];
    expect(pickDay(days, '2026-08-06')).toEqual({ day: days[1], fallback: true });
    expect(pickDay(days, '2026-08-07')).toEqual({ day: days[0], fallback: false });
    expect(pickDay(days, '2026-08-01')).toBeUndefined();
  });
});
