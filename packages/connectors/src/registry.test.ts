import { describe, expect, it } from 'vitest';
import { ConfigError } from '@megzo/domain';
import { connectorIds, getConnector, listConnectors, redactConfig } from './registry.ts';

describe('registry', () => {
  it('lists every connector with a JSON-schema config whose secret fields are flagged', () => {
    const list = listConnectors();
    expect(list.map((c) => c.id)).toEqual(['erp-charisma', 'marketplace-cdon', 'courier-dhl', 'fx-bnr', 'fx-ecb']);
    expect(connectorIds()).toEqual(list.map((c) => c.id));
    const cdon = list.find((c) => c.id === 'marketplace-cdon')!;
    expect(cdon.kind).toBe('marketplace');
    expect(cdon.secretFields).toEqual(['token']);
    const props = (cdon.configSchema as { properties: Record<string, Record<string, unknown>> }).properties;
    expect(props.token).toMatchObject({ type: 'string', secret: true, writeOnly: true });
    expect(props.merchantId?.secret).toBeUndefined();
    expect(list.find((c) => c.id === 'erp-charisma')?.secretFields).toEqual(['clientSecret', 'apiKey']);
    expect(list.find((c) => c.id === 'courier-dhl')?.secretFields).toEqual(['password', 'trackingApiKey']);
  });

  it('throws a ConfigError for an unknown id', () => {
    expect(() => getConnector('erp-nope')).toThrow(ConfigError);
  });

  it('strips secrets from a config for the API', () => {
    const redacted = redactConfig('marketplace-cdon', { baseUrl: 'https://x/api', merchantId: 'm', token: 's3cret' });
    expect(redacted).toEqual({ baseUrl: 'https://x/api', merchantId: 'm' });
  });

  it('names the offending field of a bad config', async () => {
    const err = await getConnector('courier-dhl').check({ username: 'u' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).path).toBeTruthy();
  });
});
