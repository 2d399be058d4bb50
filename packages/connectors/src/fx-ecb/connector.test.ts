import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox } from '@megzo/sandbox';
import { runConnectorContract } from '../testing/contract.ts';
import type { FxConnectorInstance } from '../contract/kinds.ts';
import { LimiterRegistry } from '../kit/limiter.ts';
import { ecbToRon, parseEcb } from '../fx-common/parse.ts';
import { ecbConnector } from './index.ts';

type Sandbox = Awaited<ReturnType<typeof startSandbox>>;

let contractSb: Sandbox;
runConnectorContract<FxConnectorInstance>({
  features: { read: true, write: false },
  connector: ecbConnector,
  async setup() {
    contractSb = await startSandbox({ ports: { cdon: 0, charisma: 0, dhl: 0, fx: 0 }, products: 5, seed: 1, articleProcessingDelayMs: 0 });
    const sb = contractSb;
    return {
      config: { baseUrl: `${sb.urls.fx}/ecb` },
      badCredentials: { baseUrl: `${sb.urls.fx}/not-ecb` },
      controlUrl: sb.urls.fx,
      faultPath: '/ecb/eurofxref-daily.xml',
      probe: (i) => i.fetchRates(),
      read: {
        stream: 'rates',
        expectedKeys: async () => {
          const day = parseEcb(await (await fetch(`${sb.urls.fx}/ecb/eurofxref-daily.xml`)).text())[0]!;
          return ecbToRon(day).map((r) => `${r.currency}@${r.date}`);
        },
      },
    };
  },
  teardown: () => contractSb.close(),
});

describe('fx-ecb specifics', () => {
  let sb: Sandbox;
  beforeAll(async () => {
    sb = await startSandbox({ ports: { cdon: 0, charisma: 0, dhl: 0, fx: 0 }, products: 5, seed: 1, articleProcessingDelayMs: 0 });
  });
  afterAll(() => sb.close());

  it('returns RON cross-rates for a past day from the history files', async () => {
    const fx = ecbConnector.open({ baseUrl: `${sb.urls.fx}/ecb` }, { limiters: new LimiterRegistry() });
    const rates = await fx.fetchRates('2025-10-21');
    expect(rates.find((r) => r.currency === 'SEK')).toMatchObject({ value: '0.4649321', date: '2025-10-21', source: 'ECB' });
    expect(rates.find((r) => r.currency === 'EUR')?.value).toBe('5.0838');
  });
});
