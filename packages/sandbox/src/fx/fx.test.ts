import { readFileSync } from 'node:fs';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildFxServer } from './server.ts';
import { isBnrBankingDay, isTargetDay, orthodoxEaster, westernEaster } from './calendar.ts';
import { call, listen } from '../test-helpers.ts';

const fixture = (name: string): string => readFileSync(new URL(`../../fixtures/fx/${name}`, import.meta.url), 'utf8');
const srv = buildFxServer({ seed: 42 });
let base = '';
beforeAll(async () => {
  base = await listen(srv.app);
});
afterAll(() => srv.app.close());
beforeEach(async () => {
  await call(`${base}/_sandbox/reset`, { method: 'POST' });
});

const at = (iso: string) => call(`${base}/_sandbox/clock/set`, { method: 'POST', json: { at: iso } });
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', removeNSPrefix: true, isArray: (n) => n === 'Cube' || n === 'Rate' });
function bnrDays(xml: string): Array<{ date: string; rates: Record<string, number> }> {
  const doc = parser.parse(xml) as { DataSet: { Body: { Cube: Array<{ '@date': string; Rate: Array<{ '#text': number; '@currency': string; '@multiplier'?: string }> }> } } };
  return doc.DataSet.Body.Cube.map((c) => ({ date: c['@date'], rates: Object.fromEntries(c.Rate.map((r) => [r['@currency'], Number(r['#text']) / Number(r['@multiplier'] ?? 1)])) }));
}
function ecbDays(xml: string): Array<{ date: string; rates: Record<string, number> }> {
  const doc = parser.parse(xml) as { Envelope: { Cube: Array<{ Cube: Array<{ '@time': string; Cube: Array<{ '@currency': string; '@rate': string }> }> }> } };
  return (doc.Envelope.Cube[0]?.Cube ?? []).map((d) => ({ date: d['@time'], rates: Object.fromEntries(d.Cube.map((c) => [c['@currency'], Number(c['@rate'])])) }));
}
const latestBnr = async (): Promise<string> => (await call(`${base}/bnr/nbrfxrates.xml`)).text;

describe('calendars', () => {
  it('computes Easter dates and holidays', () => {
    expect(orthodoxEaster(2025)).toBe('2025-04-20');
    expect(orthodoxEaster(2026)).toBe('2026-04-12');
    expect(westernEaster(2026)).toBe('2026-04-05');
    expect(isBnrBankingDay('2025-12-01')).toBe(false);
    expect(isBnrBankingDay('2026-04-10')).toBe(false);
    expect(isBnrBankingDay('2026-04-13')).toBe(false);
    expect(isBnrBankingDay('2026-04-06')).toBe(true);
    expect(isTargetDay('2026-04-06')).toBe(false);
    expect(isTargetDay('2025-12-01')).toBe(true);
    expect(isBnrBankingDay('2025-10-25')).toBe(false);
  });
});

describe('BNR feed', () => {
  it('serves the real fixture files byte for byte on their days', async () => {
    await at('2025-10-21T12:00:00Z');
    const r = await call(`${base}/bnr/nbrfxrates.xml`);
    expect(r.headers.get('content-type')).toContain('xml');
    expect(r.text).toBe(fixture('bnr-nbrfxrates-2025-10-21.xml'));
    await at('2026-08-05T12:00:00Z');
    expect(await latestBnr()).toBe(fixture('bnr-nbrfxrates-2026-08-05.xml'));
  });
  it('publishes a new day only after 13:00 Bucharest on banking days', async () => {
    await at('2025-10-22T09:00:00Z');
    expect(await latestBnr()).toBe(fixture('bnr-nbrfxrates-2025-10-21.xml'));
    await at('2025-10-22T12:00:00Z');
    expect(bnrDays(await latestBnr())[0]?.date).toBe('2025-10-22');
    await at('2025-10-25T14:00:00Z');
    expect(bnrDays(await latestBnr())[0]?.date).toBe('2025-10-24');
    await at('2025-12-01T14:00:00Z');
    expect(bnrDays(await latestBnr())[0]?.date).toBe('2025-11-28');
  });
  it('generates plausible, deterministic rates, dropping BGN in 2026 and switching namespace', async () => {
    await at('2025-11-14T14:00:00Z');
    const xml1 = await latestBnr();
    const d = bnrDays(xml1)[0];
    expect(d?.rates.EUR).toBeGreaterThan(4.8);
    expect(d?.rates.EUR).toBeLessThan(5.4);
    expect(d?.rates.BGN).toBeDefined();
    expect(xml1).toContain('xmlns="http://www.bnr.ro/xsd"');
    expect(await latestBnr()).toBe(xml1);
    await at('2026-11-20T14:00:00Z');
    const xml2 = await latestBnr();
    expect(xml2).toContain('xmlns="https://www.bnr.ro/xsd"');
    expect(bnrDays(xml2)[0]?.rates.BGN).toBeUndefined();
    expect(bnrDays(xml2)[0]?.rates.HUF).toBeLessThan(0.1);
    await call(`${base}/_sandbox/seed`, { method: 'POST', json: { products: 0, seed: 99 } });
    expect(await latestBnr()).not.toBe(xml2);
  });
  it('serves the 10-day and yearly files, newest first', async () => {
    await at('2026-01-15T14:00:00Z');
    const ten = bnrDays((await call(`${base}/bnr/nbrfxrates10days.xml`)).text);
    expect(ten).toHaveLength(10);
    expect(ten[0]?.date).toBe('2026-01-15');
    expect(ten.every((x) => isBnrBankingDay(x.date))).toBe(true);
    expect(ten.map((x) => x.date)).not.toContain('2026-01-02');
    const y2025 = bnrDays((await call(`${base}/bnr/files/xml/years/nbrfxrates2025.xml`)).text);
    expect(y2025.at(-1)?.date).toBe('2025-10-21');
    expect(y2025[0]?.date).toBe('2025-12-31');
    expect((await call(`${base}/bnr/files/xml/years/nbrfxrates2024.xml`)).status).toBe(404);
    expect((await call(`${base}/bnr/files/xml/years/rates.xml`)).status).toBe(404);
    await at('2025-01-01T00:00:00Z');
    expect((await call(`${base}/bnr/nbrfxrates.xml`)).status).toBe(404);
  });
});

describe('ECB feed', () => {
  it('serves the fixture on its day and TARGET days after 16:00 CET', async () => {
    await at('2025-10-21T16:00:00Z');
    expect((await call(`${base}/ecb/eurofxref-daily.xml`)).text).toBe(fixture('ecb-eurofxref-daily-2025-10-21.xml'));
    await at('2025-12-01T16:00:00Z');
    const day = ecbDays((await call(`${base}/ecb/eurofxref-daily.xml`)).text)[0];
    expect(day?.date).toBe('2025-12-01');
    expect(day?.rates.RON).toBeGreaterThan(4.8);
    expect(day?.rates.SEK).toBeGreaterThan(9);
    expect(day?.rates.EUR).toBeUndefined();
  });
  it('serves 90-day and full history', async () => {
    await at('2026-03-02T16:00:00Z');
    const d90 = ecbDays((await call(`${base}/ecb/eurofxref-hist-90d.xml`)).text);
    expect(d90[0]?.date).toBe('2026-03-02');
    expect(Date.parse('2026-03-02') - Date.parse(d90.at(-1)?.date ?? '')).toBeLessThanOrEqual(90 * 86_400_000);
    const all = ecbDays((await call(`${base}/ecb/eurofxref-hist.xml`)).text);
    expect(all.at(-1)?.date).toBe('2025-10-21');
    expect(all.every((x) => isTargetDay(x.date))).toBe(true);
  });
});
