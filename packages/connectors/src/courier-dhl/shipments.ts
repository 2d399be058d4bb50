/** MyDHL create shipment (AWB + label) and tracking (MyDHL or Unified) → canonical Shipment. */
import { RecordError, TransientError, type Shipment } from '@megzo/domain';
import { z } from 'zod';
import { ShipmentInput } from '../contract/kinds.ts';
import type { HttpClient } from '../kit/http.ts';
import { validate } from '../kit/validate.ts';
import { SOURCE } from './client.ts';
import type { DhlConfig } from './spec.ts';

const CreateResponse = z.object({
  shipmentTrackingNumber: z.union([z.string(), z.number()]).transform(String),
  trackingUrl: z.string().optional(),
  packages: z.array(z.object({ trackingNumber: z.string().optional() }).loose()).default([]),
  documents: z.array(z.object({ typeCode: z.string(), imageFormat: z.string().optional(), content: z.string() }).loose()).default([]),
}).loose();

const MyDhlTracking = z.object({
  shipments: z.array(
    z.object({
      shipmentTrackingNumber: z.union([z.string(), z.number()]).transform(String),
      status: z.string().optional(),
      events: z.array(z.object({ date: z.string(), time: z.string(), GMTOffset: z.string().optional(), typeCode: z.string(), description: z.string().default('') }).loose()).default([]),
    }).loose(),
  ),
}).loose();

const UnifiedTracking = z.object({
  shipments: z.array(
    z.object({
      id: z.string(),
      status: z.object({ statusCode: z.string(), description: z.string().optional() }).loose().optional(),
      events: z.array(z.object({ timestamp: z.string(), statusCode: z.string().optional(), description: z.string().default('') }).loose()).default([]),
    }).loose(),
  ),
}).loose();

const DELIVERED = new Set(['OK']);
const FAILURE = new Set(['BA', 'RD', 'RT', 'DD', 'DS', 'SS', 'ND', 'CM', 'MS']);

/** DHL Express checkpoint code → Unified-style status. */
export function statusOf(lastCode: string | undefined): string {
  if (!lastCode) return 'pre-transit';
  if (DELIVERED.has(lastCode)) return 'delivered';
  if (FAILURE.has(lastCode)) return 'failure';
  return 'transit';
}

/** ISO timestamp → "YYYY-MM-DDTHH:MM:SS GMT+HH:MM" in the origin's offset (dhl.md §2.4). */
export function plannedTime(iso: string, offset: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new RecordError({ message: `plannedShipAt "${iso}" is not a timestamp`, path: 'plannedShipAt', source: SOURCE });
  const sign = offset.startsWith('-') ? -1 : 1;
  const [h, m] = offset.slice(1).split(':').map(Number);
  const local = new Date(ms + sign * ((h ?? 0) * 60 + (m ?? 0)) * 60_000);
  return `${local.toISOString().slice(0, 19)} GMT${offset}`;
}

export function buildShipmentBody(config: DhlConfig, input: z.output<typeof ShipmentInput>): Record<string, unknown> {
  const r = input.receiver;
  const s = config.shipper;
  const customs = r.country === 'NO' || (input.customsLines?.length ?? 0) > 0;
  if (customs && !input.customsLines?.length) {
    throw new RecordError({ message: `Shipments to ${r.country} are customs-declarable: customsLines are required`, path: 'customsLines', source: SOURCE, recordKey: input.reference });
  }
  const registrationNumbers = [
    ...(s.vatNumber ? [{ typeCode: 'VAT', number: s.vatNumber, issuerCountryCode: s.countryCode }] : []),
    ...(customs && s.voecNumber ? [{ typeCode: 'SDT', number: s.voecNumber, issuerCountryCode: 'NO' }] : []),
  ];
  return {
    plannedShippingDateAndTime: plannedTime(input.plannedShipAt, config.originUtcOffset),
    pickup: { isRequested: false },
    productCode: input.productCode ?? config.productCode,
    accounts: [{ typeCode: 'shipper', number: config.accountNumber }],
    outputImageProperties: { encodingFormat: config.labelFormat, imageOptions: [{ typeCode: 'label', templateName: 'ECOM26_84_001' }] },
    customerReferences: [{ value: input.reference, typeCode: 'CU' }],
    customerDetails: {
      shipperDetails: {
        postalAddress: { postalCode: s.postalCode, cityName: s.cityName, countryCode: s.countryCode, addressLine1: s.addressLine1 },
        contactInformation: { phone: s.phone, companyName: s.companyName, fullName: s.fullName, ...(s.email ? { email: s.email } : {}) },
        ...(registrationNumbers.length ? { registrationNumbers } : {}),
        typeCode: 'business',
      },
      receiverDetails: {
        postalAddress: { postalCode: r.postalCode, cityName: r.city, countryCode: r.country, addressLine1: r.street, ...(r.street2 ? { addressLine2: r.street2 } : {}) },
        contactInformation: { phone: r.phone, companyName: r.company ?? r.name, fullName: r.name, ...(r.email ? { email: r.email } : {}) },
        ...(r.vatNumber ? { registrationNumbers: [{ typeCode: 'VAT', number: r.vatNumber, issuerCountryCode: r.country }] } : {}),
        typeCode: r.business ? 'business' : 'private',
      },
    },
    content: {
      packages: input.packages.map((p) => ({
        weight: p.weightKg,
        ...(p.lengthCm && p.widthCm && p.heightCm ? { dimensions: { length: p.lengthCm, width: p.widthCm, height: p.heightCm } } : {}),
        customerReferences: [{ value: input.reference, typeCode: 'CU' }],
      })),
      isCustomsDeclarable: customs,
      description: input.description,
      incoterm: input.incoterm,
      unitOfMeasurement: 'metric',
      ...(customs
        ? {
            declaredValue: input.declaredValue ?? input.customsLines?.reduce((sum, l) => sum + l.price * l.quantity, 0),
            declaredValueCurrency: input.declaredValueCurrency ?? 'EUR',
            exportDeclaration: {
              lineItems: (input.customsLines ?? []).map((l, i) => ({
                number: i + 1,
                description: l.description.slice(0, 75),
                price: l.price,
                quantity: { value: l.quantity, unitOfMeasurement: 'PCS' },
                ...(l.hsCode ? { commodityCodes: [{ typeCode: 'outbound', value: l.hsCode }] } : {}),
                exportReasonType: 'permanent',
                manufacturerCountry: l.originCountry ?? s.countryCode,
                weight: { netValue: l.weightKg, grossValue: l.weightKg },
              })),
              ...(input.invoice ? { invoice: { number: input.invoice.number, date: input.invoice.date } } : {}),
              exportReasonType: 'permanent',
              shipmentType: 'commercial',
            },
          }
        : {}),
    },
  };
}

export async function trackMyDhl(http: HttpClient, awb: string): Promise<Shipment> {
  const res = await http.request({ method: 'GET', path: `/shipments/${encodeURIComponent(awb)}/tracking`, query: { trackingView: 'all-checkpoints', levelOfDetail: 'shipment' }, schema: MyDhlTracking, recordKey: awb, what: 'MyDHL tracking' });
  const s = res.data.shipments.find((x) => x.shipmentTrackingNumber === awb) ?? res.data.shipments[0];
  if (!s) throw new RecordError({ message: `DHL has no shipment ${awb}`, code: 'NOT_FOUND', source: SOURCE, recordKey: awb });
  const events = s.events
    .map((e) => ({ at: `${e.date}T${e.time}${e.GMTOffset ?? 'Z'}`, code: e.typeCode, description: e.description }))
    .sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  return { awb, carrier: 'DHL', status: statusOf(events.at(-1)?.code), events };
}

export async function trackUnified(http: HttpClient, awb: string): Promise<Shipment> {
  const res = await http.request({ method: 'GET', path: '/shipments', query: { trackingNumber: awb, service: 'express' }, schema: UnifiedTracking, recordKey: awb, what: 'DHL Unified tracking' });
  const s = res.data.shipments.find((x) => x.id === awb);
  if (!s) throw new RecordError({ message: `DHL Unified Tracking has no express shipment ${awb}`, code: 'NOT_FOUND', source: SOURCE, recordKey: awb });
  const events = s.events.map((e) => ({ at: e.timestamp, code: e.statusCode, description: e.description })).sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  return { awb, carrier: 'DHL', status: s.status?.statusCode ?? 'unknown', events };
}

/** MyDHL tracking by customer reference: finds an AWB minted by a request whose answer was lost. */
export async function findByReference(http: HttpClient, config: DhlConfig, reference: string): Promise<string | undefined> {
  const res = await http.request({
    method: 'GET',
    path: '/tracking',
    query: { shipmentReference: reference, shipmentReferenceType: 'customer-reference', shipperAccountNumber: config.accountNumber, trackingView: 'shipment-details-only' },
    schema: MyDhlTracking,
    passStatuses: [404],
    what: 'MyDHL tracking by reference',
  });
  if (res.status === 404) return undefined;
  return (res.data as z.infer<typeof MyDhlTracking>).shipments[0]?.shipmentTrackingNumber;
}

/**
 * DHL has no idempotency (dhl.md §5.4e): a create is never blindly retried after an ambiguous
 * failure (lost response, 5xx). The connector first looks the reference up; only when DHL
 * certainly did not process the request is it sent again.
 */
export async function createShipment(http: HttpClient, config: DhlConfig, raw: unknown): Promise<Shipment> {
  const input = validate(ShipmentInput, raw, { source: SOURCE, what: 'Shipment', category: 'record', recordKey: (raw as { reference?: string })?.reference });
  const body = buildShipmentBody(config, input);
  const send = () => http.request({ method: 'POST', path: '/shipments', json: body, schema: CreateResponse, lane: 'orders', recordKey: input.reference, shape: 'record', what: 'MyDHL create shipment' });
  let res;
  try {
    res = await send();
  } catch (e) {
    if (!(e instanceof TransientError) || e.code === 'NOT_SENT' || e.status === 429 || e.status === 503) throw e;
    let existing: string | undefined;
    try {
      existing = await findByReference(http, config, input.reference);
    } catch {
      existing = undefined;
    }
    if (existing) {
      return { awb: existing, carrier: 'DHL', status: 'pre-transit', events: [], trackingUrl: undefined };
    }
    throw new TransientError({
      message: `DHL may or may not have created a shipment for ${input.reference} (${e.message}); it was not re-sent to avoid a second AWB. Retry after checking the reference.`,
      internalMessage: e.internalMessage,
      code: 'AMBIGUOUS_WRITE',
      source: SOURCE,
      cause: e,
    });
  }
  const label = res.data.documents.find((d) => d.typeCode === 'label');
  return { awb: res.data.shipmentTrackingNumber, carrier: 'DHL', labelPdfBase64: label?.content, trackingUrl: res.data.trackingUrl, status: 'pre-transit', events: [] };
}
