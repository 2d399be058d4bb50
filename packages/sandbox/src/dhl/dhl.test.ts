/* eslint-disable @typescript-eslint/no-explicit-any -- JSON responses are inspected loosely in tests */
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildDhlServer } from './server.ts';
import { SANDBOX_CREDENTIALS } from '../credentials.ts';
import { basic, call, listen } from '../test-helpers.ts';

const D = SANDBOX_CREDENTIALS.dhl;
const srv = buildDhlServer();
let base = '';
let my = '';
const auth = { authorization: basic(D.username, D.password), 'x-version': '3.1.0' };
const trackKey = { 'DHL-API-Key': D.trackingApiKey };
beforeAll(async () => {
  base = await listen(srv.app);
  my = `${base}/mydhlapi/test`;
});
afterAll(() => srv.app.close());
beforeEach(async () => {
  await call(`${base}/_sandbox/reset`, { method: 'POST' });
});

function planned(offsetDays = 1): string {
  const d = new Date(Date.now() + offsetDays * 86_400_000);
  return `${d.toISOString().slice(0, 10)}T15:00:00 GMT+02:00`;
}
const shipment = (to = 'SE', extra: Record<string, unknown> = {}): Record<string, any> => ({
  plannedShippingDateAndTime: planned(), pickup: { isRequested: false }, productCode: 'P',
  accounts: [{ typeCode: 'shipper', number: D.accountNumber }],
  outputImageProperties: { encodingFormat: 'pdf', imageOptions: [{ typeCode: 'label', templateName: 'ECOM26_84_001' }] },
  customerReferences: [{ value: 'CDON-SE-400123456', typeCode: 'CU' }],
  customerDetails: {
    shipperDetails: { postalAddress: { postalCode: '077190', cityName: 'Voluntari', countryCode: 'RO', addressLine1: 'Șos. Exemplu 10' }, contactInformation: { phone: '+40210000000', companyName: 'EXEMPLU DISTRIBUTIE SRL', fullName: 'Depozit' } },
    receiverDetails: { postalAddress: { postalCode: '21142', cityName: 'Malmö', countryCode: to, addressLine1: 'Storgatan 1' }, contactInformation: { phone: '+46701234567', companyName: 'Anna Svensson', fullName: 'Anna Svensson' } },
  },
  content: { packages: [{ weight: 0.6, dimensions: { length: 22, width: 17, height: 10 } }], isCustomsDeclarable: false, description: 'Headphones', incoterm: 'DAP', unitOfMeasurement: 'metric' },
  ...extra,
});
const create = (body: unknown, headers: Record<string, string> = auth, query = '') => call(`${my}/shipments${query}`, { method: 'POST', headers, json: body });
const advance = (seconds: number) => call(`${base}/_sandbox/clock/advance`, { method: 'POST', json: { seconds } });
const track = (awb: string, q = '&service=express') => call(`${base}/track/shipments?trackingNumber=${awb}${q}`, { headers: trackKey });

describe('MyDHL create shipment', () => {
  it('creates a shipment with a 10-digit AWB, piece ids and a real base64 PDF label', async () => {
    const r = await create(shipment());
    expect(r.status).toBe(201);
    expect(r.headers.get('invocation-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(r.headers.get('message-reference')).toBeTruthy();
    expect(r.body.shipmentTrackingNumber).toMatch(/^\d{10}$/);
    const awb = r.body.shipmentTrackingNumber as string;
    expect(Number(awb.slice(0, 9)) % 7).toBe(Number(awb[9]));
    expect(r.body.packages[0].trackingNumber).toMatch(/^JD01\d{16}$/);
    expect(r.body.documents[0]).toMatchObject({ imageFormat: 'PDF', typeCode: 'label' });
    expect(r.body.documents[0].content.startsWith('JVBERi0')).toBe(true);
    const pdf = await PDFDocument.load(Buffer.from(r.body.documents[0].content, 'base64'));
    expect(pdf.getTitle()).toBe(`DHL EXPRESS ${awb}`);
    expect(r.body.dispatchConfirmationNumber).toBeUndefined();
    const second = await create(shipment());
    expect(second.body.shipmentTrackingNumber).not.toBe(awb);
    expect((await call(`${base}/_sandbox/shipments`)).body.shipments).toHaveLength(2);
  });
  it('honours zpl, extra documents, pickup, rate estimates, EDD, validateDataOnly and echoes Message-Reference', async () => {
    const r = await create(shipment('SE', {
      pickup: { isRequested: true, closeTime: '18:00', location: 'reception' },
      outputImageProperties: { encodingFormat: 'zpl', imageOptions: [{ typeCode: 'label' }, { typeCode: 'waybillDoc', isRequested: true }] },
      getRateEstimates: true, estimatedDeliveryDate: { isRequested: true, typeCode: 'QDDC' },
    }), { ...auth, 'Message-Reference': 'ref-123' });
    expect(r.status).toBe(201);
    expect(r.headers.get('message-reference')).toBe('ref-123');
    expect(Buffer.from(r.body.documents[0].content, 'base64').toString()).toMatch(/^\^XA/);
    expect(r.body.documents[1]).toMatchObject({ typeCode: 'waybillDoc', imageFormat: 'PDF' });
    expect(r.body.dispatchConfirmationNumber).toMatch(/^PRG/);
    expect(r.body.shipmentCharges[0].priceCurrency).toBe('EUR');
    expect(r.body.estimatedDeliveryDate.estimatedDeliveryType).toBe('QDDC');
    const v = await create(shipment(), auth, '?validateDataOnly=true');
    expect(v.status).toBe(200);
    expect(v.body).toEqual({ warnings: [] });
    expect((await call(`${base}/_sandbox/shipments`)).body.shipments).toHaveLength(1);
  });
  it('requires Basic auth and x-version', async () => {
    const r = await create(shipment(), { authorization: basic(D.username, 'bad'), 'x-version': '3.1.0' });
    expect(r.status).toBe(401);
    expect(r.body.reasons[0].msg).toBe('Invalid Credentials');
    expect(r.body.details.msgId).toBeTruthy();
    const nov = await create(shipment(), { authorization: auth.authorization });
    expect(nov.status).toBe(400);
    expect(nov.body.status).toBe('400');
  });
  it('answers schema problems with 422 and JSON-pointer details', async () => {
    const body = shipment();
    delete body.productCode;
    delete body.customerDetails.shipperDetails.postalAddress.countryCode;
    body.content.packages[0].weight = 'heavy';
    const r = await create(body);
    expect(r.status).toBe(422);
    expect(r.body).toMatchObject({ title: 'Validation error', message: 'Unprocessable Entity', status: '422' });
    expect(r.body.detail).toContain('#: required key [productCode] not found');
    expect(r.body.detail).toContain('#/customerDetails/shipperDetails/postalAddress: required key [countryCode] not found');
    expect(r.body.detail).toContain('#/content/packages/0/weight: expected type: Number');
    const garbage = await call(`${my}/shipments`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: '{oops' });
    expect(garbage.status).toBe(400);
  });
  it.each([
    ['date format', { plannedShippingDateAndTime: '2025-10-22 15:00' }, '998:'],
    ['date in the past', { plannedShippingDateAndTime: planned(-3) }, '997:'],
    ['date too far ahead', { plannedShippingDateAndTime: planned(12) }, '996:'],
    ['account', { accounts: [{ typeCode: 'shipper', number: '999999999' }] }, '1001:'],
    ['product on lane', { productCode: 'N' }, '7006:'],
    ['service on lane', { valueAddedServices: [{ serviceCode: 'DD' }] }, '7008:'],
    ['customs without declaration', { content: { ...shipment().content, isCustomsDeclarable: true } }, '4036:'],
  ])('answers a business error (%s) with 400 and a numeric detail', async (_n, patch, prefix) => {
    const r = await create(shipment('SE', patch));
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ title: 'Bad request', message: 'Bad request', status: '400' });
    expect(r.body.detail.startsWith(prefix)).toBe(true);
  });
  it('requires customs for Norway and accepts a complete declaration', async () => {
    const no = await create(shipment('NO'));
    expect(no.body.detail.startsWith('4035:')).toBe(true);
    const ok = await create(shipment('NO', {
      valueAddedServices: [{ serviceCode: 'DD' }],
      content: { ...shipment().content, isCustomsDeclarable: true, declaredValue: 120, declaredValueCurrency: 'EUR', exportDeclaration: { lineItems: [], invoice: { number: 'FCT 1', date: '2026-11-20' } } },
    }));
    expect(ok.status).toBe(201);
  });
});

describe('MyDHL products and rates', () => {
  it('lists the products of a lane, with prices on /rates', async () => {
    const q = `accountNumber=${D.accountNumber}&originCountryCode=RO&originCityName=Voluntari&destinationCountryCode=SE&destinationCityName=Malmo&weight=0.6&length=22&width=17&height=10&plannedShippingDate=2026-11-30&isCustomsDeclarable=false&unitOfMeasurement=metric`;
    const p = await call(`${my}/products?${q}`, { headers: auth });
    expect(p.body.products.map((x: any) => x.productCode)).toEqual(['P', 'U', 'T']);
    expect(p.body.products[0].totalPrice).toBeUndefined();
    const r = await call(`${my}/rates?${q}`, { headers: auth });
    expect(r.body.products[0].totalPrice[0]).toMatchObject({ currencyType: 'BILLC', priceCurrency: 'EUR' });
    expect(r.body.products[0].deliveryCapabilities.estimatedDeliveryDateAndTime).toBe('2026-12-02T23:59:00');
    const no = await call(`${my}/rates?${q.replace('destinationCountryCode=SE', 'destinationCountryCode=NO')}`, { headers: auth });
    expect(no.body.products.map((x: any) => x.productCode)).not.toContain('U');
    const missing = await call(`${my}/rates?accountNumber=${D.accountNumber}`, { headers: auth });
    expect(missing.status).toBe(400);
    expect(missing.body.detail).toContain('originCountryCode');
  });
});

describe('DHL tracking', () => {
  it('progresses checkpoints on the sandbox clock through both APIs', async () => {
    const awb = (await create(shipment('SE'))).body.shipmentTrackingNumber as string;
    let t = await call(`${my}/shipments/${awb}/tracking`, { headers: auth });
    expect(t.body.shipments[0]).toMatchObject({ shipmentTrackingNumber: awb, status: 'Success', events: [] });
    const hidden = await track(awb);
    expect(hidden.status).toBe(404);
    expect(hidden.headers.get('content-type')).toContain('application/problem+json');
    expect(hidden.body).toEqual({ title: 'No result found', status: 404, detail: 'No shipment with given tracking number found.', instance: `/shipment/${awb}` });
    await advance(16 * 60);
    let u = await track(awb);
    expect(u.body.shipments[0].status.statusCode).toBe('pre-transit');
    await advance(3 * 3600);
    u = await track(awb);
    expect(u.body.shipments[0].status).toMatchObject({ statusCode: 'transit', description: 'Shipment picked up' });
    await advance(48 * 3600);
    u = await track(awb);
    expect(u.body.shipments[0].status.statusCode).toBe('delivered');
    expect(u.body.shipments[0].events[0].description).toBe('Delivered');
    t = await call(`${my}/tracking?shipmentTrackingNumber=${awb}&shipmentTrackingNumber=0000000000`, { headers: auth });
    expect(t.body.shipments[0].events.map((e: any) => e.typeCode)).toEqual(['OK', 'WC', 'AR', 'DF', 'PL', 'AF', 'DF', 'PL', 'PU']);
    expect(t.body.shipments[0].events[0].signedBy).toBe('Anna Svensson');
    const pod = await call(`${my}/shipments/${awb}/proof-of-delivery`, { headers: auth });
    expect(pod.body.documents[0]).toMatchObject({ encodingFormat: 'PDF', typeCode: 'POD' });
    expect((await track(awb, '&service=parcel-de')).status).toBe(404);
  });
  it('adds clearance on the NO lane and runs exception scripts', async () => {
    const body = shipment('NO', { content: { ...shipment().content, isCustomsDeclarable: true, declaredValue: 50, declaredValueCurrency: 'EUR', exportDeclaration: { lineItems: [] } } });
    const awb = (await create(body)).body.shipmentTrackingNumber as string;
    await call(`${base}/_sandbox/shipments/${awb}/script`, { method: 'POST', json: { script: 'BA' } });
    await advance(100 * 3600);
    const t = await call(`${my}/shipments/${awb}/tracking`, { headers: auth });
    const codes = t.body.shipments[0].events.map((e: any) => e.typeCode);
    expect(codes).toContain('IC');
    expect(codes.slice(0, 2)).toEqual(['RT', 'BA']);
    expect((await track(awb)).body.shipments[0].status.statusCode).toBe('failure');
    expect((await call(`${my}/shipments/${awb}/proof-of-delivery`, { headers: auth })).status).toBe(404);
    expect((await call(`${base}/_sandbox/shipments/${awb}/script`, { method: 'POST', json: { script: 'lost' } })).status).toBe(400);
  });
  it('steps one shipment with the advance hook', async () => {
    const awb = (await create(shipment())).body.shipmentTrackingNumber as string;
    const r = await call(`${base}/_sandbox/shipments/${awb}/advance`, { method: 'POST' });
    expect(r.body).toEqual({ awb, moved: true, lastEvent: 'PU' });
    expect((await call(`${base}/_sandbox/shipments`)).body.shipments[0].lastEvent).toBe('PU');
  });
  it('answers unknown AWBs with 404 and too many numbers with 400', async () => {
    const r = await call(`${my}/shipments/1234567890/tracking`, { headers: auth });
    expect(r.status).toBe(404);
    expect(r.body.title).toBe('Not data found');
    const many = Array.from({ length: 201 }, (_, i) => `shipmentTrackingNumber=${i}`).join('&');
    expect((await call(`${my}/tracking?${many}`, { headers: auth })).status).toBe(400);
    expect((await call(`${my}/tracking`, { headers: auth })).status).toBe(400);
  });
  it('enforces the Unified API key and the daily quota with 429 Retry-After', async () => {
    expect((await call(`${base}/track/shipments?trackingNumber=1`, { headers: { 'DHL-API-Key': 'nope' } })).status).toBe(401);
    await call(`${base}/_sandbox/config`, { method: 'POST', json: { dailyQuota: 3 } });
    for (let i = 0; i < 3; i += 1) expect((await track('1')).status).toBe(404);
    const limited = await track('1');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(limited.body.status).toBe(429);
    await advance(86_400);
    expect((await track('1')).status).toBe(404);
    await call(`${base}/_sandbox/config`, { method: 'POST', json: { minIntervalMs: 5000 } });
    await track('1');
    expect((await track('1')).status).toBe(429);
  });
  it('books and cancels pickups', async () => {
    const r = await call(`${my}/pickups`, { method: 'POST', headers: auth, json: { plannedPickupDateAndTime: planned(), accounts: [{ typeCode: 'shipper', number: D.accountNumber }], customerDetails: {} } });
    expect(r.status).toBe(201);
    const n = r.body.dispatchConfirmationNumbers[0];
    expect((await call(`${my}/pickups/${n}?requestorName=Ana&reason=no`, { method: 'DELETE', headers: auth })).status).toBe(200);
    expect((await call(`${my}/pickups/${n}?requestorName=Ana&reason=no`, { method: 'DELETE', headers: auth })).status).toBe(404);
    expect((await call(`${my}/pickups`, { method: 'POST', headers: auth, json: {} })).status).toBe(422);
  });
});
