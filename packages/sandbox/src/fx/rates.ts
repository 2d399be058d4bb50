import { readFileSync } from 'node:fs';
import { XMLParser } from 'fast-xml-parser';
import { mixSeed, mulberry32 } from '../common/rng.ts';
import { addDays, isBnrBankingDay, isTargetDay } from './calendar.ts';

export interface Rate {
  currency: string;
  value: string;
  multiplier?: number;
}

export interface FixtureDay {
  date: string;
  rates: Rate[];
  /** The file exactly as published. */
  raw: string;
}

const FIXTURE_DIR = new URL('../../fixtures/fx/', import.meta.url);
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', removeNSPrefix: true, parseTagValue: false, isArray: (name) => name === 'Rate' || name === 'Cube' });

function asArray<T>(v: T | T[] | undefined): T[] {
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

function loadBnr(file: string): FixtureDay {
  const raw = readFileSync(new URL(file, FIXTURE_DIR), 'utf8');
  const doc = parser.parse(raw) as { DataSet: { Body: { Cube: Array<{ '@date': string; Rate: Array<{ '#text': string; '@currency': string; '@multiplier'?: string }> }> } } };
  const cube = doc.DataSet.Body.Cube[0];
  if (!cube) throw new Error(`fixture ${file} has no Cube`);
  return {
    date: cube['@date'],
    raw,
    rates: asArray(cube.Rate).map((r) => ({ currency: r['@currency'], value: r['#text'], ...(r['@multiplier'] ? { multiplier: Number(r['@multiplier']) } : {}) })),
  };
}

function loadEcb(file: string): FixtureDay {
  const raw = readFileSync(new URL(file, FIXTURE_DIR), 'utf8');
  const doc = parser.parse(raw) as { Envelope: { Cube: Array<{ Cube: Array<{ '@time': string; Cube: Array<{ '@currency': string; '@rate': string }> }> }> } };
  const day = doc.Envelope.Cube[0]?.Cube[0];
  if (!day) throw new Error(`fixture ${file} has no daily Cube`);
  return { date: day['@time'], raw, rates: asArray(day.Cube).map((c) => ({ currency: c['@currency'], value: c['@rate'] })) };
}

export const BNR_FIXTURES = [loadBnr('bnr-nbrfxrates-2025-10-21.xml'), loadBnr('bnr-nbrfxrates-2026-08-05.xml')] as const;
export const ECB_FIXTURES = [loadEcb('ecb-eurofxref-daily-2025-10-21.xml')] as const;
export const HISTORY_START = BNR_FIXTURES[0].date;
/** Bulgaria adopted the euro on 2026-01-01: BGN is last published on 2025-12-31. */
const BGN_LAST = '2025-12-31';

function dayNumber(date: string): number {
  return Date.parse(`${date}T00:00:00Z`) / 86_400_000;
}

function hashStr(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i += 1) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** Deterministic rates per day: real fixture days as published, other banking days generated around them. */
export class RateBook {
  private bnrCache = new Map<string, Rate[]>();
  private ecbCache = new Map<string, Rate[]>();

  constructor(private readonly seed: number) {}

  private noise(date: string, currency: string, amplitude: number): number {
    const rng = mulberry32(mixSeed(this.seed, hashStr(`${date}/${currency}`)));
    return 1 + (rng() - 0.5) * 2 * amplitude;
  }

  bnr(date: string): Rate[] {
    const cached = this.bnrCache.get(date);
    if (cached) return cached;
    const fixture = BNR_FIXTURES.find((f) => f.date === date);
    let rates: Rate[];
    if (fixture) rates = fixture.rates;
    else {
      const [a, b] = BNR_FIXTURES;
      const base = date < '2026-01-01' ? a : b;
      const t = Math.min(1, Math.max(0, (dayNumber(date) - dayNumber(a.date)) / (dayNumber(b.date) - dayNumber(a.date))));
      const after = date > b.date;
      rates = base.rates
        .filter((r) => r.currency !== 'BGN' || date <= BGN_LAST)
        .map((r) => {
          const va = Number(a.rates.find((x) => x.currency === r.currency)?.value ?? r.value);
          const vb = Number(b.rates.find((x) => x.currency === r.currency)?.value ?? r.value);
          const interpolated = after ? vb : va * Math.pow(vb / va, t);
          const v = interpolated * this.noise(date, r.currency, after ? 0.006 : 0.003);
          return { ...r, value: v.toFixed(4) };
        });
    }
    this.bnrCache.set(date, rates);
    return rates;
  }

  ecb(date: string): Rate[] {
    const cached = this.ecbCache.get(date);
    if (cached) return cached;
    const fixture = ECB_FIXTURES.find((f) => f.date === date);
    let rates: Rate[];
    if (fixture) rates = fixture.rates;
    else {
      let bnrDay = date;
      while (!isBnrBankingDay(bnrDay) && bnrDay > HISTORY_START) bnrDay = addDays(bnrDay, -1);
      const bnr = this.bnr(bnrDay);
      const k = (c: string): number | null => {
        const r = bnr.find((x) => x.currency === c);
        return r ? Number(r.value) / (r.multiplier ?? 1) : null;
      };
      const eur = k('EUR') ?? 5.08;
      rates = ECB_FIXTURES[0].rates
        .filter((r) => r.currency !== 'BGN' || date <= BGN_LAST)
        .map((r) => {
          const decimals = (r.value.split('.')[1] ?? '').length;
          const kx = r.currency === 'RON' ? 1 : k(r.currency);
          const v = (kx ? eur / kx : Number(r.value)) * this.noise(date, `ecb-${r.currency}`, 0.001);
          return { currency: r.currency, value: v.toFixed(decimals) };
        });
    }
    this.ecbCache.set(date, rates);
    return rates;
  }
}

/** Publication instant (UTC ms) of a day's fixing: BNR shortly after 13:00 Bucharest, ECB around 16:00 CET. [ASSUMED times] */
export function publishedAt(source: 'bnr' | 'ecb', date: string): number {
  return Date.parse(`${date}T${source === 'bnr' ? '11:15' : '15:00'}:00Z`);
}

/** Published days (newest first) up to `nowMs`, at most `limit`. */
export function publishedDays(source: 'bnr' | 'ecb', nowMs: number, limit: number): string[] {
  const isDay = source === 'bnr' ? isBnrBankingDay : isTargetDay;
  const out: string[] = [];
  let d = new Date(nowMs).toISOString().slice(0, 10);
  while (out.length < limit && d >= HISTORY_START) {
    if (isDay(d) && publishedAt(source, d) <= nowMs) out.push(d);
    d = addDays(d, -1);
  }
  return out;
}
