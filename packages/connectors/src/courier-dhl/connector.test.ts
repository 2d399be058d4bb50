import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, SANDBOX_CREDENTIALS } from '@megzo/sandbox';
import { ConfigError, RecordError, TransientError } from '@megzo/domain';
import { runConnectorContract } from '../testing/contract.ts';
import type { CourierConnectorInstance, ShipmentInput } from '../contract/kinds.ts';
import { LimiterRegistry } from '../kit/limiter.ts';
import { dhlConnector } from './index.ts';
import { describe as describeError } from './client.ts';
import { plannedTime, statusOf } from './shipments.ts';

type Sandbox = Awaited<ReturnType<typeof startSandbox>>;
const D = SANDBOX_CREDENTIALS.dhl;

const cfg = (sb: Sandbox, extra: Record<string, unknown> = {}) => ({
  baseUrl: `${sb.urls.dhl}/mydhlapi`,
  trackingBaseUrl: `${sb.urls.dhl}/track`,
  username: D.username,
  password: D.password,
  accountNumber: D.accountNumber,
  shipper: { companyName: 'EXEMPLU DISTRIBUTIE SRL', fullName: 'Depozit', phone: '+40210000000', addressLine1: 'Sos. Exemplu 10', postalCode: '077190', cityName: 'Voluntari', vatNumber: 'RO13845929' },
  ...extra,
});

async function now(sb: Sandbox): Promise<string> {
  return ((await (await fetch(`${sb.urls.dhl}/_sandbox/clock`)).json()) as { now: string }).now;
}

async function shipmentsFor(sb: Sandbox, reference: string): Promise<number> {
  const body = (await (await fetch(`${sb.urls.dhl}/_sandbox/shipments`)).json()) as { shipments: Array<{ references: unknown }> };
  return body.shipments.filter((s) => JSON.stringify(s.references).includes(reference)).length;
}

const shipment = (reference: string, at: string, country = 'SE'): ShipmentInput => ({
  reference,
  plannedShipAt: at,
  receiver: { name: 'Anna Svensson', street: 'Storgatan 1', postalCode: country === 'NO' ? '0150' : '21142', city: country === 'NO' ? 'Oslo' : 'Malmö', country, phone: '+46701234567' },
  packages: [{ weightKg: 0.6, lengthCm: 22, widthCm: 17, heightCm: 10 }],
  description: 'Headphones',
});

let contractSb: Sandbox;
runConnectorContract<CourierConnectorInstance>({
  features: { read: false, write: true },
  connector: dhlConnector,
  async setup() {
    contractSb = await startSandbox({ ports: { cdon: 0, charisma: 0, dhl: 0, fx: 0 }, products: 5, seed: 1, articleProcessingDelayMs: 0 });
    const sb = contractSb;
    const first = await dhlConnector.open(cfg(sb), { limiters: new LimiterRegistry() }).createShipment(shipment('CDON-SE-PROBE', await now(sb)));
    const at = await now(sb);
    return {
      config: cfg(sb),
      badCredentials: cfg(sb, { password: 'wrong' }),
      controlUrl: sb.urls.dhl,
      faultPath: `/mydhlapi/shipments/${first.awb}`,
      probe: (i) => i.track(first.awb),
      write: {
        path: 'POST /mydhlapi/shipments',
        perform: (i) => i.createShipment(shipment('CDON-SE-LOST-1', at)),
        count: () => shipmentsFor(sb, 'CDON-SE-LOST-1'),
      },
    };
  },
  teardown: () => contractSb.close(),
});

describe('courier-dhl specifics', () => {
  let sb: Sandbox;
  let dhl: CourierConnectorInstance;
  beforeAll(async () => {
    sb = await startSandbox({ ports: { cdon: 0, charisma: 0, dhl: 0, fx: 0 }, products: 5, seed: 3, articleProcessingDelayMs: 0 });
    dhl = dhlConnector.open(cfg(sb), { limiters: new LimiterRegistry() });
  });
  afterAll(() => sb.close());

  it('creates a shipment: 10-digit AWB and a PDF label', async () => {
    const s = await dhl.createShipment(shipment('CDON-SE-1', await now(sb)));
    expect(s.awb).toMatch(/^\d{10}$/);
    expect(Buffer.from(s.labelPdfBase64 ?? '', 'base64').subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('tracks through the checkpoints to delivered, with MyDHL and with Unified Tracking', async () => {
    const s = await dhl.createShipment(shipment('CDON-SE-2', await now(sb)));
    expect((await dhl.track(s.awb)).status).toBe('pre-transit');
    await fetch(`${sb.urls.dhl}/_sandbox/clock/advance`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ seconds: 3 * 3600 }) });
    const picked = await dhl.track(s.awb);
    expect(picked.status).toBe('transit');
    expect(picked.events[0]?.code).toBe('PU');
    await fetch(`${sb.urls.dhl}/_sandbox/clock/advance`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ seconds: 60 * 3600 }) });
    expect((await dhl.track(s.awb)).status).toBe('delivered');
    const unified = dhlConnector.open(cfg(sb, { trackingApiKey: D.trackingApiKey, trackingRequestsPerSecond: 50 }), { limiters: new LimiterRegistry() });
    const u = await unified.track(s.awb);
    expect(u.status).toBe('delivered');
    expect(u.events.length).toBeGreaterThan(3);
  });

  it('a new AWB is not yet visible on Unified Tracking: a record error, not a crash', async () => {
    const unified = dhlConnector.open(cfg(sb, { trackingApiKey: D.trackingApiKey, trackingRequestsPerSecond: 50 }), { limiters: new LimiterRegistry() });
    const s = await dhl.createShipment(shipment('CDON-SE-3', await now(sb)));
    const err = await unified.track(s.awb).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RecordError);
    expect((err as RecordError).code).toBe('NOT_FOUND');
  });

  it('rejects bad input as record errors naming the field; a wrong account is a configuration error', async () => {
    const at = await now(sb);
    const local = await dhl.createShipment({ ...shipment('CDON-SE-4', at), packages: [] }).catch((e: unknown) => e);
    expect((local as RecordError).path).toBe('packages');
    const toNo = await dhl.createShipment(shipment('CDON-NO-1', at, 'NO')).catch((e: unknown) => e);
    expect((toNo as RecordError).path).toBe('customsLines');
    const past = await dhl.createShipment(shipment('CDON-SE-5', '2020-01-01T10:00:00Z')).catch((e: unknown) => e);
    expect(past).toBeInstanceOf(RecordError);
    expect((past as RecordError).code).toMatch(/^DHL_99\d$/);
    const wrongAccount = dhlConnector.open(cfg(sb, { accountNumber: '999999999' }), { limiters: new LimiterRegistry() });
    await expect(wrongAccount.createShipment(shipment('CDON-SE-6', at))).rejects.toBeInstanceOf(ConfigError);
  });

  it('creates a customs-declarable shipment to Norway with export lines', async () => {
    const s = await dhl.createShipment({
      ...shipment('CDON-NO-2', await now(sb), 'NO'),
      customsLines: [{ description: 'Headphones', quantity: 1, price: 45, hsCode: '85183000', originCountry: 'CN', weightKg: 0.5 }],
      declaredValue: 45,
      declaredValueCurrency: 'EUR',
      invoice: { number: 'FCT 0004567', date: '2025-10-22' },
    });
    expect(s.awb).toMatch(/^\d{10}$/);
  });

  it('does not re-send a create after an ambiguous failure', async () => {
    await fetch(`${sb.urls.dhl}/_sandbox/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ path: 'POST /mydhlapi/shipments', rate5xx: 1, status5xx: 500, count: 1 }) });
    const err = await dhl.createShipment(shipment('CDON-SE-7', await now(sb))).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TransientError);
    expect((err as TransientError).code).toBe('AMBIGUOUS_WRITE');
  });

  it('parses DHL error shapes and maps checkpoint codes', () => {
    expect(describeError({ detail: "998: ShipTimeStamp is not well formatted.", status: '400' })).toMatchObject({ code: '998' });
    expect(describeError({ detail: '#/customerDetails/shipperDetails: required key [countryCode] not found' }).path).toBe('customerDetails.shipperDetails');
    expect(describeError({ reasons: [{ msg: 'Invalid Credentials' }] }).message).toBe('Invalid Credentials');
    expect(statusOf(undefined)).toBe('pre-transit');
    expect(statusOf('WC')).toBe('transit');
    expect(statusOf('OK')).toBe('delivered');
    expect(statusOf('RT')).toBe('failure');
    expect(plannedTime('2025-10-22T12:00:00Z', '+03:00')).toBe('2025-10-22T15:00:00 GMT+03:00');
  });

  it('an exception script (bad address → returned) ends as failure', async () => {
    const s = await dhl.createShipment(shipment('CDON-SE-BA', await now(sb)));
    await fetch(`${sb.urls.dhl}/_sandbox/shipments/${s.awb}/script`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ script: 'BA' }) });
    await fetch(`${sb.urls.dhl}/_sandbox/clock/advance`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ seconds: 70 * 3600 }) });
    const t = await dhl.track(s.awb);
    expect(t.status).toBe('failure');
    expect(t.events.map((e) => e.code)).toContain('BA');
  });
});
