import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox } from '@megzo/sandbox';
import { runConnectorContract } from '../testing/contract.ts';
import type { FxConnectorInstance } from '../contract/kinds.ts';
import { LimiterRegistry } from '../kit/limiter.ts';
import { parseBnr } from '../fx-common/parse.ts';
import { bnrConnector } from './index.ts';

type Sandbox = Awaited<ReturnType<typeof startSandbox>>;

let contractSb: Sandbox;
runConnectorContract<FxConnectorInstance>({
  features: { read: true, write: false },
  connector: bnrConnector,
  async setup() {
    contractSb = await startSandbox({ ports: { cdon: 0, charisma: 0, dhl: 0, fx: 0 }, products: 5, seed: 1, articleProcessingDelayMs: 0 });
    const sb = contractSb;
    return {
      config: { baseUrls: [`${sb.urls.fx}/bnr`] },
      badCredentials: { baseUrls: [`${sb.urls.fx}/not-bnr`] },
      controlUrl: sb.urls.fx,
      faultPath: '/bnr/nbrfxrates.xml',
      probe: (i) => i.fetchRates(),
      read: {
        stream: 'rates',
        expectedKeys: async () => {
          const day = parseBnr(await (await fetch(`${sb.urls.fx}/bnr/nbrfxrates.xml`)).text())[0]!;
          return day.rates.map((r) => `${r.currency}@${day.date}`);
        },
      },
    };
  },
  teardown: () => contractSb.close(),
});

describe('fx-bnr specifics', () => {
  let sb: Sandbox;
  let fx: FxConnectorInstance;
  beforeAll(async () => {
    sb = await startSandbox({ ports: { cdon: 0, charisma: 0, dhl: 0, fx: 0 }, products: 5, seed: 1, articleProcessingDelayMs: 0 });
    fx = bnrConnector.open({ baseUrls: [`${sb.urls.fx}/bnr-moved`, `${sb.urls.fx}/bnr`] }, { limiters: new LimiterRegistry() });
  });
  afterAll(() => sb.close());

  it('returns the real 2025-10-21 fixing from history, in BNR semantics (fallback base URL used)', async () => {
    const rates = await fx.fetchRates('2025-10-21');
    expect(rates.find((r) => r.currency === 'SEK')).toMatchObject({ value: '0.4641', multiplier: 1, date: '2025-10-21', source: 'BNR' });
    expect(rates.find((r) => r.currency === 'HUF')?.multiplier).toBe(100);
    expect(rates[0]?.requestedDate).toBeUndefined();
  });

  it('a weekend falls back to Friday and says so', async () => {
    const rates = await fx.fetchRates('2025-10-26');
    expect(rates[0]).toMatchObject({ date: '2025-10-24', requestedDate: '2025-10-26' });
    expect(rates[0]?.note).toMatch(/last published rate of 2025-10-24/);
  });

  it('emits a new day only once through the rates stream', async () => {
    let state: Record<string, unknown> | null = null;
    let n = 0;
    for await (const m of fx.read('rates', null)) {
      if (m.type === 'record') n++;
      if (m.type === 'checkpoint') state = m.state;
    }
    expect(n).toBeGreaterThan(20);
    let again = 0;
    for await (const m of fx.read('rates', state)) if (m.type === 'record') again++;
    expect(again).toBe(0);
  });
});
