import { describe, expect, it } from 'vitest';
import { Order, Product } from '@megzo/domain';
import { compileMapping } from '../compile.ts';
import { evaluate } from '../evaluate.ts';
import { BNR_2025_10_21 } from '../test-helpers.ts';
import { assembleCdonArticle } from './catalog.ts';
import { DEFAULT_MAPPINGS } from './index.ts';
import type { MarketCode } from '../types.ts';

const product = Product.parse({
  sku: 'ART-000123', name: 'Căşti wireless <b>X1</b>', description: '<p>Sunet &amp; bass, anulare zgomot</p>', ean: '5941234567890', brand: 'X',
  categoryCode: 'AUDIO', netPrice: '100.00', currency: 'RON', vatRate: '21.00', images: ['https://img/x1.jpg'], updatedAt: '2025-10-21T09:12:00+03:00',
  raw: { titles: { 'sv-SE': 'Trådlösa hörlurar X1' } },
});

const MARKETS: Array<[MarketCode, string, number]> = [['SE', 'SEK', 25], ['DK', 'DKK', 25], ['FI', 'EUR', 25.5], ['NO', 'NOK', 25]];

describe('default catalog mapping: Charisma item → CDON article', () => {
  it('produces the C.4 prices with market endings and assembles one article', async () => {
    const { content, targets } = DEFAULT_MAPPINGS.catalog;
    const compiled = compileMapping(content, { targets });
    const perMarket = [];
    for (const [market, currency, vatRate] of MARKETS) {
      const res = await evaluate(compiled, product, { market, currency, vatRate, date: '2025-10-21', fx: BNR_2025_10_21 });
      expect(res.errors).toEqual([]);
      perMarket.push({ market, output: res.output });
    }
    expect(perMarket.map((m) => (m.output.price as { amount_including_vat: number }).amount_including_vat)).toEqual([270, 184, 24.9, 288]);
    expect(assembleCdonArticle(perMarket)).toEqual({
      sku: 'ART-000123', status: 'for sale', main_image: 'https://img/x1.jpg', markets: ['SE', 'DK', 'FI', 'NO'],
      title: [
        { language: 'sv-SE', value: 'Trådlösa hörlurar X1' }, { language: 'da-DK', value: 'Căști wireless X1' },
        { language: 'fi-FI', value: 'Căști wireless X1' }, { language: 'nb-NO', value: 'Căști wireless X1' },
      ],
      description: ['sv-SE', 'da-DK', 'fi-FI', 'nb-NO'].map((language) => ({ language, value: 'Sunet & bass, anulare zgomot' })),
      price: [
        { market: 'SE', value: { amount_including_vat: 270, currency: 'SEK', vat_rate: 0.25 } },
        { market: 'DK', value: { amount_including_vat: 184, currency: 'DKK', vat_rate: 0.25 } },
        { market: 'FI', value: { amount_including_vat: 24.9, currency: 'EUR', vat_rate: 0.255 } },
        { market: 'NO', value: { amount_including_vat: 288, currency: 'NOK', vat_rate: 0.25 } },
      ],
      shipping_time: [{ market: 'SE', min: 2, max: 5 }, { market: 'DK', min: 2, max: 5 }, { market: 'FI', min: 3, max: 6 }, { market: 'NO', min: 3, max: 6 }],
      gtin: '5941234567890', category: '1124', brand: 'X',
    });
  });

  it('never maps quantity, and pauses inactive items', async () => {
    const { content, targets } = DEFAULT_MAPPINGS.catalog;
    expect(content.rules.some((r) => r.target === 'quantity')).toBe(false);
    const res = await evaluate(compileMapping(content, { targets }), { ...product, active: false }, { market: 'SE', currency: 'SEK', vatRate: 25, date: '2025-10-21', fx: BNR_2025_10_21 });
    expect(res.output.status).toBe('paused');
  });
});

const order = Order.parse({
  channelOrderId: '400123456', customerOrderId: '9f1c2a', market: 'NO', status: 'created', createdAt: '2025-10-21T14:03:11+02:00', currency: 'NOK',
  lines: [
    { lineId: '400123456-1', sku: 'ART-000123', title: 'Hodetelefoner X1', quantity: 2, netAmount: '460.19', vatAmount: '115.05', vatRate: '0.25', currency: 'NOK' },
  ],
  totalNet: '460.19', totalVat: '115.05',
  customer: { name: 'Ola Nordmann', street: 'Storgata 1', postalCode: '0155', city: 'Oslo', country: 'NO', phone: '+4791234567' },
  shipTo: { name: 'Ola Nordmann', street: 'Storgata 1', postalCode: '0155', city: 'Oslo', country: 'Norge' },
});

describe('default order mappings', () => {
  it('CDON order → Charisma sales order', async () => {
    const { content, targets } = DEFAULT_MAPPINGS.salesOrder;
    const res = await evaluate(compileMapping(content, { targets }), order, { vars: { warehouse: 'DEP02' } });
    expect(res.errors).toEqual([]);
    expect(res.output).toEqual({
      externalRef: 'CDON-NO-400123456', channel: 'CDON', market: 'NO', orderDate: '2025-10-21T14:03:11+02:00', currency: 'NOK', pricesIncludeVat: true,
      partner: { externalRef: 'cdon:NO:customer:9f1c2a' },
      shippingAddress: { name: 'Ola Nordmann', street: 'Storgata 1', city: 'Oslo', postalCode: '0155', country: 'NO', phone: '+4791234567' },
      warehouse: 'DEP02',
      lines: [{ lineNo: 1, externalLineRef: '400123456-1', itemCode: 'ART-000123', quantity: '2.000', unit: 'BUC', unitPrice: '287.62', vatCode: 'VOEC-NO-25', vatRate: '25.00', discount: '0.00' }],
      notes: 'CDON order 400123456',
    });
  });

  it('order → DHL shipment (NO is customs-declarable with a declared value)', async () => {
    const { content, targets } = DEFAULT_MAPPINGS.shipment;
    const shipper = { postalAddress: { postalCode: '077190', cityName: 'Voluntari', countryCode: 'RO', addressLine1: 'Sos. Exemplu 10' } };
    const res = await evaluate(compileMapping(content, { targets }), order, { date: '2025-10-22', vars: { dhlAccount: 123456789, shipper, parcelWeightKg: '0.6' } });
    expect(res.errors).toEqual([]);
    expect(res.output).toMatchObject({
      plannedShippingDateAndTime: '2025-10-22T15:00:00 GMT+03:00', pickup: { isRequested: false }, productCode: 'P',
      accounts: [{ typeCode: 'shipper', number: '123456789' }], customerReferences: [{ value: 'CDON-NO-400123456', typeCode: 'CU' }],
      customerDetails: {
        shipperDetails: shipper,
        receiverDetails: {
          postalAddress: { postalCode: '0155', cityName: 'Oslo', countryCode: 'NO', addressLine1: 'Storgata 1' },
          contactInformation: { phone: '+4791234567', companyName: 'Ola Nordmann', fullName: 'Ola Nordmann' },
          typeCode: 'private',
        },
      },
      content: {
        packages: [{ weight: 0.6, customerReferences: [{ value: 'CDON-NO-400123456', typeCode: 'CU' }] }],
        isCustomsDeclarable: true, description: 'Hodetelefoner X1', incoterm: 'DAP', unitOfMeasurement: 'metric', declaredValue: 575.24, declaredValueCurrency: 'NOK',
      },
    });
  });

  it('a missing shipper setting fails the record with the field named', async () => {
    const { content, targets } = DEFAULT_MAPPINGS.shipment;
    const res = await evaluate(compileMapping(content, { targets }), order, { date: '2025-10-22', vars: {} });
    expect(res.ok).toBe(false);
    expect(res.errors).toEqual([{ target: 'customerDetails.shipperDetails', code: 'REQUIRED', message: 'is required but the rule produced no value' }]);
  });
});
